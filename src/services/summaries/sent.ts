// The day a bid's assessment summary was sent to the bidder, as the commissioner records it. Only
// once the summaries are issued (the tender finalised); the day is a real UK calendar day, not
// before the summary was issued and not after today. One transaction with its audit event
// (`summary.sent-recorded`, the old and the new day); recording the same day again writes nothing.
import type { Db } from '../../data/database';
import type { TenderRow } from '../../data/schema';
import { summaryDatesRepository } from '../../data/summary-dates-repository';
import { tenderRepository } from '../../data/tender-repository';
import { writeTransaction } from '../../data/write-transaction';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { mayEditExplanations } from './summaries';
import { currentTender } from '../tender-rules';
import { dayText, ukDay, ukToday } from '../uk-dates';

export type SentOutcome =
  | { ok: true; changed: boolean }
  | { ok: false; notFound: true }
  | { ok: false; notIssued: true }
  | { ok: false; problem: string };

/** Whether a sent day can be recorded for the tender as it is now; the words when not. */
export const sentLockedReason = (tender: TenderRow): string | null =>
  tender.state === 'finalised' ? null : 'The summaries are issued when the tender is finalised; the day each was sent can be recorded after that.';

/** What is wrong with a sent day for a summary issued at `issuedAt`, today being `today`; null when it is fine. */
export function sentDayProblem(day: string, issuedAt: string, now: Date): string | null {
  const issued = ukDay(new Date(issuedAt));
  if (day < issued) return `The date the summary was sent must be the day it was issued (${dayText(issued)}) or later`;
  if (day > ukToday(now)) return 'The date the summary was sent must be today or in the past';
  return null;
}

export async function recordSummarySent(db: Db, actor: Actor, tender: TenderRow, key: string, day: string, now: Date): Promise<SentOutcome> {
  if (!mayEditExplanations(actor)) throw new Error('only a commissioner records when a summary was sent');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<SentOutcome> => {
    const current = await currentTender(trx, tender);
    if (sentLockedReason(current) !== null) return { ok: false, notIssued: true };
    const bid = await tenderRepository.findBid(trx, current.id, key);
    if (!bid || bid.withdrawn === 1) return { ok: false, notFound: true };
    const dates = await summaryDatesRepository.find(trx, bid.id);
    if (!dates) return { ok: false, notIssued: true };
    const problem = sentDayProblem(day, dates.issuedAt, now);
    if (problem) return { ok: false, problem };
    if (dates.sentOn === day) return { ok: true, changed: false };
    const by = actorLabel(actor);
    await summaryDatesRepository.setSent(trx, bid.id, day, by, now.toISOString());
    await recordEvent(trx, { actor: by, action: 'summary.sent-recorded', tender: tender.reference, detail: { bid: key, old: dates.sentOn, new: day } }, now);
    return { ok: true, changed: true };
  });
}
