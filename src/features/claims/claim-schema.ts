// The claim forms, checked at the edge: the member's choice, what a staff form saw (the claim's id
// and amount) and the day a claim was paid.
import { z } from 'zod';
import { PAYMENT_CHOICES } from '../../data/claim-repository';
import type { PaymentChoice } from '../../data/schema';
import { MAX_ADVANCE_POUNDS, PURPOSE_LENGTH, type AdvanceRequest } from '../../services/claims/advances';
import type { SeenClaim } from '../../services/claims/claims';
import { checkPounds, type PoundsCheck } from '../../services/involvement-money';
import { checkDay } from '../involvement/involvement-schema';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: { field: string; text: string }[] };

const text = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.trim() : '';
};

export function parseChoice(body: unknown): Parsed<PaymentChoice> {
  const choice = text(body, 'choice');
  return (PAYMENT_CHOICES as readonly string[]).includes(choice) ? { ok: true, value: choice as PaymentChoice } : { ok: false, errors: [{ field: 'choice', text: 'Choose how you want to be paid, or that you do not want to be paid' }] };
}

const SeenForm = z.object({ claim: z.string().regex(/^\d{1,12}$/), amount: z.string().regex(/^\d{1,9}\.\d{2}$/) });

/** The claim the staff page showed; null for a damaged form. */
export function parseSeen(body: unknown): SeenClaim | null {
  const parsed = SeenForm.safeParse({ claim: text(body, 'claim'), amount: text(body, 'amount') });
  return parsed.success ? { claimId: Number(parsed.data.claim), amount: parsed.data.amount } : null;
}

export const PAID_ON_PARTS = ['day', 'month', 'year'] as const;

/** The day the claim was paid: a real day, from 2000, not after today (UK). */
export function parsePaidOn(body: unknown, today: string): Parsed<string> & { parts?: string[] } {
  const day = checkDay(text(body, 'paidOn-day'), text(body, 'paidOn-month'), text(body, 'paidOn-year'), today);
  if (day.ok) return { ok: true, value: day.value };
  const message = day.message.replace(/^Enter the date$/, 'Enter the day the claim was paid').replace(/^The date /, 'The payment date ');
  return { ok: false, errors: [{ field: `paidOn-${day.parts[0]}`, text: message }], parts: day.parts };
}

/** Travel money asked for in advance: the pounds (more than £0, at most £500) and what it is for. */
export function parseAdvance(body: unknown): Parsed<AdvanceRequest> {
  const errors: { field: string; text: string }[] = [];
  const typed = text(body, 'amount');
  const purpose = text(body, 'purpose').replace(/\s+/g, ' ');
  let amount = '';
  if (typed === '') errors.push({ field: 'amount', text: 'Enter how much money you need, like 12.50' });
  else {
    const checked = checkPounds(typed, { max: MAX_ADVANCE_POUNDS, allowZero: false });
    if (checked.ok) amount = checked.value;
    else errors.push({ field: 'amount', text: ADVANCE_AMOUNT_PROBLEMS[checked.reason] });
  }
  if (purpose === '') errors.push({ field: 'purpose', text: 'Say what the money is for, like “Train to the panel meeting on 10 December”' });
  else if (purpose.length < PURPOSE_LENGTH.min) errors.push({ field: 'purpose', text: `What the money is for must be ${PURPOSE_LENGTH.min} letters or more` });
  else if (purpose.length > PURPOSE_LENGTH.max) errors.push({ field: 'purpose', text: `What the money is for must be ${PURPOSE_LENGTH.max} letters or fewer` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { amount, purpose } };
}

const ADVANCE_AMOUNT_PROBLEMS: Record<Exclude<PoundsCheck, { ok: true }>['reason'], string> = {
  format: 'Enter the money in pounds and pence, like 12.50',
  comma: 'Enter the money with a full stop before the pence, not a comma, like 12.50',
  places: 'Enter the money in pounds and pence, like 12.50: no more than 2 numbers after the point',
  negative: 'The money must be more than £0',
  zero: 'The money must be more than £0',
  'too-much': `The money must be £${MAX_ADVANCE_POUNDS} or less. Ask the person who invited you if you need more`,
};

/** The advance a staff form was about; null for a damaged form. */
export function parseAdvanceId(body: unknown): number | null {
  const id = text(body, 'advance');
  return /^\d{1,12}$/.test(id) ? Number(id) : null;
}

/** The day the advance was paid: the same rules as a claim's. */
export function parseAdvancePaidOn(body: unknown, today: string): Parsed<string> & { parts?: string[] } {
  const day = checkDay(text(body, 'advancePaidOn-day'), text(body, 'advancePaidOn-month'), text(body, 'advancePaidOn-year'), today);
  if (day.ok) return { ok: true, value: day.value };
  const message = day.message.replace(/^Enter the date$/, 'Enter the day the travel money was paid').replace(/^The date /, 'The payment date ');
  return { ok: false, errors: [{ field: `advancePaidOn-${day.parts[0]}`, text: message }], parts: day.parts };
}
