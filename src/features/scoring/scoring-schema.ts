// Forms and URL parts of the panel's scoring pages, checked at the edge.
import { z } from 'zod';

export const CellParams = z.object({
  bidKey: z.string().min(1).max(64),
  criterionId: z.string().min(1).max(64),
});

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The score form. The choice is checked against the rubric's scale by the service. */
export const ScoreForm = z.object({
  choice: z.preprocess(text, z.union([z.literal(''), z.literal('abstain'), z.string().regex(/^-?\d{1,3}$/, 'Choose a score from the list')])),
  reason: z.preprocess(text, z.string()).transform((s) => s.replace(/\r\n/g, '\n')),
  version: z.preprocess(text, z.string().regex(/^\d{1,9}$/, 'The form was not complete. Go back to the page and try again')).transform(Number),
  action: z.preprocess(text, z.enum(['continue', 'later', 'autosave', 'mine']).catch('continue')),
  memberId: z.preprocess(text, z.string().max(20)),
});
export type ScoreFormData = z.infer<typeof ScoreForm>;

export const choiceOf = (raw: string): number | 'abstain' | null => (raw === '' ? null : raw === 'abstain' ? 'abstain' : Number(raw));

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v !== '' ? [v] : []);

export const ConflictsForm = z.object({
  anyConflict: z.preprocess(text, z.enum(['yes', 'no'], { message: 'Say whether you have a link with any of these organisations' })),
  organisations: z.preprocess(list, z.array(z.string().max(64)).max(500)),
});

export const LayoutForm = z.object({
  layout: z.preprocess(text, z.enum(['easy-read', 'standard']).catch('standard')),
  returnTo: z.preprocess(text, z.string().regex(/^\/panel(\/[A-Za-z0-9/_%.-]*)?$/).catch('/panel/tasks')),
});
