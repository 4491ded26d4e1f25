// Reciprocity (engine rules §2, issue 4 item 7): each panel member's involvement is recorded so they can
// be paid for it. Time spent scoring is counted from their saves (services/scoring/time); time for
// reading and meetings and expenses (travel, carer or personal assistant cover, other) are entered
// by the member, or by a facilitator with them. The tender sets an hourly rate; the member sees
// "Your contribution" and the commissioner a per-member summary for payment (and the export).
// Nothing changes once the tender is finalised.
import type { Db } from '../data/database';
import { involvementRepository } from '../data/involvement-repository';
import { panelRepository } from '../data/panel-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { writeTransaction } from '../data/write-transaction';
import { canSeeTender } from './access';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { entryViews, storedKind, type EntryView, type InvolvementKind } from './involvement-entries';
import { addPounds, duration, scoringMinutes } from './involvement-money';
import { owedOf, type MemberClaim, type Owed } from './claims/claim-status';
import { claimOf, claimsOfTender } from './claims/claims';
import type { Scorer } from './scoring/scorer';
import { assertNotFinalised } from './tender-rules';
import { dayText, ukDay } from './uk-dates';

/** Limits of one entry: a day's time (also the most for all of one day's entries), and £10,000 (a typing mistake is likelier than more). */
export const MAX_ENTRY_MINUTES = 24 * 60;
export const MAX_EXPENSE_POUNDS = 10_000;
export const MAX_RATE_POUNDS = 1000;
export const MAX_NOTE = 200;

export type EntryInput = { kind: InvolvementKind; onDate: string; note: string } & ({ minutes: number; amount: null } | { minutes: null; amount: string });

/** The words on the locked page when something is sent after finalising. */
export const CONTRIBUTION_LOCKED = 'Time and expenses';

export const mayRecordInvolvement = (tender: TenderRow): boolean => tender.state !== 'finalised';

/** The hourly rate is the commissioner's decision: only commissioners who can see the tender set it. */
export const maySetHourlyRate = (actor: Actor, tender: TenderRow): boolean => actor.kind === 'staff' && actor.role === 'commissioner' && canSeeTender(actor, tender);

/** A refusal names the part of the form it is about: the day, or the time. */
export type RecordOutcome = { ok: true } | { ok: false; message: string; field: 'onDate' | 'time' };

/**
 * Records one entry for the scorer's member, with its audit event, in one transaction; refuses an
 * entry dated after a withdrawn member left the panel.
 */
export async function recordInvolvement(db: Db, scorer: Scorer, input: EntryInput, now: Date): Promise<RecordOutcome> {
  return writeTransaction(db, [{ member: scorer.member.id, tender: scorer.tender.id }], async (trx) => {
    // Read again inside the transaction: the tender may have been finalised since the page loaded.
    const tender = await tenderRepository.findById(trx, scorer.tender.id);
    if (!tender) throw new Error(`tender ${scorer.tender.id} is gone`);
    assertNotFinalised(tender, CONTRIBUTION_LOCKED);
    // A member withdrawn from the panel is paid for what they gave before, not after.
    const member = await panelRepository.findById(trx, scorer.member.id);
    const withdrawnOn = member?.withdrawn_at ? ukDay(new Date(member.withdrawn_at)) : null;
    if (withdrawnOn !== null && input.onDate > withdrawnOn) {
      return { ok: false as const, field: 'onDate' as const, message: `The date must be on or before ${dayText(withdrawnOn)}, the day ${member!.name} was withdrawn from the panel` };
    }
    // A day has 24 hours: the time already added for that day counts.
    if (input.minutes !== null) {
      const before = (await involvementRepository.entriesOfMember(trx, scorer.member.id)).filter((e) => e.on_date === input.onDate).reduce((n, e) => n + (e.minutes ?? 0), 0);
      if (before + input.minutes > MAX_ENTRY_MINUTES) {
        const left = MAX_ENTRY_MINUTES - before;
        const room = left > 0 ? `you can add ${duration(left)} or less for that day` : 'no more time can be added for that day';
        return { ok: false as const, field: 'time' as const, message: `A day has 24 hours. ${dayText(input.onDate)} already has ${duration(before)} added, so ${room}` };
      }
    }
    await involvementRepository.insert(trx, {
      tender_id: tender.id,
      member_id: scorer.member.id,
      ...storedKind(input.kind),
      on_date: input.onDate,
      minutes: input.minutes,
      amount: input.amount,
      note: input.note,
      entered_by: scorer.enteredBy,
      recorded_at: now.toISOString(),
    });
    // No note: it is text typed by a person.
    const amount = input.minutes === null ? { amount: input.amount } : { minutes: input.minutes };
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'involvement.recorded', tender: tender.reference, detail: { member: scorer.member.key, kind: input.kind, ...amount, enteredBy: scorer.enteredBy } }, now);
    return { ok: true } as const;
  });
}

export type RateOutcome = { changed: boolean };

/** Sets the tender's hourly rate (exact pounds, two decimal places), with its audit event. */
export async function setHourlyRate(db: Db, actor: Actor, tender: TenderRow, rate: string, now: Date): Promise<RateOutcome> {
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await tenderRepository.findById(trx, tender.id);
    if (!current) throw new Error(`tender ${tender.id} is gone`);
    assertNotFinalised(current, 'The hourly rate');
    if (current.hourly_rate === rate) return { changed: false };
    await involvementRepository.setHourlyRate(trx, tender.id, rate, now.toISOString());
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.hourly-rate-set', tender: tender.reference, detail: { old: current.hourly_rate, new: rate } }, now);
    return { changed: true };
  });
}

export interface Contribution {
  scoringMinutes: number;
  entries: EntryView[];
  /** Minutes of reading and meetings. */
  otherMinutes: number;
  rate: string | null;
  /** What they are owed, by the rule the claim pages use (claims/claim-status `owedOf`). */
  owed: Owed;
  open: boolean;
}

/** The member's own page: their time, their entries, the rate and what they are owed. */
export async function memberContribution(db: Db, scorer: Scorer): Promise<Contribution> {
  const member = (await panelRepository.findById(db, scorer.member.id)) ?? scorer.member;
  const entries = await involvementRepository.entriesOfMember(db, member.id);
  const claim = await claimOf(db, scorer.tender, member);
  return {
    scoringMinutes: scoringMinutes(member.scoring_seconds),
    entries: await entryViews(db, entries),
    otherMinutes: entries.reduce((n, e) => n + (e.minutes ?? 0), 0),
    rate: scorer.tender.hourly_rate,
    owed: owedOf(claim),
    open: mayRecordInvolvement(scorer.tender),
  };
}

export interface MemberInvolvement {
  member: MemberRow;
  conflicts: number;
  scoringMinutes: number;
  otherMinutes: number;
  owed: Owed;
}

/** Every member of the tender (by key) with their figures, owed by the rule of their own pages and claims. */
export async function membersInvolvement(db: Db, tender: TenderRow): Promise<{ rate: string | null; members: MemberInvolvement[] }> {
  const [conflicts, rate] = await Promise.all([involvementRepository.conflictsPerMember(db, tender.id), involvementRepository.hourlyRate(db, tender.id)]);
  const claims: MemberClaim[] = await claimsOfTender(db, { ...tender, hourly_rate: rate });
  return {
    rate,
    members: claims.map((c) => {
      const scoring = c.figures.scoringMinutes;
      return { member: c.member, conflicts: conflicts.get(c.member.id) ?? 0, scoringMinutes: scoring, otherMinutes: c.figures.minutes - scoring, owed: owedOf(c) };
    }),
  };
}

export interface TenderInvolvement {
  rate: string | null;
  members: MemberInvolvement[];
  /** The sums of the member lines (each line's time payment already rounded to pence). */
  totals: { conflicts: number; scoringMinutes: number; otherMinutes: number; minutes: number; timePayment: string | null; expenses: string; paid: string; due: string | null; expensesOwed: string };
  entries: (EntryView & { memberName: string })[];
}

/** The commissioner's page: every member's figures, the totals and every entry. */
export async function tenderInvolvement(db: Db, tender: TenderRow): Promise<TenderInvolvement> {
  const { rate, members } = await membersInvolvement(db, tender);
  const rows = await involvementRepository.entriesOfTender(db, tender.id);
  const views = await entryViews(db, rows);
  const nameOf = new Map(members.map((m) => [m.member.id, m.member.name]));
  const total = (pick: (m: MemberInvolvement) => number) => members.reduce((n, m) => n + pick(m), 0);
  const owed = members.map((m) => m.owed);
  return {
    rate,
    members,
    totals: {
      conflicts: total((m) => m.conflicts),
      scoringMinutes: total((m) => m.scoringMinutes),
      otherMinutes: total((m) => m.otherMinutes),
      minutes: total((m) => m.owed.minutes),
      timePayment: rate === null ? null : addPounds(owed.map((o) => o.timePayment ?? '0')),
      expenses: addPounds(owed.map((o) => o.expenses)),
      paid: addPounds(owed.map((o) => o.paid)),
      due: rate === null ? null : addPounds(owed.map((o) => o.due ?? '0')),
      expensesOwed: addPounds(owed.map((o) => o.expensesOwed)),
    },
    entries: views.map((v, i) => ({ ...v, memberName: nameOf.get(rows[i]!.member_id) ?? '' })),
  };
}

export interface InvolvementSummary {
  conflicts: number;
  scoringMinutes: number;
  otherMinutes: number;
  /** Pounds with two decimal places. */
  expenses: string;
  /** Still to pay (the claims' rule: nothing for a professional), pounds with two decimal places, or null while the tender has no hourly rate. */
  amountDue: string | null;
}

/** For the Excel export: per member key, the figures of the commissioner's involvement summary. */
export async function involvementSummary(db: Db, tenderId: number): Promise<Map<string, InvolvementSummary>> {
  const tender = await tenderRepository.findById(db, tenderId);
  if (!tender) return new Map();
  const { members } = await membersInvolvement(db, tender);
  return new Map(members.map((r) => [r.member.key, { conflicts: r.conflicts, scoringMinutes: r.scoringMinutes, otherMinutes: r.otherMinutes, expenses: r.owed.expenses, amountDue: r.owed.due }]));
}
