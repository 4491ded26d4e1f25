// engine rules §3.1–3.5 for a whole tender: final scores, points, quality, eligibility, price points,
// totals and ranks, with every figure of each bid. Exact values throughout; nothing here rounds.
import Fraction from 'fraction.js';
import { disagreement, type FinalBasis, type IndividualScore } from './aggregation';
import { ZERO } from './exact';
import { FormulaError } from './formula';
import { priceGroup, type PriceGroup, type PriceScorer } from './price';
import { assessBid, cellKey, scoringFor, type BidQuality, type Scoring } from './quality';
import { sortByKeys } from './keys';
import { rankBids, winnerOf, type Placing } from './ranking';
import type { BidInput, TenderInput } from './tender-input';

export interface CriterionResult {
  final: Fraction | null;
  basis: FinalBasis | null;
  points: Fraction | null;
  scores: IndividualScore[];
  flagged: boolean;
  flags: string[];
}

export interface BidResult {
  key: string;
  supplier: string;
  price: Fraction | null;
  eligible: boolean;
  complete: boolean;
  failures: string[];
  /** What keeps the bid incomplete: criteria with no final score, a price not entered. */
  missing: string[];
  quality: Fraction;
  sections: Record<string, Fraction>;
  pricePoints: Fraction | null;
  total: Fraction | null;
  rank: number | null;
  tie: boolean;
  criteria: Record<string, CriterionResult>;
}

export interface TenderResult {
  reference: string;
  complete: boolean;
  winner: string | null;
  bids: BidResult[];
  /** Keys of the bids whose prices formed the price group (lowest, highest, mean). */
  priceGroup: string[];
  withdrawn: string[];
}

function bidResult(scoring: Scoring, bid: BidInput, assessed: BidQuality): BidResult {
  const { input, K, D } = scoring;
  const criteria: Record<string, CriterionResult> = {};
  const sections: Record<string, Fraction> = {};
  input.rubric.criteria.forEach((c, i) => {
    const key = cellKey(bid.key, c.id);
    const scores = scoring.cells.get(bid.key)?.get(c.id) ?? [];
    const final = assessed.finals[i] ?? null;
    const points = assessed.points[i] ?? null;
    const flags = disagreement(scores, input.rubric.rubric.scale);
    criteria[c.id] = {
      final: final === null ? null : new Fraction(final, K),
      basis: final === null ? null : scoring.consensus.has(key) ? 'consensus' : input.aggregation,
      points: points === null ? null : new Fraction(points, D),
      scores,
      flagged: flags.length > 0,
      flags,
    };
    sections[c.section] = (sections[c.section] ?? ZERO).add(points === null ? ZERO : new Fraction(points, D));
  });
  return {
    key: bid.key,
    supplier: bid.supplier,
    price: assessed.price,
    eligible: assessed.failures.length === 0,
    complete: assessed.missing.length === 0,
    failures: assessed.failures,
    missing: assessed.missing,
    quality: assessed.quality,
    sections,
    pricePoints: null,
    total: null,
    rank: null,
    tie: false,
    criteria,
  };
}

/** What price scoring and ranking need of a bid. */
export interface Contender {
  key: string;
  price: Fraction | null;
  quality: Fraction;
  eligible: boolean;
  complete: boolean;
}

/**
 * Every bid fully scored and none eligible (each failed a threshold or the quality pass mark, or
 * was excluded): no bid will ever be ranked, so there is no winner to wait for.
 */
export const noneEligible = (bids: readonly Pick<Contender, 'eligible' | 'complete'>[]): boolean =>
  bids.length > 0 && bids.every((b) => b.complete && !b.eligible);

/** Bids that take part in price scoring and ranking: eligible and complete. */
export const contenders = <T extends Contender>(bids: readonly T[]): T[] => bids.filter((b) => b.eligible && b.complete);

export function contendersPriceGroup(bids: readonly Contender[]): PriceGroup | null {
  return priceGroup(contenders(bids).map((b) => b.price!));
}

export interface PricePoints {
  points: Map<string, Fraction>;
  /** Bids whose custom formula could not be worked out, with why. */
  problems: Map<string, string>;
}

/** Price points for every contender, over the contenders' prices only. */
export function pricePointsFor(bids: readonly Contender[], scorer: PriceScorer, W: Fraction): PricePoints {
  const group = contendersPriceGroup(bids);
  const found: PricePoints = { points: new Map(), problems: new Map() };
  if (!group) return found;
  for (const bid of contenders(bids)) {
    try {
      found.points.set(bid.key, scorer(bid.price!, group, W));
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      found.problems.set(bid.key, `price points cannot be worked out: ${error.message}`);
    }
  }
  return found;
}

export function placeBids(bids: readonly Contender[], points: ReadonlyMap<string, Fraction>): Map<string, Placing> {
  return rankBids(
    contenders(bids)
      .filter((b) => points.has(b.key))
      .map((b) => ({ key: b.key, quality: b.quality, total: b.quality.add(points.get(b.key)!) })),
  );
}

/** The whole evaluation of a tender from whatever is stored, in any state. */
export function scoreTender(input: TenderInput, scoring: Scoring = scoringFor(input)): TenderResult {
  // Bids are listed by key in natural order (B2 before B10), whatever order they came in.
  const active = sortByKeys(input.bids.filter((b) => !b.withdrawn), (b) => b.key);
  const bids = active.map((bid) => bidResult(scoring, bid, assessBid(scoring, bid)));
  // The price group is every eligible, complete bid. A bid whose price points a custom formula
  // cannot work out stays in the group (its price is real) but becomes incomplete and unranked.
  const priceGroup = contenders(bids).map((b) => b.key);
  const { points, problems } = pricePointsFor(bids, input.rubric.scorer, input.rubric.priceWeight);
  const placings = placeBids(bids, points);
  for (const bid of bids) {
    const problem = problems.get(bid.key);
    if (problem) bid.missing.push(problem);
    bid.complete = bid.missing.length === 0;
    const p = points.get(bid.key);
    if (p === undefined) continue;
    bid.pricePoints = p;
    bid.total = bid.quality.add(p);
    const placing = placings.get(bid.key)!;
    bid.rank = placing.rank;
    bid.tie = placing.tie;
  }
  return {
    reference: input.reference,
    complete: bids.every((b) => b.complete),
    winner: winnerOf(placings),
    bids,
    priceGroup,
    withdrawn: sortByKeys(input.bids.filter((b) => b.withdrawn).map((b) => b.key), (k) => k),
  };
}
