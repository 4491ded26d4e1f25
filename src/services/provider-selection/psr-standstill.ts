// The standstill of the Provider Selection Regime (Health Care Services (Provider Selection Regime)
// Regulations 2023, regulation 12), which is not the Procurement Act's. For Direct Award Process
// C, the Most Suitable Provider Process and the Competitive Process it is required: it begins on
// the day after the notice of intention to award is published, and providers may make written
// representations before midnight at the end of the 8th working day after the day it begins.
// Direct Award Processes A and B have no standstill (and no notice of intention to award).
// The regime applies in England only, so a working day is one that is not a Saturday, a Sunday or
// a bank holiday in England (Christmas Day and Good Friday are among them). Days are calendar days
// written YYYY-MM-DD; no clock or time zone is involved.
import { isWorkingDay, type Nation } from '../notices/standstill';
import { isCalendarDay } from '../uk-dates';
import type { PsrProcess } from './provider-selection';

/** The working days providers have to make representations, after the day the standstill begins. */
export const PSR_STANDSTILL_DAYS = 8;

/** The bank holidays the regime counts: England's (date-holidays' GB-ENG calendar). */
const ENGLAND: readonly Nation[] = ['england-wales'];

const STANDSTILL_PROCESSES: readonly PsrProcess[] = ['direct-award-c', 'most-suitable-provider', 'competitive'];

/** Whether a process of the regime has a standstill (Direct Award Process C, Most Suitable Provider, Competitive). */
export const hasPsrStandstill = (process: PsrProcess): boolean => STANDSTILL_PROCESSES.includes(process);

export interface PsrStandstill {
  /** The day the notice of intention to award is published. */
  published: string;
  /** The day the standstill begins: the day after the notice is published. */
  begins: string;
  days: number;
  /** The last day representations may be made (before midnight at its end): the 8th working day after `begins`. */
  ends: string;
  /** The first working day after `ends`: the contract can be entered into from it if no representations were made. */
  contractFrom: string;
  /** The bank holidays in England that fell on weekdays between `begins` and `ends` and were not counted. */
  skipped: string[];
}

const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isWeekend = (day: string): boolean => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** The regime's standstill for a notice of intention to award published on `published` (YYYY-MM-DD). */
export function psrStandstill(published: string): PsrStandstill {
  if (!isCalendarDay(published)) throw new RangeError(`"${published}" is not a real calendar day written YYYY-MM-DD`);
  const begins = dayAfter(published);
  const skipped: string[] = [];
  let day = begins;
  let counted = 0;
  while (counted < PSR_STANDSTILL_DAYS) {
    day = dayAfter(day);
    if (isWorkingDay(day, ENGLAND)) counted += 1;
    else if (!isWeekend(day)) skipped.push(day);
  }
  const ends = day;
  let contractFrom = dayAfter(ends);
  while (!isWorkingDay(contractFrom, ENGLAND)) contractFrom = dayAfter(contractFrom);
  return { published, begins, days: PSR_STANDSTILL_DAYS, ends, contractFrom, skipped };
}
