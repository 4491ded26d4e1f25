// engine rules §3.5: rank by total, then quality; still equal is a tie with the same rank
// (competition ranking: 1, 2, 2, 4). No tie is ever broken silently.
import type Fraction from 'fraction.js';
import { compareKeys } from './keys';

export interface Rankable {
  key: string;
  total: Fraction;
  quality: Fraction;
}

export interface Placing {
  rank: number;
  tie: boolean;
}

function compareBids(a: Rankable, b: Rankable): number {
  return b.total.compare(a.total) || b.quality.compare(a.quality);
}

export function rankBids(bids: readonly Rankable[]): Map<string, Placing> {
  const sorted = [...bids].sort((a, b) => compareBids(a, b) || compareKeys(a.key, b.key));
  const placings = new Map<string, Placing>();
  sorted.forEach((bid, i) => {
    const previous = sorted[i - 1];
    const rank = previous && compareBids(previous, bid) === 0 ? placings.get(previous.key)!.rank : i + 1;
    placings.set(bid.key, { rank, tie: false });
  });
  const counts = new Map<number, number>();
  for (const p of placings.values()) counts.set(p.rank, (counts.get(p.rank) ?? 0) + 1);
  for (const p of placings.values()) p.tie = (counts.get(p.rank) ?? 0) > 1;
  return placings;
}

/** The key of the one bid ranked first, or null when none or more than one is. */
export function winnerOf(placings: ReadonlyMap<string, Placing>): string | null {
  const first = [...placings].filter(([, p]) => p.rank === 1);
  return first.length === 1 ? first[0]![0] : null;
}
