// engine rules §3.7: would the winner change if one member's scores were left out, if the quality/price
// split moved by ±5 or ±10 points, or under another price method? Said in plain words.
import assert from 'node:assert/strict';
import { evaluateTender, type MemberInput } from '../../../src/engine';
import { buildRubric, tender } from './rubric-builder';

const PANEL: MemberInput[] = [
  { key: 'm1', name: 'Ada Jones', perspective: 'professional' },
  { key: 'm2', name: 'Ben Cole', perspective: 'professional' },
  { key: 'm3', name: 'Cara Diaz', perspective: 'lived-experience' },
];

/** One co-production criterion of weight 60; price 40 by lowest-relative. Points per criterion: F / 5 × 60 = 12F. */
const rubric = buildRubric({ criteria: [{ id: 'co-production', weight: 60 }] });

describe('engine: robustness (engine rules §3.7)', () => {
  describe('leaving out one panel member', () => {
    it('names the one member whose scores decide the winner', () => {
      const results = evaluateTender(
        tender({
          rubric,
          bids: { A: 100_000, B: 100_000 }, // equal prices: 40 price points each
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 5, m2: 3, m3: 3 } }, // F = 11/3 → Q = 44 → T = 84
            B: { 'co-production': { m1: 1, m2: 4, m3: 4 } }, // F = 3 → Q = 36 → T = 76
          },
        }),
      );
      // without m1: A F = 3 (Q 36), B F = 4 (Q 48) → B; without m2: A (5+3)/2 = 4, B (1+4)/2 = 2.5 → A; without m3: the same → A
      assert.equal(results.winner, 'A');
      assert.deepEqual(results.robustness.leaveOneOut, [
        { member: 'm1', name: 'Ada Jones', winner: 'B', changed: true },
        { member: 'm2', name: 'Ben Cole', winner: 'A', changed: false },
        { member: 'm3', name: 'Cara Diaz', winner: 'A', changed: false },
      ]);
      assert.deepEqual(results.robustness.summary, [
        'The winner is bid A (Supplier A Ltd).',
        "Leaving out Ada Jones's scores would change the result to bid B (Supplier B Ltd).",
        'The winner stays the same if the quality/price split moves by 5 or 10 points either way.',
        'The winner stays the same under every other price method tried (Linear deduction, Relative to the average price).',
      ]);
    });

    it('says the winner stays the same when no one member can change it', () => {
      const results = evaluateTender(
        tender({
          rubric,
          bids: { A: 100_000, B: 100_000 },
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 5, m2: 5, m3: 5 } }, // Q = 60 with any two of the three
            B: { 'co-production': { m1: 1, m2: 1, m3: 1 } }, // Q = 12 with any two of the three
          },
        }),
      );
      assert.equal(results.winner, 'A');
      assert.ok(results.robustness.leaveOneOut.every((l) => !l.changed && l.winner === 'A'));
      assert.equal(results.robustness.leaveOneOut.length, 3);
      assert.ok(results.robustness.summary.includes("The winner stays the same if any one panel member's scores are left out."));
    });

    it('leaves out only members who have scored, and says when no one has', () => {
      const results = evaluateTender(tender({ rubric, bids: { A: 100_000 }, members: PANEL, scores: {} }));
      assert.deepEqual(results.robustness.leaveOneOut, []);
      assert.deepEqual(results.robustness.summary.slice(0, 2), [
        'There is no single winner yet.',
        'No panel member has submitted scores yet, so leaving one out cannot be tested.',
      ]);
    });
  });

  describe('with no single winner', () => {
    it('names the bids tied first and says nothing about a winner staying the same', () => {
      const results = evaluateTender(
        tender({
          rubric,
          bids: { A: 100_000, B: 100_000 },
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 4, m2: 4, m3: 4 } }, // Q = 48 with any two of the three
            B: { 'co-production': { m1: 4, m2: 4, m3: 4 } },
          },
        }),
      );
      assert.equal(results.winner, null);
      assert.deepEqual(results.robustness.summary, ['Bids A and B are tied first, so there is no single winner.']);
    });

    it('names a change that would break a tie', () => {
      const results = evaluateTender(
        tender({
          rubric,
          bids: { A: 100_000, B: 100_000, C: 100_000 },
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 5, m2: 3, m3: 4 } }, // F = 4; without m1 3.5, without m2 4.5
            B: { 'co-production': { m1: 4, m2: 4, m3: 4 } }, // F = 4 always
            C: { 'co-production': { m1: 4, m2: 4, m3: 4 } },
          },
        }),
      );
      assert.equal(results.winner, null);
      const summary = results.robustness.summary;
      assert.equal(summary[0], 'Bids A, B and C are tied first, so there is no single winner.');
      assert.ok(summary.includes("Leaving out Ben Cole's scores would change the result to bid A (Supplier A Ltd)."));
      assert.ok(summary.every((line) => !/stays the same|yet/.test(line)), summary.join('\n'));
    });

    it('says there is no single winner yet while scores are missing, and nothing about it staying the same', () => {
      const results = evaluateTender(
        tender({ rubric, bids: { A: 100_000, B: 100_000 }, members: PANEL, scores: {} }),
      );
      assert.equal(results.winner, null);
      assert.deepEqual(results.robustness.summary, [
        'There is no single winner yet.',
        'No panel member has submitted scores yet, so leaving one out cannot be tested.',
      ]);
    });
    it('says no bid is eligible when every bid is scored and fails, not that a winner is still to come', () => {
      const withThreshold = buildRubric({ criteria: [{ id: 'co-production', weight: 60, threshold: 3 }] });
      const results = evaluateTender(
        tender({
          rubric: withThreshold,
          bids: { A: 100_000, B: 90_000 },
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 2, m2: 2, m3: 2 } }, // F = 2 < 3 with any two of the three
            B: { 'co-production': { m1: 1, m2: 2, m3: 2 } },
          },
        }),
      );
      assert.equal(results.winner, null);
      assert.ok(results.bids.every((b) => b.complete && !b.eligible));
      assert.equal(results.robustness.summary[0], 'No bid is eligible, so there is no winner.');
      assert.ok(results.robustness.summary.every((line) => !/stays the same|yet/.test(line)), results.robustness.summary.join('\n'));
    });
  });

  describe('moving the quality/price split', () => {
    it('reports the shifts that give a different winner', () => {
      const results = evaluateTender(
        tender({
          rubric,
          bids: { A: 100_000, B: 75_000 },
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 5, m2: 5, m3: 5 } }, // Q = 60; price 40 × 0.75 = 30 → T = 90
            B: { 'co-production': { m1: 4, m2: 4, m3: 4 } }, // Q = 48; price 40 → T = 88
          },
        }),
      );
      assert.equal(results.winner, 'A');
      // 70/30: A 70 + 22.5 = 92.5, B 56 + 30 = 86 → A      65/35: A 65 + 26.25 = 91.25, B 52 + 35 = 87 → A
      // 55/45: A 55 + 33.75 = 88.75, B 44 + 45 = 89 → B    50/50: A 50 + 37.5 = 87.5, B 40 + 50 = 90 → B
      assert.deepEqual(results.robustness.split, [
        { shift: -10, qualityWeight: 70, priceWeight: 30, winner: 'A', changed: false },
        { shift: -5, qualityWeight: 65, priceWeight: 35, winner: 'A', changed: false },
        { shift: 5, qualityWeight: 55, priceWeight: 45, winner: 'B', changed: true },
        { shift: 10, qualityWeight: 50, priceWeight: 50, winner: 'B', changed: true },
      ]);
      assert.ok(results.robustness.summary.includes('With 55 for quality and 45 for price, the result would be bid B (Supplier B Ltd).'));
      assert.ok(results.robustness.summary.includes('With 50 for quality and 50 for price, the result would be bid B (Supplier B Ltd).'));
      assert.ok(!results.robustness.summary.includes('The winner stays the same if the quality/price split moves by 5 or 10 points either way.'));
    });
  });

  describe('another price method', () => {
    it('reports the method that gives a different winner', () => {
      const results = evaluateTender(
        tender({
          rubric,
          bids: { A: 150_000, B: 100_000 },
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 5, m2: 5, m3: 5 } }, // Q = 60
            B: { 'co-production': { m1: 3, m2: 4 } }, //         F = 3.5 → Q = 42
          },
        }),
      );
      // lowest-relative:  A 60 + 40 × 2/3 = 86.67, B 42 + 40 = 82 → A
      // linear-deduction: A 60 + 40 × (1 − 0.5) = 80, B 82 → B
      // mean-relative (mean 125000): A 60 + 40 × 0.3 = 72, B 42 + 40 × 0.7 = 70 → A
      assert.equal(results.winner, 'A');
      assert.deepEqual(results.robustness.priceMethods, [
        { method: 'linear-deduction', winner: 'B', changed: true },
        { method: 'mean-relative', winner: 'A', changed: false },
      ]);
      assert.ok(results.robustness.summary.includes('Scoring price by the method “Linear deduction” would give bid B (Supplier B Ltd).'));
    });

    it('tries the methods whose params the rubric gives: ideal-price and log when they are there', () => {
      const withParams = buildRubric({
        criteria: [{ id: 'co-production', weight: 60 }],
        price: { weight: 40, method: 'log', params: { A: 2, ideal: 80_000, ceiling: 160_000 } },
      });
      const results = evaluateTender(
        tender({ rubric: withParams, bids: { A: 100_000 }, members: PANEL, scores: { A: { 'co-production': { m1: 3 } } } }),
      );
      assert.deepEqual(
        results.robustness.priceMethods.map((m) => m.method),
        ['lowest-relative', 'linear-deduction', 'mean-relative', 'ideal-price'],
      );
    });
  });

  it('says a fixed-budget tender cannot move its split or change its price method', () => {
    const fixed = buildRubric({
      criteria: [{ id: 'co-production', weight: 100 }],
      price: { weight: 0, method: 'fixed-budget', params: { budget: 200_000 } },
    });
    const results = evaluateTender(
      tender({ rubric: fixed, bids: { A: 100_000 }, members: PANEL, scores: { A: { 'co-production': { m1: 3 } } } }),
    );
    assert.deepEqual(results.robustness.split, []);
    assert.deepEqual(results.robustness.priceMethods, []);
    assert.equal(
      results.robustness.summary.at(-1),
      'Price carries no weight in this tender (fixed budget), so moving the quality/price split or changing the price method does not apply.',
    );
  });
});
