// The days a person gives for an award notice (the publication day, the day the assessment
// summaries were sent), checked against today before anything is worked out from them: each
// must be a real day written YYYY-MM-DD and within NOTICE_YEARS of today (a day such as
// 9999-12-28 would carry the standstill count past the year 9999, which no date can be
// written in); the summaries cannot have been sent on a day still to come. The web form, the
// JSON download and the command line give the same words, which name the field.
import { isCalendarDay } from '../uk-dates';

/** How many years from today a notice's day may be, either way. */
export const NOTICE_YEARS = 5;

export type NoticeDayField = 'published' | 'sent';

const WORDS: Record<NoticeDayField, string> = { published: 'The publication day', sent: 'The day the summaries were sent' };

/** The same day `years` years on (back when negative), as YYYY-MM-DD; 29 February becomes the 28th. */
function yearsOn(day: string, years: number): string {
  const year = String(Number(day.slice(0, 4)) + years).padStart(4, '0');
  const rest = day.slice(4) === '-02-29' ? '-02-28' : day.slice(4);
  return `${year}${rest}`;
}

/** What is wrong with a day given for the notice, in words that name the field; null when it is fine. `today` is the UK day, YYYY-MM-DD. */
export function noticeDayProblem(field: NoticeDayField, day: string, today: string): string | null {
  const words = WORDS[field];
  if (!isCalendarDay(day)) return field === 'published' ? `${words} "${day}" is not a real day written YYYY-MM-DD` : `${words}, "${day}", is not a real day written YYYY-MM-DD`;
  if (field === 'sent' && day > today) return `${words}, ${day}, is after today (${today}); the summaries must have been sent before the notice is made, so give the day they were sent`;
  const earliest = yearsOn(today, -NOTICE_YEARS);
  const latest = field === 'sent' ? today : yearsOn(today, NOTICE_YEARS);
  if (day < earliest || day > latest) return `${words}, ${day}, is more than ${NOTICE_YEARS} years from today (${today}); expected a day from ${earliest} to ${latest}`;
  return null;
}
