// Regression tests for engine bugs found while writing the unit tests (all fixed).
import assert from 'node:assert/strict';
import { check, compileFormula, evaluateTender, FORMULA_VARIABLES, prepareRubric, RubricSchema } from '../../../src/engine';
import { buildRubric, rubricData, tender } from './rubric-builder';

describe('engine: regressions', () => {
  describe('numbers whose shortest form uses an exponent are read exactly', () => {
    // exact() turns a number into a Fraction through String(value); String(0.0000005) is "5e-7" and
    // String(1e21) is "1e+21", which fraction.js refuses with a bare Error("Invalid argument").

    it('compileFormula reads a small decimal constant such as 0.0000005 (a deduction per pound)', () => {
      let compiled: ReturnType<typeof compileFormula> | undefined;
      assert.doesNotThrow(() => {
        compiled = compileFormula('weight * (1 - 0.0000005 * (price - lowest))', [...FORMULA_VARIABLES]);
      });
      assert.equal(compiled?.ok, true);
    });

    it('rubric validation accepts such a formula instead of throwing', () => {
      const data = rubricData({ price: { weight: 40, method: 'custom', params: { formula: 'weight * (1 - 0.0000005 * (price - lowest))' } } });
      let ok: boolean | undefined;
      assert.doesNotThrow(() => {
        ok = check(RubricSchema, data).ok;
      });
      assert.equal(ok, true);
    });

    it('a rubric that passes validation with a small numeric param can be prepared for scoring', () => {
      const checked = check(RubricSchema, rubricData({ price: { weight: 40, method: 'custom', params: { formula: 'weight * (1 - k * (price - lowest))', k: 0.0000005 } } }));
      assert.ok(checked.ok, 'validation accepts the rubric');
      assert.doesNotThrow(() => prepareRubric(checked.value));
    });
  });

  describe('weight problems show exact totals, so the message never contradicts itself', () => {
    it('weights adding up to 99.999 are not reported as adding up to 100', () => {
      const checked = check(
        RubricSchema,
        rubricData({
          criteria: [
            { id: 'co-production', weight: 20 },
            { id: 'a', weight: 13.333 },
            { id: 'b', weight: 13.333 },
            { id: 'c', weight: 13.333 },
          ],
          price: { weight: 40, method: 'lowest-relative' },
        }),
      ); // 20 + 3 × 13.333 + 40 = 99.999
      assert.equal(checked.ok, false);
      const message = checked.ok ? '' : checked.problems[0]!.message;
      // was: "criteria and price weights add up to 100; they must add up to 100"
      assert.doesNotMatch(message, /add up to 100;/);
      assert.match(message, /99\.999/);
    });

    it('co-production weighing 9.999 against a minimum of 10 is not reported as weighing 10', () => {
      const checked = check(
        RubricSchema,
        rubricData({
          criteria: [
            { id: 'co-production', weight: 9.999 },
            { id: 'safety', weight: 50.001 },
          ],
          minimumCoProductionWeight: 10,
        }),
      );
      assert.equal(checked.ok, false);
      const message = checked.ok ? '' : checked.problems[0]!.message;
      // was: "co-production criteria weigh 10 in all; expected at least 10"
      assert.doesNotMatch(message, /weigh 10 in all/);
      assert.match(message, /9\.999/);
    });
  });

  describe('robustness prices over the same group as the main result when a custom formula fails for one bid', () => {
    it('does not report that moving the quality/price split changes a winner it cannot change', () => {
      // The formula divides by zero for the lowest price (A), so A is reported incomplete. B and C
      // both score 40 × 80000 / (p − 80000) ≥ 40, clamped to W, so under ANY split they get the full
      // price weight and B (quality 60) beats C (quality 36). scoreTender works out the price group
      // with A still in it (lowest 80000); robustness.shiftSplit re-works it from the bids after A was
      // marked incomplete (lowest 100000), so B now divides by zero, drops out, and every shift
      // "changes the result to bid C".
      const rubric = buildRubric({
        criteria: [{ id: 'co-production', weight: 60 }],
        price: { weight: 40, method: 'custom', params: { formula: 'weight * lowest / (price - lowest)' } },
      });
      const results = evaluateTender(
        tender({
          rubric,
          bids: { A: 80_000, B: 100_000, C: 120_000 },
          members: { m1: 'professional', m2: 'lived-experience' },
          scores: {
            A: { 'co-production': { m1: 3, m2: 3 } },
            B: { 'co-production': { m1: 5, m2: 5 } },
            C: { 'co-production': { m1: 3, m2: 3 } },
          },
        }),
      );
      assert.equal(results.winner, 'B');
      assert.deepEqual(
        results.robustness.split.filter((s) => s.changed).map((s) => `${s.qualityWeight}/${s.priceWeight} → ${s.winner}`),
        [],
      );
    });
  });
});
