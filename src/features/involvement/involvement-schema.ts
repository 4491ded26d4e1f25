// The forms of reciprocity, checked at the edge: one entry of time (reading, a meeting) or of an
// expense (travel, cover, other) for a panel member, and the tender's hourly rate.
import { z } from 'zod';
import { EXPENSE_KINDS, TIME_KINDS } from '../../services/involvement-entries';
import { MAX_ENTRY_MINUTES, MAX_EXPENSE_POUNDS, MAX_NOTE, MAX_RATE_POUNDS, type EntryInput } from '../../services/involvement';
import { checkPounds, type PoundsCheck } from '../../services/involvement-money';

/** Which form was sent: time (hours and minutes) or an expense (pounds). */
export type EntryFormKind = 'time' | 'expense';

/** A text field: missing counts as empty; anything but one string (a tampered form) is refused. */
const field = z.preprocess((v) => v ?? '', z.string({ error: 'Send the form again from the page' }).trim());

type DatePart = 'day' | 'month' | 'year';
export type DayCheck = { ok: true; value: string } | { ok: false; message: string; parts: DatePart[] };

/** The earliest day an entry can be for (YYYY-MM-DD). */
const EARLIEST_DAY = '2000-01-01';

/**
 * A day typed into the GOV.UK date input as a YYYY-MM-DD string, in the GOV.UK pattern's words:
 * every part given, a real date, not before 1 January 2000 (a year typed as 0202 for 2026 is a
 * slip, not a date this service can have) and not after `today` (YYYY-MM-DD, in the UK).
 */
export function checkDay(day: string, month: string, year: string, today: string): DayCheck {
  const typed = { day: day.trim(), month: month.trim(), year: year.trim() };
  const missing = (['day', 'month', 'year'] as const).filter((p) => typed[p] === '');
  if (missing.length === 3) return { ok: false, message: 'Enter the date', parts: ['day', 'month', 'year'] };
  if (missing.length > 0) return { ok: false, message: `The date must include a ${missing.join(' and ')}`, parts: [...missing] };
  if (!/^\d{4}$/.test(typed.year)) return { ok: false, message: 'The year must include 4 numbers', parts: ['year'] };
  const [d, m, y] = [Number(typed.day), Number(typed.month), Number(typed.year)];
  const real = /^\d{1,2}$/.test(typed.day) && /^\d{1,2}$/.test(typed.month) && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!real) return { ok: false, message: 'The date must be a real date', parts: ['day', 'month', 'year'] };
  const value = `${typed.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // Any day before the first is in an earlier year, so the year is the part to mark.
  if (value < EARLIEST_DAY) return { ok: false, message: 'The date must be 1 January 2000 or later', parts: ['year'] };
  if (value > today) return { ok: false, message: 'The date must be today or in the past', parts: ['day', 'month', 'year'] };
  return { ok: true, value };
}

const WHOLE = /^\d{1,4}$/;

type TimePart = 'hours' | 'minutes';
export type TimeCheck = { ok: true; value: number } | { ok: false; message: string; parts: TimePart[] };

/** Hours and minutes as minutes, or the problem and the boxes it is about (the first gets the link). */
export function checkTime(hours: string, minutes: string): TimeCheck {
  const both: TimePart[] = ['hours', 'minutes'];
  if (hours === '' && minutes === '') return { ok: false, message: 'Enter how long it took, in hours and minutes', parts: both };
  if (hours !== '' && !WHOLE.test(hours)) return { ok: false, message: 'Hours must be a whole number, like 2', parts: ['hours'] };
  if (minutes !== '' && (!WHOLE.test(minutes) || Number(minutes) > 59)) return { ok: false, message: 'Minutes must be a whole number from 0 to 59, like 30', parts: ['minutes'] };
  const total = Number(hours || '0') * 60 + Number(minutes || '0');
  if (total === 0) return { ok: false, message: 'The time must be more than 0 minutes', parts: both };
  if (total > MAX_ENTRY_MINUTES) return { ok: false, message: 'The time must be 24 hours or less. Add each day on its own', parts: both };
  return { ok: true, value: total };
}

const POUNDS_PROBLEMS = (what: string, max: string, allowZero: boolean): Record<Exclude<PoundsCheck, { ok: true }>['reason'], string> => ({
  format: `Enter ${what} in pounds and pence, like 12.50`,
  comma: `Enter ${what} with a full stop before the pence, not a comma, like 12.50`,
  places: `Enter ${what} in pounds and whole pence, like 12.50: no more than 2 numbers after the point`,
  negative: allowZero ? `${capital(what)} must be £0 or more` : `${capital(what)} must be more than £0`,
  zero: `${capital(what)} must be more than £0`,
  'too-much': `${capital(what)} must be ${max} or less`,
});
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: z.ZodError };

/** One entry from the time form or the expense form; `today` is the UK day (YYYY-MM-DD). */
export function parseEntryForm(body: unknown, form: EntryFormKind, today: string): Parsed<EntryInput> {
  const kinds: readonly string[] = form === 'time' ? TIME_KINDS : EXPENSE_KINDS;
  const schema = z
    .object({ kind: field, 'onDate-day': field, 'onDate-month': field, 'onDate-year': field, hours: field, minutes: field, amount: field, note: field })
    .transform((f, ctx): EntryInput => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (!kinds.includes(f.kind)) problem('kind', form === 'time' ? 'Choose what the time was for' : 'Choose what the expense was for');
      const day = checkDay(f['onDate-day'], f['onDate-month'], f['onDate-year'], today);
      if (!day.ok) problem(`onDate-${day.parts[0]}`, day.message);
      let minutes: number | null = null;
      let amount: string | null = null;
      if (form === 'time') {
        const time = checkTime(f.hours, f.minutes);
        if (time.ok) minutes = time.value;
        else problem(time.parts[0]!, time.message);
      } else if (f.amount === '') problem('amount', 'Enter how much you spent');
      else {
        const pounds = checkPounds(f.amount, { max: MAX_EXPENSE_POUNDS, allowZero: false });
        if (pounds.ok) amount = pounds.value;
        else problem('amount', POUNDS_PROBLEMS('the amount', '£10,000', false)[pounds.reason]);
      }
      if (f.note.length > MAX_NOTE) problem('note', `The note must be ${MAX_NOTE} characters or fewer`);
      // "Another expense" says nothing by itself: whoever pays it needs to know what it was for.
      else if (form === 'expense' && f.kind === 'other' && f.note === '') problem('note', 'Say what the expense was for');
      const base = { kind: f.kind as EntryInput['kind'], onDate: day.ok ? day.value : '', note: f.note };
      return minutes !== null ? { ...base, minutes, amount: null } : { ...base, minutes: null, amount: amount ?? '0' };
    });
  const parsed = schema.safeParse(body ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error };
}

/** The hourly rate: exact pounds from £0 to £1,000 with at most two decimal places. */
export function parseRateForm(body: unknown): Parsed<string> {
  const schema = z.object({ rate: field }).transform((f, ctx): string => {
    if (f.rate === '') {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'Enter the hourly rate in pounds, like 12.50' });
      return '';
    }
    const pounds = checkPounds(f.rate, { max: MAX_RATE_POUNDS, allowZero: true });
    if (!pounds.ok) ctx.addIssue({ code: 'custom', path: ['rate'], message: POUNDS_PROBLEMS('the hourly rate', '£1,000', true)[pounds.reason] });
    return pounds.ok ? pounds.value : '';
  });
  const parsed = schema.safeParse(body ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error };
}
