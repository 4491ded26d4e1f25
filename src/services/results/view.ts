// The results page's view model (issue 5): the engine's results of a tender (exact values,
// rounded here for display only, 2 places half up), what each bid's figures are made of, the
// scores still needed and who owes them, and robustness in plain words. What price decides is
// shown as results-audience.ts says: prices, price points and totals only to commissioners and
// procurement; ranks, the winner, the chart and robustness to a facilitator only once finalised.
import type Fraction from 'fraction.js';
import type { Db } from '../../data/database';
import { panelRepository } from '../../data/panel-repository';
import { resultsRepository, type AwaitedScore } from '../../data/results-repository';
import type { TenderRow } from '../../data/schema';
import { compareKeys, formatPlain, listKeys, noneEligible, priceMethodName, robustness, scoreTender, scoringFor, type BidResult, type Robustness, type TenderInput, type TenderResult } from '../../engine/index';
import { canModerate } from '../moderation';
import type { Actor } from '../actors';
import { bidViews, criterionTitles, ordinal, type BidView } from './bids';
import { resultsChart, type ResultsChart } from './chart';
import { leftOutTexts } from '../panel-membership';
import { tenderInput } from './results';
import { resultsAudience } from './audience';


export interface IncompleteCell {
  bid: string;
  supplier: string;
  criterion: string;
  /** "Name (perspective)", with a note when a draft is saved but not submitted. */
  waitingFor: string[];
  note: string | null;
}

export interface ResultsView {
  reference: string;
  title: string;
  state: string;
  showPrices: boolean;
  /** Ranks, the winner, the chart and robustness (everything that moves with price). */
  showRanking: boolean;
  complete: boolean;
  /** Who is ranked first, in words; null when the ranking is not shown. */
  winnerText: string | null;
  /** Whether one bid is ranked first (there is a contract to award). */
  hasWinner: boolean;
  /** Bids with the same total ranked apart by their quality scores, in words (with prices only: totals move with price). */
  qualityTieBreaks: string[];
  qualityWeight: string;
  priceWeight: string;
  totalWeight: string;
  scale: { min: number; max: number };
  bids: BidView[];
  withdrawn: { key: string; supplier: string }[];
  /** Members withdrawn from the panel, whose sent scores are not counted, each with when and why. */
  leftOut: string[];
  incomplete: IncompleteCell[];
  missingPrices: { key: string; supplier: string }[];
  flaggedCount: number;
  /** Whether this person may open moderation (procurement may not: no link to a page they cannot see). */
  showModerationLink: boolean;
  robustness: {
    summary: string[];
    split: { qualityWeight: string; priceWeight: string; change: string; winner: string; changed: boolean }[];
    methods: { method: string; winner: string; changed: boolean; current: boolean }[];
  };
  chart: ResultsChart | null;
}

const PERSPECTIVE_WORDS: Record<string, string> = { professional: 'professional', 'lived-experience': 'lived experience' };

function bidName(result: TenderResult, key: string | null): string {
  if (key === null) return 'No single winner';
  const bid = result.bids.find((b) => b.key === key);
  return bid ? `Bid ${key} (${bid.supplier})` : `Bid ${key}`;
}

function winnerText(result: TenderResult): string {
  if (result.winner !== null) return `${bidName(result, result.winner)} is ranked first.`;
  const first = result.bids.filter((b) => b.rank === 1).map((b) => b.key);
  if (first.length > 1) return `There is no single winner: bids ${listKeys(first)} are tied first. The rules do not break this tie; it must be settled before the tender is finalised.`;
  if (noneEligible(result.bids)) return 'No bid can be ranked: none is eligible.';
  return 'No bid can be ranked yet.';
}

/**
 * Ranked bids with exactly the same total, ranked apart by quality (the rules' first tie-break):
 * said, so that no tie is broken silently. Bids still equal on quality are a tie (winnerText).
 */
function qualityTieBreaks(result: TenderResult): string[] {
  const ranked = result.bids.filter((b) => b.rank !== null && b.total !== null);
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const bid of ranked) {
    if (seen.has(bid.key)) continue;
    const same = ranked.filter((b) => b.total!.equals(bid.total!));
    same.forEach((b) => seen.add(b.key));
    if (same.length < 2 || new Set(same.map((b) => b.rank)).size === 1) continue;
    const names = same.map((b) => `${b.key} (${b.supplier})`);
    notes.push(`Bids ${listKeys(names)} have the same total, so they are ranked by their quality scores, the higher first: that is how the rules settle an equal total.`);
  }
  return notes;
}

function incompleteCells(input: TenderInput, result: TenderResult, awaited: readonly AwaitedScore[]): IncompleteCell[] {
  const titles = criterionTitles(input);
  // The scores still owed, grouped by cell once (a framework tender owes tens of thousands).
  const owed = new Map<string, AwaitedScore[]>();
  for (const a of awaited) {
    const key = `${a.bid}\u0000${a.criterion}`;
    const list = owed.get(key);
    if (list) list.push(a);
    else owed.set(key, [a]);
  }
  const cells: IncompleteCell[] = [];
  for (const bid of result.bids) {
    for (const [id, c] of Object.entries(bid.criteria)) {
      if (c.final !== null) continue;
      const waiting = owed.get(`${bid.key}\u0000${id}`) ?? [];
      let note: string | null = null;
      if (waiting.length === 0) {
        note =
          c.scores.length > 0
            ? 'Everyone who scored this abstained: the panel must agree a score at moderation.'
            : 'No panel member is assigned to score this: assign someone on the panel page, or agree a score at moderation.';
      }
      cells.push({
        bid: bid.key,
        supplier: bid.supplier,
        criterion: titles.get(id) ?? id,
        waitingFor: waiting.map((a) => `${a.name} (${PERSPECTIVE_WORDS[a.perspective] ?? a.perspective})${a.draft ? ': a draft is saved, not yet submitted' : ''}`),
        note,
      });
    }
  }
  return cells;
}

function robustnessView(input: TenderInput, result: TenderResult, r: Robustness): ResultsView['robustness'] {
  const method = input.rubric.rubric.price.method;
  return {
    summary: r.summary,
    split: r.split.map((s) => ({
      qualityWeight: formatPlain(input.rubric.qualityWeight.sub(s.shift)),
      priceWeight: formatPlain(input.rubric.priceWeight.add(s.shift)),
      change: s.shift > 0 ? `${s.shift} points moved to price` : `${-s.shift} points moved to quality`,
      winner: bidName(result, s.winner),
      changed: s.changed,
    })),
    methods:
      r.priceMethods.length === 0
        ? []
        : [
            { method: `${priceMethodName(method)} (this tender's method)`, winner: bidName(result, result.winner), changed: false, current: true },
            ...r.priceMethods.map((m) => ({ method: priceMethodName(m.method), winner: bidName(result, m.winner), changed: m.changed, current: false })),
          ],
  };
}

function chartOf(input: TenderInput, bids: readonly BidResult[], showPrices: boolean): ResultsChart | null {
  const ranked = bids.filter((b) => b.rank !== null).sort((a, b) => a.rank! - b.rank! || compareKeys(a.key, b.key));
  if (ranked.length === 0) return null;
  const entries = ranked.map((b) => ({
    key: b.key,
    supplier: b.supplier,
    rankText: `${ordinal(b.rank!)}${b.tie ? ' (tied)' : ''}`,
    quality: b.quality,
    price: showPrices ? b.pricePoints : null,
    total: showPrices ? b.total : null,
  }));
  const max: Fraction = showPrices ? input.rubric.qualityWeight.add(input.rubric.priceWeight) : input.rubric.qualityWeight;
  return resultsChart(entries, showPrices, max);
}

/** The results of a tender as the results page shows them to this person. */
export async function resultsView(db: Db, actor: Actor, tender: TenderRow): Promise<ResultsView> {
  const input = await tenderInput(db, tender);
  const scoring = scoringFor(input);
  const result = scoreTender(input, scoring);
  const audience = resultsAudience(actor, tender);
  const showPrices = audience.prices;
  const found = audience.ranking ? robustness(input, result, scoring) : null;
  const [awaited, members] = await Promise.all([resultsRepository.awaitedScores(db, tender.id), panelRepository.members(db, tender.id)]);
  const bids = bidViews(input, result, audience);
  return {
    reference: tender.reference,
    title: tender.title,
    state: tender.state,
    showPrices,
    showRanking: audience.ranking,
    showModerationLink: canModerate(actor, tender),
    complete: result.complete,
    winnerText: audience.ranking ? winnerText(result) : null,
    hasWinner: result.winner !== null,
    qualityTieBreaks: audience.prices ? qualityTieBreaks(result) : [],
    qualityWeight: formatPlain(input.rubric.qualityWeight),
    priceWeight: formatPlain(input.rubric.priceWeight),
    totalWeight: formatPlain(input.rubric.qualityWeight.add(input.rubric.priceWeight)),
    scale: { min: input.rubric.rubric.scale.min, max: input.rubric.rubric.scale.max },
    bids,
    withdrawn: input.bids.filter((b) => b.withdrawn).map((b) => ({ key: b.key, supplier: b.supplier })),
    leftOut: leftOutTexts(members),
    incomplete: incompleteCells(input, result, awaited),
    missingPrices: result.bids.filter((b) => b.price === null).map((b) => ({ key: b.key, supplier: b.supplier })),
    flaggedCount: result.bids.reduce((n, b) => n + Object.values(b.criteria).filter((c) => c.flagged).length, 0),
    robustness: found ? robustnessView(input, result, found) : { summary: [], split: [], methods: [] },
    chart: audience.ranking ? chartOf(input, result.bids, showPrices) : null,
  };
}
