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
import Handlebars from 'handlebars';
import type { HelperOptions, TemplateDelegate } from 'handlebars';

/** The partials whose output is kept: called with options that repeat from request to request. */
export const MEMO_PARTIALS: readonly string[] = [
  'govuk/skip-link',
  'govuk/generic-header',
  'govuk/service-navigation',
  'govuk/back-link',
  'govuk/button',
  'govuk/radios',
  'govuk/notification-banner',
];

/** The most contexts kept per partial. */
export const MEMO_ENTRIES = 256;

const PLAIN = Object.prototype;

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
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== PLAIN && proto !== null) return false;
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

/** A partial that keeps its HTML per context (see the top of this file). */
export function memoPartial(partial: Partial, entries = MEMO_ENTRIES): Partial {
  const kept = new Map<string, string>();
  const memo = (context: unknown, options?: HelperOptions): string => {
    // Used as a block (`{{#> …}}`), the partial's output depends on its block: not kept.
    const key = options?.fn ? null : contextKey(context);
    if (key === null) return partial(context, options);
    const html = kept.get(key);
    if (html !== undefined) return html;
    const fresh = partial(context, options);
    if (kept.size >= entries) kept.delete(kept.keys().next().value!);
    kept.set(key, fresh);
    return fresh;
  };
  return memo as Partial;
}

/** The partials with those in MEMO_PARTIALS keeping their output. */
export function withMemo<T extends Record<string, unknown>>(partials: T): T {
  const wrapped: Record<string, unknown> = { ...partials };
  for (const name of MEMO_PARTIALS) {
    const partial = partials[name];
    if (typeof partial === 'function') wrapped[name] = memoPartial(partial as Partial);
  }
  return wrapped as T;
}
