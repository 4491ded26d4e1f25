// The rules for a bidder's details as a person types them, on the details form and in the bids
// spreadsheet's detail columns (bid-import-details.ts): every field optional (the notice names
// what is still missing), but what is typed must make sense: an email address, a scheme with its
// number, yes / no / not known for each flag.
import { z } from 'zod';
import { DETAIL_FLAGS, IDENTIFIER_SCHEMES, type BidDetails } from '../engine/bid-details';

/** A field sent twice (an array) is a damaged form and refused; missing is empty. */
const field = z.preprocess((v) => v ?? '', z.string({ error: 'The form was not complete. Go back to the page and try again' })).transform((v) => v.trim().replace(/\s+/g, ' '));
const upTo = (max: number, words: string) => field.pipe(z.string().max(max, `${words} must be ${max} characters or fewer`));

export const FLAG_ANSWERS = ['yes', 'no', 'unknown'] as const;
const flagField = (words: string) => z.preprocess((v) => v ?? 'unknown', z.enum(FLAG_ANSWERS, { error: `Choose yes, no or not known for whether the bidder is ${words}` }));

/** The scheme and identifier fields themselves are fine (so the pair can be compared). */
const identifierReadable = (payload: { issues: readonly { path?: PropertyKey[] | undefined }[] }): boolean =>
  !payload.issues.some((i) => i.path?.[0] === 'scheme' || i.path?.[0] === 'identifier');

export const BidDetailsForm = z
  .object({
    legalName: upTo(200, 'The legal name'),
    streetAddress: upTo(200, 'The street address'),
    locality: upTo(100, 'The town or city'),
    postalCode: upTo(20, 'The postcode'),
    countryName: upTo(100, 'The country'),
    email: upTo(254, 'The email address').refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Enter the email address in the correct format, like bids@example.org' }),
    scheme: z.preprocess((v) => v ?? '', z.enum(['', ...IDENTIFIER_SCHEMES], { error: 'Choose the register the identifier is from' })),
    identifier: upTo(50, 'The identifier').transform((v) => v.replace(/\s/g, '').toUpperCase()),
    ...Object.fromEntries(DETAIL_FLAGS.map(([name, words]) => [name, flagField(words)])),
  })
  // Checked even when another field has a problem, so every problem shows at once.
  .refine((form) => form.identifier === '' || form.scheme !== '', { path: ['scheme'], message: 'Choose the register the identifier is from, or clear the identifier', when: identifierReadable })
  .refine((form) => form.identifier !== '' || form.scheme === '', { path: ['identifier'], message: 'Enter the identifier from the register you chose, like 01234567', when: identifierReadable });
export type BidDetailsFormValues = z.output<typeof BidDetailsForm>;

const optional = (v: string): string | undefined => (v === '' ? undefined : v);
const flagOf = (v: unknown): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

export function detailsFromForm(form: BidDetailsFormValues): BidDetails {
  const values = form as BidDetailsFormValues & Record<string, unknown>;
  const address = {
    streetAddress: optional(form.streetAddress),
    locality: optional(form.locality),
    postalCode: optional(form.postalCode),
    countryName: optional(form.countryName),
  };
  const details: BidDetails = {
    legalName: optional(form.legalName),
    address: Object.values(address).some((v) => v !== undefined) ? address : undefined,
    email: optional(form.email),
    identifier: form.scheme !== '' && form.identifier !== '' ? { scheme: form.scheme, id: form.identifier } : undefined,
  };
  for (const [name] of DETAIL_FLAGS) details[name] = flagOf(values[name]);
  return details;
}

/** The stored details as the form shows them. */
export function formFromDetails(details: BidDetails | null): Record<string, string> {
  const d = details ?? {};
  const answer = (v: boolean | undefined) => (v === undefined ? 'unknown' : v ? 'yes' : 'no');
  return {
    legalName: d.legalName ?? '',
    streetAddress: d.address?.streetAddress ?? '',
    locality: d.address?.locality ?? '',
    postalCode: d.address?.postalCode ?? '',
    countryName: d.address?.countryName ?? (details ? '' : 'United Kingdom'),
    email: d.email ?? '',
    scheme: d.identifier?.scheme ?? '',
    identifier: d.identifier?.id ?? '',
    ...Object.fromEntries(DETAIL_FLAGS.map(([name]) => [name, answer(d[name])])),
  };
}
