// The view engine: Handlebars through express-handlebars, with layouts, partials (GOV.UK
// components under partials/govuk/) and the helpers in handlebars-helpers.ts.
import path from 'node:path';
import { create, type ExpressHandlebars } from 'express-handlebars';
import { helpers } from './handlebars-helpers';
import { pageHelpers } from './page-helpers';
import { cachedViews } from './cached-views';
import { keptLayout } from './kept-layout';
import { withMemo } from './partial-memo';

export const VIEWS_DIR = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..', 'views');

/** express-handlebars as configured here, before the changes viewEngine makes (below). */
export function handlebarsEngine(): ExpressHandlebars {
  const allHelpers = { ...helpers, ...pageHelpers };
  return create({
    extname: '.hbs',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    partialsDir: path.join(VIEWS_DIR, 'partials'),
    defaultLayout: 'main',
    helpers: allHelpers,
    compilerOptions: {
      // A partial alone on its line must not indent its output: that would add spaces to every
      // line of a textarea's value each time a form is shown again.
      preventIndent: true,
      // Our helpers always exist, so templates call them directly instead of looking them up.
      knownHelpers: Object.fromEntries(Object.keys(allHelpers).map((name) => [name, true])),
    },
  });
}

/** `memo: false` renders every partial and the layout each time (to show the kept HTML is the same). */
export function viewEngine({ memo = true }: { memo?: boolean } = {}): ExpressHandlebars {
  const engine = handlebarsEngine();
  // With the view cache on (production), express-handlebars still looks up every partial file,
  // a promise each, on every render; the compiled partials never change then, so look them up
  // once. Some partials keep their rendered HTML per context (partial-memo.ts): for the life of
  // the engine with the view cache on, for one render without it (the partials are read again).
  const getPartials = engine.getPartials.bind(engine);
  const memoised = (options?: Parameters<typeof getPartials>[0]) => getPartials(options).then((partials) => (memo ? withMemo(partials) : partials));
  let cached: ReturnType<typeof getPartials> | undefined;
  engine.getPartials = (options) => {
    if (!options?.cache) return memoised(options);
    cached ??= memoised(options).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
  // The main layout renders with only its own fields, and keeps its HTML (kept-layout.ts).
  const mainLayout = path.join(VIEWS_DIR, 'layouts', 'main.hbs');
  const render = engine.render.bind(engine);
  const layout = keptLayout((context, options) => render(mainLayout, context, options), memo);
  type Render = typeof engine.render;
  engine.render = ((file: string, context?: Parameters<Render>[1], options?: Parameters<Render>[2]) =>
    path.resolve(file) === mainLayout ? Promise.resolve(layout((context ?? {}) as Record<string, unknown>, options ?? {})) : render(file, context, options)) as Render;
  // With the view cache on, pages call their compiled templates directly (cached-views.ts).
  engine.engine = cachedViews(engine, layout) as typeof engine.engine;
  return engine;
}

/** Renders one partial with the given context (used by tests of the GOV.UK partials). */
export async function renderPartial(engine: ExpressHandlebars, name: string, context: object): Promise<string> {
  const partials = (await engine.getPartials()) as Record<string, (ctx: object, options?: object) => string>;
  const partial = partials[name];
  if (!partial) throw new Error(`no partial named ${name}`);
  return partial(context, { helpers: engine.helpers, partials });
}
