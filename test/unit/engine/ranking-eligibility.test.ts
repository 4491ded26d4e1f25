// engine rules §3.3 (eligibility), §3.4 (price over eligible bids only) and §3.5 (total and rank).
import assert from 'node:assert/strict';
import { exact, rankBids, scoreTender, winnerOf, type BidResult, type TenderResult } from '../../../src/engine';
import { assertExact } from './assert-exact';
import { buildRubric, tender, uniform } from './rubric-builder';

const CRITERIA = ['co-production', 'safety'];
const PANEL = { m1: 'professional', m2: 'lived-experience' } as const;

function bid(result: TenderResult, key: string): BidResult {
  const found = result.bids.find((b) => b.key === key);
  assert.ok(found, `bid ${key} is not in the results`);
  return found;
}

function rankable(key: string, total: number, quality: number) {
  return { key, total: exact(total), quality: exact(quality) };
}

describe('engine: ranking (engine rules §3.5)', () => {
  it('ranks by total, highest first', () => {
    const placings = rankBids([rankable('A', 70, 40), rankable('B', 90, 50), rankable('C', 80, 50)]);
    assert.deepEqual(placings.get('B'), { rank: 1, tie: false });
    assert.deepEqual(placings.get('C'), { rank: 2, tie: false });
    assert.deepEqual(placings.get('A'), { rank: 3, tie: false });
  });

  it('uses competition ranking for a tie: 1, 2, 2, 4, and flags both tied bids', () => {
    const placings = rankBids([rankable('A', 90, 50), rankable('B', 80, 50), rankable('C', 80, 50), rankable('D', 70, 50)]);
    assert.deepEqual(
      ['A', 'B', 'C', 'D'].map((k) => placings.get(k)),
      [
        { rank: 1, tie: false },
        { rank: 2, tie: true },
        { rank: 2, tie: true },
        { rank: 4, tie: false },
      ],
    );
  });

  it('breaks equal totals by the higher quality, with no tie flag', () => {
    const placings = rankBids([rankable('A', 80, 50), rankable('B', 80, 55)]);
    assert.deepEqual(placings.get('B'), { rank: 1, tie: false });
    assert.deepEqual(placings.get('A'), { rank: 2, tie: false });
    assert.equal(winnerOf(placings), 'B');
  });

  it('compares exact totals: 80/3 + 1/3 ties with 27', () => {
    const placings = rankBids([
      { key: 'A', total: exact(80).div(3).add(exact(1).div(3)), quality: exact(10) },
      { key: 'B', total: exact(27), quality: exact(10) },
    ]);
    assert.deepEqual(placings.get('A'), { rank: 1, tie: true });
    assert.deepEqual(placings.get('B'), { rank: 1, tie: true });
  });

  it('has no winner when two bids share rank 1', () => {
    const placings = rankBids([rankable('A', 80, 50), rankable('B', 80, 50), rankable('C', 60, 50)]);
    assert.equal(winnerOf(placings), null);
    assert.deepEqual(placings.get('C'), { rank: 3, tie: false });
  });

  it('has no winner when there is no bid to rank', () => {
    assert.equal(winnerOf(rankBids([])), null);
  });

  it('ties two identical bids in a whole tender: both rank 1, both flagged, no winner', () => {
    const result = scoreTender(
      tender({
        rubric: buildRubric(),
        bids: { A: 100_000, B: 100_000, C: 100_000 },
        members: PANEL,
        scores: { A: uniform(CRITERIA, ['m1', 'm2'], 4), B: uniform(CRITERIA, ['m1', 'm2'], 4), C: uniform(CRITERIA, ['m1', 'm2'], 3) },
      }),
    );
    assert.deepEqual(
      result.bids.map((b) => [b.key, b.rank, b.tie]),
      [
        ['A', 1, true],
        ['B', 1, true],
        ['C', 3, false],
      ],
    );
    assert.equal(result.winner, null);
  });

  it('puts the higher-quality bid first when totals are equal in a whole tender', () => {
    const rubric = buildRubric({ criteria: [{ id: 'co-production', weight: 60 }] });
    const result = scoreTender(
      tender({
        rubric,
        bids: { A: 80_000, C: 60_000 },
        members: { m1: 'professional', m2: 'professional', m3: 'lived-experience' },
        scores: {
          A: { 'co-production': { m1: 5, m2: 4, m3: 4 } }, // F = 13/3 → Q = 13/3 / 5 × 60 = 52; price 40 × 60000/80000 = 30 → T = 82
          C: { 'co-production': { m1: 3, m2: 4, m3: 'abstain' } }, // F = 7/2 → Q = 7/2 / 5 × 60 = 42; price 40 → T = 82
        },
      }),
    );
    assertExact(bid(result, 'A').total, 82);
    assertExact(bid(result, 'C').total, 82);
    assert.deepEqual([bid(result, 'A').rank, bid(result, 'A').tie], [1, false]); // higher quality (52 > 42) goes first
    assert.deepEqual([bid(result, 'C').rank, bid(result, 'C').tie], [2, false]);
    assert.equal(result.winner, 'A');
  });
});

describe('engine: eligibility (engine rules §3.3)', () => {
  const thresholdRubric = buildRubric({
    criteria: [
      { id: 'co-production', weight: 30 },
      { id: 'safety', weight: 30, threshold: 3, title: 'Keeping people safe' },
    ],
  });

  it('fails a bid whose final score is below a threshold, naming the criterion', () => {
    const result = scoreTender(
      tender({
        rubric: thresholdRubric,
        bids: { A: 50_000, B: 100_000 },
        members: PANEL,
        scores: {
          A: { 'co-production': { m1: 5, m2: 5 }, safety: { m1: 2, m2: 3 } }, // safety F = 2.5 < 3
          B: uniform(CRITERIA, ['m1', 'm2'], 3),
        },
      }),
    );
    const a = bid(result, 'A');
    assert.equal(a.eligible, false);
    assert.equal(a.complete, true);
    assert.deepEqual(a.failures, ['"Keeping people safe" scored 2.50, below its minimum of 3']);
    assert.equal(a.pricePoints, null);
    assert.equal(a.total, null);
    assert.equal(a.rank, null);
    assertExact(a.quality, 45); // quality is still reported: 5/5 × 30 + 2.5/5 × 30 = 30 + 15
    assert.equal(result.winner, 'B');
  });

  it('passes a bid whose final score equals the threshold', () => {
    const result = scoreTender(
      tender({
        rubric: thresholdRubric,
        bids: { A: 100_000 },
        members: PANEL,
        scores: { A: { 'co-production': { m1: 1, m2: 1 }, safety: { m1: 2, m2: 4 } } }, // safety F = 3 = threshold
      }),
    );
    assert.equal(bid(result, 'A').eligible, true);
    assert.deepEqual(bid(result, 'A').failures, []);
    assert.equal(bid(result, 'A').rank, 1);
  });

  describe('quality pass mark (a percentage of the total quality weight)', () => {
    // quality weight 60, pass mark 50% → 30 points needed; P = F / 5 × 30 = 6F per criterion
    const rubric = buildRubric({ qualityPassMark: 50 });

    it('passes a bid exactly at the pass mark', () => {
      const result = scoreTender(
        tender({
          rubric,
          bids: { A: 100_000 },
          members: { m1: 'professional' },
          scores: { A: { 'co-production': { m1: 2 }, safety: { m1: 3 } } }, // Q = 6 × 2 + 6 × 3 = 30
        }),
      );
      assertExact(bid(result, 'A').quality, 30);
      assert.equal(bid(result, 'A').eligible, true);
    });

    it('fails a bid just below the pass mark, with the figures', () => {
      const result = scoreTender(
        tender({
          rubric,
          bids: { A: 100_000 },
          members: { m1: 'professional', m2: 'professional' },
          scores: { A: { 'co-production': { m1: 2, m2: 2 }, safety: { m1: 3, m2: 2 } } }, // Q = 6 × 2 + 6 × 2.5 = 27
        }),
      );
      const a = bid(result, 'A');
      assertExact(a.quality, 27);
      assert.equal(a.eligible, false);
      assert.deepEqual(a.failures, ['quality 27.00 is below the pass mark of 50% (30.00 of 60.00 points)']);
      assert.equal(a.rank, null);
    });

    it('reports every reason a bid fails, not just the first', () => {
      const strict = buildRubric({
        criteria: [
          { id: 'co-production', weight: 30, threshold: 2 },
          { id: 'safety', weight: 30, threshold: 2 },
        ],
        qualityPassMark: 50,
      });
      const result = scoreTender(
        tender({
          rubric: strict,
          bids: { A: 100_000 },
          members: { m1: 'professional' },
          scores: { A: { 'co-production': { m1: 1 }, safety: { m1: 1 } } }, // both below 2; Q = 12 < 30
        }),
      );
      assert.equal(bid(result, 'A').failures.length, 3);
    });
  });

  it('works out price over eligible bids only: a cheaper failed bid does not set the lowest price', () => {
    const result = scoreTender(
      tender({
        rubric: thresholdRubric,
        bids: { A: 50_000, B: 80_000, C: 100_000 },
        members: PANEL,
        scores: {
          A: { 'co-production': { m1: 5, m2: 5 }, safety: { m1: 1, m2: 1 } }, // fails safety
          B: uniform(CRITERIA, ['m1', 'm2'], 3),
          C: uniform(CRITERIA, ['m1', 'm2'], 3),
        },
      }),
    );
    assertExact(bid(result, 'B').pricePoints, 40); // pmin = 80000 (A left out) → 40 × 80000/80000
    assertExact(bid(result, 'C').pricePoints, 32); // 40 × 80000/100000, not 40 × 50000/100000 = 20
    assert.equal(bid(result, 'A').pricePoints, null);
  });

  it('works out price over complete bids only: a cheaper incomplete bid does not set the lowest price', () => {
    const result = scoreTender(
      tender({
        rubric: buildRubric(),
        bids: { A: 50_000, B: 80_000, C: 100_000 },
        members: PANEL,
        scores: {
          A: { 'co-production': { m1: 5, m2: 5 } }, // no safety scores
          B: uniform(CRITERIA, ['m1', 'm2'], 3),
          C: uniform(CRITERIA, ['m1', 'm2'], 3),
        },
      }),
    );
    assertExact(bid(result, 'C').pricePoints, 32); // 40 × 80000/100000
  });

  describe('abstentions and incomplete bids', () => {
    it('makes a bid incomplete when everyone abstained on a criterion and there is no consensus', () => {
      const result = scoreTender(
        tender({
          rubric: buildRubric(),
          bids: { A: 100_000, B: 90_000 },
          members: PANEL,
          scores: {
            A: { 'co-production': { m1: 5, m2: 5 }, safety: { m1: 'abstain', m2: 'abstain' } },
            B: uniform(CRITERIA, ['m1', 'm2'], 2),
          },
        }),
      );
      const a = bid(result, 'A');
      assert.equal(a.complete, false);
      assert.deepEqual(a.missing, ['"Safety" has no final score yet']);
      assert.equal(a.criteria['safety']?.final, null);
      assert.equal(a.criteria['safety']?.points, null);
      assert.equal(a.pricePoints, null);
      assert.equal(a.total, null);
      assert.equal(a.rank, null);
      assert.equal(result.complete, false);
      assert.equal(result.winner, 'B');
    });

    it('completes the same bid once there is a consensus score', () => {
      const result = scoreTender(
        tender({
          rubric: buildRubric(),
          bids: { A: 100_000 },
          members: PANEL,
          scores: { A: { 'co-production': { m1: 5, m2: 5 }, safety: { m1: 'abstain', m2: 'abstain' } } },
          consensus: [{ bid: 'A', criterion: 'safety', score: 2 }],
        }),
      );
      assert.equal(bid(result, 'A').complete, true);
      assertExact(bid(result, 'A').total, 82); // 30 + 2/5 × 30 + 40 = 30 + 12 + 40
      assert.equal(result.complete, true);
    });

    it('makes a bid with no price incomplete', () => {
      const result = scoreTender(
        tender({
          rubric: buildRubric(),
          bids: { A: null, B: 90_000 },
          members: PANEL,
          scores: { A: uniform(CRITERIA, ['m1', 'm2'], 5), B: uniform(CRITERIA, ['m1', 'm2'], 1) },
        }),
      );
      const a = bid(result, 'A');
      assert.equal(a.complete, false);
      assert.deepEqual(a.missing, ['the price has not been entered']);
      assert.equal(a.eligible, true);
      assert.equal(a.rank, null);
      assert.equal(a.total, null);
      assertExact(a.quality, 60);
      assert.equal(result.winner, 'B');
    });

    it('accepts a price given as a decimal string', () => {
      const result = scoreTender(
        tender({
          rubric: buildRubric({ criteria: [{ id: 'co-production', weight: 60 }] }),
          bids: { A: '99999.99', B: '100000.00' },
          members: { m1: 'professional' },
          scores: { A: { 'co-production': { m1: 3 } }, B: { 'co-production': { m1: 3 } } },
        }),
      );
      assertExact(bid(result, 'A').price, '99999.99');
      assertExact(bid(result, 'B').pricePoints, '39.999996'); // 40 × 99999.99 / 100000 = 40 × 0.9999999
      assert.equal(result.winner, 'A');
    });
  });

  describe('withdrawn bids', () => {
    it('leaves a withdrawn bid out entirely, and its price out of the price group', () => {
      const result = scoreTender(
        tender({
          rubric: buildRubric(),
          bids: [
            { key: 'A', supplier: 'Alder', price: 80_000 },
            { key: 'B', supplier: 'Birch', price: 100_000 },
            { key: 'W', supplier: 'Willow', price: 10_000, withdrawn: true },
          ],
          members: PANEL,
          scores: { A: uniform(CRITERIA, ['m1', 'm2'], 3), B: uniform(CRITERIA, ['m1', 'm2'], 3), W: uniform(CRITERIA, ['m1', 'm2'], 5) },
        }),
      );
      assert.deepEqual(
        result.bids.map((b) => b.key),
        ['A', 'B'],
      );
      assert.deepEqual(result.withdrawn, ['W']);
      assertExact(bid(result, 'A').pricePoints, 40); // pmin is 80000, not the withdrawn 10000 (which would give 5)
      assertExact(bid(result, 'B').pricePoints, 32);
      assert.equal(result.winner, 'A');
      assert.equal(result.complete, true);
    });

    it('does not let a withdrawn bid with no scores make the tender incomplete', () => {
      const result = scoreTender(
        tender({
          rubric: buildRubric(),
          bids: [
            { key: 'A', supplier: 'Alder', price: 80_000 },
            { key: 'W', supplier: 'Willow', price: null, withdrawn: true },
          ],
          members: PANEL,
          scores: { A: uniform(CRITERIA, ['m1', 'm2'], 3) },
        }),
      );
      assert.equal(result.complete, true);
      assert.equal(result.winner, 'A');
    });
  });

  describe('a custom formula that cannot be worked out for one bid', () => {
    it('reports that bid incomplete with the reason and ranks the others', () => {
      const rubric = buildRubric({ price: { weight: 40, method: 'custom', params: { formula: 'weight * lowest / (price - lowest)' } } });
      const result = scoreTender(
        tender({
          rubric,
          bids: { A: 80_000, B: 120_000 },
          members: PANEL,
          scores: { A: uniform(CRITERIA, ['m1', 'm2'], 3), B: uniform(CRITERIA, ['m1', 'm2'], 3) },
        }),
      );
      const a = bid(result, 'A');
      assert.equal(a.complete, false);
      assert.deepEqual(a.missing, ['price points cannot be worked out: the formula divides by zero']);
      assert.equal(a.pricePoints, null);
      assert.equal(a.total, null);
      assert.equal(a.rank, null);
      assertExact(bid(result, 'B').pricePoints, 40); // 40 × 80000 / 40000 = 80 → clamped to 40
      assert.equal(bid(result, 'B').rank, 1);
      assert.equal(result.complete, false);
      assert.equal(result.winner, 'B');
    });
  });
});
