// DESIGN §3.1–3.5 for a whole tender: final scores, points, quality, eligibility, price points,
// totals and ranks. Exact values throughout; nothing here rounds.
import Fraction from 'fraction.js';
import { disagreement, scaledFinal, scaleFactor, type FinalBasis, type IndividualScore } from './aggregation';
import type { Aggregation, Perspective } from './domain';
import { exact, formatHalfUp, gcd, ZERO } from './exact';
import { FormulaError } from './formula';
import type { PreparedRubric } from './prepared-rubric';
import { priceGroup, type PriceGroup, type PriceScorer } from './price';
import { rankBids, winnerOf, type Placing } from './ranking';

export interface BidInput {
  key: string;
  supplier: string;
  /** A decimal string or number of pounds; null while procurement has not entered it. */
  price: string | number | null;
  withdrawn?: boolean;
}
export interface MemberInput {
  key: string;
  name: string;
  perspective: Perspective;
}
/** A submitted score. Drafts never reach the engine. */
export interface ScoreInput {
  member: string;
  bid: string;
  criterion: string;
  score: number | 'abstain';
}
export interface ConsensusInput {
  bid: string;
  criterion: string;
  score: number;
}
export interface TenderInput {
  reference: string;
  rubric: PreparedRubric;
  aggregation: Aggregation;
  bids: readonly BidInput[];
  members: readonly MemberInput[];
  scores: readonly ScoreInput[];
  consensus: readonly ConsensusInput[];
}

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

const cellKey = (bid: string, criterion: string) => `${bid}\u0000${criterion}`;

/** Submitted scores by bid, then by criterion. */
type Cells = Map<string, Map<string, IndividualScore[]>>;

function groupScores(input: TenderInput): Cells {
  const perspective = new Map(input.members.map((m) => [m.key, m.perspective]));
  const cells: Cells = new Map();
  for (const s of input.scores) {
    const p = perspective.get(s.member);
    if (!p) continue;
    let bid = cells.get(s.bid);
    if (!bid) cells.set(s.bid, (bid = new Map()));
    const entry = { member: s.member, perspective: p, score: s.score };
    const cell = bid.get(s.criterion);
    if (cell) cell.push(entry);
    else bid.set(s.criterion, [entry]);
  }
  return cells;
}

const show = (x: Fraction) => formatHalfUp(x, 2);
const money = (x: Fraction) => `£${formatHalfUp(x, 2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/**
 * What one evaluation needs, built once: the scores grouped by cell and the whole-number scale.
 * Criterion points P = (F − a) / (b − a) × w are kept as (F×K − a×K) × w×Wd over the common
 * denominator D = K × (b − a) × Wd, Wd being the lowest common denominator of the weights.
 */
export interface Scoring {
  input: TenderInput;
  cells: Cells;
  consensus: Map<string, number>;
  K: bigint;
  D: bigint;
  weights: bigint[];
}

export function scoringFor(input: TenderInput): Scoring {
  const cells = groupScores(input);
  let largest = 1;
  for (const bid of cells.values()) for (const cell of bid.values()) largest = Math.max(largest, cell.length);
  const K = scaleFactor(largest);
  const { scale } = input.rubric.rubric;
  const Wd = input.rubric.criteria.reduce((lcm, c) => (lcm * c.weightExact.d) / gcd(lcm, c.weightExact.d), 1n);
  const weights = input.rubric.criteria.map((c) => c.weightExact.n * (Wd / c.weightExact.d));
  return {
    input,
    cells,
    consensus: new Map(input.consensus.map((c) => [cellKey(c.bid, c.criterion), c.score])),
    K,
    D: K * BigInt(scale.max - scale.min) * Wd,
    weights,
  };
}

/** The quality side of one bid: final scores, points, failures and what is missing. */
export interface BidQuality {
  finals: (bigint | null)[];
  points: (bigint | null)[];
  quality: Fraction;
  failures: string[];
  missing: string[];
}

/** DESIGN §3.2–3.3 for one bid; `without` leaves one member's scores out (robustness). */
export function assessBid(scoring: Scoring, bid: BidInput, without?: string): BidQuality {
  const { input, K, D } = scoring;
  const { rubric: prepared, aggregation } = input;
  const aK = BigInt(prepared.rubric.scale.min) * K;
  const finals: (bigint | null)[] = [];
  const points: (bigint | null)[] = [];
  const failures: string[] = [];
  const missing: string[] = [];
  const cells = scoring.cells.get(bid.key);
  let total = 0n;
  prepared.criteria.forEach((c, i) => {
    const scaled = scaledFinal(cells?.get(c.id) ?? [], aggregation, K, scoring.consensus.get(cellKey(bid.key, c.id)), without);
    finals.push(scaled);
    if (scaled === null) {
      points.push(null);
      missing.push(`"${c.title}" has no final score yet`);
      return;
    }
    const p = (scaled - aK) * scoring.weights[i]!;
    points.push(p);
    total += p;
    if (c.threshold !== undefined) {
      const final = new Fraction(scaled, K);
      if (final.compare(exact(c.threshold)) < 0) failures.push(`"${c.title}" scored ${show(final)}, below its minimum of ${c.threshold}`);
    }
  });
  const quality = new Fraction(total, D);
  const passMark = prepared.rubric.policy.qualityPassMark;
  if (passMark !== undefined && missing.length === 0) {
    const needed = prepared.qualityWeight.mul(exact(passMark)).div(100);
    if (quality.compare(needed) < 0) {
      failures.push(`quality ${show(quality)} is below the pass mark of ${passMark}% (${show(needed)} of ${show(prepared.qualityWeight)} points)`);
    }
  }
  const price = bid.price === null ? null : exact(bid.price);
  if (price === null) missing.push('the price has not been entered');
  else if (price.compare(0) <= 0) missing.push('the price must be above £0');
  if (price && prepared.budget && price.compare(prepared.budget) > 0) {
    failures.push(`the price ${money(price)} is above the budget of ${money(prepared.budget)}`);
  }
  return { finals, points, quality, failures, missing };
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
    price: bid.price === null ? null : exact(bid.price),
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
  const active = input.bids.filter((b) => !b.withdrawn);
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
    withdrawn: input.bids.filter((b) => b.withdrawn).map((b) => b.key),
  };
}
