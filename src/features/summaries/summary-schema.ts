// The form for a bid's explanations: one text per criterion of the tender's rubric, with the
// fingerprint of the text the form showed (to notice a change made meanwhile); the review form,
// with the fingerprint of the summary the page showed; the day a summary was sent.
import { z } from 'zod';
import { MAX_EXPLANATION, type ExplanationEdit } from '../../services/summaries/summaries';

/** Missing is empty; a field sent twice (an array) is a damaged form, never read as empty (which would remove the wording). */
const text = z.preprocess((v) => v ?? '', z.string({ error: 'The form was not complete. Go back to the page and try again' }));

export const explanationField = (criterion: string): string => `explanation-${criterion}`;
export const wasField = (criterion: string): string => `was-${criterion}`;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: z.ZodError };

/** Criteria not on the form (their `was` field missing) are left alone. */
export function parseExplanationsForm(body: unknown, criteria: { id: string; title: string }[]): Parsed<ExplanationEdit[]> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const onForm = criteria.filter((c) => typeof fields[wasField(c.id)] === 'string');
  const shape: Record<string, z.ZodType<string>> = {};
  for (const c of onForm) {
    shape[explanationField(c.id)] = text
      .transform((v) => v.replace(/\r\n?/g, '\n').trim())
      .pipe(z.string().max(MAX_EXPLANATION, `The explanation for "${c.title}" must be ${MAX_EXPLANATION.toLocaleString('en-GB')} characters or fewer`));
  }
  const parsed = z.object(shape).safeParse(fields);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, value: onForm.map((c) => ({ criterion: c.id, text: parsed.data[explanationField(c.id)] ?? '', was: String(fields[wasField(c.id)]) })) };
}

/** Said when "I have reviewed this summary" comes from a page that showed another summary than the one there is now. */
export const SUMMARY_CHANGED = 'The summary changed while you were reading it. Read it again as it is now, then say you have reviewed it';

/** "I have reviewed this summary": the fingerprint of the summary the page showed (a SHA-256 in hex). */
export function parseReviewForm(body: unknown): { ok: true; value: string } | { ok: false; message: string } {
  const content = ((body ?? {}) as Record<string, unknown>)['content'];
  if (typeof content !== 'string' || !/^[0-9a-f]{64}$/.test(content)) return { ok: false, message: 'The form was not complete. Read the summary again, then say you have reviewed it' };
  return { ok: true, value: content };
}

export type SentPart = 'day' | 'month' | 'year';
export const SENT_PARTS: readonly SentPart[] = ['day', 'month', 'year'];
const NOUN = 'The date the summary was sent';

export type SentParse = { ok: true; value: string } | { ok: false; message: string; parts: SentPart[] };

/** The "sent" date form: three boxes (sent-day, sent-month, sent-year), with the GOV.UK date input's messages. */
export function parseSentForm(body: unknown): SentParse {
  const fields = (body ?? {}) as Record<string, unknown>;
  const typed = Object.fromEntries(SENT_PARTS.map((p) => [p, fields[`sent-${p}`]])) as Record<SentPart, unknown>;
  if (SENT_PARTS.some((p) => typed[p] !== undefined && typeof typed[p] !== 'string')) return { ok: false, message: 'The form was not complete. Go back to the page and try again', parts: ['day'] };
  const t = Object.fromEntries(SENT_PARTS.map((p) => [p, String(typed[p] ?? '').trim()])) as Record<SentPart, string>;
  const missing = SENT_PARTS.filter((p) => t[p] === '');
  if (missing.length === 3) return { ok: false, message: 'Enter the date the summary was sent', parts: ['day', 'month', 'year'] };
  if (missing.length > 0) return { ok: false, message: `${NOUN} must include a ${missing.join(' and a ')}`, parts: missing };
  if (!/^\d{1,2}$/.test(t.day)) return { ok: false, message: `${NOUN} must have a day that is a number, like 5`, parts: ['day'] };
  if (!/^\d{1,2}$/.test(t.month)) return { ok: false, message: `${NOUN} must have a month that is a number from 1 to 12, like 3`, parts: ['month'] };
  if (!/^\d{4}$/.test(t.year)) return { ok: false, message: `${NOUN} must have a year with 4 numbers, like 2027`, parts: ['year'] };
  const [d, m, y] = [Number(t.day), Number(t.month), Number(t.year)];
  if (m < 1 || m > 12) return { ok: false, message: `${NOUN} must have a month from 1 to 12`, parts: ['month'] };
  if (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return { ok: false, message: `${NOUN} must be a real date`, parts: ['day'] };
  return { ok: true, value: `${t.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
