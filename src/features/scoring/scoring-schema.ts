// Forms and URL parts of the panel's scoring pages, checked at the edge.
import { z } from 'zod';

export const CellParams = z.object({
  bidKey: z.string().min(1).max(64),
  criterionId: z.string().min(1).max(64),
});

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const DAMAGED = 'The form was not complete. Go back to the page and try again';
/**
 * One field of the score form: absent is empty, but a field sent more than once (an array) is a
 * damaged form and refused, never taken as empty: an empty choice or reason would overwrite the
 * saved one.
 */
const field = z.preprocess((v) => v ?? '', z.string({ error: DAMAGED }));

/** "-0" (or "-00") reads as the number 0 but is not on any scale: the scale's 0 has no minus sign. */
export const MINUS_ZERO = /^-0+$/;

/** The score form. The choice is checked against the rubric's scale by the service. */
export const ScoreForm = z.object({
  choice: field.pipe(
    z.union([
      z.literal(''),
      z.literal('abstain'),
      z
        .string()
        .regex(/^-?\d{1,3}$/, 'Choose a score from the list')
        .refine((v) => !MINUS_ZERO.test(v), 'Choose a score from the list: “-0” is not a score on the scale (0 has no minus sign)'),
    ]),
  ),
  reason: field.transform((s) => s.replace(/\r\n/g, '\n')),
  version: field.pipe(z.string().regex(/^\d{1,9}$/, DAMAGED)).transform(Number),
  action: field.pipe(z.enum(['continue', 'later', 'autosave', 'mine']).catch('continue')),
  memberId: field.pipe(z.string().max(20)),
});
export type ScoreFormData = z.infer<typeof ScoreForm>;

export const choiceOf = (raw: string): number | 'abstain' | null => (raw === '' ? null : raw === 'abstain' ? 'abstain' : Number(raw));

export const fieldList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v !== '' ? [v] : []);

export const ConflictsForm = z.object({
  anyConflict: z.preprocess(text, z.enum(['yes', 'no'], { message: 'Say whether you have a link with any of these organisations' })),
  organisations: z.preprocess(fieldList, z.array(z.string().max(64, 'Choose organisations from the list')).max(500, 'Choose organisations from the list')),
});

export const LayoutForm = z.object({
  layout: z.preprocess(text, z.enum(['easy-read', 'standard']).catch('standard')),
  returnTo: z.preprocess(text, z.string().regex(/^\/panel(\/[A-Za-z0-9/_%.-]*)?$/).catch('/panel/tasks')),
});
