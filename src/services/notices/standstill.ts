// The standstill period after a contract award notice: N working days beginning with the day the
// notice is published (Procurement Act 2023, s51: 8 working days). A working day is not a
// Saturday, a Sunday or a bank holiday. The Act counts a bank holiday in any part of the UK
// (s123), so that is the default; a buyer may also see the count for its own nation alone.
// Bank holidays come from date-holidays (its data ships in the package: no network).
// Days are calendar days written YYYY-MM-DD; no clock or time zone is involved.
import Holidays from 'date-holidays';

export const NATIONS = ['england-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];
export const NATION_NAMES: Record<Nation, string> = { 'england-wales': 'England and Wales', scotland: 'Scotland', 'northern-ireland': 'Northern Ireland' };
const REGION: Record<Nation, string> = { 'england-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };

/** The Act's standstill: 8 working days. */
export const STANDSTILL_DAYS = 8;

const calendars = new Map<Nation, Holidays>();
const years = new Map<string, Set<string>>();

/** The bank holidays of a nation in a year, as YYYY-MM-DD (substitute days included). */
export function bankHolidays(nation: Nation, year: number): Set<string> {
  const cacheKey = `${nation}/${year}`;
  let days = years.get(cacheKey);
  if (!days) {
    let calendar = calendars.get(nation);
    if (!calendar) calendars.set(nation, (calendar = new Holidays('GB', REGION[nation])));
    days = new Set(calendar.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => h.date.slice(0, 10)));
    years.set(cacheKey, days);
  }
  return days;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const toDate = (day: string): Date => {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`"${day}" is not a day written YYYY-MM-DD`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== day) throw new RangeError(`"${day}" is not a real calendar day`);
  return date;
};
const dayOf = (date: Date): string => date.toISOString().slice(0, 10);
const nextDay = (date: Date): Date => new Date(date.getTime() + 86_400_000);

/** Whether a day is a working day: not a weekend, not a bank holiday in any of the nations. */
export function isWorkingDay(day: string, nations: readonly Nation[] = NATIONS): boolean {
  const date = toDate(day);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nations.some((n) => bankHolidays(n, date.getUTCFullYear()).has(day));
}

export interface Standstill {
  /** The day the notice is published. */
  published: string;
  days: number;
  /** The last day of the standstill period. */
  ends: string;
  /** The first day the contract may be entered into: the day after the period ends. */
  contractFrom: string;
  /** The bank holidays that fell inside the period and were skipped. */
  skipped: string[];
}

/**
 * The standstill of `days` working days beginning with `published` (counted as the first day
 * when it is a working day), skipping weekends and the bank holidays of `nations` (all three UK
 * nations unless given).
 */
export function standstill(published: string, days: number = STANDSTILL_DAYS, nations: readonly Nation[] = NATIONS): Standstill {
  if (!Number.isInteger(days) || days < 1 || days > 60) throw new RangeError(`a standstill of ${days} working days; expected a whole number from 1 to 60`);
  let date = toDate(published);
  let counted = 0;
  const skipped: string[] = [];
  for (;;) {
    const day = dayOf(date);
    if (isWorkingDay(day, nations)) {
      counted += 1;
      if (counted === days) return { published, days, ends: day, contractFrom: dayOf(nextDay(date)), skipped };
    } else if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) {
      skipped.push(day);
    }
    date = nextDay(date);
  }
}
