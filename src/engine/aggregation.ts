// DESIGN §3.1: the final score of one criterion for one bid.
import Fraction from 'fraction.js';
import type { Aggregation, Perspective } from './domain';

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

type Counted = { member: string; perspective: Perspective; score: number };

const counted = (scores: readonly IndividualScore[]): Counted[] =>
  scores.filter((s): s is Counted => s.score !== 'abstain');

/** Arithmetic mean of whole-number scores (summed as integers, divided once). */
export function meanOf(values: readonly number[]): Fraction {
  let total = 0;
  for (const v of values) total += v;
  return new Fraction(total, values.length);
}

/** Middle value; the mean of the two middle values for an even count. */
export function medianOf(values: readonly number[]): Fraction {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? new Fraction(sorted[mid]!) : new Fraction(sorted[mid - 1]! + sorted[mid]!, 2);
}

/** The mean over the perspectives that scored of each perspective's own mean. */
export function equalVoiceOf(scores: readonly Counted[]): Fraction {
  const byPerspective = perspectiveMeans(scores);
  let total = new Fraction(0);
  for (const mean of byPerspective.values()) total = total.add(mean);
  return total.div(byPerspective.size);
}

export function perspectiveMeans(scores: readonly Counted[]): Map<Perspective, Fraction> {
  const groups = new Map<Perspective, number[]>();
  for (const s of scores) {
    const group = groups.get(s.perspective);
    if (group) group.push(s.score);
    else groups.set(s.perspective, [s.score]);
  }
  return new Map([...groups].map(([perspective, values]) => [perspective, meanOf(values)]));
}

/**
 * `scores` are the submitted scores for one bid and criterion. Returns null when the final score
 * is missing: no consensus and no score other than abstentions.
 */
export function finalScore(scores: readonly IndividualScore[], aggregation: Aggregation, consensus?: number): FinalScore | null {
  if (consensus !== undefined) return { value: new Fraction(consensus), basis: 'consensus' };
  const usable = counted(scores);
  if (usable.length === 0) return null;
  const values = usable.map((s) => s.score);
  switch (aggregation) {
    case 'mean':
      return { value: meanOf(values), basis: 'mean' };
    case 'median':
      return { value: medianOf(values), basis: 'median' };
    case 'equal-voice':
      return { value: equalVoiceOf(usable), basis: 'equal-voice' };
  }
}

/**
 * DESIGN §3.8: flag for moderation when the spread of submitted scores is at least 30% of the
 * scale's range, or the perspectives' means differ by at least one point.
 */
export function disagreement(scores: readonly IndividualScore[], scale: { min: number; max: number }): string[] {
  const usable = counted(scores);
  if (usable.length < 2) return [];
  const reasons: string[] = [];
  const values = usable.map((s) => s.score);
  const spread = Math.max(...values) - Math.min(...values);
  // spread ≥ 0.3 × (b − a), kept in whole numbers: 10 × spread ≥ 3 × (b − a)
  if (10 * spread >= 3 * (scale.max - scale.min)) {
    reasons.push(`scores range from ${Math.min(...values)} to ${Math.max(...values)}`);
  }
  const means = [...perspectiveMeans(usable).values()];
  if (means.length > 1) {
    const highest = means.reduce((a, b) => (a.compare(b) >= 0 ? a : b));
    const lowest = means.reduce((a, b) => (a.compare(b) <= 0 ? a : b));
    if (highest.sub(lowest).compare(1) >= 0) reasons.push('the perspectives\' average scores differ by 1 point or more');
  }
  return reasons;
}
