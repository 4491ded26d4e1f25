// An Express app that renders views with a given engine and the view cache on, as the production
// app does, and a page rendered by it: for tests that compare two engines' pages byte for byte.
import express from 'express';
import type { ExpressHandlebars } from 'express-handlebars';
import { VIEWS_DIR } from '../../../src/views/engine';

export function viewApp(engine: Pick<ExpressHandlebars, 'engine'>): express.Express {
  const app = express();
  app.engine('hbs', engine.engine);
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', true);
  return app;
}

/** The view rendered with a copy of the context (so no render can change another's). */
export const renderView = (app: express.Express, view: string, context: object): Promise<string> =>
  new Promise<string>((resolve, reject) => app.render(view, structuredClone(context), (error, html) => (error ? reject(error) : resolve(html!))));
