// The function Express calls to render a page (`app.engine('hbs', …)`). With the view cache on
// (production), every template is compiled once and a page is rendered synchronously: its view,
// then the layout around it, both with the engine's helpers and (kept) partials. That is what
// express-handlebars' own renderView does, less its per-page work: it copies every helper and
// partial into new objects and awaits several promises for each page, which under load cost more
// than the template itself (README, "Performance"). The HTML is the same byte for byte
// (test/integration/web/score-page-memo.test.ts renders the score page both ways).
//
// Without the view cache (development, tests), pages go through express-handlebars as before, so
// a changed template shows on the next request; so does a render given its own helpers, partials
// or data (express-handlebars merges them; no page of this app gives them).
import path from 'node:path';
import type { ExpressHandlebars } from 'express-handlebars';

type Template = (context: object, options: { helpers: object; partials: object }) => string;
type Done = (error: Error | null, html?: string) => void;
interface RenderOptions {
  cache?: boolean;
  layout?: string | false | null;
  [key: string]: unknown;
}

export function expressEngine(engine: ExpressHandlebars) {
  const templates = new Map<string, Template>();
  let partials: object | undefined;

  /** Compiles (once) what a page needs: its view, its layout and the partials. */
  const load = async (files: string[]): Promise<void> => {
    partials ??= (await engine.getPartials({ cache: true })) as object;
    for (const file of files) {
      if (!templates.has(file)) templates.set(file, (await engine.getTemplate(file, { cache: true })) as unknown as Template);
    }
  };

  const render = (view: Template, layout: Template | null, options: RenderOptions): string => {
    const runtime = { helpers: engine.helpers, partials: partials! };
    const body = view(options, runtime).trim();
    return layout ? layout({ ...options, body }, runtime).trim() : body;
  };

  /** Renders with what is compiled already; false when something is not compiled yet. */
  const renderCompiled = (file: string, layoutFile: string | null, options: RenderOptions, done: Done): boolean => {
    const view = templates.get(file);
    const layout = layoutFile ? templates.get(layoutFile) : null;
    if (!view || !partials || layout === undefined) return false;
    let html: string;
    try {
      html = render(view, layout, options);
    } catch (error) {
      done(error as Error);
      return true;
    }
    done(null, html);
    return true;
  };

  return (file: string, given: object, done: Done): void => {
    const options = given as RenderOptions;
    // Helpers, partials or data given for one render are express-handlebars' to merge: no page of
    // this app gives them, but one that did would still render as before.
    if (!options.cache || 'helpers' in options || 'partials' in options || 'data' in options) {
      void engine.engine(file, given, done);
      return;
    }
    const layoutName = 'layout' in options ? options.layout : engine.defaultLayout;
    // As express-handlebars finds it: the name in the layouts folder, with the extension unless given.
    const layoutFile = layoutName ? path.resolve(engine.layoutsDir ?? '', path.extname(layoutName) ? layoutName : `${layoutName}${engine.extname}`) : null;
    if (renderCompiled(file, layoutFile, options, done)) return;
    // Once compiled, the page is given to Express outside the promise: an error thrown by what
    // Express does next must not become a rejection nobody handles (or a second call of `done`).
    load(layoutFile ? [file, layoutFile] : [file]).then(
      () => process.nextTick(() => renderCompiled(file, layoutFile, options, done)),
      (error: unknown) => process.nextTick(() => done(error as Error)),
    );
  };
}
