// The form for a bid's explanations: one text per criterion of the tender's rubric, with the
// fingerprint of the text the form showed (to notice a change made meanwhile).
import { z } from 'zod';
import { MAX_EXPLANATION, type ExplanationEdit } from '../../services/summaries';

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
