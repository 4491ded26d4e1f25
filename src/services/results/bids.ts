// Each bid of a tender's results as the results page shows it: status, rank and ties in words,
// every reason it fails or is incomplete, and each criterion's final score, how it was reached,
// its points and disagreement flags, with section sub-totals. Figures are rounded for display
// only (2 places, half up); the engine has already ranked on exact values.
import type Fraction from 'fraction.js';
import { compareKeys, formatHalfUp, formatPlain, sum, ZERO, type BidResult, type CriterionResult, type TenderInput, type TenderResult } from '../../engine/index';
import { money } from '../rubric-view';
import { withoutPrices, type ResultsAudience } from './audience';

export interface CriterionView {
  id: string;
  title: string;
  final: string | null;
  basis: string;
  points: string | null;
  weight: string;
  flags: string[];
}

export interface SectionView {
  id: string;
  title: string;
  weight: string;
  points: string;
  criteria: CriterionView[];
}

export type BidStatus = 'ranked' | 'not-eligible' | 'incomplete';

export interface BidView {
  key: string;
  supplier: string;
  status: BidStatus;
  tag: { text: string; classes: string };
  rank: number | null;
  rankText: string;
  tie: boolean;
  tieText: string | null;
  quality: string;
  /** Price points, total and the price itself: null when hidden, or none for this bid. */
  price: string | null;
  total: string | null;
  priceAmount: string | null;
  failures: string[];
  missing: string[];
  sections: SectionView[];
}

const show = (x: Fraction): string => formatHalfUp(x, 2);

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export const criterionTitles = (input: TenderInput): Map<string, string> => new Map(input.rubric.criteria.map((c) => [c.id, c.title]));

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** How a criterion's final score was reached, in words. */
function basisText(c: CriterionResult, input: TenderInput): string {
  const counted = c.scores.filter((s) => s.score !== 'abstain');
  const abstained = c.scores.length - counted.length;
  const abstainedText = abstained > 0 ? `; ${count(abstained, 'member', 'members')} abstained` : '';
  if (c.final === null) return c.scores.length > 0 ? 'No final score: everyone who scored abstained' : 'No final score: no scores submitted yet';
  if (c.basis === 'consensus') return `Agreed by the panel at moderation (consensus), from ${count(counted.length, 'score', 'scores')} submitted`;
  const scores = count(counted.length, 'score', 'scores');
  switch (input.aggregation) {
    case 'mean':
      return `Average (mean) of ${scores}${abstainedText}`;
    case 'median':
      return `Middle score (median) of ${scores}${abstainedText}`;
    case 'equal-voice': {
      const lived = counted.filter((s) => s.perspective === 'lived-experience').length;
      const professional = counted.length - lived;
      const parts = [lived > 0 ? `lived experience (${count(lived, 'score', 'scores')})` : '', professional > 0 ? `professional (${count(professional, 'score', 'scores')})` : ''].filter(Boolean);
      const how = parts.length === 2 ? `the averages of ${parts.join(' and ')} count the same` : `only ${parts[0] ?? 'one perspective'} scored`;
      return `Equal voice: ${how}${abstainedText}`;
    }
  }
}

function sectionsOf(input: TenderInput, bid: BidResult): SectionView[] {
  const weights = new Map(input.rubric.criteria.map((c) => [c.id, c.weightExact]));
  return input.rubric.rubric.sections.map((section) => ({
    id: section.id,
    title: section.title,
    weight: formatPlain(sum(section.criteria.map((c) => weights.get(c.id) ?? ZERO))),
    points: show(bid.sections[section.id] ?? ZERO),
    criteria: section.criteria.map((criterion) => {
      const c = bid.criteria[criterion.id]!;
      return {
        id: criterion.id,
        title: criterion.title,
        final: c.final === null ? null : show(c.final),
        basis: basisText(c, input),
        points: c.points === null ? null : show(c.points),
        weight: formatPlain(weights.get(criterion.id) ?? ZERO),
        flags: c.flags.map(sentence),
      };
    }),
  }));
}

function statusOf(bid: BidResult, ranking: boolean): { status: BidStatus; tag: BidView['tag'] } {
  if (bid.failures.length > 0) return { status: 'not-eligible', tag: { text: 'Not eligible', classes: 'govuk-tag--red' } };
  if (bid.rank === null) return { status: 'incomplete', tag: { text: 'Incomplete', classes: 'govuk-tag--yellow' } };
  if (!ranking) return { status: 'ranked', tag: { text: 'Complete', classes: 'govuk-tag--green' } };
  return { status: 'ranked', tag: { text: bid.tie ? 'Tied' : 'Ranked', classes: bid.tie ? 'govuk-tag--orange' : 'govuk-tag--green' } };
}

/** A bid's state in words for a reader shown the quality scores only (no rank, no tie). */
const QUALITY_ONLY_TEXT: Record<BidStatus, string> = {
  ranked: 'Every criterion has a final score, and the price is entered',
  incomplete: 'Some scores or the price are still needed',
  'not-eligible': 'It does not meet a rule of the tender (see why below)',
};

function tieText(result: TenderResult, bid: BidResult): string | null {
  if (!bid.tie) return null;
  const others = result.bids.filter((b) => b.key !== bid.key && b.rank === bid.rank).map((b) => `bid ${b.key} (${b.supplier})`);
  return `Tied with ${others.join(' and ')}: the rules do not break this tie; it must be settled before the tender is finalised.`;
}

function rankText(bid: BidResult, status: BidStatus): string {
  if (bid.rank !== null) return `${ordinal(bid.rank)}${bid.tie ? ' (tied)' : ''}`;
  return status === 'not-eligible' ? 'Not ranked: not eligible' : 'Not ranked yet: incomplete';
}

const ORDER: Record<BidStatus, number> = { ranked: 0, incomplete: 1, 'not-eligible': 2 };

/**
 * Every bid not withdrawn: ranked bids by rank, then incomplete, then not eligible. A reader who is
 * not shown the ranking (results-audience.ts) gets no rank, tie or order by rank: the complete bids
 * by key, then the incomplete, then those not eligible.
 */
export function bidViews(input: TenderInput, result: TenderResult, audience: ResultsAudience): BidView[] {
  const showPrices = audience.prices;
  const prices = new Map(input.bids.map((b) => [b.key, b.price]));
  const reword = (reason: string) => sentence(showPrices ? reason : withoutPrices(reason));
  const views = result.bids.map((bid): BidView => {
    const { status, tag } = statusOf(bid, audience.ranking);
    return {
      key: bid.key,
      supplier: bid.supplier,
      status,
      tag,
      rank: audience.ranking ? bid.rank : null,
      rankText: audience.ranking ? rankText(bid, status) : QUALITY_ONLY_TEXT[status],
      tie: audience.ranking && bid.tie,
      tieText: audience.ranking ? tieText(result, bid) : null,
      quality: show(bid.quality),
      price: showPrices && bid.pricePoints !== null ? show(bid.pricePoints) : null,
      total: showPrices && bid.total !== null ? show(bid.total) : null,
      priceAmount: showPrices ? money(prices.get(bid.key) ?? null) : null,
      failures: bid.failures.map(reword),
      missing: bid.missing.map(reword),
      sections: sectionsOf(input, bid),
    };
  });
  return views.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.rank ?? 0) - (b.rank ?? 0) || compareKeys(a.key, b.key));
}
