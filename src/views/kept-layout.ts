// The main layout (views/layouts/main.hbs) around every page: its skip link, header, navigation,
// account bar and footer are the same from request to request, so with the view cache on its HTML
// is kept per page chrome and rendered once, the way kept partials are (partial-memo.ts). The
// page's own parts are holes (kept-html.ts): its body, its title, the nonce, the CSRF token and
// the name of who is signed in.
//
// The layout sees only LAYOUT_FIELDS of the page's options, kept or not, so what the kept HTML
// depends on is known: the fields' content, and nothing else. kept-layout.test.ts reads the
// layout's template and fails when it reads a field not named here.
import { KeptHtml, punchHoles } from './kept-html';
import { contextKey, MEMO_ENTRIES } from './partial-memo';

/** Every field the main layout reads. */
export const LAYOUT_FIELDS = ['pageTitle', 'cspNonce', 'serviceName', 'signedIn', 'navigation', 'actorName', 'csrfToken', 'supporting', 'backHref', 'largeText', 'body'] as const;

/** The fields it only prints: different on every request or every page. */
export const LAYOUT_HOLES = ['body', 'pageTitle', 'cspNonce', 'csrfToken', 'actorName'] as const;

type RenderLayout = (context: Record<string, unknown>, options: object) => Promise<string>;
/** The layout kept: its HTML at once when kept, a promise of it when rendered. `body`, when given, is the page's body (else the options hold it). */
export type KeptLayout = (context: Record<string, unknown>, options: object, body?: string) => string | Promise<string>;

/** The layout's fields of a page's options. */
export function layoutContext(options: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of LAYOUT_FIELDS) if (name in options) picked[name] = options[name];
  return picked;
}

/**
 * Renders the layout with only its fields; with `keep`, keeps the HTML per page chrome when the
 * view cache is on (`options.cache`; otherwise the templates may change between renders).
 */
export function keptLayout(render: RenderLayout, keep: boolean): KeptLayout {
  const kept = new KeptHtml(MEMO_ENTRIES);
  return (options, renderOptions, body) => {
    const context = layoutContext(options);
    if (body !== undefined) context['body'] = body;
    if (!keep || !(renderOptions as { cache?: boolean }).cache) return render(context, renderOptions);
    const holed = punchHoles(context, LAYOUT_HOLES);
    const key = contextKey(holed.context);
    if (key === null) return render(context, renderOptions);
    return kept.get(key, holed.values) ?? render(holed.context, renderOptions).then((html) => kept.keep(key, html, holed.values) ?? render(context, renderOptions));
  };
}
