// A rubric as people read it: sections, criteria, weights, thresholds, the price method in words,
// and the weight given to co-production made plain.
import { exact, formatHalfUp, formatPlain, PERSPECTIVE_LABELS, sum, type PriceMethod, type Rubric } from '../engine';

export const METHOD_WORDS: Record<PriceMethod, string> = {
  'lowest-relative': 'The lowest price gets all the price points; other bids get points in proportion (lowest price ÷ their price).',
  'linear-deduction': 'The lowest price gets all the price points; a bid loses points in a straight line as its price rises above the lowest, reaching none at double the lowest price.',
  'mean-relative': 'A bid at the average price gets half the price points; cheaper bids get more and dearer bids fewer.',
  'ideal-price': 'A bid at or below the ideal price gets all the price points, falling to none at the ceiling price.',
  log: 'The lowest price gets all the price points; points fall with the logarithm of how many times dearer a bid is.',
  'fixed-budget': 'The price is fixed: bids are judged on quality only, and a bid above the budget cannot win.',
  custom: 'Price points come from the formula below.',
};

export function money(value: string | number | null): string {
  if (value === null) return 'Not entered';
  const [whole, pence] = formatHalfUp(exact(value), 2).split('.');
  return `£${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${pence === '00' ? '' : `.${pence}`}`;
}

export function rubricView(rubric: Rubric) {
  const criteria = rubric.sections.flatMap((s) => s.criteria);
  const coProductionWeight = sum(criteria.filter((c) => c.coProduction).map((c) => exact(c.weight)));
  const qualityWeight = sum(criteria.map((c) => exact(c.weight)));
  const params = rubric.price.params ?? {};
  return {
    id: rubric.id,
    title: rubric.title,
    description: rubric.description ?? '',
    scale: rubric.scale,
    qualityWeight: formatPlain(qualityWeight),
    coProductionWeight: formatPlain(coProductionWeight),
    criteriaCount: criteria.length,
    sections: rubric.sections.map((s) => ({
      id: s.id,
      title: s.title,
      weight: formatPlain(sum(s.criteria.map((c) => exact(c.weight)))),
      criteria: s.criteria.map((c) => ({
        ...c,
        scoredBy: (c.scoredBy ?? ['professional', 'lived-experience']).map((p) => PERSPECTIVE_LABELS[p]).join(' and '),
      })),
    })),
    price: {
      weight: rubric.price.weight,
      method: rubric.price.method,
      words: METHOD_WORDS[rubric.price.method],
      params: Object.entries(params).map(([name, value]) => ({ name, value: String(value) })),
    },
    passMark: rubric.policy.qualityPassMark,
    minimumCoProductionWeight: rubric.policy.minimumCoProductionWeight,
  };
}
