// engine rules §3.4: price points, over the eligible bids only.
import type Fraction from 'fraction.js';
import { clamp, exact, ln, max, ONE, ZERO } from './exact';
import { compileFormula, FORMULA_VARIABLES, FormulaError, type Formula } from './formula';
import type { PriceMethod } from './domain';

export interface PriceGroup {
  lowest: Fraction;
  highest: Fraction;
  mean: Fraction;
}

export interface PriceRule {
  method: PriceMethod;
  params: Readonly<Record<string, number | string>>;
}

/**
 * Price points for one price within its group, for price weight W (a parameter, so robustness can
 * move the quality/price split without parsing anything again). Throws FormulaError if a custom
 * formula cannot be worked out for this price.
 */
export type PriceScorer = (price: Fraction, group: PriceGroup, W: Fraction) => Fraction;

/** Each price method's name in words, for people (pages, summaries, the robustness summary). */
export const PRICE_METHOD_NAMES: Record<string, string> = {
  'lowest-relative': 'Lowest price relative',
  'linear-deduction': 'Linear deduction',
  'mean-relative': 'Relative to the average price',
  'ideal-price': 'Ideal price',
  log: 'Logarithmic',
  'fixed-budget': 'Fixed budget',
  custom: 'Custom formula',
};

/** A method's name in words (its id when it has none). */
export const priceMethodName = (method: string): string => (Object.hasOwn(PRICE_METHOD_NAMES, method) ? PRICE_METHOD_NAMES[method]! : method);

export function priceGroup(prices: readonly Fraction[]): PriceGroup | null {
  if (prices.length === 0) return null;
  let lowest = prices[0]!;
  let highest = prices[0]!;
  let total = ZERO;
  for (const p of prices) {
    if (p.compare(lowest) < 0) lowest = p;
    if (p.compare(highest) > 0) highest = p;
    total = total.add(p);
  }
  return { lowest, highest, mean: total.div(prices.length) };
}

function numberParam(rule: PriceRule, name: string): Fraction {
  const value = rule.params[name];
  if (typeof value !== 'number') throw new FormulaError(`the ${rule.method} method needs the number "${name}"`);
  return exact(value);
}

/** Builds the scorer once per rubric; the custom formula is parsed here and nowhere else. */
export function priceScorer(rule: PriceRule): PriceScorer {
  switch (rule.method) {
    case 'lowest-relative':
      // W × pmin / p
      return (p, g, W) => W.mul(g.lowest).div(p);
    case 'linear-deduction':
      // W × max(0, 1 − (p − pmin) / pmin)
      return (p, g, W) => W.mul(max(ZERO, ONE.sub(p.sub(g.lowest).div(g.lowest))));
    case 'mean-relative':
      // W × clamp(0.5 + (pmean − p) / pmean, 0, 1)
      return (p, g, W) => W.mul(clamp(exact('0.5').add(g.mean.sub(p).div(g.mean)), ZERO, ONE));
    case 'ideal-price': {
      // W × clamp((ceiling − p) / (ceiling − ideal), 0, 1)
      const ideal = numberParam(rule, 'ideal');
      const ceiling = numberParam(rule, 'ceiling');
      return (p, _g, W) => W.mul(clamp(ceiling.sub(p).div(ceiling.sub(ideal)), ZERO, ONE));
    }
    case 'log': {
      // W × max(0, 1 − ln(p / pmin) / ln A)
      const lnA = ln(numberParam(rule, 'A'));
      return (p, g, W) => W.mul(max(ZERO, ONE.sub(ln(p.div(g.lowest)).div(lnA))));
    }
    case 'fixed-budget':
      // The price weight is 0; the budget is an eligibility rule (see eligibility.ts).
      return () => ZERO;
    case 'custom':
      return customScorer(rule);
  }
}

function customScorer(rule: PriceRule): PriceScorer {
  const numeric = Object.entries(rule.params).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  const source = rule.params['formula'];
  if (typeof source !== 'string') throw new FormulaError('the custom method needs a formula');
  const compiled = compileFormula(source, [...FORMULA_VARIABLES, ...numeric.map(([name]) => name)]);
  if (!compiled.ok) throw new FormulaError(`the price formula is not valid: ${compiled.problems.join('; ')}`);
  const formula: Formula = compiled.formula;
  const constants = Object.fromEntries(numeric.map(([name, value]) => [name, exact(value)]));
  return (p, g, W) => clamp(formula({ ...constants, price: p, lowest: g.lowest, highest: g.highest, mean: g.mean, weight: W }), ZERO, W);
}

/** Whether a method can be applied with the params a rubric gives (robustness tries the others). */
export function canApply(method: PriceMethod, params: PriceRule['params']): boolean {
  const positive = (name: string) => typeof params[name] === 'number';
  switch (method) {
    case 'ideal-price':
      return positive('ideal') && positive('ceiling') && (params['ceiling'] as number) > (params['ideal'] as number);
    case 'log':
      return positive('A') && (params['A'] as number) > 1;
    case 'custom':
      return typeof params['formula'] === 'string';
    case 'fixed-budget':
      return false;
    default:
      return true;
  }
}

/** The budget of a fixed-budget rubric, if any. */
export function fixedBudget(rule: PriceRule): Fraction | null {
  return rule.method === 'fixed-budget' && typeof rule.params['budget'] === 'number' ? exact(rule.params['budget']) : null;
}
