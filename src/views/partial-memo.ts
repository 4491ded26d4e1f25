// Rendered partials kept for reuse. A GOV.UK partial's HTML is a function of its context alone:
// the partials read no @root, no parent context and no @data, and the helpers they call are pure.
// So for the partials named in MEMO_PARTIALS (components whose options rarely change between
// requests: the header, navigation, buttons, the scale of a score as radios), the HTML rendered
// for one context is kept and given again for an equal context, instead of running the partial
// and the partials it calls (the score page's radios alone are 15 partial calls).
//
// "Equal" is decided by a key written from the context's whole content, with each value's type:
// strings (escaped by the partial, or not when a SafeString), numbers, booleans, null, undefined,
// arrays and plain objects. A context holding anything else (a Date, a Map, a function) is not
// kept: the partial is run as usual. Nor is a partial used as a block (`{{#> …}}`), whose output
// depends on its block. At most MEMO_ENTRIES contexts are kept per partial, the oldest dropped
// first, so contexts that change every time (user text) cost memory only up to that bound.
//
// A few fields are holes (MEMO_HOLES): text a person wrote, which the partial only prints (the
// value of a reason box) and never tests or changes. The partial is rendered once with a marker
// in each hole, and the marker is replaced by the value, escaped exactly as the partial escaped the
// marker, each time the HTML is given: so a reason box is kept whatever the reason says. See
// kept-html.ts.
import Handlebars from 'handlebars';
import type { HelperOptions, TemplateDelegate } from 'handlebars';
import { deepFreeze } from '../deep-freeze';
import { isPlainObject, KeptHtml, punchHoles } from './kept-html';

/** The partials whose output is kept: called with options that repeat from request to request. */
export const MEMO_PARTIALS: readonly string[] = [
  'govuk/skip-link',
  'govuk/generic-header',
  'govuk/service-navigation',
  'govuk/back-link',
  'govuk/button',
  'govuk/radios',
  'govuk/notification-banner',
  'govuk/character-count',
  'govuk/textarea',
];

/**
 * The fields of a partial's context that are holes: printed as they are (escaped), never tested or
 * changed by the partial (shown for every GOV.UK fixture of the component by partial-memo.test.ts).
 */
export const MEMO_HOLES: Readonly<Record<string, readonly string[]>> = {
  'govuk/character-count': ['value'],
  'govuk/textarea': ['value'],
};

/** The most contexts kept per partial. */
export const MEMO_ENTRIES = 256;

/** Values made once and given to partials many times, each with its number. */
const keptValues = new WeakMap<object, number>();
let keptCount = 0;

/**
 * Freezes a value made once and given to kept partials on many requests (a rubric's scale as radio
 * items), so that its key can be its identity: frozen all through, it can never differ from itself.
 * Writing a key from its content would cost more than the partial it saves, for long items.
 */
export function keptValue<T extends object>(value: T): T {
  if (!keptValues.has(value)) keptValues.set(deepFreeze(value), ++keptCount);
  return value;
}

/** Appends the key of a value to `parts`; false when the value cannot be keyed (then nothing is kept). */
function keyOf(value: unknown, parts: string[]): boolean {
  switch (typeof value) {
    case 'string':
      parts.push('s', String(value.length), ':', value);
      return true;
    case 'number':
      parts.push('n', String(value), ';');
      return true;
    case 'boolean':
      parts.push(value ? 't' : 'f');
      return true;
    case 'undefined':
      parts.push('u');
      return true;
    case 'object': {
      if (value === null) {
        parts.push('z');
        return true;
      }
      const kept = keptValues.get(value);
      if (kept !== undefined) {
        parts.push('#', String(kept), ';');
        return true;
      }
      if (value instanceof Handlebars.SafeString) {
        const html = value.toHTML();
        parts.push('h', String(html.length), ':', html);
        return true;
      }
      if (Array.isArray(value)) {
        parts.push('[');
        for (const item of value) if (!keyOf(item, parts)) return false;
        parts.push(']');
        return true;
      }
      if (!isPlainObject(value)) return false;
      parts.push('{');
      for (const [name, item] of Object.entries(value)) {
        parts.push(String(name.length), ':', name);
        if (!keyOf(item, parts)) return false;
      }
      parts.push('}');
      return true;
    }
    default:
      return false;
  }
}

/** The key of a context, or null when it holds something other than plain data. */
export function contextKey(context: unknown): string | null {
  const parts: string[] = [];
  return keyOf(context, parts) ? parts.join('') : null;
}

type Partial = TemplateDelegate & ((context: unknown, options?: HelperOptions) => string);

/** A partial that keeps its HTML per context, with the given holes (see the top of this file). */
export function memoPartial(partial: Partial, entries = MEMO_ENTRIES, holes: readonly string[] = []): Partial {
  const kept = new KeptHtml(entries);
  const memo = (context: unknown, options?: HelperOptions): string => {
    // Used as a block (`{{#> …}}`), the partial's output depends on its block: not kept.
    if (options?.fn) return partial(context, options);
    const holed = holes.length > 0 && isPlainObject(context) ? punchHoles(context, holes) : { context, values: [] };
    const key = contextKey(holed.context);
    if (key === null) return partial(context, options);
    return kept.html(key, holed.values, () => partial(holed.context, options)) ?? partial(context, options);
  };
  return memo as Partial;
}

/** The partials with those in MEMO_PARTIALS keeping their output. */
export function withMemo<T extends Record<string, unknown>>(partials: T): T {
  const wrapped: Record<string, unknown> = { ...partials };
  for (const name of MEMO_PARTIALS) {
    const partial = partials[name];
    if (typeof partial === 'function') wrapped[name] = memoPartial(partial as Partial, MEMO_ENTRIES, MEMO_HOLES[name]);
  }
  return wrapped as T;
}
