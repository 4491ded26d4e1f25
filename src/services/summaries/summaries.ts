// Assessment summaries (Procurement Act 2023; Procurement Regulations 2024 reg. 31): one per bid
// that was not withdrawn, from the engine's results, explaining each score from the moderation
// record or the panel's reasons, in the commissioner's words where they have edited them.
//
// - Commissioners and procurement who can see the tender read them (they show prices).
// - Only a commissioner edits the explanations, and only at moderation: before it the scores and
//   reasons are still coming in; once the tender is finalised the summaries are issued and
//   nothing changes.
// - Summaries are issued when the tender is finalised; before that each is marked as a draft.
import { createHash } from 'node:crypto';
import type { Db } from '../../data/database';
import { bidDetailsRepository } from '../../data/bid-details-repository';
import { panelRepository } from '../../data/panel-repository';
import { summaryDatesRepository } from '../../data/summary-dates-repository';
import type { TenderRow } from '../../data/schema';
import { summaryRepository } from '../../data/summary-repository';
import { tenderRepository } from '../../data/tender-repository';
import { writeTransaction } from '../../data/write-transaction';
import { cellKey, scoreTender, type TenderInput, type TenderResult } from '../../engine/index';
import { canSeePrices } from '../access';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { rubricOf, tenderInput } from '../results/results';
import { summaryContentFingerprint } from './content';
import { datesView } from './parts';
import { explanationFlags, type FlagSources, type SummaryFlag } from './flags';
import {
  explanationOf,
  outcomeOf,
  pointsText,
  recordedExplanation,
  summaryView,
  type Reason,
  type SummaryContext,
  type SummaryTexts,
  type SummaryView,
} from './view';
import { assertNotFinalised, currentTender, TenderLockedError } from '../tender-rules';

export const MAX_EXPLANATION = 5_000;

/** Summaries show prices, so they are for the people who may see prices. */
export const maySeeSummaries = canSeePrices;
export const mayEditExplanations = (actor: Actor): boolean => actor.kind === 'staff' && actor.role === 'commissioner';

/** Why the explanations cannot be edited now, in plain words; null when they can. */
export function explanationsLockedReason(tender: TenderRow): string | null {
  if (tender.state === 'finalised') return 'The tender is finalised and the summaries are issued, so the explanations cannot change.';
  if (tender.state !== 'moderation') return 'The explanations can be changed once scoring has closed and the tender is at moderation.';
  return null;
}

export function assertExplanationsEditable(tender: TenderRow): void {
  assertNotFinalised(tender, 'The explanations in the assessment summaries');
  const reason = explanationsLockedReason(tender);
  if (reason) throw new TenderLockedError(reason.replace(/\.$/, ''));
}

/**
 * The engine's results of a tender and what every summary shows around them. Reading the tender's
 * scores and scoring it is the costly part (50,000 scores at framework scale): once a request.
 */
export type ScoredTender = Omit<SummaryContext, 'texts'> & { flagSources: FlagSources };

/** The engine's input and results, when the caller has them already (the readiness checks). */
export interface EngineRun {
  input: TenderInput;
  result: TenderResult;
}

export async function scoredTender(db: Db, tender: TenderRow, engine?: EngineRun): Promise<ScoredTender> {
  const [input, bids, details, dates, members] = await Promise.all([
    engine ? Promise.resolve(engine.input) : tenderInput(db, tender),
    tenderRepository.bids(db, tender.id),
    bidDetailsRepository.ofTender(db, tender.id),
    summaryDatesRepository.ofTender(db, tender.id),
    panelRepository.members(db, tender.id),
  ]);
  const keyOf = new Map(bids.map((b) => [b.id, b.key]));
  return {
    reference: tender.reference,
    title: tender.title,
    issued: tender.state === 'finalised',
    rubric: input.rubric,
    result: engine ? engine.result : scoreTender(input),
    prices: new Map(input.bids.map((b) => [b.key, b.price])),
    aggregation: input.aggregation,
    details: new Map([...details].flatMap(([id, d]) => (keyOf.has(id) ? [[keyOf.get(id)!, d] as const] : []))),
    dates,
    // Every name on the panel (withdrawn members too) and every price entered (withdrawn bids too).
    flagSources: {
      members: members.map((m) => m.name),
      prices: bids.flatMap((b) => (b.price === null ? [] : [{ key: b.key, price: b.price }])),
    },
  };
}

/** The flags of the explanations of the given bids as they will be issued (summary-flags.ts). */
export function flagsOf(ctx: SummaryContext & { flagSources: FlagSources }, keys: readonly string[]): SummaryFlag[] {
  const cells = keys.flatMap((bid) => ctx.rubric.criteria.map((c) => ({ bid, criterion: c.id, title: c.title, text: explanationOf(ctx.texts, cellKey(bid, c.id)).text })));
  return explanationFlags(cells, ctx.flagSources);
}

/**
 * Every flag of every summary of a tender (the readiness check before finalising). Nothing here
 * needs the scores: each live bid's explanations as they will be issued, the panel's names and the prices.
 */
export async function tenderSummaryFlags(db: Db, tender: TenderRow): Promise<SummaryFlag[]> {
  const [bids, members, texts] = await Promise.all([tenderRepository.bids(db, tender.id), panelRepository.members(db, tender.id), summaryTexts(db, tender.id)]);
  const criteria = rubricOf(tender).sections.flatMap((s) => s.criteria);
  const cells = bids
    .filter((b) => b.withdrawn === 0)
    .flatMap((b) => criteria.map((c) => ({ bid: b.key, criterion: c.id, title: c.title, text: explanationOf(texts, cellKey(b.key, c.id)).text })));
  return explanationFlags(cells, { members: members.map((m) => m.name), prices: bids.flatMap((b) => (b.price === null ? [] : [{ key: b.key, price: b.price }])) });
}

/** The words behind the scores: every bid's, or with a bid's key that bid's alone. */
export async function summaryTexts(db: Db, tenderId: number, bidKey?: string): Promise<SummaryTexts> {
  const [reasons, rationales, edited] = await Promise.all([
    bidKey === undefined ? summaryRepository.reasons(db, tenderId) : summaryRepository.bidReasons(db, tenderId, bidKey),
    summaryRepository.rationales(db, tenderId, bidKey),
    summaryRepository.explanations(db, tenderId, bidKey),
  ]);
  const byCell = new Map<string, Reason[]>();
  for (const r of reasons) {
    const key = cellKey(r.bid, r.criterion);
    const reason = { perspective: r.perspective, rationale: r.rationale };
    const cell = byCell.get(key);
    if (cell) cell.push(reason);
    else byCell.set(key, [reason]);
  }
  return {
    consensus: new Map(rationales.map((r) => [cellKey(r.bid, r.criterion), r.rationale])),
    reasons: byCell,
    edited: new Map(edited.map((e) => [cellKey(e.bid, e.criterion), e.explanation])),
  };
}

/** Everything the summaries of every bid of a tender are made from, read once (the summary files). */
export async function summaryContext(db: Db, tender: TenderRow): Promise<SummaryContext & { flagSources: FlagSources }> {
  const scored = await scoredTender(db, tender);
  return { ...scored, texts: await summaryTexts(db, tender.id) };
}

/**
 * What one bid's summary is made from: the tender scored (given, or read here), and that bid's
 * words only, so the context serves that bid's summary and no other. Null for a bid that is not
 * on the tender or was withdrawn.
 */
async function bidContext(db: Db, tender: TenderRow, key: string, scored?: ScoredTender): Promise<(SummaryContext & { flagSources: FlagSources }) | null> {
  const tenderScored = scored ?? (await scoredTender(db, tender));
  if (!tenderScored.result.bids.some((b) => b.key === key)) return null;
  return { ...tenderScored, texts: await summaryTexts(db, tender.id, key) };
}

export interface SummaryListing {
  issued: boolean;
  withdrawn: string[];
  bids: { key: string; supplier: string; outcome: string; kind: string; total: string | null; edited: number; issued: string | null; sent: string | null }[];
}

/** The list of summaries: each bid's standing from the engine, and how many explanations the commissioner has edited. */
export async function summaryListing(db: Db, tender: TenderRow, scored?: ScoredTender): Promise<SummaryListing> {
  const { issued, rubric, result, dates } = scored ?? (await scoredTender(db, tender));
  const edited = await summaryRepository.editedCounts(db, tender.id, rubric.criteria.map((c) => c.id));
  return {
    issued,
    withdrawn: result.withdrawn,
    bids: result.bids.map((bid) => {
      const outcome = outcomeOf(result, bid, issued);
      return {
        key: bid.key,
        supplier: bid.supplier,
        kind: outcome.kind,
        outcome: outcome.rank || (outcome.kind === 'failed' ? 'Did not meet the minimum standards' : 'Not fully scored'),
        total: bid.total === null ? null : pointsText(bid.total),
        edited: edited.get(bid.key) ?? 0,
        ...datesView(dates.get(bid.key)),
      };
    }),
  };
}

/**
 * One bid's summary, what is flagged in it and the fingerprint of what it says (content.ts); null
 * for a bid that is not on the tender or was withdrawn.
 */
export async function bidSummary(db: Db, tender: TenderRow, key: string): Promise<{ summary: SummaryView; flags: SummaryFlag[]; content: string } | null> {
  const ctx = await bidContext(db, tender, key);
  const summary = ctx && summaryView(ctx, key);
  const content = ctx && summaryContentFingerprint(ctx, key);
  return ctx && summary && content ? { summary, flags: flagsOf(ctx, [key]), content } : null;
}

/** A short fingerprint of an explanation as shown on the edit form, to notice a change made meanwhile. */
export const fingerprint = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

export interface ExplanationField {
  criterion: string;
  title: string;
  score: string | null;
  /** What the summary says now. */
  current: string;
  edited: boolean;
  /** What the panel's record says (used when the commissioner's text is removed). */
  recorded: string;
  was: string;
}

/**
 * The edit form's fields for one bid. Pass the `scored` tender an earlier call returned to show the
 * texts again (after a refused save) without reading and scoring the whole tender a second time.
 */
export async function explanationFields(
  db: Db,
  tender: TenderRow,
  key: string,
  scored?: ScoredTender,
): Promise<{ view: SummaryView; fields: ExplanationField[]; scored: ScoredTender } | null> {
  const tenderScored = scored ?? (await scoredTender(db, tender));
  const ctx = await bidContext(db, tender, key, tenderScored);
  const view = ctx && summaryView(ctx, key);
  if (!ctx || !view) return null;
  const fields = view.sections.flatMap((s) =>
    s.criteria.map((c) => ({
      criterion: c.id,
      title: c.title,
      score: c.score,
      current: c.explanation.text,
      edited: c.explanation.source === 'edited',
      recorded: recordedExplanation(ctx.texts, cellKey(key, c.id)).text,
      was: fingerprint(c.explanation.text),
    })),
  );
  return { view, fields, scored: tenderScored };
}

export interface ExplanationEdit {
  criterion: string;
  /** Empty: use the panel's record again. */
  text: string;
  /** The fingerprint of the text the form showed. */
  was: string;
}

export type SaveOutcome = { ok: true; changed: number } | { ok: false; errors: { field: string; text: string }[] } | { ok: false; notFound: true };

/**
 * Saves the commissioner's explanations of one bid's scores, in one transaction with one audit
 * event holding each changed criterion's old and new text. A text equal to the panel's record,
 * or empty, removes the commissioner's wording. A criterion changed by someone else since the
 * form was shown is refused, and nothing is saved.
 */
export async function saveExplanations(db: Db, actor: Actor, tender: TenderRow, key: string, edits: ExplanationEdit[], now: Date): Promise<SaveOutcome> {
  if (!mayEditExplanations(actor)) throw new Error('only a commissioner edits assessment summaries');
  assertExplanationsEditable(tender);
  // Nothing here needs the scores: the bid (not withdrawn), the rubric's criteria and this bid's words.
  const bid = await tenderRepository.findBid(db, tender.id, key);
  if (!bid || bid.withdrawn === 1) return { ok: false, notFound: true };
  const criteria = new Map(rubricOf(tender).sections.flatMap((s) => s.criteria.map((c) => [c.id, c.title] as const)));
  const words = await summaryTexts(db, tender.id, key);
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    assertExplanationsEditable(await currentTender(trx, tender));
    // Read the stored wording again inside the transaction, so two saves cannot both pass the check.
    const stored = await summaryRepository.explanations(trx, tender.id, key);
    const texts = { ...words, edited: new Map(stored.map((e) => [cellKey(e.bid, e.criterion), e.explanation])) };
    const changes: { criterion: string; old: string; new: string; wording: 'commissioner' | 'panel record' }[] = [];
    const conflicts: { field: string; text: string }[] = [];
    for (const edit of edits) {
      const title = criteria.get(edit.criterion);
      if (title === undefined) continue;
      const cell = cellKey(key, edit.criterion);
      const before = explanationOf(texts, cell).text;
      if (fingerprint(before) !== edit.was) {
        conflicts.push({ field: `explanation-${edit.criterion}`, text: `The explanation for "${title}" was changed by someone else while you were editing. Check it and save again` });
        continue;
      }
      const recorded = recordedExplanation(texts, cell).text;
      const own = edit.text === '' || edit.text === recorded ? null : edit.text;
      const after = own ?? recorded;
      if (after === before && (own === null) === !texts.edited.has(cell)) continue;
      changes.push({ criterion: edit.criterion, old: before, new: after, wording: own === null ? 'panel record' : 'commissioner' });
    }
    if (conflicts.length > 0) return { ok: false as const, errors: conflicts };
    if (changes.length === 0) return { ok: true as const, changed: 0 };
    for (const change of changes) {
      if (change.wording === 'panel record') await summaryRepository.removeExplanation(trx, bid.id, change.criterion);
      else await summaryRepository.saveExplanation(trx, { tenderId: tender.id, bidId: bid.id, criterion: change.criterion, explanation: change.new, by: actorLabel(actor), at: now.toISOString() });
    }
    // A review of the summary no longer holds while it says something else (its content fingerprint differs).
    await recordEvent(trx, { actor: actorLabel(actor), action: 'summary.explanations-changed', tender: tender.reference, detail: { bid: key, changes } }, now);
    return { ok: true as const, changed: changes.length };
  });
}
