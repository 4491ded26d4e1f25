// DESIGN §3.1–3.5 for a whole tender: final scores, points, quality, eligibility, price points,
// totals and ranks. Exact values throughout; nothing here rounds.
import type Fraction from 'fraction.js';
import { disagreement, finalScore, type FinalBasis, type IndividualScore } from './aggregation';
import type { Aggregation, Perspective } from './domain';
import { exact, formatHalfUp, ZERO } from './exact';
import { FormulaError } from './formula';
import type { PreparedCriterion, PreparedRubric } from './prepared-rubric';
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
  withdrawn: string[];
}

const cellKey = (bid: string, criterion: string) => `${bid}\u0000${criterion}`;

function groupScores(input: TenderInput): Map<string, IndividualScore[]> {
  const perspective = new Map(input.members.map((m) => [m.key, m.perspective]));
  const cells = new Map<string, IndividualScore[]>();
  for (const s of input.scores) {
    const p = perspective.get(s.member);
    if (!p) continue;
    const key = cellKey(s.bid, s.criterion);
    const entry = { member: s.member, perspective: p, score: s.score };
    const cell = cells.get(key);
    if (cell) cell.push(entry);
    else cells.set(key, [entry]);
  }
  return cells;
}

const show = (x: Fraction) => formatHalfUp(x, 2);
const money = (x: Fraction) => `£${formatHalfUp(x, 2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

function scoreCriterion(c: PreparedCriterion, scores: IndividualScore[], input: TenderInput, consensus: number | undefined): CriterionResult {
  const { scale } = input.rubric.rubric;
  const final = finalScore(scores, input.aggregation, consensus);
  // P = (F − a) / (b − a) × w
  const points = final ? final.value.sub(scale.min).div(scale.max - scale.min).mul(c.weightExact) : null;
  const flags = disagreement(scores, scale);
  return { final: final?.value ?? null, basis: final?.basis ?? null, points, scores, flagged: flags.length > 0, flags };
}

function scoreQuality(bid: BidInput, input: TenderInput, cells: Map<string, IndividualScore[]>, consensus: Map<string, number>): BidResult {
  const prepared = input.rubric;
  const criteria: Record<string, CriterionResult> = {};
  const sections: Record<string, Fraction> = {};
  const failures: string[] = [];
  const missing: string[] = [];
  let quality = ZERO;
  for (const c of prepared.criteria) {
    const key = cellKey(bid.key, c.id);
    const result = scoreCriterion(c, cells.get(key) ?? [], input, consensus.get(key));
    criteria[c.id] = result;
    sections[c.section] = (sections[c.section] ?? ZERO).add(result.points ?? ZERO);
    if (result.final === null || result.points === null) {
      missing.push(`"${c.title}" has no final score yet`);
      continue;
    }
    quality = quality.add(result.points);
    if (c.threshold !== undefined && result.final.compare(exact(c.threshold)) < 0) {
      failures.push(`"${c.title}" scored ${show(result.final)}, below its minimum of ${c.threshold}`);
    }
  }
  const passMark = prepared.rubric.policy.qualityPassMark;
  if (passMark !== undefined && missing.length === 0) {
    const needed = prepared.qualityWeight.mul(exact(passMark)).div(100);
    if (quality.compare(needed) < 0) {
      failures.push(`quality ${show(quality)} is below the pass mark of ${passMark}% (${show(needed)} of ${show(prepared.qualityWeight)} points)`);
    }
  }
  const price = bid.price === null ? null : exact(bid.price);
  if (price === null) missing.push('the price has not been entered');
  if (price && prepared.budget && price.compare(prepared.budget) > 0) {
    failures.push(`the price ${money(price)} is above the budget of ${money(prepared.budget)}`);
  }
  return {
    key: bid.key,
    supplier: bid.supplier,
    price,
    eligible: failures.length === 0,
    complete: missing.length === 0,
    failures,
    missing,
    quality,
    sections,
    pricePoints: null,
    total: null,
    rank: null,
    tie: false,
    criteria,
  };
}

/** Bids that take part in price scoring and ranking: eligible and complete. */
export const contenders = (bids: readonly BidResult[]) => bids.filter((b) => b.eligible && b.complete);

export function contendersPriceGroup(bids: readonly BidResult[]): PriceGroup | null {
  return priceGroup(contenders(bids).map((b) => b.price!));
}

export interface PricePoints {
  points: Map<string, Fraction>;
  /** Bids whose custom formula could not be worked out, with why. */
  problems: Map<string, string>;
}

/** Price points for every contender, over the contenders' prices only. */
export function pricePointsFor(bids: readonly BidResult[], scorer: PriceScorer, W: Fraction): PricePoints {
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

export function placeBids(bids: readonly BidResult[], points: ReadonlyMap<string, Fraction>): Map<string, Placing> {
  return rankBids(
    contenders(bids)
      .filter((b) => points.has(b.key))
      .map((b) => ({ key: b.key, quality: b.quality, total: b.quality.add(points.get(b.key)!) })),
  );
}

/** The whole evaluation of a tender from whatever is stored, in any state. */
export function scoreTender(input: TenderInput): TenderResult {
  const cells = groupScores(input);
  const consensus = new Map(input.consensus.map((c) => [cellKey(c.bid, c.criterion), c.score]));
  const active = input.bids.filter((b) => !b.withdrawn);
  const bids = active.map((bid) => scoreQuality(bid, input, cells, consensus));
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
    withdrawn: input.bids.filter((b) => b.withdrawn).map((b) => b.key),
  };
}
