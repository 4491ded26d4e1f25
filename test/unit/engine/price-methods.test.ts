// engine rules §3.4: every price method, worked by hand. W is 40 unless a test says otherwise.
import assert from 'node:assert/strict';
import type Fraction from 'fraction.js';
import {
  exact,
  formatHalfUp,
  FormulaError,
  priceGroup,
  priceScorer,
  scoreTender,
  type PriceMethod,
} from '../../../src/engine';
import { assertExact } from './assert-exact';
import { buildRubric, tender, uniform } from './rubric-builder';

const W = exact(40);

/** Price points for `price` among `prices` (the eligible group) by one method. */
function points(method: PriceMethod, prices: number[], price: number, params: Record<string, number | string> = {}, weight: Fraction = W): Fraction {
  const group = priceGroup(prices.map((p) => exact(p)));
  assert.ok(group, 'a price group needs at least one price');
  return priceScorer({ method, params })(exact(price), group, weight);
}

describe('engine: price points (engine rules §3.4)', () => {
  describe('lowest-relative: W × pmin / p', () => {
    const prices = [80_000, 100_000, 120_000];

    it('gives the lowest price the full weight', () => {
      assertExact(points('lowest-relative', prices, 80_000), 40); // 40 × 80000 / 80000
    });

    it('gives a price 25% above the lowest 32 points', () => {
      assertExact(points('lowest-relative', prices, 100_000), 32); // 40 × 80000 / 100000 = 40 × 0.8
    });

    it('keeps a repeating quotient exact: 80/3 points for 120,000 against 80,000', () => {
      assertExact(points('lowest-relative', prices, 120_000), [80, 3]); // 40 × 80000 / 120000 = 40 × 2/3
    });
  });

  describe('linear-deduction: W × max(0, 1 − (p − pmin) / pmin)', () => {
    const prices = [80_000, 100_000, 120_000, 160_000, 200_000];

    it('takes a point off in proportion to how far a price is above the lowest', () => {
      assertExact(points('linear-deduction', prices, 80_000), 40); // 1 − 0 = 1
      assertExact(points('linear-deduction', prices, 100_000), 30); // 1 − 20000/80000 = 0.75 → 30
      assertExact(points('linear-deduction', prices, 120_000), 20); // 1 − 40000/80000 = 0.5 → 20
    });

    it('reaches 0 at double the lowest price', () => {
      assertExact(points('linear-deduction', prices, 160_000), 0); // 1 − 80000/80000 = 0
    });

    it('never goes below 0 (the max(0, …) floor)', () => {
      assertExact(points('linear-deduction', prices, 200_000), 0); // 1 − 120000/80000 = −0.5 → max(0, −0.5) = 0, not −20
    });
  });

  describe('mean-relative: W × clamp(0.5 + (pmean − p) / pmean, 0, 1)', () => {
    it('gives half the weight at the mean and moves linearly either side', () => {
      const prices = [60_000, 100_000, 140_000]; // mean 100000
      assertExact(points('mean-relative', prices, 100_000), 20); // 0.5 + 0 → 20
      assertExact(points('mean-relative', prices, 60_000), 36); // 0.5 + 40000/100000 = 0.9 → 36
      assertExact(points('mean-relative', prices, 140_000), 4); // 0.5 − 0.4 = 0.1 → 4
    });

    it('clamps at the full weight for a price far below the mean', () => {
      const prices = [10_000, 20_000, 270_000]; // mean 300000 / 3 = 100000
      assertExact(points('mean-relative', prices, 10_000), 40); // 0.5 + 0.9 = 1.4 → clamp 1 → 40, not 56
      assertExact(points('mean-relative', prices, 20_000), 40); // 0.5 + 0.8 = 1.3 → 40
    });

    it('clamps at 0 for a price far above the mean', () => {
      const prices = [10_000, 20_000, 270_000]; // mean 100000
      assertExact(points('mean-relative', prices, 270_000), 0); // 0.5 − 1.7 = −1.2 → clamp 0 → 0, not −48
    });

    it('reaches exactly 0 at one and a half times the mean', () => {
      const prices = [50_000, 150_000]; // mean 100000
      assertExact(points('mean-relative', prices, 150_000), 0); // 0.5 − 0.5 = 0
      assertExact(points('mean-relative', prices, 50_000), 40); // 0.5 + 0.5 = 1
    });
  });

  describe('ideal-price: W × clamp((ceiling − p) / (ceiling − ideal), 0, 1)', () => {
    const params = { ideal: 80_000, ceiling: 120_000 };
    const prices = [70_000, 90_000, 100_000, 120_000, 130_000];

    it('scores between the ideal price and the ceiling in proportion', () => {
      assertExact(points('ideal-price', prices, 100_000, params), 20); // (120000 − 100000) / 40000 = 0.5 → 20
      assertExact(points('ideal-price', prices, 90_000, params), 30); // 30000 / 40000 = 0.75 → 30
      assertExact(points('ideal-price', prices, 80_000, params), 40); // 40000 / 40000 = 1 → 40
    });

    it('clamps at the full weight below the ideal price', () => {
      assertExact(points('ideal-price', prices, 70_000, params), 40); // 50000 / 40000 = 1.25 → clamp 1 → 40, not 50
    });

    it('gives 0 at the ceiling and clamps at 0 above it', () => {
      assertExact(points('ideal-price', prices, 120_000, params), 0); // 0 / 40000 = 0
      assertExact(points('ideal-price', prices, 130_000, params), 0); // −10000 / 40000 = −0.25 → clamp 0, not −10
    });

    it('refuses to build without its params, with a FormulaError naming the missing one', () => {
      assert.throws(() => priceScorer({ method: 'ideal-price', params: { ideal: 80_000 } }), (e: unknown) => e instanceof FormulaError && /"ceiling"/.test(e.message));
    });
  });

  describe('log: W × max(0, 1 − ln(p / pmin) / ln A)', () => {
    it('gives the lowest price the full weight', () => {
      assertExact(points('log', [100_000, 150_000], 100_000, { A: 2 }), 40); // ln(1) = 0 → 40
    });

    it('matches 40 × (1 − ln 1.5 / ln 2) to 30 decimal places', () => {
      const got = points('log', [100_000, 150_000], 150_000, { A: 2 });
      // ln(1.5) / ln(2) = 0.584962500721156181453738943947816508759814407692481060455752654541 (bc -l, scale=70)
      // 1 − that       = 0.415037499278843818546261056052183491240185592307518939544247345459
      // × 40           = 16.601499971153752741850442242087339649607423692300757581769893818356...
      assert.equal(formatHalfUp(got, 30), '16.601499971153752741850442242087');
    });

    it('matches 40 × (1 − ln 2 / ln 3) to 30 decimal places with A = 3', () => {
      const got = points('log', [50_000, 100_000], 100_000, { A: 3 });
      // ln(2) / ln(3) = 0.630929753571457437099527114342760854299585640131880427870654943838685 (bc -l)
      // 40 × (1 − that) = 14.762809857141702516018915426289565828016574394724782885173802246452...
      assert.equal(formatHalfUp(got, 30), '14.762809857141702516018915426290');
    });

    it('matches 40 × (1 − ln 1.25 / ln 2) to 30 decimal places', () => {
      const got = points('log', [80_000, 100_000], 100_000, { A: 2 });
      // 100000 / 80000 = 1.25; 40 × (1 − ln 1.25 / ln 2) = 27.122876204505506085187222820424392965406744279016775517809744167362... (bc -l)
      assert.equal(formatHalfUp(got, 30), '27.122876204505506085187222820424');
    });

    it('reaches exactly 0 at A times the lowest price', () => {
      assertExact(points('log', [100_000, 200_000], 200_000, { A: 2 }), 0); // 1 − ln 2 / ln 2 = 0
    });

    it('never goes below 0 (the max(0, …) floor)', () => {
      assertExact(points('log', [100_000, 250_000], 250_000, { A: 2 }), 0); // 1 − ln 2.5 / ln 2 ≈ −0.32 → 0
    });
  });

  describe('fixed-budget', () => {
    const rubric = buildRubric({
      criteria: [
        { id: 'co-production', weight: 50 },
        { id: 'safety', weight: 50 },
      ],
      price: { weight: 0, method: 'fixed-budget', params: { budget: 100_000 } },
    });
    const criteria = ['co-production', 'safety'];
    const members = { m1: 'professional', m2: 'lived-experience' } as const;

    it('makes a bid above the budget ineligible, with the reason, and gives it no price, total or rank', () => {
      const result = scoreTender(
        tender({
          rubric,
          bids: { A: 120_000, B: 90_000 },
          members,
          scores: { A: uniform(criteria, ['m1', 'm2'], 5), B: uniform(criteria, ['m1', 'm2'], 3) },
        }),
      );
      const [a, b] = result.bids;
      assert.equal(a!.eligible, false);
      assert.deepEqual(a!.failures, ['the price £120,000.00 is above the budget of £100,000.00']);
      assert.equal(a!.pricePoints, null);
      assert.equal(a!.total, null);
      assert.equal(a!.rank, null);
      assert.equal(b!.rank, 1);
      assert.equal(result.winner, 'B');
    });

    it('lets a bid exactly at the budget through, with 0 price points: the total is the quality', () => {
      const result = scoreTender(
        tender({
          rubric,
          bids: { A: 100_000, B: 60_000 },
          members,
          scores: { A: uniform(criteria, ['m1', 'm2'], 4), B: uniform(criteria, ['m1', 'm2'], 3) },
        }),
      );
      const [a, b] = result.bids;
      assert.equal(a!.eligible, true);
      assertExact(a!.pricePoints, 0);
      assertExact(a!.total, 80); // 4/5 × 50 + 4/5 × 50 = 80; price weight 0
      assertExact(b!.total, 60); // 3/5 × 100
      assert.equal(result.winner, 'A'); // the cheaper bid gains nothing from its price
    });
  });

  describe('custom formula (clamped to [0, W])', () => {
    const prices = [80_000, 120_000, 150_000];

    it('can reproduce lowest-relative', () => {
      assertExact(points('custom', prices, 120_000, { formula: 'weight * lowest / price' }), [80, 3]); // 40 × 80000 / 120000
    });

    it('uses the rubric\'s own numeric params', () => {
      const params = { formula: 'weight * (1 - (price - lowest) / span)', span: 160_000 };
      assertExact(points('custom', prices, 120_000, params), 30); // 40 × (1 − 40000 / 160000) = 40 × 0.75
    });

    it('clamps a result above W down to W', () => {
      assertExact(points('custom', prices, 80_000, { formula: 'weight * 2' }), 40); // 80 → 40
    });

    it('clamps a result below 0 up to 0', () => {
      assertExact(points('custom', prices, 80_000, { formula: 'weight - 100' }), 0); // −60 → 0
    });

    it('works out min and max', () => {
      const formula = 'min(weight, weight * lowest / price * 1.5)';
      assertExact(points('custom', prices, 150_000, { formula }), 32); // 40 × 80000/150000 × 1.5 = 32; min(40, 32)
      assertExact(points('custom', prices, 80_000, { formula: 'max(weight / 4, weight * lowest / price / 2)' }), 20); // max(10, 20)
    });

    it('works out round half up, to whole numbers and to decimal places', () => {
      assertExact(points('custom', prices, 120_000, { formula: 'round(weight * lowest / price, 1)' }), '26.7'); // 26.666… → 26.7
      assertExact(points('custom', prices, 150_000, { formula: 'round(weight * lowest / price)' }), 21); // 21.333… → 21
      assertExact(points('custom', prices, 80_000, { formula: 'round(2.5)' }), 3); // half up: 3, not banker's 2
    });

    it('works out ln and log to at least 30 decimal places', () => {
      const got = points('custom', prices, 120_000, { formula: 'weight * (1 - ln(price / lowest) / ln(2))' });
      // 120000 / 80000 = 1.5: the same as log with A = 2 → 16.601499971153752741850442242087339649607… (bc -l)
      assert.equal(formatHalfUp(got, 30), '16.601499971153752741850442242087');
      const base2 = points('custom', prices, 120_000, { formula: 'weight * (1 - log(price / lowest, 2))' });
      assert.equal(formatHalfUp(base2, 30), '16.601499971153752741850442242087');
    });

    it('reads log(x) as base 10', () => {
      assertExact(points('custom', prices, 80_000, { formula: 'round(weight * log(1000) / 6, 6)' }), 20); // log10(1000) = 3 → 40 × 3 / 6
    });

    it('reports a division by zero as a FormulaError, not a crash', () => {
      const scorer = priceScorer({ method: 'custom', params: { formula: 'weight * lowest / (price - lowest)' } });
      const group = priceGroup(prices.map((p) => exact(p)))!;
      assert.throws(() => scorer(exact(80_000), group, W), (e: unknown) => e instanceof FormulaError && e.message === 'the formula divides by zero');
      assertExact(scorer(exact(120_000), group, W), 40); // 40 × 80000 / 40000 = 80 → clamped to 40
    });

    it('reports the logarithm of 0 as a FormulaError', () => {
      const scorer = priceScorer({ method: 'custom', params: { formula: 'weight - ln(price - lowest)' } });
      const group = priceGroup(prices.map((p) => exact(p)))!;
      assert.throws(() => scorer(exact(80_000), group, W), (e: unknown) => e instanceof FormulaError && /cannot be worked out/.test(e.message));
    });

    it('refuses to build from a formula that is not valid, naming the problem', () => {
      assert.throws(
        () => priceScorer({ method: 'custom', params: { formula: 'price ^ 2' } }),
        (e: unknown) => e instanceof FormulaError && e.message.includes('the operator "^" is not allowed'),
      );
    });
  });

  describe('over the eligible bids of a whole tender', () => {
    it('uses the price weight of the rubric', () => {
      const rubric = buildRubric({
        criteria: [{ id: 'co-production', weight: 75 }],
        price: { weight: 25, method: 'lowest-relative' },
      });
      const result = scoreTender(
        tender({
          rubric,
          bids: { A: 100_000, B: 125_000 },
          members: { m1: 'professional' },
          scores: { A: { 'co-production': { m1: 5 } }, B: { 'co-production': { m1: 5 } } },
        }),
      );
      assertExact(result.bids[0]!.pricePoints, 25); // 25 × 100000 / 100000
      assertExact(result.bids[1]!.pricePoints, 20); // 25 × 100000 / 125000 = 25 × 0.8
      assertExact(result.bids[1]!.total, 95); // quality 75 + 20
    });

    it('takes the mean of mean-relative over eligible bids only', () => {
      const rubric = buildRubric({
        criteria: [
          { id: 'co-production', weight: 30 },
          { id: 'safety', weight: 30, threshold: 2 },
        ],
        price: { weight: 40, method: 'mean-relative' },
      });
      const all = ['co-production', 'safety'];
      const result = scoreTender(
        tender({
          rubric,
          bids: { A: 80_000, B: 120_000, C: 10_000 },
          members: { m1: 'professional' },
          scores: { A: uniform(all, ['m1'], 3), B: uniform(all, ['m1'], 3), C: uniform(all, ['m1'], 1) },
        }),
      );
      // C fails the threshold, so pmean = (80000 + 120000) / 2 = 100000, not 70000
      assertExact(result.bids[0]!.pricePoints, 28); // 0.5 + 20000/100000 = 0.7 → 28
      assertExact(result.bids[1]!.pricePoints, 12); // 0.5 − 0.2 = 0.3 → 12
      assert.equal(result.bids[2]!.pricePoints, null);
    });
  });
});
