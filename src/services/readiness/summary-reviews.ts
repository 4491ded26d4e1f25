// "I have reviewed this summary": a commissioner reads a bid's assessment summary at moderation
// and says so, audited, before the tender is finalised and the summaries are issued. The review
// holds the fingerprint of the summary the page showed (summaries/content.ts), and holds exactly
// as long as the summary says the same: any change to what it says (the bid's scores, another
// bid's that changes the winner, its rank or the gap, a price, an explanation) makes it stale.
import type { Db } from '../../data/database';
import { readinessRepository } from '../../data/readiness-repository';
import type { TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { writeTransaction } from '../../data/write-transaction';
import { actorLabel, staffNames, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { tenderSummaryFacts } from '../summaries/review-facts';
import { assertExplanationsEditable, bidSummary, mayEditExplanations, type ScoredTender } from '../summaries/summaries';
import { currentTender } from '../tender-rules';
import { summaryReviewState } from './readiness-checks';
import { whenText } from './stage-overrides';

/** `changed`: the summary says something else than the page the commissioner read; nothing is recorded. */
export type ReviewOutcome = { ok: true } | { ok: false; notFound: true } | { ok: false; changed: true };

/**
 * Records that the commissioner reviewed one bid's summary (again, if it was reviewed before), as
 * the page showed it: `seen` is the content fingerprint the page was built with. The summary is
 * built again inside the transaction; if it says something else now, the review is refused.
 */
export async function reviewSummary(db: Db, actor: Actor, tender: TenderRow, key: string, seen: string, now: Date): Promise<ReviewOutcome> {
  if (!mayEditExplanations(actor)) throw new Error('only a commissioner reviews assessment summaries');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<ReviewOutcome> => {
    // Reviewed only at moderation, as the explanations are edited: checked on the tender as stored now.
    const current = await currentTender(trx, tender);
    assertExplanationsEditable(current);
    const bid = await tenderRepository.findBid(trx, current.id, key);
    if (!bid || bid.withdrawn === 1) return { ok: false, notFound: true };
    const found = await bidSummary(trx, current, key);
    if (!found) return { ok: false, notFound: true };
    if (found.content !== seen) return { ok: false, changed: true };
    const by = actorLabel(actor);
    await readinessRepository.saveSummaryReview(trx, { tenderId: current.id, bidId: bid.id, by, at: now.toISOString(), content: found.content });
    await recordEvent(trx, { actor: by, action: 'summary.reviewed', tender: current.reference, detail: { bid: key } }, now);
    return { ok: true };
  });
}

export interface SummaryReview {
  state: 'reviewed' | 'stale' | 'not-reviewed';
  /** "Sam Patel (commissioner) on 23 November 2026 at 10:00", when reviewed. */
  text: string | null;
}

const REVIEW_WORDS: Record<SummaryReview['state'], string> = { reviewed: 'Reviewed', stale: 'Reviewed before it changed', 'not-reviewed': 'Not reviewed' };

/** Each bid's review in words, for the list of summaries (the tender as the list scored it). */
export async function summaryReviewWords(db: Db, tender: TenderRow, scored: ScoredTender): Promise<(key: string) => string> {
  const [reviews, summaries] = await Promise.all([
    readinessRepository.summaryReviews(db, tender.id),
    tenderSummaryFacts(db, tender, scored, false),
  ]);
  return (key) => REVIEW_WORDS[summaryReviewState({ reviews, summaryContents: summaries.contents }, key)];
}

/** Whether one bid's summary is reviewed, by whom and when; `content` is the fingerprint of the summary as it stands. */
export async function summaryReviewOf(db: Db, tender: TenderRow, key: string, content: string): Promise<SummaryReview> {
  const reviews = await readinessRepository.summaryReviews(db, tender.id);
  const state = summaryReviewState({ reviews, summaryContents: new Map([[key, content]]) }, key);
  const review = reviews.find((r) => r.bid === key);
  if (!review) return { state, text: null };
  const names = await staffNames(db, [review.reviewedBy]);
  return { state, text: `${names.get(review.reviewedBy) ?? 'a commissioner no longer on record'} on ${whenText(review.reviewedAt)}` };
}
