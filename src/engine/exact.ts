// Exact arithmetic for the scoring chain (engine rules §3.6). Every value is a rational number
// (fraction.js, the Fraction type mathjs uses). Logarithms and square roots are irrational, so
// they are worked out with decimal.js at 64 significant digits and turned back into a fraction.
// Rounding happens only when a value is shown: `formatHalfUp` and `jsonNumber`.
import Fraction from 'fraction.js';
import Decimal from 'decimal.js';

export type Exact = Fraction;

const Precise = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

/**
 * A number or decimal string as an exact fraction. Numbers go through their shortest decimal form,
 * written out in full (0.0000005, not 5e-7, which fraction.js cannot read).
 */
export function exact(value: number | string | bigint | Fraction): Fraction {
  if (value instanceof Fraction) return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return new Fraction(new Decimal(value).toFixed());
  }
  return new Fraction(value);
}

export const ZERO = new Fraction(0);
export const ONE = new Fraction(1);

function toDecimal(x: Fraction): Decimal {
  const sign = x.s < 0n ? -1 : 1;
  return new Precise(x.n.toString()).div(x.d.toString()).mul(sign);
}

function fromDecimal(d: Decimal): Fraction {
  return new Fraction(d.toFixed());
}

/** Natural logarithm to 64 significant digits. */
export function ln(x: Fraction): Fraction {
  if (x.compare(ZERO) <= 0) throw new RangeError('the logarithm of a number that is not above 0');
  return fromDecimal(toDecimal(x).ln());
}

export function sqrt(x: Fraction): Fraction {
  if (x.compare(ZERO) < 0) throw new RangeError('the square root of a negative number');
  return fromDecimal(toDecimal(x).sqrt());
}

export function min(a: Fraction, b: Fraction): Fraction {
  return a.compare(b) <= 0 ? a : b;
}

export function max(a: Fraction, b: Fraction): Fraction {
  return a.compare(b) >= 0 ? a : b;
}

export function clamp(x: Fraction, low: Fraction, high: Fraction): Fraction {
  return max(low, min(x, high));
}

export function sum(values: readonly Fraction[]): Fraction {
  let total = ZERO;
  for (const v of values) total = total.add(v);
  return total;
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Rounds half away from zero to `places` decimals and returns the digits as a string. */
export function formatHalfUp(x: Fraction, places = 2): string {
  const scale = 10n ** BigInt(places);
  const scaled = x.n * scale;
  let whole = scaled / x.d;
  if ((scaled % x.d) * 2n >= x.d) whole += 1n;
  const negative = x.s < 0n && whole !== 0n;
  const digits = whole.toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

/** Rounds half up to an exact fraction with `places` decimals (used by the `round` formula function). */
export function roundHalfUp(x: Fraction, places = 0): Fraction {
  return new Fraction(formatHalfUp(x, places));
}

/** A number as a decimal string written out in full (0.0000001, not 1e-7), for storage. */
export function decimalText(value: number): string {
  return new Decimal(value).toFixed();
}

/** An exact decimal for messages: up to 10 places, trailing zeros dropped (99.999, not 100). */
export function formatPlain(x: Fraction): string {
  const text = formatHalfUp(x, 10);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A JSON number rounded to 6 decimal places (engine rules §4). */
export function jsonNumber(x: Fraction): number {
  return Number(formatHalfUp(x, 6));
}
