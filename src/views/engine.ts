// The view engine: Handlebars through express-handlebars, with layouts, partials (GOV.UK
// components under partials/govuk/) and the helpers in handlebars-helpers.ts.
import path from 'node:path';
import { create, type ExpressHandlebars } from 'express-handlebars';
import { helpers } from './handlebars-helpers';
import { pageHelpers } from './page-helpers';

export const VIEWS_DIR = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..', 'views');

export function viewEngine(): ExpressHandlebars {
  return create({
    extname: '.hbs',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    partialsDir: path.join(VIEWS_DIR, 'partials'),
    defaultLayout: 'main',
    helpers: { ...helpers, ...pageHelpers },
    // A partial alone on its line must not indent its output: that would add spaces to every
    // line of a textarea's value each time a form is shown again.
    compilerOptions: { preventIndent: true },
  });
}

/** Renders one partial with the given context (used by tests of the GOV.UK partials). */
export async function renderPartial(engine: ExpressHandlebars, name: string, context: object): Promise<string> {
  const partials = (await engine.getPartials()) as Record<string, (ctx: object, options?: object) => string>;
  const partial = partials[name];
  if (!partial) throw new Error(`no partial named ${name}`);
  return partial(context, { helpers: engine.helpers, partials });
}
