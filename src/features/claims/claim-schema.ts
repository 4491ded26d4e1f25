// The claim forms, checked at the edge: the member's choice, what a staff form saw (the claim's id
// and amount) and the day a claim was paid.
import { z } from 'zod';
import { PAYMENT_CHOICES } from '../../data/claim-repository';
import type { PaymentChoice } from '../../data/schema';
import type { SeenClaim } from '../../services/claims/claims';
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
