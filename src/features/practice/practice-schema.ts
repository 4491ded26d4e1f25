// Forms and URL parts of the practice round, checked at the edge. The score form is the real
// scoring's (the same page, the same fields).
import { z } from 'zod';
import { PRACTICE_MODES } from '../../services/practice/practice';

export { ScoreForm, choiceOf } from '../scoring/scoring-schema';

/** /panel/practice/:item, the practice answer's place in the list (from 1). */
export const ItemParams = z.object({ item: z.string().regex(/^[1-9]\d{0,2}$/).transform(Number) });

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export const PracticeModeForm = z.object({
  mode: z.preprocess(text, z.enum(PRACTICE_MODES, { message: 'Choose whether the practice round is off, offered or expected' })),
});
