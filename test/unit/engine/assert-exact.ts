// Exact comparisons for fractions: equal as rational numbers, never as floats.
import assert from 'node:assert/strict';
import Fraction from 'fraction.js';

/** `expected` as a fraction: "16/3", "2.5", 40, or [16, 3]. */
export function fraction(expected: string | number | [number, number]): Fraction {
  return Array.isArray(expected) ? new Fraction(expected[0], expected[1]) : new Fraction(expected);
}

export function assertExact(actual: Fraction | null | undefined, expected: string | number | [number, number], what = 'value'): void {
  assert.ok(actual !== null && actual !== undefined, `${what} is ${String(actual)}; expected ${String(expected)}`);
  const want = fraction(expected);
  assert.ok(actual.equals(want), `${what} is ${actual.toFraction()}; expected exactly ${want.toFraction()}`);
}
