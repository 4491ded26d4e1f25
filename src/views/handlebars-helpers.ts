// Handlebars helpers used by the templates. Output is escaped by Handlebars unless a helper
// returns a SafeString built only from escaped parts.
//
// The GOV.UK partials (views/partials/govuk/) are ports of GOV.UK Frontend's Nunjucks macros.
// Nunjucks has expressions and `set`; Handlebars has neither, so the helpers below supply the
// few the macros need. None of them evaluates user text: they compare, pick and join values.
// Only `govukAttributes`, `govukAttribute` and `govukI18nAttributes` return HTML, and they
// build it from escaped names and values.
import Handlebars from 'handlebars';
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { dateInputItems } from './date-input-items';

const { escapeExpression, SafeString } = Handlebars;

function isHelperOptions(value: unknown): value is HelperOptions {
  return typeof value === 'object' && value !== null && 'hash' in value && 'loc' in value;
}

/** The positional arguments of a helper call, without Handlebars' trailing options object. */
function positional(args: unknown[]): unknown[] {
  return args.length > 0 && isHelperOptions(args[args.length - 1]) ? args.slice(0, -1) : args;
}

function isSafeString(value: unknown): value is Handlebars.SafeString {
  return value instanceof SafeString;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isSafeString(value);
}

/** Nunjucks' `escape` filter: a SafeString passes as it is, anything else is escaped. */
function escapeValue(value: unknown): string {
  if (isSafeString(value)) return value.toString();
  return escapeExpression(String(value));
}

/** ` name="value"`, ` name` or nothing, by the rules of GOV.UK Frontend's `govukAttributes`. */
function attribute(name: string, value: unknown, optional: boolean): string {
  if (optional && value === true) return ` ${escapeExpression(name)}`;
  if (optional && (value === undefined || value === null || value === false)) return '';
  const escaped = value === undefined || value === null ? '' : escapeValue(value);
  return ` ${escapeExpression(name)}="${escaped}"`;
}

/**
 * Port of GOV.UK Frontend's `govukAttributes` macro for an object of attributes: each entry is
 * `name: value` (always output, empty when null) or `name: { value, optional }` (when optional,
 * `true` gives a bare boolean attribute and null/undefined/false give nothing). Names and values
 * are escaped. A string of raw HTML attributes is not accepted.
 */
function govukAttributes(attributes: unknown): Handlebars.SafeString {
  if (!isMapping(attributes)) return new SafeString('');
  let html = '';
  for (const [name, item] of Object.entries(attributes)) {
    const options = isMapping(item) ? item : { value: item, optional: false };
    html += attribute(name, options.value, options.optional === true);
  }
  return new SafeString(html);
}

/** One optional attribute: ` name="value"`, ` name` when `true`, nothing when null/undefined/false. */
function govukAttribute(name: unknown, value: unknown): Handlebars.SafeString {
  return new SafeString(attribute(String(name), value, true));
}

/**
 * Port of GOV.UK Frontend's `govukI18nAttributes`: ` data-i18n.key="message"`, or one attribute
 * per plural rule when `messages` (an object) is given.
 */
function govukI18nAttributes(key: unknown, message: unknown, messages: unknown): Handlebars.SafeString {
  const name = `data-i18n.${String(key)}`;
  if (isMapping(messages)) {
    const parts = Object.entries(messages).map(([rule, text]) => attribute(`${name}.${rule}`, text, false));
    return new SafeString(parts.join(''));
  }
  return new SafeString(message ? attribute(name, message, false) : '');
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export const helpers: Record<string, HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  not: (a: unknown) => !a,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),

  govukAttributes,
  govukAttribute,
  /** The date input's boxes (day, month, year) as its template works them out. */
  dateInputItems: (params: unknown) => dateInputItems(params),
  govukI18nAttributes: (...args: unknown[]) => {
    const [key, message, messages] = positional(args);
    return govukI18nAttributes(key, message, messages);
  },

  /** `a == b` (Nunjucks' loose equality, used to pre-select radios and select options). */
  looseEq: (a: unknown, b: unknown) => a == b,
  /** Nunjucks' `default(value, fallback, true)`: the value when truthy, otherwise the fallback. */
  default: (value: unknown, fallback: unknown) => value || fallback,
  /** Nunjucks' `default(value, fallback)`: the fallback only when the value is undefined. */
  ifUndefined: (value: unknown, fallback: unknown) => (value === undefined ? fallback : value),
  /** `cond ? a : b` (b defaults to undefined). */
  iif: (...args: unknown[]) => {
    const [cond, a, b] = positional(args);
    return cond ? a : b;
  },
  /** The arguments as text, joined; null and undefined count as empty. Escaped when output. */
  concat: (...args: unknown[]) => positional(args).map(text).join(''),
  /** The truthy arguments after the first, joined by the first (e.g. ids for aria-describedby). */
  join: (...args: unknown[]) => {
    const [separator, ...parts] = positional(args);
    return parts.filter(Boolean).map(text).join(text(separator));
  },
  /** Nunjucks' `in`: array membership or substring. */
  includes: (container: unknown, value: unknown) => {
    if (Array.isArray(container)) return container.includes(value);
    if (typeof container === 'string') return container.includes(text(value));
    return false;
  },
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  /** Whether any item of the list has a non-empty array at the given path (e.g. rows, "actions", "items"). */
  anyHasItems: (...args: unknown[]) => {
    const [list, ...path] = positional(args);
    if (!Array.isArray(list)) return false;
    return list.some((item: unknown) => {
      const value = path.reduce<unknown>((at, key) => (isMapping(at) ? at[text(key)] : undefined), item);
      return Array.isArray(value) && value.length > 0;
    });
  },
  length: (value: unknown) => (Array.isArray(value) || typeof value === 'string' ? value.length : 0),
  isString: (value: unknown) => typeof value === 'string',
  /** The truthy items of an array (Nunjucks' `select("truthy")`). */
  truthy: (value: unknown) => (Array.isArray(value) ? value.filter(Boolean) : []),
  /** Plain-text replacement of every `find` in `value` (used for `%{count}` in messages). */
  replace: (value: unknown, find: unknown, replacement: unknown) => text(value).split(text(find)).join(text(replacement)),

  /**
   * Names values for the block, like Nunjucks' `set`:
   * `{{#let (default idPrefix name) this as |idPrefix params|}}…{{/let}}`.
   */
  let: function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1];
    if (!isHelperOptions(options)) throw new Error('let must be used as a block helper');
    return options.fn(this, { data: options.data, blockParams: positional(args) });
  },
};
