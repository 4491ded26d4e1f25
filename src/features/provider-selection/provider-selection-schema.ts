// The Provider Selection Regime form, checked at the edge: the process (or "not under the
// regime"), four optional texts, and an optional note for each declared conflict (the form
// carries each note's member and bid as `noteFor-N`, the note as `note-N`).
import { z } from 'zod';
import { PSR_PROCESSES, RECORD_TEXT_MAX, type ProviderSelectionInput, type PsrProcess } from '../../services/provider-selection/provider-selection';

export const NOT_PSR = 'not-psr';

export const TEXT_WORDS = {
  decisionMakers: 'Who made the decision',
  basicSelection: 'How the basic selection criteria were assessed',
  reasons: 'The reasons for the decision',
  otherInterests: 'Interests declared by other decision makers',
} as const;

/** A text box: missing counts as empty; a field sent twice (a damaged form) is refused. */
const text = (words: string) =>
  z
    .preprocess((v) => v ?? '', z.string({ error: `${words} was sent twice; send the form again from the page` }))
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => v.length <= RECORD_TEXT_MAX, { message: `${words} must be ${RECORD_TEXT_MAX.toLocaleString('en-GB')} characters or fewer` })
    .transform((v) => (v === '' ? null : v));

const Form = z.looseObject({
  process: z.enum([NOT_PSR, ...PSR_PROCESSES], { error: 'Choose whether the contract is awarded under the Provider Selection Regime, and by which process' }),
  decisionMakers: text(TEXT_WORDS.decisionMakers),
  basicSelection: text(TEXT_WORDS.basicSelection),
  reasons: text(TEXT_WORDS.reasons),
  otherInterests: text(TEXT_WORDS.otherInterests),
});

export type SelectionParse = { ok: true; value: ProviderSelectionInput } | { ok: false; problems: { field: string; text: string }[] };

/** The form, with each conflict note named by "memberKey:bidKey" (N is the conflict's place on the page). */
export function parseSelectionForm(body: unknown, conflictWords: (n: number) => string): SelectionParse {
  const parsed = Form.safeParse(body ?? {});
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'process'), text: i.message }));
  const fields = (body ?? {}) as Record<string, unknown>;
  const notes: Record<string, string | null> = {};
  for (let n = 0; `noteFor-${n}` in fields; n++) {
    const key = fields[`noteFor-${n}`];
    const note = text(`How the conflict of ${conflictWords(n)} was managed`).safeParse(fields[`note-${n}`]);
    if (typeof key !== 'string') problems.push({ field: `note-${n}`, text: 'The form was damaged; send it again from the page' });
    else if (!note.success) problems.push({ field: `note-${n}`, text: note.error.issues[0]!.message });
    else notes[key] = note.data;
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const f = parsed.data;
  return {
    ok: true,
    value: {
      process: f.process === NOT_PSR ? null : (f.process as PsrProcess),
      decisionMakers: f.decisionMakers,
      basicSelection: f.basicSelection,
      reasons: f.reasons,
      otherInterests: f.otherInterests,
      conflictNotes: notes,
    },
  };
}
