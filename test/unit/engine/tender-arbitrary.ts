// fast-check generators of small random tenders: 2–5 bids, 2–6 members of both perspectives,
// 1–4 criteria, each score on the scale, 'abstain' or not given, now and then a consensus.
import fc from 'fast-check';
import {
  type Aggregation,
  type ConsensusInput,
  type Perspective,
  type PriceMethod,
  type ScoreInput,
  type TenderInput,
} from '../../../src/engine';
import { buildRubric, type CriterionSpec } from './rubric-builder';

const SCALES = [
  { min: 0, max: 4 },
  { min: 0, max: 5 },
  { min: 1, max: 5 },
  { min: 0, max: 10 },
];
const ALL_METHODS: PriceMethod[] = ['lowest-relative', 'linear-deduction', 'mean-relative', 'ideal-price', 'log', 'fixed-budget', 'custom'];
const AGGREGATIONS: Aggregation[] = ['mean', 'median', 'equal-voice'];
/** Formulas that stay inside and go outside [0, W], to test the clamp. */
export const FORMULAS = [
  'weight * lowest / price',
  'weight * 2 - weight * price / lowest',
  'max(0, weight * (1 - log(price / lowest, 2)))',
  'weight * mean / price',
  'round(weight * lowest / price, 2)',
  'weight * (highest - price) / (highest - lowest + 1)',
  'weight * 3',
  'sqrt(weight) - price',
];
const ROUND_PRICES = [60_000, 80_000, 100_000, 120_000, 150_000];

export interface TenderOptions {
  methods?: PriceMethod[];
  aggregations?: Aggregation[];
  /** Every member scores every cell, no abstentions, no consensus, as many professionals as lived-experience members. */
  balanced?: boolean;
}

interface Shape {
  scale: { min: number; max: number };
  method: PriceMethod;
  aggregation: Aggregation;
  priceWeight: number;
  criteriaCount: number;
  bidCount: number;
  perspectives: Perspective[];
  passMark: number | null;
}

function shapeArb(options: TenderOptions): fc.Arbitrary<Shape> {
  const perspectives = options.balanced
    ? fc.integer({ min: 1, max: 3 }).map((k): Perspective[] => [...Array<Perspective>(k).fill('professional'), ...Array<Perspective>(k).fill('lived-experience')])
    : fc
        .array(fc.constantFrom<Perspective>('professional', 'lived-experience'), { minLength: 0, maxLength: 4 })
        .map((rest): Perspective[] => ['professional', 'lived-experience', ...rest]);
  return fc.record({
    scale: fc.constantFrom(...SCALES),
    method: fc.constantFrom(...(options.methods ?? ALL_METHODS)),
    aggregation: fc.constantFrom(...(options.aggregations ?? AGGREGATIONS)),
    priceWeight: fc.constantFrom(10, 20, 25, 40, 50),
    criteriaCount: fc.integer({ min: 1, max: 4 }),
    bidCount: fc.integer({ min: 2, max: 5 }),
    perspectives,
    passMark: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null, freq: 2 }),
  });
}

const scoreValue = (scale: { min: number; max: number }, balanced: boolean): fc.Arbitrary<number | 'abstain' | null> =>
  balanced
    ? fc.integer(scale)
    : fc.oneof(
        { weight: 15, arbitrary: fc.integer(scale) },
        { weight: 3, arbitrary: fc.constant<'abstain'>('abstain') },
        { weight: 2, arbitrary: fc.constant(null) },
      );

export function tenderArb(options: TenderOptions = {}): fc.Arbitrary<TenderInput> {
  const balanced = options.balanced ?? false;
  return shapeArb(options).chain((shape) => {
    const W = shape.method === 'fixed-budget' ? 0 : shape.priceWeight;
    const QW = 100 - W;
    const cells = shape.bidCount * shape.criteriaCount;
    return fc
      .record({
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: QW - 1 }), { minLength: shape.criteriaCount - 1, maxLength: shape.criteriaCount - 1 }),
        thresholds: fc.array(fc.option(fc.integer(shape.scale), { nil: null, freq: 1 }), { minLength: shape.criteriaCount, maxLength: shape.criteriaCount }),
        prices: fc.array(fc.oneof(fc.constantFrom(...ROUND_PRICES), fc.integer({ min: 50_000, max: 200_000 })), {
          minLength: shape.bidCount,
          maxLength: shape.bidCount,
        }),
        scores: fc.array(scoreValue(shape.scale, balanced), {
          minLength: cells * shape.perspectives.length,
          maxLength: cells * shape.perspectives.length,
        }),
        consensus: balanced
          ? fc.constant([])
          : fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer(shape.scale) }), { minLength: cells, maxLength: cells }),
        logA: fc.constantFrom(1.5, 2, 3),
        formula: fc.constantFrom(...FORMULAS),
        budget: fc.integer({ min: 60_000, max: 200_000 }),
      })
      .map((r): TenderInput => {
        const bounds = [0, ...[...r.cuts].sort((a, b) => a - b), QW];
        const criteria: CriterionSpec[] = [];
        for (let i = 0; i < shape.criteriaCount; i++) {
          const threshold = r.thresholds[i];
          // Thresholds only now and then, and only low ones, so most bids stay eligible.
          const spec: CriterionSpec = { id: `c${i + 1}`, weight: bounds[i + 1]! - bounds[i]! };
          if (threshold !== null && threshold !== undefined && threshold <= shape.scale.min + 1) spec.threshold = threshold;
          criteria.push(spec);
        }
        const params: Record<string, number | string> = {};
        if (shape.method === 'ideal-price') Object.assign(params, { ideal: 70_000, ceiling: 180_000 });
        if (shape.method === 'log') params['A'] = r.logA;
        if (shape.method === 'custom') params['formula'] = r.formula;
        if (shape.method === 'fixed-budget') params['budget'] = r.budget;
        const rubric = buildRubric({
          scale: shape.scale,
          criteria,
          price: { weight: W, method: shape.method, params },
          ...(shape.passMark === null ? {} : { qualityPassMark: shape.passMark }),
        });
        const bids = r.prices.map((price, i) => ({ key: String.fromCharCode(65 + i), supplier: `Supplier ${i}`, price }));
        const members = shape.perspectives.map((perspective, i) => ({ key: `m${i + 1}`, name: `Member ${i + 1}`, perspective }));
        const scores: ScoreInput[] = [];
        const consensus: ConsensusInput[] = [];
        let n = 0;
        bids.forEach((bid, b) =>
          criteria.forEach((criterion, c) => {
            for (const member of members) {
              const score = r.scores[n++];
              if (score !== null && score !== undefined) scores.push({ member: member.key, bid: bid.key, criterion: criterion.id, score });
            }
            const agreed = r.consensus[b * criteria.length + c];
            if (agreed !== null && agreed !== undefined) consensus.push({ bid: bid.key, criterion: criterion.id, score: agreed });
          }),
        );
        return { reference: 'PROP-1', rubric, aggregation: shape.aggregation, bids, members, scores, consensus };
      });
  });
}

/** The same items in an order fast-check chooses. */
export function permutation<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}
