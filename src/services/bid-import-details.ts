// The bidder's details in the bids spreadsheet: optional columns, each checked by the same rules
// as the bidder's details form (bid-details-rules.ts), each problem naming its column and saying
// what is expected. A row whose detail cells are all blank has no details.
import type { z } from 'zod';
import { DETAIL_FLAGS, IDENTIFIER_SCHEMES, SCHEME_NAMES, type BidDetails } from '../engine/bid-details';
import { BidDetailsForm, detailsFromForm } from './bid-details-rules';

type FormField = 'legalName' | 'streetAddress' | 'locality' | 'postalCode' | 'countryName' | 'email' | 'scheme' | 'identifier' | (typeof DETAIL_FLAGS)[number][0];

/** The optional columns: the heading the template uses first, then other headings taken as the same. */
export const DETAIL_COLUMNS: readonly { field: FormField; headings: readonly string[]; what: string }[] = [
  { field: 'legalName', headings: ['legal name'], what: 'The legal name, as registered.' },
  { field: 'streetAddress', headings: ['street address', 'address'], what: 'The street address (building and street).' },
  { field: 'locality', headings: ['town or city', 'town', 'city', 'locality'], what: 'The town or city.' },
  { field: 'postalCode', headings: ['postcode', 'postal code'], what: 'The postcode.' },
  { field: 'countryName', headings: ['country', 'country name'], what: 'The country, like United Kingdom.' },
  { field: 'email', headings: ['email', 'email address'], what: 'An email address for the bidder, like bids@example.org.' },
  { field: 'scheme', headings: ['identifier scheme', 'scheme'], what: `The register the identifier is from: ${IDENTIFIER_SCHEMES.map((s) => `${s} (${SCHEME_NAMES[s]})`).join(', ')}.` },
  { field: 'identifier', headings: ['identifier', 'identifier id', 'identifier number'], what: 'The number in that register, like 01234567.' },
  { field: 'sme', headings: ['sme'], what: 'yes or no: a small or medium-sized enterprise. Blank: not known.' },
  { field: 'vcse', headings: ['vcse'], what: 'yes or no: a voluntary, community or social enterprise. Blank: not known.' },
  { field: 'shelteredWorkshop', headings: ['supported employment', 'supported employment provider', 'sheltered workshop'], what: 'yes or no: a supported employment provider. Blank: not known.' },
  { field: 'publicServiceMissionOrganization', headings: ['public service mutual'], what: 'yes or no: a public service mutual. Blank: not known.' },
];

export type DetailField = FormField;

/** The detail column a (normalised) heading names, if any. */
export function detailFieldOf(heading: string): DetailField | null {
  return DETAIL_COLUMNS.find((c) => c.headings.includes(heading))?.field ?? null;
}

/** The first heading of each detail column, in the template's order. */
export const detailHeadings = (): string[] => DETAIL_COLUMNS.map((c) => c.headings[0]!);

const FLAGS = new Set<string>(DETAIL_FLAGS.map(([name]) => name));
const SCHEMES_IN_WORDS = `one of ${IDENTIFIER_SCHEMES.map((s) => `${s} (${SCHEME_NAMES[s]})`).join(', ')}`;

/** A flag cell as the form's answer: yes, no, unknown (blank or "not known"), or the text itself (refused). */
function flagAnswer(text: string): string {
  const answer = text.trim().toLowerCase();
  return answer === '' || answer === 'not known' || answer === 'unknown' ? 'unknown' : answer;
}

export interface DetailCell {
  field: DetailField;
  text: string;
  /** The column in words, e.g. `H (email)`. */
  column: string;
}

export interface RowDetails {
  details: BidDetails | null;
  problems: { column: string; message: string }[];
}

/** The message for one of the form's problems, in the import's words (what is there, what is expected). */
function messageOf(issue: z.core.$ZodIssue, field: DetailField, cells: Map<DetailField, DetailCell>): string {
  const text = cells.get(field)?.text.trim() ?? '';
  if (FLAGS.has(field)) return `"${text}" is not yes or no; expected yes, no, or blank when not known`;
  if (issue.code === 'too_big') return `is ${text.length} characters long; expected at most ${String(issue.maximum)}`;
  if (field === 'email') return `"${text}" is not an email address; expected one like bids@example.org`;
  if (field === 'scheme') {
    if (text !== '') return `"${text}" is not an identifier scheme; expected ${SCHEMES_IN_WORDS}`;
    const id = cells.get('identifier')?.text.trim() ?? '';
    return `is blank, but the identifier is "${id}"; expected the register it is from: ${SCHEMES_IN_WORDS}`;
  }
  if (field === 'identifier') {
    const scheme = cells.get('scheme')?.text.trim().toUpperCase() ?? '';
    return `is blank, but the identifier scheme is ${scheme}; expected the number from that register, like 01234567, or clear the scheme`;
  }
  return issue.message;
}

/**
 * The details a row's detail cells give, checked by the details form's rules. A pair that needs
 * its other half (an identifier without a scheme) is reported on the column that is there when
 * the other one is missing from the sheet.
 */
export function detailsOfRow(cells: DetailCell[]): RowDetails {
  if (cells.every((c) => c.text.trim() === '')) return { details: null, problems: [] };
  const byField = new Map(cells.map((c) => [c.field, c]));
  const input: Record<string, string> = {};
  for (const { field } of DETAIL_COLUMNS) {
    const text = byField.get(field)?.text ?? '';
    input[field] = FLAGS.has(field) ? flagAnswer(text) : field === 'scheme' ? text.trim().toUpperCase() : text;
  }
  const parsed = BidDetailsForm.safeParse(input);
  if (parsed.success) return { details: detailsFromForm(parsed.data), problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0]) as DetailField;
    const cell = byField.get(field);
    if (cell) return { column: cell.column, message: messageOf(issue, field, byField) };
    // The other half's column is not in the sheet at all.
    const other = byField.get(field === 'scheme' ? 'identifier' : 'scheme');
    const heading = DETAIL_COLUMNS.find((c) => c.field === field)!.headings[0]!;
    return { column: other?.column ?? '', message: `needs an "${heading}" column too; expected both "identifier scheme" and "identifier", or neither` };
  });
  return { details: null, problems };
}
