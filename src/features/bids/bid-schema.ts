// Form schemas for bids. The fields depend on the tender's rubric (one response per criterion)
// and on its bids (one price per bid), so the schemas are built per request.
import { z } from 'zod';
import { BID_KEY, MAX_RESPONSE, MAX_SUPPLIER, parsePounds, type BidInput, type CriterionInfo } from '../../services/bids';
import type { PriceEntry } from '../../services/bid-prices';

/**
 * A field of the form: missing is empty (a form may leave out responses), but a field sent twice
 * (an array) is a damaged form and refused, never read as empty, which would wipe a stored price
 * or response.
 */
const text = z.preprocess((v) => v ?? '', z.string({ error: 'The form was not complete. Go back to the page and try again' }));

/** Blank → null; otherwise exact decimal pounds, or an issue in plain words. */
const pounds = (what: string) =>
  text.transform((value, ctx): string | null => {
    if (value.trim() === '') return null;
    const parsed = parsePounds(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: `${what} ${parsed.message}` });
    return z.NEVER;
  });

export const responseField = (criterion: CriterionInfo): string => `response-${criterion.id}`;
export const priceField = (key: string): string => `price-${key}`;
export const wasField = (key: string): string => `was-${key}`;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: z.ZodError };

export function parseBidForm(body: unknown, criteria: CriterionInfo[], withKey: boolean): Parsed<BidInput> {
  const shape: Record<string, z.ZodType<string | null>> = {};
  if (withKey) {
    shape['key'] = text.transform((v) => v.trim()).refine((v) => v === '' || BID_KEY.test(v), {
      message: 'The bid key must be 1 to 32 letters, digits, "-" or "_", such as "F"; or leave it blank to get the next letter',
    });
  }
  shape['supplier'] = text
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, "Enter the organisation's name").max(MAX_SUPPLIER, `The organisation's name must be ${MAX_SUPPLIER} characters or fewer`));
  shape['price'] = pounds('The price');
  for (const c of criteria) {
    shape[responseField(c)] = text.pipe(z.string().max(MAX_RESPONSE, `The response to "${c.title}" must be ${MAX_RESPONSE.toLocaleString('en-GB')} characters or fewer`));
  }
  const parsed = z.object(shape).safeParse(body ?? {});
  if (!parsed.success) return { ok: false, error: parsed.error };
  const data = parsed.data;
  const key = withKey && data['key'] ? data['key'] : undefined;
  const responses = Object.fromEntries(criteria.map((c) => [c.id, (data[responseField(c)] ?? '').replace(/\r\n/g, '\n')]));
  return { ok: true, value: { key, supplier: data['supplier']!, price: data['price'] ?? null, responses } };
}

/** One price per bid on the form; bids not on the form (added since it was shown) are left alone. */
export function parsePricesForm(body: unknown, bids: { key: string; supplier: string }[]): Parsed<PriceEntry[]> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const onForm = bids.filter((b) => typeof fields[wasField(b.key)] === 'string');
  const shape: Record<string, z.ZodType<string | null>> = {};
  for (const b of onForm) shape[priceField(b.key)] = pounds(`The price of bid ${b.key} (${b.supplier})`);
  const parsed = z.object(shape).safeParse(fields);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return {
    ok: true,
    value: onForm.map((b) => {
      const was = String(fields[wasField(b.key)]);
      return { key: b.key, was: was === '' ? null : was, price: parsed.data[priceField(b.key)] ?? null };
    }),
  };
}

export const WithdrawForm = z.object({
  reason: text.transform((v) => v.trim()).pipe(z.string().max(2000, 'The reason must be 2,000 characters or fewer')),
});
