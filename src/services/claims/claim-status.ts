// Where a member's payment stands, worked out from their time and expenses, their choice and
// their claims: not claimed → claimed → approved → paid (on a day). A claim records the figures
// as they were when the member claimed; if they change before it is paid (new time or expenses,
// a new rate, another choice), the claim is "changed" and must be claimed and
// approved again. After a claim is paid, anything added later is claimed on a new claim.
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

export type ClaimState = 'not-claimed' | ClaimStatus | 'changed';

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

/** Whether a claim still says what the figures say now. */
export const claimMatches = (claim: ClaimRow, f: ClaimFigures): boolean =>
  claim.choice === f.choice && claim.minutes === f.minutes && claim.expenses === f.expenses && claim.paid_before === f.paidBefore && claim.time_payment === f.timePayment && claim.rate === (f.choice === 'declined' ? null : f.rate);

export function memberClaim(member: MemberRow, tender: TenderRow, entries: InvolvementEntryRow[], choice: PaymentChoice | null, claims: ClaimRow[], advances: AdvanceRow[] = []): MemberClaim {
  const own = claims.filter((c) => c.member_id === member.id);
  const ownAdvances = advances.filter((a) => a.member_id === member.id);
  const figures = claimFigures(member, tender, entries, choice, own, ownAdvances);
  const current = own.find((c) => c.status !== 'paid') ?? null;
  const paid = own.filter((c) => c.status === 'paid');
  const changed = current !== null && !claimMatches(current, figures);
  const eligible = isPaidMember(member);
  const state: ClaimState = current ? (changed ? 'changed' : current.status) : paid.length > 0 && !positive(figures.toClaim) ? 'paid' : 'not-claimed';
  const canClaim = eligible && choice !== null && positive(figures.toClaim) && (current === null || changed);
  return { member, eligible, figures, current, paid, latest: own.at(-1) ?? null, state, canClaim, advances: ownAdvances };
}
