// The timetable form, checked at the edge: three optional days typed into GOV.UK date inputs
// (day, month, year), each left empty or a real date, in order: scoring closes, then the
// moderation meeting, then the planned award.
import { z } from 'zod';
import { outOfOrder, TIMETABLE_DATES, type Timetable, type TimetableDate } from '../../services/timetable/timetable';
import { dayText } from '../../services/uk-dates';

/** A text field: missing counts as empty; anything but one string (a tampered form) is refused. */
const field = z.preprocess((v) => v ?? '', z.string({ error: 'Send the form again from the page' }).trim());

export type DatePart = 'day' | 'month' | 'year';
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

/** Each date in words, as the start of a sentence, and as the page's legend. */
export const DATE_WORDS: Record<TimetableDate, { noun: string; legend: string; after: string }> = {
  scoringCloses: { noun: 'The date scoring closes', legend: 'Scoring closes', after: 'the day scoring closes' },
  moderation: { noun: 'The date of the moderation meeting', legend: 'Moderation meeting', after: 'the moderation meeting' },
  awardPlanned: { noun: 'The planned award date', legend: 'Planned award', after: 'the planned award' },
};

/** The years a timetable can be in: a year typed as 0202 or 20277 is a slip. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

export type DateCheck = { ok: true; value: string | null } | { ok: false; message: string; parts: DatePart[] };

/** One optional date from its three boxes, with the GOV.UK date input's error messages. */
export function checkOptionalDate(date: TimetableDate, typed: Record<DatePart, string>): DateCheck {
  const noun = DATE_WORDS[date].noun;
  const missing = DATE_PARTS.filter((p) => typed[p] === '');
  if (missing.length === 3) return { ok: true, value: null };
  if (missing.length > 0) return { ok: false, message: `${noun} must include a ${missing.join(' and a ')}`, parts: missing };
  if (!/^\d{1,2}$/.test(typed.day)) return { ok: false, message: `${noun} must have a day that is a number, like 5`, parts: ['day'] };
  if (!/^\d{1,2}$/.test(typed.month)) return { ok: false, message: `${noun} must have a month that is a number from 1 to 12, like 3`, parts: ['month'] };
  if (!/^\d{4}$/.test(typed.year)) return { ok: false, message: `${noun} must have a year with 4 numbers, like 2027`, parts: ['year'] };
  const [d, m, y] = [Number(typed.day), Number(typed.month), Number(typed.year)];
  if (m < 1 || m > 12) return { ok: false, message: `${noun} must have a month from 1 to 12`, parts: ['month'] };
  if (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return { ok: false, message: `${noun} must be a real date`, parts: ['day'] };
  if (y < FIRST_YEAR || y > LAST_YEAR) return { ok: false, message: `${noun} must be in a year from ${FIRST_YEAR} to ${LAST_YEAR}`, parts: ['year'] };
  return { ok: true, value: `${typed.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

export type TimetableParse = { ok: true; value: Timetable } | { ok: false; error: z.ZodError };

const shape = Object.fromEntries(TIMETABLE_DATES.flatMap((d) => DATE_PARTS.map((p) => [`${d}-${p}`, field]))) as Record<string, typeof field>;

/** The timetable form: each date empty (not set) or a real date, and the dates in order. */
export function parseTimetableForm(body: unknown): TimetableParse {
  const schema = z.object(shape).transform((f, ctx): Timetable => {
    const value: Timetable = { scoringCloses: null, moderation: null, awardPlanned: null };
    let allReal = true;
    for (const date of TIMETABLE_DATES) {
      const check = checkOptionalDate(date, { day: f[`${date}-day`] ?? '', month: f[`${date}-month`] ?? '', year: f[`${date}-year`] ?? '' });
      if (check.ok) value[date] = check.value;
      else {
        allReal = false;
        // The path names the first box that is wrong (the summary links to it); `parts` marks the others.
        ctx.addIssue({ code: 'custom', path: [`${date}-${check.parts[0]!}`], message: check.message, params: { parts: check.parts } });
      }
    }
    if (allReal) {
      for (const { date, before } of outOfOrder(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [`${date}-day`],
          message: `${DATE_WORDS[date].noun} must be the same day as ${DATE_WORDS[before].after} (${dayText(value[before]!)}) or later`,
          params: { parts: DATE_PARTS },
        });
      }
    }
    return value;
  });
  const parsed = schema.safeParse(body ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error };
}
