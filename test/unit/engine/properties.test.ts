// Property tests with fast-check over small random tenders (see tender-arbitrary.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type Fraction from 'fraction.js';
import {
  evaluateTender,
  exact,
  finalScore,
  scoreTender,
  type IndividualScore,
  type PriceMethod,
  type ResultsJson,
  type TenderInput,
  type TenderResult,
} from '../../../src/engine';
import { permutation, tenderArb } from './tender-arbitrary';

const RUNS = { numRuns: 100 };

const text = (x: Fraction | null) => (x === null ? null : x.toFraction());
const byMember = (a: IndividualScore, b: IndividualScore) => a.member.localeCompare(b.member);

/** A tender result with every list that follows input order sorted, and fractions as exact text. */
function normalised(result: TenderResult) {
  return {
    complete: result.complete,
    winner: result.winner,
    withdrawn: [...result.withdrawn].sort(),
    bids: [...result.bids]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((b) => ({
        key: b.key,
        eligible: b.eligible,
        complete: b.complete,
        failures: b.failures,
        missing: b.missing,
        quality: text(b.quality),
        pricePoints: text(b.pricePoints),
        total: text(b.total),
        rank: b.rank,
        tie: b.tie,
        criteria: Object.fromEntries(
          Object.entries(b.criteria).map(([id, c]) => [
            id,
            { final: text(c.final), basis: c.basis, points: text(c.points), flagged: c.flagged, flags: c.flags, scores: [...c.scores].sort(byMember) },
          ]),
        ),
      })),
  };
}

function normalisedRobustness(results: ResultsJson) {
  const r = results.robustness;
  return {
    winner: r.winner,
    leaveOneOut: [...r.leaveOneOut].sort((a, b) => a.member.localeCompare(b.member)),
    split: r.split,
    priceMethods: r.priceMethods,
    summary: [...r.summary].sort(),
  };
}

describe('engine: properties (fast-check)', () => {
  it('gives the same results whatever order the bids, members and scores come in', () => {
    const arb = tenderArb().chain((input) =>
      fc.record({
        input: fc.constant(input),
        bids: permutation(input.bids),
        members: permutation(input.members),
        scores: permutation(input.scores),
        consensus: permutation(input.consensus),
      }),
    );
    fc.assert(
      fc.property(arb, ({ input, bids, members, scores, consensus }) => {
        const shuffled: TenderInput = { ...input, bids, members, scores, consensus };
        assert.deepEqual(normalised(scoreTender(shuffled)), normalised(scoreTender(input)));
      }),
      RUNS,
    );
  });

  it('gives the same robustness findings whatever order the bids, members and scores come in', () => {
    const arb = tenderArb().chain((input) =>
      fc.record({ input: fc.constant(input), bids: permutation(input.bids), members: permutation(input.members), scores: permutation(input.scores) }),
    );
    fc.assert(
      fc.property(arb, ({ input, bids, members, scores }) => {
        const shuffled = evaluateTender({ ...input, bids, members, scores });
        assert.deepEqual(normalisedRobustness(shuffled), normalisedRobustness(evaluateTender(input)));
      }),
      { numRuns: 50 },
    );
  });

  it('never lowers a bid\'s quality when one of its scores is raised, and leaves the other bids alone', () => {
    fc.assert(
      fc.property(tenderArb(), fc.nat(), fc.nat(), (input, pick, step) => {
        const { max } = input.rubric.rubric.scale;
        const raisable = input.scores.map((s, i) => [s, i] as const).filter(([s]) => s.score !== 'abstain' && s.score < max);
        fc.pre(raisable.length > 0);
        const [chosen, index] = raisable[pick % raisable.length]!;
        const from = chosen.score as number;
        const to = from + 1 + (step % (max - from));
        const scores = input.scores.map((s, i) => (i === index ? { ...s, score: to } : s));
        const before = scoreTender(input);
        const after = scoreTender({ ...input, scores });
        for (const b of before.bids) {
          const a = after.bids.find((x) => x.key === b.key)!;
          if (b.key === chosen.bid) {
            assert.ok(a.quality.compare(b.quality) >= 0, `quality of ${b.key} fell from ${b.quality.toFraction()} to ${a.quality.toFraction()} when a score rose ${from} → ${to}`);
            const cellBefore = b.criteria[chosen.criterion]!.final;
            const cellAfter = a.criteria[chosen.criterion]!.final;
            assert.ok(cellBefore !== null && cellAfter !== null && cellAfter.compare(cellBefore) >= 0);
          } else {
            assert.ok(a.quality.equals(b.quality), `bid ${b.key}'s quality changed when a score of bid ${chosen.bid} rose`);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives equal-voice the same final score as the mean when every perspective has as many scorers', () => {
    const cell = fc.integer({ min: 1, max: 4 }).chain((k) =>
      fc.record({
        lived: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: k, maxLength: k }),
        professional: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: k, maxLength: k }),
      }),
    );
    fc.assert(
      fc.property(cell, ({ lived, professional }) => {
        const scores: IndividualScore[] = [
          ...lived.map((score, i): IndividualScore => ({ member: `l${i}`, perspective: 'lived-experience', score })),
          ...professional.map((score, i): IndividualScore => ({ member: `p${i}`, perspective: 'professional', score })),
        ];
        const equal = finalScore(scores, 'equal-voice')!.value;
        const mean = finalScore(scores, 'mean')!.value;
        assert.ok(equal.equals(mean), `equal-voice ${equal.toFraction()} ≠ mean ${mean.toFraction()} for lived ${lived} and professional ${professional}`);
      }),
      RUNS,
    );
  });

  it('gives a whole tender the same results under equal-voice and mean when the perspectives are the same size', () => {
    fc.assert(
      fc.property(tenderArb({ balanced: true, aggregations: ['mean'] }), (input) => {
        const mean = normalised(scoreTender(input));
        const equal = normalised(scoreTender({ ...input, aggregation: 'equal-voice' }));
        const withoutBasis = (r: ReturnType<typeof normalised>) =>
          r.bids.map((b) => ({ ...b, criteria: Object.values(b.criteria).map((c) => ({ ...c, basis: null })) }));
        assert.deepEqual(withoutBasis(equal), withoutBasis(mean));
        assert.equal(equal.winner, mean.winner);
      }),
      { numRuns: 60 },
    );
  });

  const methods: PriceMethod[] = ['lowest-relative', 'linear-deduction', 'mean-relative', 'ideal-price', 'log', 'fixed-budget', 'custom'];
  for (const method of methods) {
    it(`keeps every total between 0 and 100, and price points between 0 and W, under ${method}`, () => {
      fc.assert(
        fc.property(tenderArb({ methods: [method] }), (input) => {
          const W = input.rubric.priceWeight;
          const QW = input.rubric.qualityWeight;
          for (const bid of scoreTender(input).bids) {
            assert.ok(bid.quality.compare(0) >= 0 && bid.quality.compare(QW) <= 0, `quality ${bid.quality.toFraction()} outside [0, ${QW.toFraction()}]`);
            if (bid.total === null) continue;
            assert.ok(bid.total.compare(0) >= 0, `total ${bid.total.toFraction()} is below 0`);
            assert.ok(bid.total.compare(100) <= 0, `total ${bid.total.toFraction()} is above 100`);
            assert.ok(bid.pricePoints!.compare(0) >= 0 && bid.pricePoints!.compare(W) <= 0, `price points ${bid.pricePoints!.toFraction()} outside [0, ${W.toFraction()}]`);
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('always takes a consensus score over the panel\'s scores', () => {
    fc.assert(
      fc.property(tenderArb(), fc.nat(), fc.nat(), fc.nat(), (input, bidPick, criterionPick, value) => {
        const { min, max } = input.rubric.rubric.scale;
        const bid = input.bids[bidPick % input.bids.length]!.key;
        const criterion = input.rubric.criteria[criterionPick % input.rubric.criteria.length]!.id;
        const score = min + (value % (max - min + 1));
        const consensus = [...input.consensus.filter((c) => !(c.bid === bid && c.criterion === criterion)), { bid, criterion, score }];
        const result = scoreTender({ ...input, consensus });
        const cell = result.bids.find((b) => b.key === bid)!.criteria[criterion]!;
        assert.ok(cell.final !== null && cell.final.equals(exact(score)), `final ${cell.final?.toFraction()} is not the consensus ${score}`);
        assert.equal(cell.basis, 'consensus');
      }),
      RUNS,
    );
  });

  it('ranks by competition ranking: rank = 1 + the number of bids strictly ahead, ties flagged, one winner or none', () => {
    fc.assert(
      fc.property(tenderArb(), (input) => {
        const result = scoreTender(input);
        const ranked = result.bids.filter((b) => b.rank !== null);
        const ahead = (a: (typeof ranked)[number], b: (typeof ranked)[number]) => {
          const byTotal = a.total!.compare(b.total!);
          return byTotal > 0 || (byTotal === 0 && a.quality.compare(b.quality) > 0);
        };
        const same = (a: (typeof ranked)[number], b: (typeof ranked)[number]) => a.total!.equals(b.total!) && a.quality.equals(b.quality);
        for (const bid of ranked) {
          assert.ok(bid.eligible && bid.complete, `bid ${bid.key} is ranked but not eligible and complete`);
          assert.equal(bid.rank, 1 + ranked.filter((other) => ahead(other, bid)).length);
          assert.equal(bid.tie, ranked.some((other) => other !== bid && same(other, bid)));
        }
        for (const bid of result.bids) {
          if (bid.rank === null) assert.ok(!bid.eligible || !bid.complete, `bid ${bid.key} is eligible and complete but has no rank`);
        }
        const first = ranked.filter((b) => b.rank === 1);
        assert.equal(result.winner, first.length === 1 ? first[0]!.key : null);
      }),
      RUNS,
    );
  });
});
