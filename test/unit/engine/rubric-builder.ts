// Builds small rubric/1 objects and tender inputs for the engine's unit tests. Every rubric goes
// through check(RubricSchema, …) and prepareRubric, exactly as a real rubric file does.
import {
  check,
  prepareRubric,
  RubricSchema,
  type Aggregation,
  type BidInput,
  type ConsensusInput,
  type MemberInput,
  type Perspective,
  type PreparedRubric,
  type PriceMethod,
  type ScoreInput,
  type TenderInput,
} from '../../../src/engine';

export interface CriterionSpec {
  id: string;
  weight: number;
  title?: string;
  section?: string;
  threshold?: number;
  coProduction?: boolean;
}

export interface RubricSpec {
  scale?: { min: number; max: number };
  criteria?: CriterionSpec[];
  price?: { weight: number; method: PriceMethod; params?: Record<string, number | string> };
  minimumCoProductionWeight?: number;
  qualityPassMark?: number;
}

/** "safety" → "Safety", so failure messages can be checked against a known title. */
export const titleOf = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

function scalePoints(min: number, max: number): { score: number; label: string; meaning: string; plain: string }[] {
  const points = [];
  for (let score = min; score <= max; score++) {
    points.push({ score, label: `Score ${score}`, meaning: `Evidence at level ${score}`, plain: `They told us enough for ${score}` });
  }
  return points;
}

/**
 * A rubric/1 object as it would be read from a file. Defaults: scale 0 to 5, criteria
 * co-production 30 and safety 30, price 40 by lowest-relative. When no criterion says whether it
 * is co-production, the first one is.
 */
export function rubricData(spec: RubricSpec = {}): Record<string, unknown> {
  const scale = spec.scale ?? { min: 0, max: 5 };
  const criteria = spec.criteria ?? [
    { id: 'co-production', weight: 30 },
    { id: 'safety', weight: 30 },
  ];
  const anyFlag = criteria.some((c) => c.coProduction !== undefined);
  const sections = new Map<string, Record<string, unknown>[]>();
  criteria.forEach((c, i) => {
    const section = c.section ?? 'quality';
    const criterion: Record<string, unknown> = {
      id: c.id,
      title: c.title ?? titleOf(c.id),
      outcome: `People are better off: ${c.id}`,
      question: `How will you deliver ${c.id}?`,
      guidance: `Good answers show ${c.id} in practice`,
      plain: `Tell us how you will do ${c.id}`,
      weight: c.weight,
    };
    if (c.threshold !== undefined) criterion['threshold'] = c.threshold;
    const coProduction = anyFlag ? c.coProduction : i === 0;
    if (coProduction !== undefined) criterion['coProduction'] = coProduction;
    const list = sections.get(section);
    if (list) list.push(criterion);
    else sections.set(section, [criterion]);
  });
  const price = spec.price ?? { weight: 40, method: 'lowest-relative' as const };
  const policy: Record<string, number> = { minimumCoProductionWeight: spec.minimumCoProductionWeight ?? 0 };
  if (spec.qualityPassMark !== undefined) policy['qualityPassMark'] = spec.qualityPassMark;
  return {
    format: 'rubric/1',
    id: 'test-rubric',
    title: 'Test rubric',
    scale: { min: scale.min, max: scale.max, points: scalePoints(scale.min, scale.max) },
    sections: [...sections].map(([id, list]) => ({ id, title: titleOf(id), criteria: list })),
    price: price.params === undefined ? { weight: price.weight, method: price.method } : { weight: price.weight, method: price.method, params: price.params },
    policy,
  };
}

/** A validated, prepared rubric; throws with every problem when the spec is not a valid rubric. */
export function buildRubric(spec: RubricSpec = {}): PreparedRubric {
  const checked = check(RubricSchema, rubricData(spec));
  if (!checked.ok) throw new Error(`test rubric is not valid: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return prepareRubric(checked.value);
}

export type CellScores = Record<string, number | 'abstain'>;

/** Scores for one bid: criterion → member → score. */
export type BidScores = Record<string, CellScores>;

export interface TenderSpec {
  rubric: PreparedRubric;
  aggregation?: Aggregation;
  reference?: string;
  /** key → price (null: not entered), or full bid inputs. */
  bids: Record<string, string | number | null> | BidInput[];
  /** key → perspective, or full member inputs. */
  members: Record<string, Perspective> | MemberInput[];
  /** bid → criterion → member → score. */
  scores?: Record<string, BidScores>;
  consensus?: ConsensusInput[];
}

export function supplierOf(key: string): string {
  return `Supplier ${key} Ltd`;
}

export function tender(spec: TenderSpec): TenderInput {
  const bids: BidInput[] = Array.isArray(spec.bids)
    ? spec.bids
    : Object.entries(spec.bids).map(([key, price]) => ({ key, supplier: supplierOf(key), price }));
  const members: MemberInput[] = Array.isArray(spec.members)
    ? spec.members
    : Object.entries(spec.members).map(([key, perspective]) => ({ key, name: `Member ${key}`, perspective }));
  const scores: ScoreInput[] = [];
  for (const [bid, byCriterion] of Object.entries(spec.scores ?? {})) {
    for (const [criterion, byMember] of Object.entries(byCriterion)) {
      for (const [member, score] of Object.entries(byMember)) scores.push({ member, bid, criterion, score });
    }
  }
  return {
    reference: spec.reference ?? 'T-1',
    rubric: spec.rubric,
    aggregation: spec.aggregation ?? 'mean',
    bids,
    members,
    scores,
    consensus: spec.consensus ?? [],
  };
}

/** Every member gives the same score to every criterion of a bid. */
export function uniform(criteria: readonly string[], members: readonly string[], score: number | 'abstain'): BidScores {
  return Object.fromEntries(criteria.map((c) => [c, Object.fromEntries(members.map((m) => [m, score]))]));
}
