// A rubric made ready for scoring: criteria in order with their sections, the total quality
// weight, and the price scorers, with any custom formula parsed here once.
import type Fraction from 'fraction.js';
import { exact, sum } from './exact';
import { PRICE_METHODS, type PriceMethod } from './domain';
import { canApply, fixedBudget, priceScorer, type PriceScorer } from './price';
import type { Criterion, Rubric } from './rubric-schema';

export interface PreparedCriterion extends Criterion {
  section: string;
  weightExact: Fraction;
  thresholdExact: Fraction | null;
}

export interface PreparedRubric {
  rubric: Rubric;
  criteria: PreparedCriterion[];
  qualityWeight: Fraction;
  /** The quality a bid needs to pass (pass mark % of the quality weight), if there is a pass mark. */
  passMarkPoints: Fraction | null;
  priceWeight: Fraction;
  budget: Fraction | null;
  scorer: PriceScorer;
  /** The other price methods this rubric's params allow, for robustness. */
  alternatives: Map<PriceMethod, PriceScorer>;
}

export function prepareRubric(rubric: Rubric): PreparedRubric {
  const criteria = rubric.sections.flatMap((section) =>
    section.criteria.map((criterion) => ({
      ...criterion,
      section: section.id,
      weightExact: exact(criterion.weight),
      thresholdExact: criterion.threshold === undefined ? null : exact(criterion.threshold),
    })),
  );
  const params = rubric.price.params ?? {};
  const alternatives = new Map<PriceMethod, PriceScorer>();
  for (const method of PRICE_METHODS) {
    if (method !== rubric.price.method && canApply(method, params)) alternatives.set(method, priceScorer({ method, params }));
  }
  const qualityWeight = sum(criteria.map((c) => c.weightExact));
  const passMark = rubric.policy.qualityPassMark;
  return {
    rubric,
    criteria,
    qualityWeight,
    passMarkPoints: passMark === undefined ? null : qualityWeight.mul(exact(passMark)).div(100),
    priceWeight: exact(rubric.price.weight),
    budget: fixedBudget({ method: rubric.price.method, params }),
    scorer: priceScorer({ method: rubric.price.method, params }),
    alternatives,
  };
}
