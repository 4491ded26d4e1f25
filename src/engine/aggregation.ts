// engine rules §3.1: the final score of one criterion for one bid.
//
// Final scores are means of whole numbers, so each one is a whole number when multiplied by
// K = 2 × lcm(1 … n), n being the most scores any cell holds: every mean of up to n scores, every
// median (a whole number or a half) and every equal-voice score (half the sum of two means) is.
// The engine adds these scaled whole numbers as BigInt, which keeps every figure exact without the
// cost of reducing fractions at each step; `finalScore` divides by K when a fraction is wanted.
import Fraction from 'fraction.js';
import type { Aggregation, Perspective } from './domain';
import { gcd } from './exact';

export interface IndividualScore {
  member: string;
  perspective: Perspective;
  /** A whole number on the scale, or 'abstain' ("I cannot score this"). */
  score: number | 'abstain';
}

export type FinalBasis = 'consensus' | Aggregation;

export interface FinalScore {
  value: Fraction;
  basis: FinalBasis;
}

type Counted = IndividualScore & { score: number };

/** K for cells of at most `n` scores: 2 × lcm(1 … n). */
export function scaleFactor(n: number): bigint {
  let lcm = 1n;
  for (let i = 2n; i <= BigInt(n); i++) lcm = (lcm * i) / gcd(lcm, i);
  return 2n * lcm;
}

const counted = (scores: readonly IndividualScore[], without?: string): Counted[] =>
  scores.filter((s): s is Counted => s.score !== 'abstain' && s.member !== without);

/** Sum and count of the counted scores of each perspective, in one pass (this runs for every cell). */
function tally(scores: readonly IndividualScore[], without?: string) {
  let professionalSum = 0;
  let professionalCount = 0;
  let livedSum = 0;
  let livedCount = 0;
  for (const s of scores) {
    if (s.score === 'abstain' || s.member === without) continue;
    if (s.perspective === 'lived-experience') {
      livedSum += s.score;
      livedCount += 1;
    } else {
      professionalSum += s.score;
      professionalCount += 1;
    }
  }
  return { professionalSum, professionalCount, livedSum, livedCount };
}

/** mean × K = sum × K ÷ count (exact: count divides K). */
const meanScaled = (sum: number, count: number, K: bigint): bigint => (BigInt(sum) * K) / BigInt(count);

/** median × K: the middle value, or the mean of the two middle values for an even count. */
function medianScaled(values: readonly number[], K: bigint): bigint {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? BigInt(sorted[mid]!) * K : (BigInt(sorted[mid - 1]! + sorted[mid]!) * K) / 2n;
}

/**
 * The final score × K, or null when it is missing (no consensus, and no score other than
 * abstentions). `scores` are the submitted scores of one bid and criterion; `without` leaves one
 * member's score out (robustness).
 */
export function scaledFinal(scores: readonly IndividualScore[], aggregation: Aggregation, K: bigint, consensus?: number, without?: string): bigint | null {
  if (consensus !== undefined) return BigInt(consensus) * K;
  const t = tally(scores, without);
  const count = t.professionalCount + t.livedCount;
  if (count === 0) return null;
  switch (aggregation) {
    case 'mean':
      return meanScaled(t.professionalSum + t.livedSum, count, K);
    case 'median':
      return medianScaled(counted(scores, without).map((s) => s.score), K);
    case 'equal-voice': {
      // The mean over the perspectives that scored of each perspective's mean.
      if (t.livedCount === 0) return meanScaled(t.professionalSum, t.professionalCount, K);
      if (t.professionalCount === 0) return meanScaled(t.livedSum, t.livedCount, K);
      return (meanScaled(t.livedSum, t.livedCount, K) + meanScaled(t.professionalSum, t.professionalCount, K)) / 2n;
    }
  }
}

/** The final score as a fraction, with how it was reached; null when missing. */
export function finalScore(scores: readonly IndividualScore[], aggregation: Aggregation, consensus?: number): FinalScore | null {
  const K = scaleFactor(Math.max(scores.length, 1));
  const scaled = scaledFinal(scores, aggregation, K, consensus);
  if (scaled === null) return null;
  return { value: new Fraction(scaled, K), basis: consensus !== undefined ? 'consensus' : aggregation };
}

/**
 * engine rules §3.8: flag for moderation when the spread of submitted scores is at least 30% of the
 * scale's range, or the perspectives' means differ by at least one point.
 */
export function disagreement(scores: readonly IndividualScore[], scale: { min: number; max: number }): string[] {
  const usable = counted(scores);
  if (usable.length < 2) return [];
  const reasons: string[] = [];
  let low = Infinity;
  let high = -Infinity;
  for (const s of usable) {
    low = Math.min(low, s.score);
    high = Math.max(high, s.score);
  }
  // spread ≥ 0.3 × (b − a), kept in whole numbers: 10 × spread ≥ 3 × (b − a)
  if (10 * (high - low) >= 3 * (scale.max - scale.min)) reasons.push(`scores range from ${low} to ${high}`);
  const t = tally(usable);
  // |sL / cL − sP / cP| ≥ 1, multiplied through by cL × cP
  if (t.livedCount > 0 && t.professionalCount > 0 && Math.abs(t.livedSum * t.professionalCount - t.professionalSum * t.livedCount) >= t.livedCount * t.professionalCount) {
    reasons.push("the perspectives' average scores differ by 1 point or more");
  }
  return reasons;
}
