// Travel money in advance: a paid member (lived experience) asks for money for a journey before
// they make it; procurement or a commissioner marks it paid on a day. A member has at most one
// advance waiting at a time. Once paid, it counts as paid already when their claim is worked out
// (claim-status), so it is never paid twice. Each step is one transaction with its audit event.
import type { Db } from '../../data/database';
import { advanceRepository } from '../../data/advance-repository';
import { panelRepository } from '../../data/panel-repository';
import type { TenderRow } from '../../data/schema';
import { writeTransaction } from '../../data/write-transaction';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import type { Scorer } from '../scoring/scorer';
import { currentTender } from '../tender-rules';
import { ukDay } from '../uk-dates';
import { claimOf, mayMarkPaid, stored, type StepOutcome } from './claims';

/** The most a member may ask for in advance, in pounds. */
export const MAX_ADVANCE_POUNDS = 500;
export const PURPOSE_LENGTH = { min: 5, max: 200 } as const;

export interface AdvanceRequest {
  /** Exact pounds, 2 places, more than 0 and at most MAX_ADVANCE_POUNDS (checked by the caller). */
  amount: string;
  purpose: string;
}

/** The member asks for travel money in advance. */
export async function requestAdvance(db: Db, scorer: Scorer, request: AdvanceRequest, now: Date): Promise<StepOutcome> {
  return writeTransaction(db, [{ member: scorer.member.id, tender: scorer.tender.id }], async (trx) => {
    const { tender, member } = await stored(trx, scorer.tender, scorer.member.id);
    const claim = await claimOf(trx, tender, member);
    if (!claim.eligible) return { ok: false, message: 'Only members with lived experience are paid, so only they can ask for travel money in advance' };
    // Travel money is for journeys to come: a member withdrawn from the panel has none to make for it.
    if (member.withdrawn_at !== null) return { ok: false, message: 'Travel money in advance is for journeys to panel work still to come, and this member is no longer on the panel' };
    if (claim.advances.some((a) => a.paid_on === null)) return { ok: false, message: 'You have already asked for travel money. Wait until it is paid before you ask again' };
    const id = await advanceRepository.insertAdvance(trx, { tender_id: tender.id, member_id: member.id, amount: request.amount, purpose: request.purpose, requested_by: scorer.enteredBy, requested_at: now.toISOString() });
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'advance.requested', tender: tender.reference, detail: { member: member.key, advance: id, amount: request.amount, purpose: request.purpose } }, now);
    return { ok: true };
  });
}

/** `paidOn`: the day it was paid (YYYY-MM-DD, UK), checked by the caller to be a real day, not in the future. */
export async function markAdvancePaid(db: Db, actor: Actor, tender: TenderRow, memberKey: string, advanceId: number, paidOn: string, now: Date): Promise<StepOutcome> {
  if (!mayMarkPaid(actor, tender)) throw new Error('only procurement or a commissioner who can see the tender marks advances paid');
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await currentTender(trx, tender);
    const member = await panelRepository.findByKey(trx, current.id, memberKey);
    if (!member) return { ok: false, message: 'There is no such member on this tender' };
    const advance = (await advanceRepository.advancesOfMember(trx, member.id)).find((a) => a.id === advanceId);
    if (!advance) return { ok: false, message: 'There is no such request for travel money. Check the page again' };
    if (advance.paid_on !== null) return { ok: false, message: 'The travel money has already been marked as paid' };
    if (paidOn < ukDay(new Date(advance.requested_at))) return { ok: false, message: 'The payment date must be on or after the day the member asked for the money' };
    const by = actorLabel(actor);
    await advanceRepository.updateAdvance(trx, advance.id, { paid_on: paidOn, paid_by: by, paid_at: now.toISOString() });
    await recordEvent(trx, { actor: by, action: 'advance.paid', tender: current.reference, detail: { member: member.key, advance: advance.id, amount: advance.amount, paidOn } }, now);
    return { ok: true };
  });
}
