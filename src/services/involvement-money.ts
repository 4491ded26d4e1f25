// The arithmetic of reciprocity: paying panel members for their time at the tender's hourly rate,
// plus their expenses. Pure functions over exact values (no database), shared by the member's
// "Your contribution" page, the commissioner's summary and the Excel export, so all three agree.
import { exact, formatHalfUp, sum } from '../engine';

/** Pounds typed by a person, checked: an exact decimal string, or why it is not one. */
export type PoundsCheck = { ok: true; value: string } | { ok: false; reason: 'format' | 'comma' | 'places' | 'negative' | 'zero' | 'too-much' };

/** Commas only between groups of three figures before the point: "1,250.50", "1,000,000". */
const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * "£1,234.50", "1234.5" or "12" as exact pounds with two decimal places ("1234.50"). A comma is
 * read only between thousands; anywhere else ("12,50", a comma typed for the point) it is refused
 * as 'comma', never dropped (dropping it made "12,50" £1,250.00). Also refused: anything but
 * digits with an optional point (after removing £ and the spaces around), more than two decimal
 * places (no fractions of a penny), below zero, zero when `allowZero` is false, above `max`.
 */
export function checkPounds(input: string, options: { max: number; allowZero: boolean }): PoundsCheck {
  const typed = input.trim().replace(/^£\s*/, '');
  if (/^-\s*£?\s*\d/.test(typed)) return { ok: false, reason: 'negative' };
  const text = typed.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(text) || text.length > 20) return { ok: false, reason: 'format' };
  if (typed.includes(',') && !THOUSANDS.test(typed)) return { ok: false, reason: 'comma' };
  const [, pence = ''] = text.split('.');
  if (pence.length > 2) return { ok: false, reason: 'places' };
  const value = exact(text);
  if (value.compare(0) === 0 && !options.allowZero) return { ok: false, reason: 'zero' };
  if (value.compare(options.max) > 0) return { ok: false, reason: 'too-much' };
  return { ok: true, value: formatHalfUp(value, 2) };
}

/** "£1,234.50": always with pence, thousands separated. */
export function pounds(value: string): string {
  const [whole, pence] = formatHalfUp(exact(value), 2).split('.');
  return `£${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pence}`;
}

/** "3 hours 20 minutes", "1 hour", "45 minutes", "0 minutes". */
export function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/**
 * Scoring time is counted in seconds from the member's saves; it is paid and shown in whole
 * minutes, to the nearest minute (30 seconds round up), so the time a member sees is the time paid.
 */
export const scoringMinutes = (scoringSeconds: number): number => Math.round(Math.max(0, scoringSeconds) / 60);

/** Exact pounds added up, with two decimal places ("0.00" for none). */
export const addPounds = (amounts: readonly string[]): string => formatHalfUp(sum(amounts.map((a) => exact(a))), 2);

export interface Payment {
  /** Minutes paid for: scoring, reading and meetings. */
  minutes: number;
  /** Pounds for the time, or null while the tender has no hourly rate. */
  timePayment: string | null;
  expenses: string;
  /** Time payment plus expenses, or null while the tender has no hourly rate. */
  due: string | null;
}

/**
 * What one member is due. The time payment is minutes ÷ 60 × rate worked out exactly (as a
 * fraction, never in floating point) and rounded to whole pence half up ONCE per member, on the
 * member's total time; expenses are exact pence and are added without rounding. So 3 h 20 min at
 * £12.60 is exactly £42.00 and 1 h 1 min at £15 is £15.25; totals over members add the per-member
 * rounded figures, so a total always equals the sum of the lines above it.
 */
export function paymentOf(minutes: number, rate: string | null, expenseAmounts: readonly string[]): Payment {
  const expenses = addPounds(expenseAmounts);
  if (rate === null) return { minutes, timePayment: null, expenses, due: null };
  const timePayment = formatHalfUp(exact(rate).mul(minutes).div(60), 2);
  return { minutes, timePayment, expenses, due: addPounds([timePayment, expenses]) };
}
