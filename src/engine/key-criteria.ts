// The Provider Selection Regime's five key criteria in a rubric (regulation 5 of the Health Care
// Services (Provider Selection Regime) Regulations 2023). A rubric for the regime names the key
// criterion of each section (rubric-rules.ts checks all five are there); price counts toward
// value. Their relative importance is the weight of the sections (and price) that assess them,
// and a bid's points on a key criterion are the points of those sections (plus its price points
// for value), all in exact arithmetic: they are added from the engine's exact section and price
// points (never from the results JSON's 6-place numbers), and rounded once, only when shown.
import type Fraction from 'fraction.js';
import { KEY_CRITERIA, KEY_CRITERION_TITLES, type KeyCriterion } from './domain';
import { exact, sum, ZERO } from './exact';
import type { Rubric } from './rubric-schema';

export interface KeyCriterionWeight {
  id: KeyCriterion;
  title: string;
  /** Criteria and price weights add up to 100, so this is also the percentage. */
  weight: Fraction;
  criteria: { id: string; title: string; section: string; weight: number }[];
  /** True for value when price has a weight. */
  includesPrice: boolean;
}

/** True when every section of the rubric names its key criterion. */
export const isKeyCriteriaRubric = (rubric: Rubric): boolean => rubric.sections.length > 0 && rubric.sections.every((s) => s.keyCriterion !== undefined);

/** The five key criteria with the rubric's weight for each, in the regulations' order; null for a rubric that names none. */
export function keyCriterionWeights(rubric: Rubric): KeyCriterionWeight[] | null {
  if (!isKeyCriteriaRubric(rubric)) return null;
  return KEY_CRITERIA.map((id) => {
    const sections = rubric.sections.filter((s) => s.keyCriterion === id);
    const criteria = sections.flatMap((s) => s.criteria.map((c) => ({ id: c.id, title: c.title, section: s.id, weight: c.weight })));
    const includesPrice = id === 'value' && rubric.price.weight > 0;
    const weight = sum([...criteria.map((c) => exact(c.weight)), includesPrice ? exact(rubric.price.weight) : ZERO]);
    return { id, title: KEY_CRITERION_TITLES[id], weight, criteria, includesPrice };
  });
}

/** What a bid's key-criterion points are made from: its exact points per section and its exact price points (null when it has none). */
export interface BidPoints {
  sections: Readonly<Record<string, Fraction>>;
  price: Fraction | null;
}

/** A bid's points on each key criterion, exact: the points of its sections, with price points in value. */
export function keyCriterionPoints(rubric: Rubric, bid: BidPoints): Record<KeyCriterion, Fraction> {
  const points = Object.fromEntries(KEY_CRITERIA.map((k) => [k, ZERO])) as Record<KeyCriterion, Fraction>;
  for (const section of rubric.sections) {
    if (section.keyCriterion === undefined) continue;
    points[section.keyCriterion] = points[section.keyCriterion].add(bid.sections[section.id] ?? ZERO);
  }
  if (bid.price !== null) points.value = points.value.add(bid.price);
  return points;
}
