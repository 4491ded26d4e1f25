// Pages rendered with the view cache on (production): a page's compiled template, the partials and
// the layout never change then, so after a view's first render its compiled template is called
// directly, and then the layout (kept-layout.ts). express-handlebars would, on every render, make
// a promise for each step, copy the helpers and the hundred-odd partials into new objects three
// times, and resolve the view's and the layout's paths again. Its own rendering is used for a
// view's first render (which compiles it), with the view cache off, and for another layout.
// The page is the same either way: trimmed as express-handlebars trims, with the same helpers and
// partials (score-page-memo.test.ts and kept-layout.test.ts compare them byte for byte).
import type { ExpressHandlebars } from 'express-handlebars';
import type { RuntimeOptions, TemplateDelegate } from 'handlebars';
import type { KeptLayout } from './kept-layout';

type Done = (error: Error | null, html?: string) => void;
export type RenderView = (viewPath: string, options: object, done: Done) => void;

export function cachedViews(engine: ExpressHandlebars, layout: KeptLayout): RenderView {
  const compiled = new Map<string, TemplateDelegate>();
  let partials: RuntimeOptions['partials'] | null = null;
  const renderView = engine.renderView.bind(engine);

  /** After a view's first render: its compiled template and the partials, as express-handlebars keeps them. */
  const remember = (viewPath: string) => {
    void Promise.all([engine.getTemplate(viewPath, { cache: true }), engine.getPartials({ cache: true })]).then(
      ([template, all]) => {
        compiled.set(viewPath, template as TemplateDelegate);
        partials = all as RuntimeOptions['partials'];
      },
      () => undefined,
    );
  };

  return (viewPath, options, done) => {
    const page = options as Record<string, unknown>;
    // The default layout only, as express-handlebars reads it: no `layout` option at all, or 'main'.
    const cached = page['cache'] === true && (!('layout' in page) || page['layout'] === 'main');
    const template = cached ? compiled.get(viewPath) : undefined;
    if (!template || !partials) {
      void renderView(viewPath, page, done);
      if (cached) remember(viewPath);
      return;
    }
    const runtime: RuntimeOptions = { helpers: engine.helpers, partials };
    let html: string | Promise<string>;
    try {
      html = layout(page, { cache: true, ...runtime }, template(page, runtime).trim());
    } catch (error) {
      done(error as Error);
      return;
    }
    if (typeof html === 'string') done(null, html);
    else html.then((text) => done(null, text), (error: unknown) => done(error as Error));
  };
}
