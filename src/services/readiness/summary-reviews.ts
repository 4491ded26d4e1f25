// "I have reviewed this summary": a commissioner reads a bid's assessment summary at moderation
// and says so, audited, before the tender is finalised and the summaries are issued. The review
// holds until what the summary says changes: editing its explanations removes it (summaries.ts),
// and scores of the bid changed afterwards (a consensus, a re-opened score) make it stale.
import type { Db } from '../../data/database';
import { readinessRepository } from '../../data/readiness-repository';
import type { TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { writeTransaction } from '../../data/write-transaction';
import { actorLabel, staffNames, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { assertExplanationsEditable, mayEditExplanations } from '../summaries/summaries';
import { currentTender } from '../tender-rules';
import { summaryReviewState } from './readiness-checks';
import { whenText } from './stage-overrides';

export type ReviewOutcome = { ok: true } | { ok: false; notFound: true };

/** Records that the commissioner reviewed one bid's summary (again, if it was reviewed before). */
export async function reviewSummary(db: Db, actor: Actor, tender: TenderRow, key: string, now: Date): Promise<ReviewOutcome> {
  if (!mayEditExplanations(actor)) throw new Error('only a commissioner reviews assessment summaries');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<ReviewOutcome> => {
    // Reviewed only at moderation, as the explanations are edited: checked on the tender as stored now.
    assertExplanationsEditable(await currentTender(trx, tender));
    const bid = await tenderRepository.findBid(trx, tender.id, key);
    if (!bid || bid.withdrawn === 1) return { ok: false, notFound: true };
    const by = actorLabel(actor);
    await readinessRepository.saveSummaryReview(trx, { tenderId: tender.id, bidId: bid.id, by, at: now.toISOString() });
    await recordEvent(trx, { actor: by, action: 'summary.reviewed', tender: tender.reference, detail: { bid: key } }, now);
    return { ok: true };
  });
}

export interface SummaryReview {
  state: 'reviewed' | 'stale' | 'not-reviewed';
  /** "Sam Patel (commissioner) on 23 November 2026 at 10:00", when reviewed. */
  text: string | null;
}

const REVIEW_WORDS: Record<SummaryReview['state'], string> = { reviewed: 'Reviewed', stale: 'Reviewed before its scores changed', 'not-reviewed': 'Not reviewed' };

/** Each bid's review in words, for the list of summaries. */
export async function summaryReviewWords(db: Db, tender: TenderRow): Promise<(key: string) => string> {
  const [reviews, lastScoreChanges] = await Promise.all([readinessRepository.summaryReviews(db, tender.id), readinessRepository.lastScoreChanges(db, tender.id)]);
  return (key) => REVIEW_WORDS[summaryReviewState({ reviews, lastScoreChanges }, key)];
}

/** Whether one bid's summary is reviewed, by whom and when. */
export async function summaryReviewOf(db: Db, tender: TenderRow, key: string): Promise<SummaryReview> {
  const [reviews, lastScoreChanges] = await Promise.all([readinessRepository.summaryReviews(db, tender.id), readinessRepository.lastScoreChanges(db, tender.id)]);
  const state = summaryReviewState({ reviews, lastScoreChanges }, key);
  const review = reviews.find((r) => r.bid === key);
  if (!review) return { state, text: null };
  const names = await staffNames(db, [review.reviewedBy]);
  return { state, text: `${names.get(review.reviewedBy) ?? 'a commissioner no longer on record'} on ${whenText(review.reviewedAt)}` };
}
