// The evaluation's timetable: the day scoring closes, the day of the moderation meeting and the
// planned award day, each a calendar day in UK time (YYYY-MM-DD) or not set. The commissioner
// sets them at any stage but finalised; each change is one transaction with its audit event.
import type { Db } from '../../data/database';
import type { MemberRow, TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { timetableRepository } from '../../data/timetable-repository';
import { writeTransaction } from '../../data/write-transaction';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { assertNotFinalised, currentTender } from '../tender-rules';
import { ukToday } from '../uk-dates';
import { lateNotices, memberDeadline, type MemberDeadline } from './deadlines';

export interface Timetable {
  scoringCloses: string | null;
  moderation: string | null;
  awardPlanned: string | null;
}

export const TIMETABLE_DATES = ['scoringCloses', 'moderation', 'awardPlanned'] as const;
export type TimetableDate = (typeof TIMETABLE_DATES)[number];

export const timetableOf = (tender: TenderRow): Timetable => ({
  scoringCloses: tender.scoring_closes_on,
  moderation: tender.moderation_on,
  awardPlanned: tender.award_planned_on,
});

export const isTimetableSet = (t: Timetable): boolean => TIMETABLE_DATES.some((d) => t[d] !== null);

/** Only a commissioner who can see the tender sets its timetable. */
export const maySetTimetable = (actor: Actor, tender: TenderRow): boolean => actor.kind === 'staff' && actor.role === 'commissioner' && canSeeTender(actor, tender);

/**
 * The days out of order, each with the earlier day it must not come before: scoring closes, then
 * the moderation meeting, then the award (a day may be shared). Days not set are skipped.
 */
export function outOfOrder(t: Timetable): { date: TimetableDate; before: TimetableDate }[] {
  const problems: { date: TimetableDate; before: TimetableDate }[] = [];
  let latest: TimetableDate | null = null;
  for (const date of TIMETABLE_DATES) {
    const day = t[date];
    if (day === null) continue;
    if (latest !== null && day < t[latest]!) problems.push({ date, before: latest });
    else latest = date;
  }
  return problems;
}

/** Sets the timetable, with a `tender.timetable-set` event holding the old and new days; nothing is written when nothing changed. */
export async function setTimetable(db: Db, actor: Actor, tender: TenderRow, next: Timetable, now: Date): Promise<{ changed: boolean }> {
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await currentTender(trx, tender);
    assertNotFinalised(current, 'The timetable');
    const old = timetableOf(current);
    if (TIMETABLE_DATES.every((d) => old[d] === next[d])) return { changed: false };
    await timetableRepository.set(trx, current.id, { scoring_closes_on: next.scoringCloses, moderation_on: next.moderation, award_planned_on: next.awardPlanned }, now.toISOString());
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.timetable-set', tender: current.reference, detail: { old, new: next } }, now);
    return { changed: true };
  });
}

/** What is late on this tender today (see lateNotices), for staff pages. */
export async function tenderLateNotices(db: Db, tender: TenderRow, now: Date): Promise<string[]> {
  const timetable = timetableOf(tender);
  if (!isTimetableSet(timetable) || tender.state === 'finalised') return [];
  const tallies = await timetableRepository.tallies(db, tender.id);
  const owing = [...tallies.values()].filter((t) => t.sent < t.cells).length;
  return lateNotices(timetable, tender.state, ukToday(now), owing);
}

/** A member's deadline line (see memberDeadline), for pages that have not counted their work already (the printed pack). */
export async function memberDeadlineOf(db: Db, tender: TenderRow, member: MemberRow, now: Date): Promise<MemberDeadline | null> {
  if (tender.scoring_closes_on === null) return null;
  const tally = (await timetableRepository.tallies(db, tender.id)).get(member.id) ?? { cells: 0, sent: 0 };
  return memberDeadline(tender.scoring_closes_on, ukToday(now), { state: tender.state, ...tally });
}

/** What is late on each tender this actor can see, by reference (only tenders with something late). */
export async function lateNoticesByReference(db: Db, actor: Actor, now: Date): Promise<Map<string, string[]>> {
  const late = new Map<string, string[]>();
  for (const tender of (await tenderRepository.list(db)).filter((t) => canSeeTender(actor, t))) {
    const notices = await tenderLateNotices(db, tender, now);
    if (notices.length > 0) late.set(tender.reference, notices);
  }
  return late;
}
