// engine rules §3.1–3.3 for one bid: final scores, criterion points, quality and eligibility.
import Fraction from 'fraction.js';
import { scaledFinal, scaleFactor, type IndividualScore } from './aggregation';
import { exact, formatHalfUp, gcd } from './exact';
import type { BidInput, TenderInput } from './tender-input';

export const cellKey = (bid: string, criterion: string) => `${bid}\u0000${criterion}`;

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
  /** The bid's price, exact; null until entered. */
  price: Fraction | null;
  finals: (bigint | null)[];
  points: (bigint | null)[];
  quality: Fraction;
  failures: string[];
  missing: string[];
}

/** engine rules §3.2–3.3 for one bid; `without` leaves one member's scores out (robustness). */
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
    if (c.thresholdExact) {
      const final = new Fraction(scaled, K);
      if (final.compare(c.thresholdExact) < 0) failures.push(`"${c.title}" scored ${show(final)}, below its minimum of ${c.threshold}`);
    }
  });
  const quality = new Fraction(total, D);
  const needed = prepared.passMarkPoints;
  if (needed && missing.length === 0 && quality.compare(needed) < 0) {
    const passMark = prepared.rubric.policy.qualityPassMark;
    failures.push(`quality ${show(quality)} is below the pass mark of ${passMark}% (${show(needed)} of ${show(prepared.qualityWeight)} points)`);
  }
  const price = bid.price === null ? null : exact(bid.price);
  if (price === null) missing.push('the price has not been entered');
  else if (price.compare(0) <= 0) missing.push('the price must be above £0');
  if (price && prepared.budget && price.compare(prepared.budget) > 0) {
    failures.push(`the price ${money(price)} is above the budget of ${money(prepared.budget)}`);
  }
  return { price, finals, points, quality, failures, missing };
}
