import { z } from 'zod';
import { AGGREGATIONS, TENDER_STATES } from '../../engine';
import { isReservedReference, RESERVED_REFERENCES } from '../../services/tender-import';

export const NewTenderForm = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Enter a reference for the tender')
    .regex(/^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,39}$/, 'The reference can only have letters, numbers, hyphens, underscores, full stops and slashes, up to 40 characters, like HC-2026-07')
    // A tender called "new" or "upload" could never be opened: /tenders/new is the set-up page.
    .refine((reference) => !isReservedReference(reference), {
      message: `The reference cannot be ${RESERVED_REFERENCES.map((w) => `“${w}”`).join(' or ')}: the app uses those words for its own pages. Enter another reference, like HC-2026-07`,
      abort: true,
    }),
  title: z.string().trim().min(1, 'Enter a title for the tender').max(200, 'The title must be 200 characters or fewer'),
  rubric: z.string({ error: 'Choose the rubric the bids will be scored against' }).min(1, 'Choose the rubric the bids will be scored against'),
  aggregation: z.enum(AGGREGATIONS, { error: 'Choose how the panel’s scores are combined' }),
  anonymise: z.enum(['yes', 'no'], { error: 'Choose whether the panel sees the organisations’ names' }),
  lightTouch: z.enum(['yes', 'no'], { error: 'Choose whether the contract is a light-touch contract' }),
});

/**
 * Moving on: the next stage, the fingerprint of the outstanding items the page showed, and either
 * the confirmation tick (nothing outstanding) or a written reason (the service checks its length,
 * since only it knows, inside its transaction, whether anything is outstanding).
 */
export const AdvanceForm = z.object({
  to: z.enum(TENDER_STATES, { error: 'Choose the next stage' }),
  outstanding: z.string({ error: 'The form was not complete. Go back to the page and try again' }).regex(/^[0-9a-f]{32}$/, 'The form was not complete. Go back to the page and try again'),
  confirm: z.literal('yes').optional().catch(undefined),
  reason: z.string({ error: 'The form was not complete. Go back to the page and try again' }).optional(),
});

/** The light-touch question's radios, on the set-up form and the page that changes it. */
export const lightTouchItems = (chosen: string | undefined) => [
  { value: 'yes', text: 'Yes, it is light touch', hint: { text: 'The standstill after the award is voluntary.' }, checked: chosen === 'yes' },
  { value: 'no', text: 'No, it is not light touch', hint: { text: 'A standstill of 8 working days must pass before the contract is signed.' }, checked: chosen === 'no' },
];
