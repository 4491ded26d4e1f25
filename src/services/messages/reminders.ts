// Reminders to send scores: from REMINDER_DAYS days before scoring closes (tenders.scoring_closes_on,
// a UK calendar day) up to that day, while scoring is open, each member on the panel with scores
// still to send gets one reminder per closing day (a new day set later gets a new one). Run daily
// (`npm run cli -- remind`, for example from cron) or from a tender's messages page; running again
// the same day sends nothing twice, even two runs at once: deliver() checks again inside the
// transaction that records the reminder (under the tender's write lock) and sends only what it
// recorded. The set read here only spares work. The clock is passed in, so tests move it.
import { messageRepository } from '../../data/message-repository';
import { panelRepository } from '../../data/panel-repository';
import type { TenderRow } from '../../data/schema';
import { timetableRepository } from '../../data/timetable-repository';
import { ukToday } from '../uk-dates';
import { deliver, type Delivery, type Messaging, type Tally, tallyOf } from './messages';

const DAY_MS = 86_400_000;

/** The first day reminders go: `days` calendar days before the closing day. */
export function remindFrom(closesOn: string, days: number): string {
  return new Date(Date.parse(`${closesOn}T12:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether reminders are due today for this tender. */
export function remindersDue(tender: TenderRow, today: string, days: number): boolean {
  const closes = tender.scoring_closes_on;
  return tender.state === 'scoring' && closes !== null && today >= remindFrom(closes, days) && today <= closes;
}

/** Sends the reminders due today for one tender; nothing when none are due. */
export async function sendTenderReminders(m: Messaging, tender: TenderRow, by: string, now: () => Date): Promise<Tally> {
  if (!remindersDue(tender, ukToday(now()), m.reminderDays)) return tallyOf([]);
  const closesOn = tender.scoring_closes_on!;
  const [members, tallies, earlier] = await Promise.all([panelRepository.members(m.db, tender.id), timetableRepository.tallies(m.db, tender.id), messageRepository.kindOfTender(m.db, tender.id, 'reminder')]);
  const reminded = new Set(earlier.filter((e) => (JSON.parse(e.detail) as { closesOn?: string }).closesOn === closesOn).map((e) => e.member_id));
  const deliveries: Delivery[] = [];
  for (const member of members) {
    const work = tallies.get(member.id);
    if (!work || work.cells === 0 || work.sent >= work.cells || reminded.has(member.id)) continue;
    deliveries.push(await deliver(m, tender, member, { kind: 'reminder', closesOn }, by, now));
  }
  return tallyOf(deliveries);
}

/** Every tender's reminders due today (the daily run). */
export async function sendDueReminders(m: Messaging, by: string, now: () => Date): Promise<{ reference: string; tally: Tally }[]> {
  const tenders = await m.db.selectFrom('tenders').selectAll().where('state', '=', 'scoring').where('scoring_closes_on', 'is not', null).orderBy('reference').execute();
  const done: { reference: string; tally: Tally }[] = [];
  for (const tender of tenders) {
    if (remindersDue(tender, ukToday(now()), m.reminderDays)) done.push({ reference: tender.reference, tally: await sendTenderReminders(m, tender, by, now) });
  }
  return done;
}
