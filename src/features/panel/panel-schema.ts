// Panel forms, checked at the edge. What needs the database (is this criterion in the rubric, may
// this member's perspective score it, is this a bid of the tender) is checked by the panel service.
import { z } from 'zod';
import { ACCESS_NEEDS, PERSPECTIVES } from '../../engine';
import type { Problem } from '../../services/panel';
import { WITHDRAWAL_REASON_MAX } from '../../services/panel-membership';

/** A text field: missing counts as empty; anything but one string (a tampered form) is refused. */
const field = (message: string) => z.preprocess((v) => v ?? '', z.string({ error: message }).trim());

/** A group of checkboxes: none, one (a string) or several (an array). */
const ticked = <T extends z.ZodType<string>>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const EMAIL = z.email();
/** A UK or international phone number: 7 to 15 digits, with spaces, brackets, dashes or a leading +. */
const isPhone = (v: string) => /^\+?[0-9 ()-]+$/.test(v) && (v.match(/[0-9]/g)?.length ?? 0) >= 7 && (v.match(/[0-9]/g)?.length ?? 0) <= 15;

/** The fields that can be kept right at any stage until finalising: contact, access needs, notes. */
const supportFields = {
  contact: field('Enter an email address or a phone number').pipe(
    z
      .string()
      .max(200, 'The contact details must be 200 characters or fewer')
      .refine((v) => v === '' || EMAIL.safeParse(v).success || isPhone(v), 'Enter an email address like name@example.com, or a phone number like 07700 900123'),
  ),
  accessNeeds: ticked(z.enum(ACCESS_NEEDS, { error: 'Choose access needs from the list' })),
  accessNotes: field('Enter the access needs in words').pipe(z.string().max(1000, 'The notes must be 1000 characters or fewer')),
  byPost: ticked(z.literal('yes', { error: 'Choose “By post” or leave it unticked' })),
};

const otherNeedsDescribed = (form: { accessNeeds: string[]; accessNotes: string }, ctx: z.RefinementCtx): void => {
  if (form.accessNeeds.includes('other') && form.accessNotes === '') {
    ctx.addIssue({ code: 'custom', path: ['accessNotes'], message: 'Describe the other access need' });
  }
};

const supportOf = (form: { contact: string; accessNeeds: (typeof ACCESS_NEEDS)[number][]; accessNotes: string; byPost: 'yes'[] }) => ({
  contact: form.contact === '' ? null : form.contact,
  accessNeeds: [...new Set(form.accessNeeds)],
  accessNotes: form.accessNotes === '' ? null : form.accessNotes,
  byPost: form.byPost.length > 0,
});

export const MemberForm = z
  .object({
    name: field('Enter the member’s name').pipe(z.string().min(1, 'Enter the member’s name').max(100, 'The name must be 100 characters or fewer')),
    perspective: z.enum(PERSPECTIVES, { error: 'Choose whether they are a professional or have lived experience of care services' }),
    ...supportFields,
  })
  .superRefine(otherNeedsDescribed)
  .transform((form) => ({ name: form.name, perspective: form.perspective, ...supportOf(form) }));

/** After draft: only contact details, access needs and notes (name and perspective stay as they are). */
export const SupportForm = z.object(supportFields).superRefine(otherNeedsDescribed).transform(supportOf);

/** Why a member is withdrawn, in the commissioner's words: required. */
export const WithdrawForm = z.object({
  reason: field('Enter why they are leaving the panel').pipe(
    z
      .string()
      .min(1, 'Enter why they are leaving the panel, for example “moved away” or “no longer able to take part”')
      .max(WITHDRAWAL_REASON_MAX, `The reason must be ${WITHDRAWAL_REASON_MAX} characters or fewer`),
  ),
});

export const AssignmentForm = z.object({
  criteria: ticked(z.string({ error: 'Choose criteria from the list' }).max(100, 'Choose criteria from the list')),
  bids: ticked(z.string({ error: 'Choose bids from the list' }).max(100, 'Choose bids from the list')),
});

/** Zod's problems, each under its top-level field, so the summary links to the field's first input. */
export const fieldProblems = (error: z.ZodError): Problem[] => error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), text: i.message }));
