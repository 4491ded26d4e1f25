// engine rules §3.1 (final score), §3.2 (criterion points), §3.6 (exact arithmetic), §3.8 (disagreement).
// Every expected number is worked out by hand in the comment beside it.
import assert from 'node:assert/strict';
import { disagreement, finalScore, formatHalfUp, scoreTender, type IndividualScore, type Perspective } from '../../../src/engine';
import { assertExact } from './assert-exact';
import { buildRubric, tender } from './rubric-builder';

const P: Perspective = 'professional';
const L: Perspective = 'lived-experience';

/** Scores for one cell: [perspective, score] pairs, members m1, m2, … */
function cell(...entries: [Perspective, number | 'abstain'][]): IndividualScore[] {
  return entries.map(([perspective, score], i) => ({ member: `m${i + 1}`, perspective, score }));
}

describe('engine: final score of a criterion (engine rules §3.1)', () => {
  describe('mean', () => {
    it('is the arithmetic mean of the submitted scores', () => {
      const f = finalScore(cell([P, 2], [P, 3], [L, 5]), 'mean');
      assertExact(f?.value, [10, 3]); // (2 + 3 + 5) / 3 = 10/3
      assert.equal(f?.basis, 'mean');
    });

    it('keeps a repeating mean exact: 1, 1, 2 gives 4/3, not 1.3333333333333333', () => {
      const f = finalScore(cell([P, 1], [P, 1], [L, 2]), 'mean');
      assertExact(f?.value, [4, 3]); // (1 + 1 + 2) / 3 = 4/3
      assert.equal(formatHalfUp(f!.value, 30), '1.333333333333333333333333333333');
    });
  });

  describe('median', () => {
    it('takes the middle value of an odd count, whatever order the scores came in', () => {
      const f = finalScore(cell([P, 1], [P, 5], [L, 2]), 'median');
      assertExact(f?.value, 2); // sorted 1, 2, 5 → middle 2 (the mean would be 8/3)
      assert.equal(f?.basis, 'median');
    });

    it('takes the mean of the two middle values of an even count', () => {
      const f = finalScore(cell([P, 4], [P, 0], [L, 4], [L, 1]), 'median');
      assertExact(f?.value, '2.5'); // sorted 0, 1, 4, 4 → (1 + 4) / 2 = 5/2 (the mean would be 9/4)
    });

    it('of a single score is that score', () => {
      assertExact(finalScore(cell([L, 3]), 'median')?.value, 3);
    });
  });

  describe('equal-voice', () => {
    it('a lived-experience pair weighs the same as five professionals', () => {
      const scores = cell([L, 5], [L, 5], [P, 1], [P, 1], [P, 1], [P, 1], [P, 1]);
      assertExact(finalScore(scores, 'equal-voice')?.value, 3); // lived mean 5, professional mean 1 → (5 + 1) / 2 = 3
      assertExact(finalScore(scores, 'mean')?.value, [15, 7]); // the plain mean would be (5+5+1+1+1+1+1) / 7 = 15/7
    });

    it('is the mean of each perspective\'s own mean when the groups differ in size and spread', () => {
      const scores = cell([L, 4], [L, 5], [P, 1], [P, 2], [P, 2]);
      // lived: (4 + 5) / 2 = 9/2; professional: (1 + 2 + 2) / 3 = 5/3; (9/2 + 5/3) / 2 = (27/6 + 10/6) / 2 = 37/12
      assertExact(finalScore(scores, 'equal-voice')?.value, [37, 12]);
      assert.equal(finalScore(scores, 'equal-voice')?.basis, 'equal-voice');
    });

    it('uses only the perspectives that scored: professionals alone give their own mean', () => {
      assertExact(finalScore(cell([P, 2], [P, 3]), 'equal-voice')?.value, '2.5'); // (2 + 3) / 2, not halved again
    });

    it('leaves out a perspective whose members all abstained', () => {
      const scores = cell([L, 'abstain'], [L, 'abstain'], [P, 2], [P, 4]);
      assertExact(finalScore(scores, 'equal-voice')?.value, 3); // only professionals: (2 + 4) / 2 = 3
    });
  });

  describe('abstentions and consensus', () => {
    it('ignores abstentions: 4, abstain, 2 has mean 3, not 2', () => {
      assertExact(finalScore(cell([P, 4], [L, 'abstain'], [P, 2]), 'mean')?.value, 3); // (4 + 2) / 2
    });

    it('ignores abstentions in the median', () => {
      assertExact(finalScore(cell([P, 'abstain'], [P, 1], [L, 3], [L, 5]), 'median')?.value, 3); // sorted 1, 3, 5
    });

    it('gives no final score when everyone abstained and there is no consensus', () => {
      assert.equal(finalScore(cell([P, 'abstain'], [L, 'abstain']), 'mean'), null);
      assert.equal(finalScore([], 'equal-voice'), null);
    });

    it('takes a consensus score over the aggregate', () => {
      const f = finalScore(cell([P, 1], [P, 1], [L, 2]), 'mean', 4);
      assertExact(f?.value, 4); // the mean would be 4/3
      assert.equal(f?.basis, 'consensus');
    });

    it('takes a consensus score of 0 (the bottom of the scale) over a mean of 5', () => {
      const f = finalScore(cell([P, 5], [L, 5]), 'median', 0);
      assertExact(f?.value, 0);
      assert.equal(f?.basis, 'consensus');
    });

    it('takes a consensus score even when every panel member abstained', () => {
      assertExact(finalScore(cell([P, 'abstain'], [L, 'abstain']), 'equal-voice', 2)?.value, 2);
    });
  });
});

describe('engine: criterion points and quality (engine rules §3.2)', () => {
  it('scales the final score between the ends of a 1-to-5 scale: P = (F − a) / (b − a) × w', () => {
    const rubric = buildRubric({
      scale: { min: 1, max: 5 },
      criteria: [
        { id: 'co-production', weight: 20 },
        { id: 'safety', weight: 20 },
        { id: 'outcomes', weight: 20 },
      ],
    });
    const result = scoreTender(
      tender({
        rubric,
        aggregation: 'median',
        bids: { A: 100 },
        members: { m1: 'professional', m2: 'lived-experience' },
        scores: {
          A: {
            'co-production': { m1: 4, m2: 4 }, // F = 4 → (4 − 1) / (5 − 1) × 20 = 3/4 × 20 = 15
            safety: { m1: 1, m2: 1 }, //          F = 1 → (1 − 1) / 4 × 20 = 0
            outcomes: { m1: 2, m2: 3 }, //        F = (2 + 3) / 2 = 5/2 → (5/2 − 1) / 4 × 20 = 3/8 × 20 = 15/2
          },
        },
      }),
    );
    const bid = result.bids[0]!;
    assertExact(bid.criteria['co-production']?.points, 15);
    assertExact(bid.criteria['safety']?.points, 0);
    assertExact(bid.criteria['outcomes']?.points, '7.5');
    assertExact(bid.quality, '22.5'); // 15 + 0 + 7.5
  });

  it('gives the full weight at the top of the scale and nothing at the bottom', () => {
    const rubric = buildRubric({ scale: { min: 1, max: 5 } });
    const result = scoreTender(
      tender({
        rubric,
        bids: { A: 100 },
        members: { m1: 'professional' },
        scores: { A: { 'co-production': { m1: 5 }, safety: { m1: 1 } } },
      }),
    );
    assertExact(result.bids[0]!.criteria['co-production']?.points, 30); // (5 − 1) / 4 × 30
    assertExact(result.bids[0]!.criteria['safety']?.points, 0); // (1 − 1) / 4 × 30
  });

  it('keeps thirds exact through points and quality: three means of 4/3 add up to exactly 16', () => {
    const rubric = buildRubric({
      criteria: [
        { id: 'co-production', weight: 20 },
        { id: 'safety', weight: 20 },
        { id: 'outcomes', weight: 20 },
      ],
    });
    const thirds = { m1: 1, m2: 1, m3: 2 }; // mean 4/3
    const result = scoreTender(
      tender({
        rubric,
        bids: { A: 100 },
        members: { m1: 'professional', m2: 'professional', m3: 'lived-experience' },
        scores: { A: { 'co-production': thirds, safety: thirds, outcomes: thirds } },
      }),
    );
    const bid = result.bids[0]!;
    // P = (4/3 − 0) / 5 × 20 = 16/3 for each criterion
    assertExact(bid.criteria['safety']?.points, [16, 3]);
    assert.equal(formatHalfUp(bid.criteria['safety']!.points!, 30), '5.333333333333333333333333333333');
    assertExact(bid.quality, 16); // 3 × 16/3 = 16 exactly (floats give 15.999999999999998 or 16.000000000000004)
    assertExact(bid.sections['quality'], 16);
  });

  it('adds each criterion\'s points into its own section', () => {
    const rubric = buildRubric({
      criteria: [
        { id: 'co-production', weight: 20, section: 'people' },
        { id: 'safety', weight: 25, section: 'people' },
        { id: 'value', weight: 15, section: 'delivery' },
      ],
    });
    const result = scoreTender(
      tender({
        rubric,
        bids: { A: 100 },
        members: { m1: 'professional' },
        scores: { A: { 'co-production': { m1: 5 }, safety: { m1: 2 }, value: { m1: 1 } } },
      }),
    );
    // people: 5/5 × 20 + 2/5 × 25 = 20 + 10 = 30; delivery: 1/5 × 15 = 3
    assertExact(result.bids[0]!.sections['people'], 30);
    assertExact(result.bids[0]!.sections['delivery'], 3);
    assertExact(result.bids[0]!.quality, 33);
  });

  it('applies the tender\'s aggregation in scoreTender: equal-voice and mean give different quality', () => {
    const rubric = buildRubric({ criteria: [{ id: 'co-production', weight: 60 }] });
    const members = { l1: 'lived-experience', l2: 'lived-experience', p1: 'professional', p2: 'professional', p3: 'professional', p4: 'professional', p5: 'professional' } as const;
    const scores = { A: { 'co-production': { l1: 5, l2: 5, p1: 0, p2: 0, p3: 0, p4: 0, p5: 0 } } };
    const equal = scoreTender(tender({ rubric, aggregation: 'equal-voice', bids: { A: 100 }, members, scores }));
    const mean = scoreTender(tender({ rubric, aggregation: 'mean', bids: { A: 100 }, members, scores }));
    assertExact(equal.bids[0]!.criteria['co-production']?.final, '2.5'); // (5 + 0) / 2
    assertExact(equal.bids[0]!.quality, 30); // 2.5 / 5 × 60
    assertExact(mean.bids[0]!.criteria['co-production']?.final, [10, 7]); // 10 / 7
    assertExact(mean.bids[0]!.quality, [120, 7]); // 10/7 / 5 × 60 = 120/7
  });

  it('uses a consensus score over the panel\'s scores in scoreTender, and keeps the individual scores next to it', () => {
    const rubric = buildRubric({ criteria: [{ id: 'co-production', weight: 60 }] });
    const result = scoreTender(
      tender({
        rubric,
        bids: { A: 100 },
        members: { m1: 'professional', m2: 'lived-experience' },
        scores: { A: { 'co-production': { m1: 1, m2: 2 } } },
        consensus: [{ bid: 'A', criterion: 'co-production', score: 4 }],
      }),
    );
    const c = result.bids[0]!.criteria['co-production']!;
    assertExact(c.final, 4);
    assert.equal(c.basis, 'consensus');
    assertExact(c.points, 48); // 4 / 5 × 60
    assert.deepEqual(
      c.scores.map((s) => [s.member, s.score]),
      [
        ['m1', 1],
        ['m2', 2],
      ],
    );
  });

  it('ignores scores from people who are not on the panel', () => {
    const rubric = buildRubric({ criteria: [{ id: 'co-production', weight: 60 }] });
    const result = scoreTender(
      tender({
        rubric,
        bids: { A: 100 },
        members: { m1: 'professional' },
        scores: { A: { 'co-production': { m1: 2, stranger: 5 } } },
      }),
    );
    assertExact(result.bids[0]!.criteria['co-production']?.final, 2);
  });
});

describe('engine: disagreement flags (engine rules §3.8)', () => {
  const zeroToFive = { min: 0, max: 5 }; // 30% of 5 is 1.5
  const zeroToTen = { min: 0, max: 10 }; // 30% of 10 is 3

  it('flags a spread of 2 on a 0-to-5 scale (2 ≥ 1.5)', () => {
    const reasons = disagreement(cell([P, 2], [P, 4]), zeroToFive);
    assert.deepEqual(reasons, ['scores range from 2 to 4']);
  });

  it('does not flag a spread of 1 on a 0-to-5 scale (1 < 1.5)', () => {
    assert.deepEqual(disagreement(cell([P, 2], [P, 3]), zeroToFive), []);
  });

  it('flags a spread of exactly 30% of the range (3 on a 0-to-10 scale)', () => {
    assert.deepEqual(disagreement(cell([P, 4], [P, 7]), zeroToTen), ['scores range from 4 to 7']);
  });

  it('does not flag a spread just under 30% of the range (2 on a 0-to-10 scale)', () => {
    assert.deepEqual(disagreement(cell([P, 4], [P, 6]), zeroToTen), []);
  });

  it('flags perspectives whose means differ by exactly 1 point, even with a small spread', () => {
    // lived (5 + 6) / 2 = 5.5, professional (4 + 5) / 2 = 4.5: differ by 1; spread 6 − 4 = 2 < 3
    const reasons = disagreement(cell([L, 5], [L, 6], [P, 4], [P, 5]), zeroToTen);
    assert.deepEqual(reasons, ["the perspectives' average scores differ by 1 point or more"]);
  });

  it('does not flag perspectives whose means differ by half a point', () => {
    // lived (5 + 6) / 2 = 5.5, professional 5: differ by 0.5; spread 1 < 3
    assert.deepEqual(disagreement(cell([L, 5], [L, 6], [P, 5], [P, 5]), zeroToTen), []);
  });

  it('gives both reasons when the spread is wide and the perspectives differ', () => {
    const reasons = disagreement(cell([L, 5], [P, 1]), zeroToFive); // spread 4 ≥ 1.5; means 5 and 1 differ by 4
    assert.equal(reasons.length, 2);
  });

  it('leaves abstentions out of the spread', () => {
    assert.deepEqual(disagreement(cell([P, 3], [P, 'abstain'], [L, 3]), zeroToFive), []);
  });

  it('marks the criterion flagged in the tender results, and only that one', () => {
    const rubric = buildRubric();
    const result = scoreTender(
      tender({
        rubric,
        bids: { A: 100 },
        members: { m1: 'professional', m2: 'professional' },
        scores: { A: { 'co-production': { m1: 0, m2: 5 }, safety: { m1: 3, m2: 3 } } },
      }),
    );
    const bid = result.bids[0]!;
    assert.equal(bid.criteria['co-production']?.flagged, true);
    assert.deepEqual(bid.criteria['co-production']?.flags, ['scores range from 0 to 5']);
    assert.equal(bid.criteria['safety']?.flagged, false);
  });
});
