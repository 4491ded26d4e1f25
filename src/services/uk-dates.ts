// Dates as people in the UK read them: calendar days in UK time (Europe/London, so British Summer
// Time is counted), written the GOV.UK way ("5 March 2027"). The formatters are made once and
// shared: Intl.DateTimeFormat is slow to build and quick to use.
const UK = 'Europe/London';

/** "5 March 2027" for a moment, in UK time. */
const ukDayWords = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: UK });
/** A calendar day (already a UK day), read at noon UTC so no time zone can move it. */
const calendarDayWords = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** YYYY-MM-DD for a moment, in UK time ('en-CA' writes dates in that order). */
const ukDayIso = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: UK });

/** "10:00" for a moment, in UK time (24-hour clock, as toLocaleTimeString wrote it). */
const ukTimeWords = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: UK });

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar day written YYYY-MM-DD (2027-02-29 is not). */
export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** "5 March 2027" for a stored calendar day (YYYY-MM-DD); anything else is returned as it is. */
export function dayText(day: string): string {
  return isCalendarDay(day) ? calendarDayWords.format(new Date(`${day}T12:00:00Z`)) : day;
}

/** "5 March 2027": the day a moment falls on in the UK. */
export const ukDateText = (moment: Date): string => ukDayWords.format(moment);

/** The day a moment falls on in the UK, as YYYY-MM-DD (23:30 UTC on 28 March 2027 is 29 March in the UK). */
export const ukDay = (moment: Date): string => ukDayIso.format(moment);

/** Today in the UK, as YYYY-MM-DD, from the app's clock (deps.now()). */
export const ukToday = (now: Date): string => ukDay(now);

/** The parts of a YYYY-MM-DD day as typed into a GOV.UK date input (no leading zeros). */
export function dayParts(day: string | null): { day: string; month: string; year: string } {
  const m = day === null ? null : DAY.exec(day);
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}

/** An ISO time as "23 November 2026 at 10:00" in UK time; text that is not a time is returned as it is. */
export function ukDateTimeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${ukDayWords.format(d)} at ${ukTimeWords.format(d)}`;
}
