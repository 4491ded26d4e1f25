// `results` for the hand-worked pack (fixtures/packs/hand-worked.yaml), against figures worked
// out by hand from engine rules §3. The pack's rubric is inline: scale 0–4, weights co-production 30,
// safety 30 (threshold 2), price 40 by lowest-relative; the tender aggregates by the mean.
//
//   Criterion points P = (F − 0) / (4 − 0) × w = F / 4 × 30.
//   Price points over eligible, complete bids only: 40 × pmin / p.
//   Eligible bids: A (100,000), B (80,000), C (120,000). D fails safety, E is withdrawn,
//   so pmin = 80,000 (B), not D's 50,000 nor E's 10,000.
//
//   A  co-production mean(4, 3, 2) = 3      → 3/4 × 30 = 22.5
//      safety        mean(3, 3)    = 3      → 22.5            Q = 45
//      price 40 × 80,000 / 100,000 = 32                       T = 77      rank 2
//   B  co-production mean(2, 2, 3) = 7/3    → 7/12 × 30 = 17.5
//      safety        m1 abstains (left out), mean(3, 2) = 2.5 → 2.5/4 × 30 = 18.75
//                                                              Q = 36.25
//      price 40 × 80,000 / 80,000 = 40                         T = 76.25   rank 3
//   C  co-production consensus 4 (wins over mean(2, 3) = 2.5) → 30
//      safety        mean(4, 4, 4) = 4      → 30              Q = 60
//      price 40 × 80,000 / 120,000 = 80/3 = 26.666667          T = 260/3 = 86.666667  rank 1
//   D  co-production mean(4, 4) = 4 → 30; safety mean(1, 1) = 1 → 7.5; Q = 37.5
//      safety 1 < threshold 2 → not eligible: no price points, no total, no rank.
//   E  withdrawn: left out entirely.
//   Winner: C.
//
// Disagreement flags (spread ≥ 30% of 4 = 1.2, or perspective means ≥ 1 apart; m1 is the only
// lived-experience member):
//   A co-production: spread 4 − 2 = 2 ≥ 1.2                         → flagged
//   C co-production: lived 2 vs professional 3, 1 apart                → flagged
//   B co-production: spread 1, lived 2 vs professional 2.5             → not flagged
//   B safety: m1 abstained, only professionals scored, spread 1         → not flagged
//   every other cell: equal scores                                      → not flagged
import assert from 'node:assert/strict';
import { cli, importPack } from '../helpers/cli';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

interface CriterionJson {
  final: number | null;
  points: number | null;
  scores: { member: string; perspective: string; score: number | 'abstain' }[];
  flagged: boolean;
}
interface BidJson {
  key: string;
  supplier: string;
  eligible: boolean;
  complete: boolean;
  failures: string[];
  quality: number;
  price: number | null;
  total: number | null;
  rank: number | null;
  tie: boolean;
  criteria: Record<string, CriterionJson>;
}
interface ResultsJson {
  reference: string;
  complete: boolean;
  winner: string | null;
  withdrawn: string[];
  bids: BidJson[];
  robustness: {
    winner: string | null;
    leaveOneOut: { member: string; winner: string | null; changed: boolean }[];
    split: { shift: number; qualityWeight: number; priceWeight: number; winner: string | null; changed: boolean }[];
    priceMethods: { method: string; winner: string | null; changed: boolean }[];
    summary: string[];
  };
}

/** The contract fields of one criterion (a contract in the README), individual scores as member → score. */
const cell = (c: CriterionJson) => ({
  final: c.final,
  points: c.points,
  scores: Object.fromEntries(c.scores.map((s) => [s.member, s.score])),
  flagged: c.flagged,
});

/** The contract fields of one bid (a contract in the README). */
const contract = (b: BidJson) => ({
  key: b.key,
  supplier: b.supplier,
  eligible: b.eligible,
  complete: b.complete,
  failures: b.failures,
  quality: b.quality,
  price: b.price,
  total: b.total,
  rank: b.rank,
  tie: b.tie,
  criteria: Object.fromEntries(Object.entries(b.criteria).map(([id, c]) => [id, cell(c)])),
});

describe('results of the hand-worked tender (CLI)', () => {
  useTempDatabase('all');
  let results: ResultsJson;

  before(async () => {
    assert.equal(await importPack(HAND_WORKED_PACK), 'HW-2026-01');
    const run = await cli(['results', 'HW-2026-01', '--json']);
    assert.equal(run.code, 0, run.stderr);
    results = JSON.parse(run.stdout) as ResultsJson;
  });

  it('names the tender, says it is complete and that C wins', () => {
    assert.equal(results.reference, 'HW-2026-01');
    assert.equal(results.complete, true);
    assert.equal(results.winner, 'C');
    assert.ok(Array.isArray(results.bids));
    assert.equal(typeof results.robustness, 'object');
  });

  it('leaves the withdrawn bid E out of the bids and lists it as withdrawn', () => {
    assert.deepEqual(results.withdrawn, ['E']);
    assert.deepEqual(results.bids.map((b) => b.key).sort(), ['A', 'B', 'C', 'D']);
  });

  it('scores bid A as worked out by hand: Q 45, price 32, total 77, rank 2', () => {
    const a = results.bids.find((b) => b.key === 'A')!;
    assert.deepEqual(contract(a), {
      key: 'A',
      supplier: 'Alder Care',
      eligible: true,
      complete: true,
      failures: [],
      quality: 45, // 22.5 + 22.5
      price: 32, // 40 × 80000 / 100000
      total: 77, // 45 + 32
      rank: 2,
      tie: false,
      criteria: {
        // mean(4, 3, 2) = 3 → 3/4 × 30 = 22.5; spread 2 ≥ 1.2 → flagged
        'co-production': { final: 3, points: 22.5, scores: { m1: 4, m2: 3, m3: 2 }, flagged: true },
        // mean(3, 3) = 3 → 22.5
        safety: { final: 3, points: 22.5, scores: { m1: 3, m2: 3 }, flagged: false },
      },
    });
  });

  it('scores bid B leaving out the abstention: Q 36.25, price 40, total 76.25, rank 3', () => {
    const b = results.bids.find((x) => x.key === 'B')!;
    assert.deepEqual(contract(b), {
      key: 'B',
      supplier: 'Birch Support',
      eligible: true,
      complete: true,
      failures: [],
      quality: 36.25, // 17.5 + 18.75
      price: 40, // the lowest eligible price: 40 × 80000 / 80000
      total: 76.25,
      rank: 3,
      tie: false,
      criteria: {
        // mean(2, 2, 3) = 7/3 = 2.333333 (6 places) → 7/3 / 4 × 30 = 17.5
        'co-production': { final: 2.333333, points: 17.5, scores: { m1: 2, m2: 2, m3: 3 }, flagged: false },
        // m1 abstains and is left out: mean(3, 2) = 2.5 → 2.5 / 4 × 30 = 18.75
        safety: { final: 2.5, points: 18.75, scores: { m1: 'abstain', m2: 3, m3: 2 }, flagged: false },
      },
    });
  });

  it('lets the consensus score decide bid C: Q 60, price 26.666667, total 86.666667, rank 1', () => {
    const c = results.bids.find((x) => x.key === 'C')!;
    assert.deepEqual(contract(c), {
      key: 'C',
      supplier: 'Cedar Homecare',
      eligible: true,
      complete: true,
      failures: [],
      quality: 60,
      price: 26.666667, // 40 × 80000 / 120000 = 80/3, rounded to 6 places
      total: 86.666667, // 60 + 80/3 = 260/3
      rank: 1,
      tie: false,
      criteria: {
        // consensus 4 wins over mean(2, 3) = 2.5; the individual scores stay next to it;
        // lived 2 vs professional 3 differ by 1 → flagged
        'co-production': { final: 4, points: 30, scores: { m1: 2, m2: 3 }, flagged: true },
        safety: { final: 4, points: 30, scores: { m1: 4, m2: 4, m3: 4 }, flagged: false },
      },
    });
  });

  it('fails bid D on the safety threshold and gives it no price, total or rank', () => {
    const d = results.bids.find((x) => x.key === 'D')!;
    const fields = contract(d);
    assert.equal(fields.eligible, false);
    assert.equal(fields.complete, true);
    assert.equal(fields.price, null);
    assert.equal(fields.total, null);
    assert.equal(fields.rank, null);
    assert.equal(fields.tie, false);
    assert.equal(fields.quality, 37.5); // 30 + 7.5
    assert.equal(d.failures.length, 1);
    assert.match(d.failures[0]!, /Keeping people safe/);
    assert.match(d.failures[0]!, /\b2\b/, 'the failure should give the minimum of 2');
    assert.deepEqual(fields.criteria, {
      'co-production': { final: 4, points: 30, scores: { m1: 4, m2: 4 }, flagged: false },
      // mean(1, 1) = 1 < 2; 1/4 × 30 = 7.5
      safety: { final: 1, points: 7.5, scores: { m1: 1, m2: 1 }, flagged: false },
    });
  });

  it("does not let the failed bid D's lower price (50,000) set the lowest price", () => {
    // Were D's 50,000 the lowest, B would get 40 × 50000/80000 = 25, not 40.
    const byKey = new Map(results.bids.map((b) => [b.key, b]));
    assert.equal(byKey.get('B')!.price, 40);
    assert.equal(byKey.get('A')!.price, 32);
    assert.equal(byKey.get('C')!.price, 26.666667);
  });

  it('ranks the eligible bids 1, 2, 3 with no ties', () => {
    const ranked = results.bids.filter((b) => b.rank !== null).sort((x, y) => x.rank! - y.rank!);
    assert.deepEqual(
      ranked.map((b) => [b.key, b.rank, b.tie]),
      [
        ['C', 1, false],
        ['A', 2, false],
        ['B', 3, false],
      ],
    );
  });

  it('reports robustness: C stays the winner without any one member, with the split moved, and under other price methods', () => {
    const r = results.robustness;
    assert.equal(r.winner, 'C');
    // Without m1: A 41.25 + 32, B 37.5 + 40, C 60 + 26.67 → C. Without m2 or m3 C keeps 30 + 30.
    assert.deepEqual(
      r.leaveOneOut.map((l) => [l.member, l.winner, l.changed]),
      [
        ['m1', 'C', false],
        ['m2', 'C', false],
        ['m3', 'C', false],
      ],
    );
    // Price 50 / quality 50: C 50 + 33.33 = 83.33, B 30.21 + 50 = 80.21, A 37.5 + 40 = 77.5 → C.
    assert.deepEqual(
      r.split.map((s) => [s.shift, s.qualityWeight, s.priceWeight, s.winner, s.changed]),
      [
        [-10, 70, 30, 'C', false],
        [-5, 65, 35, 'C', false],
        [5, 55, 45, 'C', false],
        [10, 50, 50, 'C', false],
      ],
    );
    // linear-deduction: C 60 + 40 × (1 − 40000/80000) = 80, B 76.25, A 45 + 30 = 75 → C.
    // mean-relative (pmean 100000): C 60 + 40 × 0.3 = 72, A 45 + 20 = 65, B 36.25 + 28 = 64.25 → C.
    const methods = new Map(r.priceMethods.map((m) => [m.method, m]));
    for (const method of ['linear-deduction', 'mean-relative']) {
      assert.equal(methods.get(method)?.winner, 'C', method);
    }
    assert.ok(r.priceMethods.every((m) => !m.changed));
    assert.ok(r.summary.length > 0);
    assert.ok(r.summary.some((line) => line.includes('C') && line.includes('Cedar Homecare')));
  });

  it('prints a table naming every bid, its supplier and the winner without --json', async () => {
    const run = await cli(['results', 'HW-2026-01']);
    assert.equal(run.code, 0, run.stderr);
    const text = run.stdout;
    assert.match(text, /HW-2026-01/);
    for (const [key, supplier] of [
      ['A', 'Alder Care'],
      ['B', 'Birch Support'],
      ['C', 'Cedar Homecare'],
      ['D', 'Damson Services'],
    ] as const) {
      const row = run.out.find((line) => line.includes(supplier));
      assert.ok(row, `a row for ${supplier}`);
      assert.match(row, new RegExp(`\\b${key}\\b`));
    }
    const rowOf = (supplier: string) => run.out.find((line) => line.includes(supplier))!;
    assert.match(rowOf('Cedar Homecare'), /^1\s/);
    assert.match(rowOf('Cedar Homecare'), /86\.67/);
    assert.match(rowOf('Alder Care'), /^2\s.*77\.00/);
    assert.match(rowOf('Birch Support'), /^3\s.*76\.25/);
    assert.match(rowOf('Damson Services'), /Keeping people safe/);
    assert.match(text, /winner is bid C \(Cedar Homecare\)/);
    assert.match(text, /Withdrawn.*E/);
  });

  it('refuses a reference that is not stored, with exit code 1', async () => {
    const run = await cli(['results', 'NO-SUCH-TENDER', '--json']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /NO-SUCH-TENDER/);
  });

  it('gives the same results JSON every time it is asked', async () => {
    const again = await cli(['results', 'HW-2026-01', '--json']);
    assert.deepEqual(JSON.parse(again.stdout), results);
  });
});
