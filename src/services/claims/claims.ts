// Payment that happens (reciprocity): a paid member chooses how they are paid, after a note that
// payments may affect benefits; they claim; a commissioner approves; procurement or a commissioner
// marks it paid on a day. Every step is one transaction with its audit event, worked out again on
// the rows as stored inside it, so a claim changed meanwhile is never approved or paid unseen.
import type { Db } from '../../data/database';
import { advanceRepository } from '../../data/advance-repository';
import { claimRepository } from '../../data/claim-repository';
import { involvementRepository } from '../../data/involvement-repository';
import { panelRepository } from '../../data/panel-repository';
import type { ClaimRow, MemberRow, PaymentChoice, TenderRow } from '../../data/schema';
import { writeTransaction } from '../../data/write-transaction';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import type { Scorer } from '../scoring/scorer';
import { currentTender } from '../tender-rules';
import { ukDay } from '../uk-dates';
import { memberClaim, type MemberClaim } from './claim-status';

/** Approving a claim is the commissioner's decision (one who can see the tender). */
export const mayApproveClaims = (actor: Actor, tender: TenderRow): boolean => actor.kind === 'staff' && actor.role === 'commissioner' && canSeeTender(actor, tender);
/** Marking a claim paid, with the day: procurement (who make payments) or a commissioner. */
export const mayMarkPaid = (actor: Actor, tender: TenderRow): boolean => actor.kind === 'staff' && (actor.role === 'procurement' || actor.role === 'commissioner') && canSeeTender(actor, tender);

/** One member's claim as it stands (read in the caller's transaction, or not). */
export async function claimOf(db: Db, tender: TenderRow, member: MemberRow): Promise<MemberClaim> {
  const [entries, choice, claims, advances] = await Promise.all([
    involvementRepository.entriesOfMember(db, member.id),
    claimRepository.choiceOf(db, member.id),
    claimRepository.claimsOfMember(db, member.id),
    advanceRepository.advancesOfMember(db, member.id),
  ]);
  return memberClaim(member, tender, entries, choice?.choice ?? null, claims, advances);
}

/** Every member of the tender, by key, with their claim. */
export async function claimsOfTender(db: Db, tender: TenderRow): Promise<MemberClaim[]> {
  const [members, entries, choices, claims, advances] = await Promise.all([
    panelRepository.members(db, tender.id),
    involvementRepository.entriesOfTender(db, tender.id),
    claimRepository.choicesOfTender(db, tender.id),
    claimRepository.claimsOfTender(db, tender.id),
    advanceRepository.advancesOfTender(db, tender.id),
  ]);
  return members.map((m) =>
    memberClaim(
      m,
      tender,
      entries.filter((e) => e.member_id === m.id),
      choices.get(m.id)?.choice ?? null,
      claims.filter((c) => c.member_id === m.id),
      advances.filter((a) => a.member_id === m.id),
    ),
  );
}

export type StepOutcome = { ok: true } | { ok: false; message: string };

const refused = (message: string): StepOutcome => ({ ok: false, message });

/** The member and tender as stored, inside the transaction. */
export async function stored(trx: Db, tender: TenderRow, memberId: number): Promise<{ tender: TenderRow; member: MemberRow }> {
  const current = await currentTender(trx, tender);
  const member = await panelRepository.findById(trx, memberId);
  if (!member || member.tender_id !== current.id) throw new Error(`member ${memberId} is not on tender ${current.reference}`);
  return { tender: current, member };
}

/** The member's choice: be paid, a voucher, or no payment for their time (expenses are paid back all the same). */
export async function recordChoice(db: Db, scorer: Scorer, choice: PaymentChoice, now: Date): Promise<StepOutcome> {
  return writeTransaction(db, [{ member: scorer.member.id, tender: scorer.tender.id }], async (trx) => {
    const { tender, member } = await stored(trx, scorer.tender, scorer.member.id);
    const claim = await claimOf(trx, tender, member);
    if (!claim.eligible) return refused('Only members with lived experience are paid for their time');
    // The choice prices time already paid for: once a claim is paid, it stays as it was.
    if (claim.paid.length > 0) return refused('You have been paid, so your choice cannot change now. If it needs to change, ask the person who invited you');
    const old = claim.figures.choice;
    if (old === choice) return { ok: true };
    await claimRepository.setChoice(trx, { member_id: member.id, tender_id: tender.id, choice, chosen_by: scorer.enteredBy, chosen_at: now.toISOString() });
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'claim.choice-recorded', tender: tender.reference, detail: { member: member.key, old, new: choice } }, now);
    return { ok: true };
  });
}

/**
 * The member claims what is left to claim. A claim that changed since it was made (not yet paid)
 * is claimed again: its figures are replaced and any approval is removed, so it is approved again.
 */
export async function makeClaim(db: Db, scorer: Scorer, now: Date): Promise<StepOutcome> {
  return writeTransaction(db, [{ member: scorer.member.id, tender: scorer.tender.id }], async (trx) => {
    const { tender, member } = await stored(trx, scorer.tender, scorer.member.id);
    const claim = await claimOf(trx, tender, member);
    if (!claim.canClaim) return refused(claim.state === 'claimed' || claim.state === 'approved' ? 'You have already claimed' : 'There is nothing to claim now');
    const f = claim.figures;
    const figures = { choice: f.choice!, minutes: f.minutes, rate: f.choice === 'declined' ? null : f.rate, time_payment: f.timePayment!, expenses: f.expenses, paid_before: f.paidBefore, amount: f.toClaim! };
    const at = now.toISOString();
    const again = claim.current;
    if (again) await claimRepository.updateClaim(trx, again.id, { ...figures, status: 'claimed', claimed_by: scorer.enteredBy, claimed_at: at, approved_by: null, approved_at: null });
    else await claimRepository.insertClaim(trx, { tender_id: tender.id, member_id: member.id, status: 'claimed', ...figures, claimed_by: scorer.enteredBy, claimed_at: at });
    const detail = { member: member.key, amount: figures.amount, choice: figures.choice, minutes: figures.minutes, expenses: figures.expenses, paidBefore: figures.paid_before, ...(again ? { again: true, oldAmount: again.amount, wasApproved: again.status === 'approved' } : {}) };
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'claim.claimed', tender: tender.reference, detail }, now);
    return { ok: true };
  });
}

/** What the staff member saw: the claim's id and amount, so a claim changed meanwhile is refused. */
export interface SeenClaim {
  claimId: number;
  amount: string;
}

async function staffStep(db: Db, tender: TenderRow, memberKey: string, seen: SeenClaim, step: (trx: Db, t: TenderRow, m: MemberRow, claim: ClaimRow) => Promise<StepOutcome>, needs: 'claimed' | 'approved'): Promise<StepOutcome> {
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await currentTender(trx, tender);
    const member = await panelRepository.findByKey(trx, current.id, memberKey);
    if (!member) return refused('There is no such member on this tender');
    const claim = await claimOf(trx, current, member);
    const c = claim.current;
    if (!c || c.id !== seen.claimId || c.amount !== seen.amount) return refused('The claim changed since you opened the page. Check it again below');
    if (claim.state === 'changed') return refused(`${member.name}’s claim changed after they claimed, so they need to claim again before it can be approved or paid`);
    if (claim.state === 'nothing-to-pay') return refused(`Nothing is left to pay on ${member.name}’s claim, so it is closed and cannot be approved or paid`);
    if (c.status !== needs) return refused(needs === 'claimed' ? 'The claim has already been approved' : 'The claim must be approved before it is marked paid');
    return step(trx, current, member, c);
  });
}

export async function approveClaim(db: Db, actor: Actor, tender: TenderRow, memberKey: string, seen: SeenClaim, now: Date): Promise<StepOutcome> {
  if (!mayApproveClaims(actor, tender)) throw new Error('only a commissioner who can see the tender approves claims');
  return staffStep(db, tender, memberKey, seen, async (trx, t, member, claim) => {
    const by = actorLabel(actor);
    await claimRepository.updateClaim(trx, claim.id, { status: 'approved', approved_by: by, approved_at: now.toISOString() });
    await recordEvent(trx, { actor: by, action: 'claim.approved', tender: t.reference, detail: { member: member.key, claim: claim.id, amount: claim.amount } }, now);
    return { ok: true };
  }, 'claimed');
}

/** `paidOn`: the day the money was paid (YYYY-MM-DD, UK), checked by the caller to be a real day, not in the future. */
export async function markClaimPaid(db: Db, actor: Actor, tender: TenderRow, memberKey: string, seen: SeenClaim, paidOn: string, now: Date): Promise<StepOutcome> {
  if (!mayMarkPaid(actor, tender)) throw new Error('only procurement or a commissioner who can see the tender marks claims paid');
  return staffStep(db, tender, memberKey, seen, async (trx, t, member, claim) => {
    if (paidOn < ukDay(new Date(claim.claimed_at))) return refused('The payment date must be on or after the day the member claimed');
    const by = actorLabel(actor);
    await claimRepository.updateClaim(trx, claim.id, { status: 'paid', paid_on: paidOn, paid_by: by, paid_at: now.toISOString() });
    await recordEvent(trx, { actor: by, action: 'claim.paid', tender: t.reference, detail: { member: member.key, claim: claim.id, amount: claim.amount, paidOn } }, now);
    return { ok: true };
  }, 'approved');
}
