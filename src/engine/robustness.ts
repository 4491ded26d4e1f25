// engine rules §3.7: would the winner change if one member's scores were left out, if the quality/price
// split moved by 5 or 10 points, or under another price method? Told in plain words.
import type { PriceMethod } from './domain';
import { contenders, noneEligible, placeBids, pricePointsFor, type Contender, type TenderResult } from './evaluate';
import { assessBid, scoringFor, type Scoring } from './quality';
import { priceMethodName } from './price';
import type { TenderInput } from './tender-input';
import { compareKeys } from './keys';
import { rankBids, winnerOf } from './ranking';

export interface LeaveOneOut {
  member: string;
  name: string;
  winner: string | null;
  changed: boolean;
}
export interface SplitShift {
  /** Points of weight moved to price (negative: moved to quality). */
  shift: number;
  qualityWeight: number;
  priceWeight: number;
  winner: string | null;
  changed: boolean;
}
export interface MethodSwap {
  method: PriceMethod;
  winner: string | null;
  changed: boolean;
}
export interface Robustness {
  winner: string | null;
  leaveOneOut: LeaveOneOut[];
  split: SplitShift[];
  priceMethods: MethodSwap[];
  summary: string[];
}

const SHIFTS = [-10, -5, 5, 10];

function leaveEachOut(input: TenderInput, scoring: Scoring, winner: string | null): LeaveOneOut[] {
  const active = input.bids.filter((b) => !b.withdrawn);
  const scorers = new Set(input.scores.map((s) => s.member));
  return input.members
    .filter((m) => scorers.has(m.key))
    .map((m) => {
      const bids: Contender[] = active.map((bid) => {
        const assessed = assessBid(scoring, bid, m.key);
        return { key: bid.key, price: assessed.price, quality: assessed.quality, eligible: assessed.failures.length === 0, complete: assessed.missing.length === 0 };
      });
      const { points, problems } = pricePointsFor(bids, input.rubric.scorer, input.rubric.priceWeight);
      const without = winnerOf(placeBids(bids.filter((b) => !problems.has(b.key)), points));
      return { member: m.key, name: m.name, winner: without, changed: without !== winner };
    });
}

/** The bids of the main result's price group, so every variant prices over the same group. */
function pricePool(result: TenderResult): Contender[] {
  const group = new Set(result.priceGroup);
  return result.bids.filter((b) => group.has(b.key)).map((b) => ({ key: b.key, price: b.price, quality: b.quality, eligible: true, complete: true }));
}

function shiftSplit(input: TenderInput, bids: Contender[], winner: string | null): SplitShift[] {
  const { qualityWeight: QW, priceWeight: W, scorer } = input.rubric;
  if (W.equals(0)) return [];
  return SHIFTS.flatMap((shift) => {
    const W2 = W.add(shift);
    const QW2 = QW.sub(shift);
    if (W2.compare(0) <= 0 || QW2.compare(0) <= 0) return [];
    // Every criterion's weight scales by QW2 / QW, so quality does too; price points are worked
    // out again with the new price weight.
    const { points } = pricePointsFor(bids, scorer, W2);
    const placings = rankBids(
      contenders(bids)
        .filter((b) => points.has(b.key))
        .map((b) => {
          const quality = b.quality.mul(QW2).div(QW);
          return { key: b.key, quality, total: quality.add(points.get(b.key)!) };
        }),
    );
    const moved = winnerOf(placings);
    return [{ shift, qualityWeight: QW2.valueOf(), priceWeight: W2.valueOf(), winner: moved, changed: moved !== winner }];
  });
}

function swapMethods(input: TenderInput, bids: Contender[], winner: string | null): MethodSwap[] {
  const W = input.rubric.priceWeight;
  if (W.equals(0)) return [];
  return [...input.rubric.alternatives].map(([method, scorer]) => {
    const swapped = winnerOf(placeBids(bids, pricePointsFor(bids, scorer, W).points));
    return { method, winner: swapped, changed: swapped !== winner };
  });
}

function name(result: TenderResult, key: string | null): string {
  if (key === null) return 'no single winner';
  const bid = result.bids.find((b) => b.key === key);
  return bid ? `bid ${key} (${bid.supplier})` : `bid ${key}`;
}

/** "A", "A and B", "A, B and C": words listed as a sentence says them. */
export function listKeys(keys: readonly string[]): string {
  return keys.length < 2 ? keys.join('') : `${keys.slice(0, -1).join(', ')} and ${keys.at(-1)!}`;
}

/** The opening line: the winner, the bids tied first, that no bid is eligible, or that there is no single winner yet. */
function opening(result: TenderResult): string {
  if (result.winner !== null) return `The winner is ${name(result, result.winner)}.`;
  const tied = result.bids.filter((b) => b.rank === 1 && b.tie).map((b) => b.key).sort(compareKeys);
  if (tied.length > 1) return `Bids ${listKeys(tied)} are tied first, so there is no single winner.`;
  if (noneEligible(result.bids)) return 'No bid is eligible, so there is no winner.';
  return 'There is no single winner yet.';
}

/**
 * With no single winner (a tie, or not all scores in) nothing is said about the winner staying
 * the same; a change that would give one bid the lead is still named.
 */
function describe(result: TenderResult, r: Omit<Robustness, 'summary'>, input: TenderInput): string[] {
  const lines: string[] = [opening(result)];
  const hasWinner = result.winner !== null;
  const flips = r.leaveOneOut.filter((l) => l.changed);
  if (r.leaveOneOut.length === 0) lines.push('No panel member has submitted scores yet, so leaving one out cannot be tested.');
  else if (flips.length === 0) {
    if (hasWinner) lines.push("The winner stays the same if any one panel member's scores are left out.");
  } else for (const f of flips) lines.push(`Leaving out ${f.name}'s scores would change the result to ${name(result, f.winner)}.`);
  if (input.rubric.priceWeight.equals(0)) {
    lines.push('Price carries no weight in this tender (fixed budget), so moving the quality/price split or changing the price method does not apply.');
    return lines;
  }
  const splitFlips = r.split.filter((s) => s.changed);
  if (splitFlips.length === 0) {
    if (hasWinner) lines.push('The winner stays the same if the quality/price split moves by 5 or 10 points either way.');
  } else for (const s of splitFlips) lines.push(`With ${s.qualityWeight} for quality and ${s.priceWeight} for price, the result would be ${name(result, s.winner)}.`);
  const methodFlips = r.priceMethods.filter((m) => m.changed);
  const tried = r.priceMethods.map((m) => priceMethodName(m.method)).join(', ');
  if (r.priceMethods.length === 0) lines.push('No other price method could be tried with this rubric.');
  else if (methodFlips.length === 0) {
    if (hasWinner) lines.push(`The winner stays the same under every other price method tried (${tried}).`);
  } else for (const m of methodFlips) lines.push(`Scoring price by the method “${priceMethodName(m.method)}” would give ${name(result, m.winner)}.`);
  return lines;
}

export function robustness(input: TenderInput, result: TenderResult, scoring: Scoring = scoringFor(input)): Robustness {
  const found = {
    winner: result.winner,
    leaveOneOut: leaveEachOut(input, scoring, result.winner),
    split: shiftSplit(input, pricePool(result), result.winner),
    priceMethods: swapMethods(input, pricePool(result), result.winner),
  };
  return { ...found, summary: describe(result, found, input) };
}
