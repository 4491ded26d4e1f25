// Moderation forms, checked at the edge. What needs the tender (is the score on the scale, are the
// attendees on the panel, does a co-production criterion have someone with lived experience, are
// these the member's submitted scores) is checked by services/moderation.ts.
import { z } from 'zod';
import type { Problem } from '../../services/moderation';

/** A text field: missing counts as empty; anything but one string (a tampered form) is refused. */
const field = (message: string) => z.preprocess((v) => v ?? '', z.string({ error: message }).trim());

/** A group of checkboxes: none, one (a string) or several (an array). */
const ticked = (message: string) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string({ error: message }).max(100, message)));

export const RATIONALE_MIN = 40;

/**
 * The rule for a consensus rationale is about substance, and simple enough to explain on the page:
 * at least 40 characters, and not a copy of a member's submitted reason for the same bid and
 * criterion (compared trimmed, in lower case, with white space run together). The second part
 * needs the stored scores, so services/moderation.ts checks it.
 */
export const RATIONALE_RULE = `Say why the panel agreed this score: what in the bid’s response led to it, and what the panel weighed. Write at least ${RATIONALE_MIN} characters, in the panel’s own words rather than one member’s reason.`;

/** The shortest dissent: enough to say what the member disagrees with. */
export const DISSENT_MIN = 20;

export const ConsensusForm = z.object({
  score: field('Choose the score the panel agreed').pipe(
    z
      .string()
      .regex(/^-?\d{1,3}$/, 'Choose the score the panel agreed')
      .refine((v) => !/^-0+$/.test(v), 'Choose the score the panel agreed from the list: “-0” is not a score on the scale (0 has no minus sign)')
      .transform(Number),
  ),
  rationale: field('Enter why the panel agreed this score').pipe(
    z
      .string()
      .min(1, 'Enter why the panel agreed this score')
      .min(RATIONALE_MIN, `The reason must be at least ${RATIONALE_MIN} characters: say what in the bid’s response led the panel to this score`)
      .max(5000, 'The reason must be 5000 characters or fewer'),
  ),
  attendees: ticked('Choose who attended from the list').pipe(z.array(z.string()).min(1, 'Choose who attended the moderation: at least one panel member')),
  /** The id of the consensus score the form was showing ("none"), to notice one recorded meanwhile. */
  // Anything else (a tampered form) counts as "none", so an existing consensus score shows a conflict.
  replaces: z.preprocess((v) => (typeof v === 'string' && /^(none|\d{1,12})$/.test(v) ? v : 'none'), z.string()),
});
export type ConsensusFields = z.output<typeof ConsensusForm>;

export const DissentForm = z.object({
  member: field('Choose the member who disagrees').pipe(z.string().min(1, 'Choose the member who disagrees with the consensus score').max(100, 'Choose the member who disagrees from the list')),
  reason: field('Enter why the member disagrees').pipe(
    z
      .string()
      .min(1, 'Enter why the member disagrees with the consensus score, in their words')
      .min(DISSENT_MIN, `The reason must be at least ${DISSENT_MIN} characters: say what the member disagrees with and what score they would give`)
      .max(5000, 'The reason must be 5000 characters or fewer'),
  ),
  /** The id of the consensus score the form was showing; anything else counts as none (a conflict). */
  consensus: z.preprocess((v) => (typeof v === 'string' && /^\d{1,12}$/.test(v) ? v : 'none'), z.string()),
});
export type DissentFields = z.output<typeof DissentForm>;

export const ReopenForm = z.object({
  cells: ticked('Choose scores from the list').pipe(z.array(z.string()).min(1, 'Choose which scores to re-open, or all of them')),
  reason: field('Enter why the scores are being re-opened').pipe(
    z.string().min(1, 'Enter why the scores are being re-opened').max(1000, 'The reason must be 1000 characters or fewer'),
  ),
});
export type ReopenFields = z.output<typeof ReopenForm>;

/** Zod's problems, each under its top-level field, so the summary links to the field's first input. */
export const fieldProblems = (error: z.ZodError): Problem[] => {
  const seen = new Set<string>();
  return error.issues
    .map((i) => ({ field: String(i.path[0] ?? 'form'), text: i.message }))
    .filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
};
