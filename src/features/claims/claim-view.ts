// A claim as people read it: where it stands in plain words (for the member), as a tag (for
// staff), and the printable claim form's figures. Shared by the member's and the staff pages, so
// both print the same form.
import type { Db } from '../../data/database';
import type { ClaimRow, PaymentChoice, TenderRow } from '../../data/schema';
import { PERSPECTIVE_LABELS, type Perspective } from '../../engine';
import { staffNames } from '../../services/actors';
import { CHOICE_TEXT, type ClaimChange, type ClaimState, type MemberClaim } from '../../services/claims/claim-status';
import { duration, pounds } from '../../services/involvement-money';
import { dayText, ukDay } from '../../services/uk-dates';

const day = (iso: string | null): string => (iso === null ? '' : dayText(ukDay(new Date(iso))));

/** Staff's words for each state, as a GOV.UK tag. */
export const STATE_TAGS: Record<ClaimState, { text: string; classes: string }> = {
  'not-claimed': { text: 'Not claimed', classes: 'govuk-tag--grey' },
  claimed: { text: 'Claimed', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--turquoise' },
  paid: { text: 'Paid', classes: 'govuk-tag--green' },
  changed: { text: 'Changed: to claim again', classes: 'govuk-tag--orange' },
  'nothing-to-pay': { text: 'Closed: nothing to pay', classes: 'govuk-tag--grey' },
};

/** What changed since the member claimed, and who changed it, in the member's words. */
const MEMBER_CHANGES: Record<ClaimChange, (c: MemberClaim) => string> = {
  choice: (c) => (c.figures.choice === 'declined' ? 'you chose not to be paid for your time' : 'you changed how you want to be paid'),
  time: () => 'you added time you gave',
  expenses: () => 'you added money you spent',
  rate: (c) => (c.current !== null && c.current.rate !== null && c.figures.rate !== null && Number(c.figures.rate) < Number(c.current.rate) ? 'the council lowered the pay for each hour' : 'the council changed the pay for each hour'),
  'paid-before': () => 'the council paid you travel money in advance',
};

/** The same, in staff's words. */
const STAFF_CHANGES: Record<ClaimChange, (c: MemberClaim) => string> = {
  choice: (c) => `${c.member.name} changed their choice to “${c.figures.choice === null ? 'none' : CHOICE_TEXT[c.figures.choice].toLowerCase()}”`,
  time: (c) => `${c.member.name}’s time went up`,
  expenses: (c) => `${c.member.name}’s money spent went up`,
  rate: (c) => `the hourly rate changed${c.current?.rate && c.figures.rate ? ` from ${pounds(c.current.rate)} to ${pounds(c.figures.rate)}` : ''}`,
  'paid-before': () => 'travel money in advance was paid',
};

/** "a, b and c". */
const listed = (parts: string[]): string => (parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`);

/** Why the claim no longer holds, for staff: "After they claimed, the hourly rate changed from £15.00 to £12.00." */
export function staffChangeWords(c: MemberClaim): string {
  return `After they claimed ${c.current ? pounds(c.current.amount) : ''} on ${day(c.current?.claimed_at ?? null)}, ${listed(c.changes.map((k) => STAFF_CHANGES[k](c)))}.`;
}

/** The member's choice in the member's own words. */
export const CHOICE_OWN: Record<PaymentChoice, string> = {
  paid: 'You chose to be paid.',
  voucher: 'You chose a voucher instead of money for your time.',
  declined: 'You chose not to be paid for your time. We still pay back the money you spent to take part.',
};

/** What changed since the member claimed, in their words: "you chose not to be paid for your time and …". */
const why = (c: MemberClaim): string => listed(c.changes.map((k) => MEMBER_CHANGES[k](c)));
const positive = (value: string): boolean => Number(value) > 0;

/** Where the member's claim is, in plain words: one sentence, then what happens next. */
export function memberStatusWords(c: MemberClaim): { now: string; next: string } {
  const claim = c.current ?? c.latest;
  const amount = claim ? pounds(claim.amount) : '';
  switch (c.state) {
    case 'claimed':
      return { now: `You claimed ${amount} on ${day(claim!.claimed_at)}.`, next: 'The council will check your claim. Then it will be paid.' };
    case 'approved':
      return { now: `Your claim for ${amount} was agreed on ${day(claim!.approved_at)}.`, next: 'It will be paid soon. We will show the day it was paid here.' };
    case 'paid':
      return { now: `Your claim for ${amount} was paid on ${dayText(claim!.paid_on!)}.`, next: 'Thank you for taking part.' };
    case 'changed':
      return { now: `After you claimed, ${why(c)}.`, next: c.figures.toClaim === null ? 'You can claim again when the pay for each hour is set.' : 'Please claim again, so that you are paid the right amount.' };
    case 'nothing-to-pay':
      return {
        now: `Your claim for ${amount} is closed. There is nothing to pay now, because after you claimed, ${why(c)}.`,
        next:
          c.figures.overpaid !== null
            ? `You have been paid ${pounds(c.figures.overpaid)} more than your time and money spent come to so far. You do not need to do anything. Time you give and money you spend from now count against it first. Then you can claim again.`
            : 'You do not need to do anything. If you spend money to take part, or give time you are paid for, you can claim again.',
      };
    default:
      // Paid already more than the time and money spent come to (travel money before the meeting): nothing to claim, and nothing to pay back now.
      if (c.figures.overpaid !== null)
        return {
          now: `You have been paid ${pounds(c.figures.overpaid)} more than your time and money spent come to so far.`,
          next: 'You do not need to do anything. Time you give and money you spend from now count against it first. Then you can claim again.',
        };
      if (c.paid.length === 0 && c.figures.toClaim !== null && !positive(c.figures.toClaim)) return { now: 'There is nothing for you to claim now.', next: 'If you spend money to take part, or give time you are paid for, you can claim it here.' };
      return c.paid.length > 0
        ? { now: `You were paid ${pounds(c.paid.at(-1)!.amount)} on ${dayText(c.paid.at(-1)!.paid_on!)}. You have more to claim now.`, next: 'Claim it when you are ready.' }
        : { now: 'You have not claimed yet.', next: 'Claim when you are ready. You can claim more later if you spend more time.' };
  }
}

/** The steps of a claim, each done (with the day) or not yet: the member's "where is my claim". */
export function claimSteps(c: MemberClaim): { text: string; done: string | null }[] {
  const claim = c.state === 'changed' || c.state === 'nothing-to-pay' || c.state === 'not-claimed' ? null : (c.current ?? c.latest);
  return [
    { text: 'You claim', done: claim ? day(claim.claimed_at) : null },
    { text: 'The council checks and agrees your claim', done: claim?.approved_at ? day(claim.approved_at) : null },
    { text: 'The council pays you', done: claim?.paid_on ? dayText(claim.paid_on) : null },
  ];
}

export interface ClaimFormView {
  tenderTitle: string;
  tenderReference: string;
  memberName: string;
  memberKey: string;
  perspective: string;
  choice: string;
  time: { kind: string; time: string }[];
  totalTime: string;
  rate: string;
  timePayment: string;
  expenses: { kind: string; amount: string }[];
  totalExpenses: string;
  paidBefore: string | null;
  /** Travel money paid in advance, part of paidBefore (null when none). */
  advancesPaid: string | null;
  amount: string;
  /** Paid already more than the time and expenses come to, while nothing is claimed; else null. */
  overpaid: string | null;
  /** Who did each step, and when. */
  steps: { text: string; by: string; on: string }[];
}

/**
 * The claim form's content: the claim as made when there is one (its recorded figures), otherwise
 * the figures now (a form to fill in and sign by hand).
 */
export async function claimFormView(db: Db, tender: TenderRow, c: MemberClaim): Promise<ClaimFormView> {
  const claim: ClaimRow | null = c.state === 'changed' || c.state === 'nothing-to-pay' ? null : (c.current ?? (c.state === 'paid' ? c.latest : null));
  const f = c.figures;
  const names = await staffNames(db, [claim?.approved_by ?? null, claim?.paid_by ?? null, claim?.claimed_by ?? null]);
  const who = (label: string | null) => (label === null ? '' : (names.get(label) ?? (label.startsWith('panel:') ? c.member.name : label)));
  const steps = claim
    ? [
        { text: 'Claimed', by: who(claim.claimed_by), on: day(claim.claimed_at) },
        ...(claim.approved_at ? [{ text: 'Approved', by: who(claim.approved_by), on: day(claim.approved_at) }] : []),
        ...(claim.paid_on ? [{ text: 'Paid', by: who(claim.paid_by), on: dayText(claim.paid_on) }] : []),
      ]
    : [];
  const choice = claim?.choice ?? f.choice;
  const rate = claim ? claim.rate : f.rate;
  return {
    tenderTitle: tender.title,
    tenderReference: tender.reference,
    memberName: c.member.name,
    memberKey: c.member.key,
    perspective: PERSPECTIVE_LABELS[c.member.perspective as Perspective] ?? c.member.perspective,
    choice: choice === null ? 'Not chosen yet' : CHOICE_TEXT[choice],
    time: f.timeByKind.map((t) => ({ kind: t.kind, time: duration(t.minutes) })),
    totalTime: duration(claim?.minutes ?? f.minutes),
    rate: choice === 'declined' ? 'Not paid for time (their choice)' : rate === null ? 'Not set yet' : `${pounds(rate)} an hour`,
    timePayment: claim ? pounds(claim.time_payment) : f.timePayment === null ? 'Not known until the rate is set' : pounds(f.timePayment),
    expenses: f.expensesByKind.map((e) => ({ kind: e.kind, amount: pounds(e.amount) })),
    totalExpenses: pounds(claim?.expenses ?? f.expenses),
    paidBefore: (claim?.paid_before ?? f.paidBefore) === '0.00' ? null : pounds(claim?.paid_before ?? f.paidBefore),
    // Shown only while the recorded figures still include today's advances (a claim paid earlier does not).
    advancesPaid: f.advancesPaid === '0.00' || (claim !== null && claim.paid_before !== f.paidBefore) ? null : pounds(f.advancesPaid),
    amount: claim ? pounds(claim.amount) : f.toClaim === null ? 'Not known until the rate is set' : pounds(f.toClaim),
    // Shown while nothing is claimed: paid already more than the time and expenses come to.
    overpaid: claim || f.overpaid === null ? null : pounds(f.overpaid),
    steps,
  };
}

/** The member's travel money asked for in advance, newest first, each with where it is. */
export function advanceViews(c: MemberClaim): { amount: string; purpose: string; asked: string; paid: string | null }[] {
  return [...c.advances].reverse().map((a) => ({ amount: pounds(a.amount), purpose: a.purpose, asked: day(a.requested_at), paid: a.paid_on === null ? null : dayText(a.paid_on) }));
}
