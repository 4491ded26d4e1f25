// What the timetable means today, in plain words: the deadline a panel member is given, and what
// staff are told is late. Pure: days are YYYY-MM-DD strings (UK time) and `today` comes from the
// app's clock (ukToday(deps.now())).
import { dayText } from '../uk-dates';
import type { Timetable } from './timetable';

export interface MemberDeadline {
  /** The day has passed and the member has not sent their scores. */
  passed: boolean;
  text: string;
}

/**
 * The line a panel member reads about when to send their scores: while the tender is a draft or
 * scoring is open, they have scores to give and have not sent them all. Nothing when no day is
 * set, nothing once they have sent (no nagging), nothing after scoring has closed.
 */
export function memberDeadline(scoringCloses: string | null, today: string, member: { state: string; cells: number; sent: number }): MemberDeadline | null {
  if (scoringCloses === null || member.cells === 0 || member.sent >= member.cells) return null;
  if (member.state !== 'draft' && member.state !== 'scoring') return null;
  const day = dayText(scoringCloses);
  if (today > scoringCloses && member.state === 'scoring') {
    return { passed: true, text: `The date to send your scores was ${day}. Please send them as soon as you can, or speak to your facilitator.` };
  }
  return { passed: false, text: `Send your scores by ${day}.` };
}

const members = (n: number): string => (n === 1 ? '1 member has' : `${n} members have`);

/**
 * What is late today, for staff: a day of the timetable that has passed with its step not done.
 * `owing` is how many members (on the panel, with work) have not sent all their scores.
 */
export function lateNotices(t: Timetable, state: string, today: string, owing: number): string[] {
  if (state === 'finalised') return [];
  const passed = (day: string | null): day is string => day !== null && today > day;
  const notices: string[] = [];
  if (passed(t.scoringCloses)) {
    if (state === 'draft') notices.push(`Scoring was due to close on ${dayText(t.scoringCloses)} and it has not opened yet`);
    else if (state === 'scoring' && owing > 0) notices.push(`Scoring closed on ${dayText(t.scoringCloses)} and ${members(owing)} not sent their scores`);
  }
  if (passed(t.moderation) && (state === 'draft' || state === 'scoring')) {
    notices.push(`The moderation meeting, ${dayText(t.moderation)}, has passed and the tender has not moved on to moderation`);
  }
  if (passed(t.awardPlanned)) notices.push(`The planned award date, ${dayText(t.awardPlanned)}, has passed and the tender is not finalised`);
  return notices;
}
