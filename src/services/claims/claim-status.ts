// Where a member's payment stands, worked out from their time and expenses, their choice and
// their claims: not claimed → claimed → approved → paid (on a day). A claim records the figures
// as they were when the member claimed; if they change before it is paid (new time or expenses,
// a new rate, another choice, travel money paid), the claim is "changed" and must be claimed and
// approved again; when the change leaves nothing to pay (no payment for time chosen, travel money
// or a lower rate covering it all), the claim is closed: "nothing to pay", with nothing to approve
// or pay, until more time or money spent gives the member something to claim again. After a claim
// is paid, anything added later is claimed on a new claim.
import { exact, formatHalfUp } from '../../engine';
import type { AdvanceRow, ClaimRow, ClaimStatus, InvolvementEntryRow, MemberRow, PaymentChoice, TenderRow } from '../../data/schema';
import { KIND_LABELS } from '../involvement-entries';
import { addPounds, paymentOf, scoringMinutes } from '../involvement-money';

/** Members with lived experience are paid for their time; professionals take part as part of their job. */
export const isPaidMember = (member: Pick<MemberRow, 'perspective'>): boolean => member.perspective === 'lived-experience';

export const CHOICE_TEXT: Record<PaymentChoice, string> = {
  paid: 'Be paid',
  voucher: 'A voucher instead of money',
  declined: 'No payment for their time',
};

/**
 * 'changed': the claim no longer says what the figures say, and there is something to claim again.
 * 'nothing-to-pay': it no longer says what the figures say, and nothing is left to pay.
 */
export type ClaimState = 'not-claimed' | ClaimStatus | 'changed' | 'nothing-to-pay';

/**
 * What changed since the member claimed: their choice, their time or money spent (the member, or
 * a facilitator with them), the hourly rate (the commissioner), or travel money paid in advance
 * (procurement or a commissioner).
 */
export type ClaimChange = 'choice' | 'time' | 'expenses' | 'rate' | 'paid-before';

export interface ClaimFigures {
  scoringMinutes: number;
  /** Time by kind: scoring first, then each kind of entry. */
  timeByKind: { kind: string; minutes: number }[];
  expensesByKind: { kind: string; amount: string }[];
  minutes: number;
  rate: string | null;
  choice: PaymentChoice | null;
  /** Pay for time: "0.00" when the member chose no payment; null while no rate is set. */
  timePayment: string | null;
  expenses: string;
  /** Travel money paid in advance (part of paidBefore). */
  advancesPaid: string;
  /** Paid already: earlier claims and travel money paid in advance. */
  paidBefore: string;
  /**
   * What is left to claim (time payment + expenses − paid before, never below £0.00), or null
   * while no rate is set.
   */
  toClaim: string | null;
  /**
   * How much more has been paid already than the time and expenses come to (travel money paid in
   * advance for time not yet given, or a rate lowered after a payment); null when not more.
   */
  overpaid: string | null;
}

export interface MemberClaim {
  member: MemberRow;
  eligible: boolean;
  figures: ClaimFigures;
  /** The claim not yet paid, if any. */
  current: ClaimRow | null;
  /** Claims already paid, oldest first. */
  paid: ClaimRow[];
  /** The latest claim of any status. */
  latest: ClaimRow | null;
  state: ClaimState;
  /** What changed since the current claim was made (empty when it still holds, or there is none). */
  changes: ClaimChange[];
  /** Whether the member may claim now (the figures are known and there is something to claim). */
  canClaim: boolean;
  /** Travel money asked for in advance, oldest first. */
  advances: AdvanceRow[];
}

const positive = (value: string | null): boolean => value !== null && exact(value).compare(0) > 0;

/** The figures of one member now, from their row, entries, choice and claims. */
export function claimFigures(member: MemberRow, tender: TenderRow, entries: InvolvementEntryRow[], choice: PaymentChoice | null, claims: ClaimRow[], advances: AdvanceRow[] = []): ClaimFigures {
  const scoring = scoringMinutes(member.scoring_seconds);
  const time = new Map<string, number>();
  const money = new Map<string, string[]>();
  for (const e of entries) {
    const label = KIND_LABELS[e.kind] ?? e.kind;
    if (e.minutes !== null) time.set(label, (time.get(label) ?? 0) + e.minutes);
    if (e.amount !== null) money.set(label, [...(money.get(label) ?? []), e.amount]);
  }
  const other = [...time.values()].reduce((n, m) => n + m, 0);
  const amounts = entries.flatMap((e) => (e.amount === null ? [] : [e.amount]));
  const payment = paymentOf(scoring + other, tender.hourly_rate, amounts);
  const timePayment = choice === 'declined' ? '0.00' : payment.timePayment;
  // A paid advance counts as paid already, so the money is never paid twice.
  const advancesPaid = addPounds(advances.filter((a) => a.paid_on !== null).map((a) => a.amount));
  const paidBefore = addPounds([...claims.filter((c) => c.status === 'paid').map((c) => c.amount), advancesPaid]);
  const left = timePayment === null ? null : exact(addPounds([timePayment, payment.expenses])).sub(exact(paidBefore));
  const overpaid = left !== null && left.compare(0) < 0 ? formatHalfUp(left.neg(), 2) : null;
  const toClaim = left === null ? null : overpaid !== null ? '0.00' : formatHalfUp(left, 2);
  return {
    scoringMinutes: scoring,
    timeByKind: [{ kind: 'Scoring', minutes: scoring }, ...[...time].map(([kind, minutes]) => ({ kind, minutes }))],
    expensesByKind: [...money].map(([kind, list]) => ({ kind, amount: addPounds(list) })),
    minutes: scoring + other,
    rate: tender.hourly_rate,
    choice,
    timePayment,
    expenses: payment.expenses,
    advancesPaid,
    paidBefore,
    toClaim,
    overpaid,
  };
}

/** What differs between a claim and the figures now (none: the claim still holds). */
export function claimChanges(claim: ClaimRow, f: ClaimFigures): ClaimChange[] {
  const changes: ClaimChange[] = [];
  if (claim.choice !== f.choice) changes.push('choice');
  if (claim.minutes !== f.minutes) changes.push('time');
  if (claim.expenses !== f.expenses) changes.push('expenses');
  // The rate matters only while time is paid for; a new choice alone is said as 'choice'.
  if (claim.choice !== 'declined' && f.choice !== 'declined' && claim.rate !== f.rate) changes.push('rate');
  if (claim.paid_before !== f.paidBefore) changes.push('paid-before');
  // Anything else that moved the pay for time (never expected) still changes the claim.
  if (changes.length === 0 && claim.time_payment !== f.timePayment) changes.push('rate');
  return changes;
}

/** Whether a claim still says what the figures say now. */
export const claimMatches = (claim: ClaimRow, f: ClaimFigures): boolean => claimChanges(claim, f).length === 0;

export function memberClaim(member: MemberRow, tender: TenderRow, entries: InvolvementEntryRow[], choice: PaymentChoice | null, claims: ClaimRow[], advances: AdvanceRow[] = []): MemberClaim {
  const own = claims.filter((c) => c.member_id === member.id);
  const ownAdvances = advances.filter((a) => a.member_id === member.id);
  const figures = claimFigures(member, tender, entries, choice, own, ownAdvances);
  const current = own.find((c) => c.status !== 'paid') ?? null;
  const paid = own.filter((c) => c.status === 'paid');
  const changes = current === null ? [] : claimChanges(current, figures);
  const changed = changes.length > 0;
  const eligible = isPaidMember(member);
  // Nothing left to pay (not while the amount is unknown: no rate set yet) closes the claim.
  const stale: ClaimState = figures.toClaim !== null && !positive(figures.toClaim) ? 'nothing-to-pay' : 'changed';
  const state: ClaimState = current ? (changed ? stale : current.status) : paid.length > 0 && !positive(figures.toClaim) ? 'paid' : 'not-claimed';
  const canClaim = eligible && choice !== null && positive(figures.toClaim) && (current === null || changed);
  return { member, eligible, figures, current, paid, latest: own.at(-1) ?? null, state, changes, canClaim, advances: ownAdvances };
}

/**
 * What a member is owed, as every page and the workbook say it: the one rule. Members with lived
 * experience are owed their time at the rate (nothing for it when they chose no payment for their
 * time) and their money spent, less what was paid already (claims paid, travel money in
 * advance), never below £0.00. Professionals take part as part of their job: nothing is owed to
 * them here, for time or money spent.
 */
export interface Owed {
  /** How their time is paid: their choice, 'not-chosen' (priced as paid until they choose), or 'professional' (not paid here). */
  basis: PaymentChoice | 'not-chosen' | 'professional';
  minutes: number;
  /** Pay for time as owed: "0.00" for no payment for time or a professional; null while no rate is set. */
  timePayment: string | null;
  /** Money spent, as recorded (owed only to members with lived experience). */
  expenses: string;
  /** Money spent that is owed: the expenses, or "0.00" for a professional. */
  expensesOwed: string;
  /** Paid already: claims paid and travel money paid in advance. */
  paid: string;
  /** Still to pay: pay for time and money spent less what was paid; null while no rate is set. */
  due: string | null;
  /** Paid more than owed so far, or null. */
  overpaid: string | null;
}

export function owedOf(c: MemberClaim): Owed {
  const f = c.figures;
  if (!c.eligible) return { basis: 'professional', minutes: f.minutes, timePayment: '0.00', expenses: f.expenses, expensesOwed: '0.00', paid: f.paidBefore, due: '0.00', overpaid: null };
  return { basis: f.choice ?? 'not-chosen', minutes: f.minutes, timePayment: f.timePayment, expenses: f.expenses, expensesOwed: f.expenses, paid: f.paidBefore, due: f.toClaim, overpaid: f.overpaid };
}
