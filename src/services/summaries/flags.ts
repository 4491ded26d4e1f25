// What an assessment summary must not say, looked for before it is issued: the name of a member of
// this tender's panel, or a price (an amount in pounds, or a figure equal to a bid's price). Each
// explanation is read as it will be issued (the commissioner's wording or the panel's record).
//
// - A panel member's name: the whole name in any letter case, or any part of it of 3 letters or
//   more written as the panel list writes it ("Sam", "Okafor"), as a whole word. This BLOCKS
//   finalising: the commissioner rewords the explanation (readiness-checks.ts).
// - A price: "£" (or "GBP") followed by a figure, or any figure equal to a bid's price ("80,000",
//   "80000", "80k"). Explanations may rightly cite amounts from the tender (a wage, a budget), so
//   this is listed for a written reason instead of blocking.
import { exact } from '../../engine/index';
import { money } from '../rubric-view';

export type FlagKind = 'member-name' | 'price';

export interface ExplanationCell {
  bid: string;
  criterion: string;
  title: string;
  text: string;
}

export interface SummaryFlag {
  bid: string;
  criterion: string;
  title: string;
  kind: FlagKind;
  /** The words found, as written in the explanation. */
  found: string;
  /** What they are, for the commissioner: "a panel member's name (Sam Okafor)", "the price of bid B". */
  why: string;
}

export interface FlagSources {
  /** The names of everyone on the tender's panel (withdrawn members too). */
  members: readonly string[];
  /** Each bid's price as stored (an exact decimal), where entered. */
  prices: readonly { key: string; price: string }[];
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole word or phrase: no letter or digit just before or after. */
const whole = (pattern: string, flags: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, `${flags}u`);

interface NameMatcher {
  name: string;
  patterns: RegExp[];
}

function nameMatchers(members: readonly string[]): NameMatcher[] {
  return members
    .map((name) => name.trim().replace(/\s+/g, ' '))
    .filter((name) => name !== '')
    .map((name) => ({
      name,
      patterns: [
        whole(name.split(' ').map(escape).join('\\s+'), 'i'),
        ...name
          .split(/[\s]+/)
          .filter((part) => [...part].length >= 3)
          .map((part) => whole(escape(part), '')),
      ],
    }));
}

const POUNDS = /(?:£|\bGBP\s?)\s?(\d[\d,]*(?:\.\d+)?)\s?(k|m|bn|thousand|million)?(?![\p{L}\p{N}])/giu;
const FIGURE = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(k|m|thousand|million)?(?![\p{L}\p{N}])/giu;
const MULTIPLIER: Record<string, number> = { k: 1_000, thousand: 1_000, m: 1_000_000, million: 1_000_000, bn: 1_000_000_000 };

/** A written figure as an exact decimal string ("80k" → "80000"); null if it is not a number. */
function figureValue(digits: string, suffix: string | undefined): string | null {
  try {
    const value = exact(digits.replace(/,/g, ''));
    return (suffix ? value.mul(MULTIPLIER[suffix.toLowerCase()] ?? 1) : value).toString();
  } catch {
    return null;
  }
}

/** The flags of the given explanations, in the order given, at most one per kind and finding per explanation. */
export function explanationFlags(cells: readonly ExplanationCell[], sources: FlagSources): SummaryFlag[] {
  const matchers = nameMatchers(sources.members);
  const priceOf = new Map<string, string[]>();
  for (const p of sources.prices) {
    const value = figureValue(p.price, undefined);
    if (value !== null) priceOf.set(value, [...(priceOf.get(value) ?? []), p.key]);
  }
  const priceWords = (keys: string[]): string => `the price of ${keys.length === 1 ? 'bid' : 'bids'} ${keys.join(' and ')}`;
  const flags: SummaryFlag[] = [];
  for (const cell of cells) {
    const add = (kind: FlagKind, found: string, why: string) => {
      if (!flags.some((f) => f.bid === cell.bid && f.criterion === cell.criterion && f.kind === kind && f.found === found)) {
        flags.push({ bid: cell.bid, criterion: cell.criterion, title: cell.title, kind, found, why });
      }
    };
    for (const m of matchers) {
      const hit = m.patterns.map((p) => p.exec(cell.text)).find((x) => x !== null);
      if (hit) add('member-name', hit[0], `the name of a panel member (${m.name})`);
    }
    const pounds = new Set<number>();
    for (const hit of cell.text.matchAll(POUNDS)) {
      const value = figureValue(hit[1]!, hit[2]);
      const keys = value === null ? undefined : priceOf.get(value);
      add('price', hit[0].trim(), keys ? `an amount of money: ${priceWords(keys)}` : 'an amount of money');
      pounds.add(hit.index + hit[0].indexOf(hit[1]!));
    }
    for (const hit of cell.text.matchAll(FIGURE)) {
      if (pounds.has(hit.index)) continue;
      const value = figureValue(`${hit[1]!}${hit[2] ?? ''}`, hit[3]);
      const keys = value === null ? undefined : priceOf.get(value);
      if (keys) add('price', hit[0].trim(), `a figure equal to ${priceWords(keys)} (${money(value)})`);
    }
  }
  return flags;
}

const POUNDS_AFTER = /(?<![\p{L}\p{N}.,])\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|thousand|million)?\s?(?:pounds?|quid|sterling)(?![\p{L}\p{N}])/iu;

/**
 * Whether words name an amount of money: "£" or "GBP" with a figure, a figure followed by "pounds",
 * or any figure equal to one of `prices` (each an exact decimal: "80,000", "80000", "80k"). For
 * words a commissioner typed, before they are shown to someone who may not see prices.
 */
export function namesAnAmount(text: string, prices: readonly string[]): boolean {
  if (POUNDS_AFTER.test(text)) return true;
  const cell = { bid: '', criterion: '', title: '', text };
  return explanationFlags([cell], { members: [], prices: prices.map((price) => ({ key: '', price })) }).some((f) => f.kind === 'price');
}
