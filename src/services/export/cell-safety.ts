// What goes into a workbook cell (issue 6, item 3). The rule: text is only ever written as a
// text cell (a shared string, `t="s"`), never as a formula, whatever it starts with — `=`, `+`,
// `-`, `@`, a tab, a carriage return or a full-width `＝`. Nothing is prefixed (an apostrophe
// would change the text); text columns carry the Text number format (`@`), so Excel keeps an
// edited cell as text too. Formulas are built only by formulas.ts, from cell references and
// numbers this application worked out.
//
// What this file does to the text is the escaping the file format itself asks for (ECMA-376
// ST_Xstring): XML cannot hold most control characters, and an XML reader turns a carriage
// return into a line feed, so both are written as `_xHHHH_`; and a literal `_xHHHH_` in the
// text gets its underscore escaped (`_x005F_`), or Excel would decode it. Excel and exceljs
// decode these, so the cell holds exactly the string that was written.
import type Fraction from 'fraction.js';
import { formatHalfUp } from '../../engine';

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32_767;

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hex4 = (char: string) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

/** A quick test that rules out most text (the full pattern is slower to run on every cell). */
// eslint-disable-next-line no-control-regex -- as above
const MAYBE = /_x|[\u0000-\u0008\u000B-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text as the workbook stores it: escaped as above, and cut (saying so) beyond Excel's limit. */
export function safeText(text: string): string {
  const fitted = text.length <= MAX_CELL_TEXT ? text : cut(text);
  return MAYBE.test(fitted) ? fitted.replace(NEEDS_ESCAPE, hex4) : fitted;
}

function cut(text: string): string {
  const note = ` … [${(text.length - 32_000).toLocaleString('en-GB')} more characters are in the application]`;
  return text.slice(0, 32_000) + note;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An exact value as the nearest JavaScript number, for a number cell. When numerator and
 * denominator are exact as numbers, their quotient is (IEEE division rounds correctly); otherwise
 * through a decimal with 17 places, so very large numerators or denominators (logarithms) never
 * overflow.
 */
export const cellNumber = (x: Fraction): number =>
  x.n <= SAFE && x.d <= SAFE ? Number(x.s * x.n) / Number(x.d) : Number(formatHalfUp(x, 17));

/** A number from a canonical decimal string (prices are stored that way), or null. */
export const decimalNumber = (text: string | null): number | null => (text === null ? null : Number(text));

/** A download's file name: letters, digits, `-`, `_` and `.` only, so no header or path tricks. */
export function workbookFileName(reference: string, copy: 'procurement' | 'panel'): string {
  const safe = reference.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'tender';
  return `${safe}-results${copy === 'panel' ? '-panel' : ''}.xlsx`;
}
