// One bid's assessment summary as the page shows it (Procurement Act 2023; Procurement
// Regulations 2024 reg. 31), built from the engine's results. Nothing here scores: every figure
// is the engine's, rounded only for display (2 decimal places, half up).
import type Fraction from 'fraction.js';
import type { SummaryDates } from '../../data/summary-dates-repository';
import { cellKey, formatHalfUp, formatPlain, sum, type Aggregation, type BidResult, type FinalBasis, type PreparedRubric, type TenderResult } from '../../engine/index';
import type { BidDetails } from '../../engine/bid-details';
import { money } from '../rubric-view';
import { datesView, methodologyView, supplierView } from './parts';

export interface Reason {
  perspective: string;
  rationale: string;
}

/** The words behind each bid × criterion (keyed by the engine's cellKey). */
export interface SummaryTexts {
  consensus: Map<string, string>;
  reasons: Map<string, Reason[]>;
  edited: Map<string, string>;
}

export type ExplanationSource = 'edited' | 'consensus' | 'panel' | 'none';

export interface Explanation {
  source: ExplanationSource;
  /** As plain text: what the edit form starts from, and what the audit records. */
  text: string;
  /** The panel's reasons, each attributed by perspective (source 'panel'). */
  reasons: { who: string; text: string }[];
  /** Paragraphs of an edited text or a moderation rationale. */
  paragraphs: string[];
}

const ATTRIBUTION: Record<string, string> = {
  'lived-experience': 'Panel member with lived experience',
  professional: 'Professional panel member',
};
// People with lived experience first: their view is the one most easily lost in a summary.
const PERSPECTIVE_ORDER = ['lived-experience', 'professional'];

const BASIS_WORDS: Record<FinalBasis, string> = {
  consensus: 'Agreed by the panel at moderation',
  mean: "The average of the panel members' scores",
  median: "The middle of the panel members' scores",
  'equal-voice': "The average of the panel members' scores, with people with lived experience and professionals counting equally",
};

/** A score as people read it: "4" or "4.46". */
export const scoreText = (x: Fraction): string => formatHalfUp(x, 2).replace(/\.00$/, '');
export const pointsText = (x: Fraction): string => formatHalfUp(x, 2);

const paragraphs = (text: string): string[] =>
  text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** The explanation the panel's own record gives: the moderation rationale, or each member's reason. */
export function recordedExplanation(texts: SummaryTexts, key: string): Explanation {
  const rationale = texts.consensus.get(key)?.trim();
  if (rationale) return { source: 'consensus', text: rationale, reasons: [], paragraphs: paragraphs(rationale) };
  const reasons = (texts.reasons.get(key) ?? [])
    .filter((r) => r.rationale.trim() !== '')
    .sort((a, b) => PERSPECTIVE_ORDER.indexOf(a.perspective) - PERSPECTIVE_ORDER.indexOf(b.perspective))
    .map((r) => ({ who: ATTRIBUTION[r.perspective] ?? 'Panel member', text: r.rationale.trim().replace(/\s+/g, ' ') }));
  if (reasons.length === 0) return { source: 'none', text: '', reasons: [], paragraphs: [] };
  return { source: 'panel', text: reasons.map((r) => `${r.who}: ${r.text}`).join('\n\n'), reasons, paragraphs: [] };
}

/** What the summary says: the commissioner's wording when there is one, else the panel's record. */
export function explanationOf(texts: SummaryTexts, key: string): Explanation {
  const edited = texts.edited.get(key);
  if (edited !== undefined) return { source: 'edited', text: edited, reasons: [], paragraphs: paragraphs(edited) };
  return recordedExplanation(texts, key);
}

export type OutcomeKind = 'winner' | 'tied-first' | 'ranked' | 'failed' | 'incomplete';

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
};

/** Where a bid stands, in words; the summaries list shows the same. */
export function outcomeOf(result: TenderResult, bid: BidResult, issued: boolean): { kind: OutcomeKind; rank: string; words: string } {
  const ranked = result.bids.filter((b) => b.rank !== null).length;
  const place = bid.rank === null ? '' : `${ordinal(bid.rank)}${bid.tie ? ' (tied)' : ''} of ${ranked} ranked ${ranked === 1 ? 'bid' : 'bids'}`;
  // Before the tender is finalised the standing can still change, and the words say so.
  const sofar = (sentence: string): string => `On the scores so far, ${sentence}`;
  if (!bid.complete) return { kind: 'incomplete', rank: '', words: 'This bid has not been fully scored, so it has no total and no rank.' };
  if (!bid.eligible) {
    return { kind: 'failed', rank: '', words: 'This bid was not successful: it did not meet the minimum standards below, so it was given no price points and no rank.' };
  }
  if (result.winner === bid.key) {
    return { kind: 'winner', rank: place, words: issued ? 'This bid was the most advantageous tender: it was ranked first.' : sofar('this bid is ranked first.') };
  }
  if (bid.rank === 1) {
    return { kind: 'tied-first', rank: place, words: 'This bid is tied for first place. Ties are never broken automatically: the commissioner must resolve this one before the tender is finalised.' };
  }
  return { kind: 'ranked', rank: place, words: issued ? `This bid was not successful: it was ranked ${place}.` : sofar(`this bid is ranked ${place}.`) };
}

/** Where the winning bid did better: every criterion it scored higher on, with both scores. */
function comparison(rubric: PreparedRubric, winner: BidResult, bid: BidResult) {
  const higher = rubric.criteria.flatMap((c) => {
    const mine = bid.criteria[c.id]!;
    const theirs = winner.criteria[c.id]!;
    if (mine.final === null || theirs.final === null || theirs.final.compare(mine.final) <= 0) return [];
    return [{ id: c.id, title: c.title, weight: formatPlain(c.weightExact), score: scoreText(mine.final), winnerScore: scoreText(theirs.final), points: pointsText(mine.points!), winnerPoints: pointsText(theirs.points!) }];
  });
  const notLower = rubric.criteria.filter((c) => {
    const mine = bid.criteria[c.id]!.final;
    const theirs = winner.criteria[c.id]!.final;
    return mine !== null && theirs !== null && theirs.compare(mine) <= 0;
  });
  const figure = (x: Fraction | null): string => (x === null ? 'None' : pointsText(x));
  // The most advantageous tender's own scores, sub-totals and total (reg. 31(3)).
  const winnerSections = rubric.rubric.sections.map((s) => {
    const criteria = rubric.criteria.filter((c) => c.section === s.id);
    return {
      title: s.title,
      weight: formatPlain(sum(criteria.map((c) => c.weightExact))),
      points: pointsText(winner.sections[s.id]!),
      criteria: criteria.map((c) => {
        const cell = winner.criteria[c.id]!;
        return { title: c.title, weight: formatPlain(c.weightExact), score: cell.final === null ? 'None' : scoreText(cell.final), points: cell.points === null ? 'None' : pointsText(cell.points) };
      }),
    };
  });
  const gap = bid.total !== null && winner.total !== null ? pointsText(winner.total.sub(bid.total)) : null;
  return {
    winner: { key: winner.key, supplier: winner.supplier },
    winnerSections,
    winnerTotal: figure(winner.total),
    why:
      gap === null
        ? `The contract is to be awarded to bid ${winner.key} (${winner.supplier}), the most advantageous tender, ranked first with a total of ${figure(winner.total)} points.`
        : `The contract is to be awarded to bid ${winner.key} (${winner.supplier}), the most advantageous tender, ranked first with a total of ${figure(winner.total)} points. This bid's total was ${figure(bid.total)} points, ${gap} fewer.`,
    higher,
    notLower: notLower.map((c) => c.title),
    totals: [
      { label: 'Quality points', bid: figure(bid.quality), winner: figure(winner.quality) },
      { label: 'Price points', bid: figure(bid.pricePoints), winner: figure(winner.pricePoints) },
      { label: 'Total', bid: figure(bid.total), winner: figure(winner.total) },
    ],
  };
}

/** What summaries are made from. Its texts may hold one bid's words only: it then serves that bid's summary alone. */
export interface SummaryContext {
  reference: string;
  title: string;
  /** The tender is finalised: the summaries are issued. */
  issued: boolean;
  rubric: PreparedRubric;
  result: TenderResult;
  prices: Map<string, string | number | null>;
  texts: SummaryTexts;
  aggregation: Aggregation;
  /** Each bid's recorded legal details (by bid key). */
  details: Map<string, BidDetails>;
  /** Each issued summary's dates (by bid key). */
  dates: Map<string, SummaryDates>;
}

export function summaryView(ctx: SummaryContext, key: string) {
  const { rubric, result } = ctx;
  const bid = result.bids.find((b) => b.key === key);
  if (!bid) return null;
  const winner = result.winner === null ? null : result.bids.find((b) => b.key === result.winner) ?? null;
  const scale = rubric.rubric.scale;
  const labelOf = (x: Fraction) => scale.points.find((p) => x.equals(p.score))?.label ?? null;
  const sections = rubric.rubric.sections.map((s) => {
    const criteria = rubric.criteria.filter((c) => c.section === s.id);
    const weight = sum(criteria.map((c) => c.weightExact));
    return {
      id: s.id,
      title: s.title,
      weight: formatPlain(weight),
      points: pointsText(bid.sections[s.id]!),
      criteria: criteria.map((c) => {
        const cell = bid.criteria[c.id]!;
        return {
          id: c.id,
          title: c.title,
          weight: formatPlain(c.weightExact),
          threshold: c.threshold ?? null,
          score: cell.final === null ? null : scoreText(cell.final),
          label: cell.final === null ? null : labelOf(cell.final),
          points: cell.points === null ? null : pointsText(cell.points),
          basis: cell.basis === null ? null : BASIS_WORDS[cell.basis],
          explanation: explanationOf(ctx.texts, cellKey(bid.key, c.id)),
        };
      }),
    };
  });
  const outcome = outcomeOf(result, bid, ctx.issued);
  return {
    reference: ctx.reference,
    tenderTitle: ctx.title,
    issued: ctx.issued,
    bid: { key: bid.key, supplier: bid.supplier, price: money(ctx.prices.get(bid.key) ?? null) },
    supplier: supplierView(bid.supplier, ctx.details.get(bid.key)),
    methodology: methodologyView(rubric, ctx.aggregation),
    dates: datesView(ctx.dates.get(bid.key)),
    scale: { min: scale.min, max: scale.max, points: [...scale.points].sort((a, b) => a.score - b.score).map((p) => ({ score: p.score, label: p.label, meaning: p.meaning })) },
    passMark: rubric.passMarkPoints === null ? null : { percent: rubric.rubric.policy.qualityPassMark, points: pointsText(rubric.passMarkPoints) },
    sections,
    totals: {
      quality: pointsText(bid.quality),
      qualityWeight: formatPlain(rubric.qualityWeight),
      price: bid.pricePoints === null ? null : pointsText(bid.pricePoints),
      priceWeight: formatPlain(rubric.priceWeight),
      total: bid.total === null ? null : pointsText(bid.total),
      rank: outcome.rank,
    },
    outcome,
    successful: outcome.kind === 'winner',
    failures: bid.failures.map((f) => f.charAt(0).toUpperCase() + f.slice(1)),
    missing: bid.missing.map((m) => m.charAt(0).toUpperCase() + m.slice(1)),
    comparison: winner && winner.key !== bid.key ? comparison(rubric, winner, bid) : null,
  };
}

export type SummaryView = NonNullable<ReturnType<typeof summaryView>>;

/** The page's title, the same on the web and in the file. */
export const summaryTitle = (summary: SummaryView): string => `Assessment summary for bid ${summary.bid.key}: ${summary.bid.supplier}`;
