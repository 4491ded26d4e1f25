// engine rules §3.6 (exact arithmetic, display rounding half up) and §4 (the results JSON contract).
import assert from 'node:assert/strict';
import { evaluateTender, exact, formatHalfUp, jsonNumber, robustness, scoreTender } from '../../../src/engine';
import { assertExact } from './assert-exact';
import { buildRubric, tender } from './rubric-builder';

describe('engine: exact numbers and rounding (engine rules §3.6)', () => {
  it('reads numbers by their decimal form: 0.1 + 0.2 is exactly 0.3', () => {
    assertExact(exact(0.1).add(exact(0.2)), '0.3');
  });

  it('reads decimal strings exactly', () => {
    assertExact(exact('1850000.57'), [185000057, 100]);
  });

  it('refuses numbers that are not finite', () => {
    assert.throws(() => exact(Number.NaN), RangeError);
    assert.throws(() => exact(Number.POSITIVE_INFINITY), RangeError);
  });

  describe('formatHalfUp', () => {
    it('rounds 2.345 up to "2.35"', () => {
      assert.equal(formatHalfUp(exact('2.345')), '2.35');
      assert.equal(formatHalfUp(exact(2.345)), '2.35'); // the float 2.345 is 2.34499999999999997…; exact() reads it as 2.345
    });

    it('rounds 2.3449999 down to "2.34"', () => {
      assert.equal(formatHalfUp(exact('2.3449999')), '2.34');
      assert.equal(formatHalfUp(exact(2.3449999)), '2.34');
    });

    it('rounds a half up even when the digit before it is even: 2.325 → "2.33" (banker\'s rounding gives 2.32)', () => {
      assert.equal(formatHalfUp(exact('2.325')), '2.33');
    });

    it('rounds the number 1.005 to "1.01" (toFixed on the float gives "1.00")', () => {
      assert.equal((1.005).toFixed(2), '1.00');
      assert.equal(formatHalfUp(exact(1.005)), '1.01');
    });

    it('rounds thirds: 2/3 → "0.67", 1/3 → "0.33"', () => {
      assert.equal(formatHalfUp(exact(2).div(3)), '0.67');
      assert.equal(formatHalfUp(exact(1).div(3)), '0.33');
    });

    it('pads to the number of places: 5 → "5.00", 0.05 → "0.05"', () => {
      assert.equal(formatHalfUp(exact(5)), '5.00');
      assert.equal(formatHalfUp(exact('0.05')), '0.05');
    });

    it('rounds negative numbers away from zero and never shows "-0.00"', () => {
      assert.equal(formatHalfUp(exact('-2.345')), '-2.35');
      assert.equal(formatHalfUp(exact('-0.001')), '0.00');
    });

    it('rounds to 0 places and to 30 places', () => {
      assert.equal(formatHalfUp(exact('2.5'), 0), '3');
      assert.equal(formatHalfUp(exact(2).div(3), 30), '0.666666666666666666666666666667');
    });
  });

  describe('jsonNumber (6 decimal places)', () => {
    it('rounds 2/3 to 0.666667', () => {
      assert.equal(jsonNumber(exact(2).div(3)), 0.666667);
    });

    it('rounds a half in the seventh place up', () => {
      assert.equal(jsonNumber(exact('1.0000005')), 1.000001);
      assert.equal(jsonNumber(exact('1.00000049')), 1);
    });

    it('keeps whole numbers whole', () => {
      assert.equal(jsonNumber(exact(40)), 40);
    });
  });
});

describe('engine: results JSON (engine rules §4)', () => {
  // co-production 20, safety 40, price 40 by lowest-relative; scale 0 to 5
  const rubric = buildRubric({
    criteria: [
      { id: 'co-production', weight: 20 },
      { id: 'safety', weight: 40 },
    ],
  });
  const input = tender({
    reference: 'HC-2026-07',
    rubric,
    bids: { A: 80_000, B: 120_000, C: null },
    members: { m1: 'professional', m2: 'professional', m3: 'lived-experience' },
    scores: {
      // co-production F = 4/3 → 4/3 / 5 × 20 = 16/3; safety F = 5 → 40; Q = 136/3; price 40; T = 256/3
      A: { 'co-production': { m1: 1, m2: 2, m3: 1 }, safety: { m1: 5, m2: 5, m3: 5 } },
      // co-production F = 5 → 20; safety F = 11/3 → 11/3 / 5 × 40 = 88/3; Q = 148/3; price 40 × 2/3 = 80/3; T = 228/3 = 76
      B: { 'co-production': { m1: 5, m2: 5, m3: 5 }, safety: { m1: 4, m2: 3, m3: 4 } },
      // no price and everyone abstained on safety: incomplete
      C: { 'co-production': { m1: 3, m2: 3, m3: 3 }, safety: { m1: 'abstain', m2: 'abstain', m3: 'abstain' } },
    },
  });
  const results = evaluateTender(input);

  it('has the top-level fields of the contract', () => {
    assert.deepEqual(Object.keys(results).sort(), ['bids', 'complete', 'reference', 'robustness', 'winner', 'withdrawn']);
    assert.equal(results.reference, 'HC-2026-07');
    assert.equal(results.complete, false);
    assert.equal(results.winner, 'A');
    assert.deepEqual(results.withdrawn, []);
  });

  it('gives every field of a ranked bid, with numbers rounded to 6 decimal places', () => {
    const a = results.bids.find((b) => b.key === 'A');
    assert.deepEqual(a, {
      key: 'A',
      supplier: 'Supplier A Ltd',
      eligible: true,
      complete: true,
      failures: [],
      missing: [],
      quality: 45.333333, // 136/3
      sections: { quality: 45.333333 },
      price: 40,
      total: 85.333333, // 256/3
      rank: 1,
      tie: false,
      criteria: {
        'co-production': {
          final: 1.333333, // 4/3
          basis: 'mean',
          points: 5.333333, // 16/3
          scores: [
            { member: 'm1', perspective: 'professional', score: 1 },
            { member: 'm2', perspective: 'professional', score: 2 },
            { member: 'm3', perspective: 'lived-experience', score: 1 },
          ],
          flagged: false,
          flags: [],
        },
        safety: {
          final: 5,
          basis: 'mean',
          points: 40,
          scores: [
            { member: 'm1', perspective: 'professional', score: 5 },
            { member: 'm2', perspective: 'professional', score: 5 },
            { member: 'm3', perspective: 'lived-experience', score: 5 },
          ],
          flagged: false,
          flags: [],
        },
      },
    });
  });

  it('rounds the second bid\'s thirds to 6 decimal places', () => {
    const b = results.bids.find((x) => x.key === 'B')!;
    assert.equal(b.quality, 49.333333); // 148/3
    assert.equal(b.price, 26.666667); // 80/3
    assert.equal(b.total, 76); // 148/3 + 80/3 = 228/3
    assert.equal(b.criteria['safety']?.final, 3.666667); // 11/3
    assert.equal(b.criteria['safety']?.points, 29.333333); // 88/3
    assert.equal(b.rank, 2);
  });

  it('gives null price, total and rank, and null final and points, for an incomplete bid', () => {
    const c = results.bids.find((b) => b.key === 'C')!;
    assert.equal(c.complete, false);
    assert.equal(c.eligible, true);
    assert.equal(c.price, null);
    assert.equal(c.total, null);
    assert.equal(c.rank, null);
    assert.equal(c.tie, false);
    assert.equal(c.quality, 12); // co-production only: 3/5 × 20
    assert.deepEqual(c.criteria['safety'], {
      final: null,
      basis: null,
      points: null,
      scores: [
        { member: 'm1', perspective: 'professional', score: 'abstain' },
        { member: 'm2', perspective: 'professional', score: 'abstain' },
        { member: 'm3', perspective: 'lived-experience', score: 'abstain' },
      ],
      flagged: false,
      flags: [],
    });
    assert.deepEqual(c.missing, ['"Safety" has no final score yet', 'the price has not been entered']);
  });

  it('carries the robustness findings for the same tender', () => {
    assert.deepEqual(results.robustness, robustness(input, scoreTender(input)));
    assert.deepEqual(Object.keys(results.robustness).sort(), ['leaveOneOut', 'priceMethods', 'split', 'summary', 'winner']);
    assert.equal(results.robustness.winner, 'A');
  });

  it('survives a JSON round trip unchanged: plain numbers, strings, booleans and nulls only', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(results)), results);
  });

  it('uses JSON numbers, never strings or fractions, for every figure', () => {
    for (const bid of results.bids) {
      assert.equal(typeof bid.quality, 'number');
      for (const value of [bid.price, bid.total]) assert.ok(value === null || typeof value === 'number');
      for (const c of Object.values(bid.criteria)) {
        assert.ok(c.final === null || typeof c.final === 'number');
        assert.ok(c.points === null || typeof c.points === 'number');
      }
    }
  });

  it('lists withdrawn bids by key and leaves them out of the bids', () => {
    const withWithdrawn = evaluateTender({ ...input, bids: [...input.bids, { key: 'W', supplier: 'Willow', price: 1, withdrawn: true }] });
    assert.deepEqual(withWithdrawn.withdrawn, ['W']);
    assert.deepEqual(
      withWithdrawn.bids.map((b) => b.key),
      ['A', 'B', 'C'],
    );
    assert.equal(withWithdrawn.bids.find((b) => b.key === 'B')?.price, 26.666667); // the withdrawn £1 bid sets no lowest price
  });
});
