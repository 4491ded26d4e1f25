// A bidder's legal details for the contract award notice, named as OCDS names them (a tender
// pack's `bids[].details`). Every field may be missing: a pack or a bid without them still
// imports, and the notice names what is missing.
import { z } from 'zod';

/** Register schemes for a UK supplier's identifier (org-id.guide codes, and the PPON). */
export const IDENTIFIER_SCHEMES = ['GB-COH', 'GB-CHC', 'GB-SC', 'GB-NIC', 'GB-PPON'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];
export const SCHEME_NAMES: Record<IdentifierScheme, string> = {
  'GB-COH': 'Companies House number',
  'GB-CHC': 'Charity Commission (England and Wales) number',
  'GB-SC': 'Scottish charity number (OSCR)',
  'GB-NIC': 'Charity Commission for Northern Ireland number',
  'GB-PPON': 'Public Procurement Organisation Number (PPON)',
};

/** The notice's flags, with the words the web form and the notice's problems use. */
export const DETAIL_FLAGS = [
  ['sme', 'a small or medium-sized enterprise (SME)'],
  ['vcse', 'a voluntary, community or social enterprise (VCSE)'],
  ['shelteredWorkshop', 'a supported employment provider'],
  ['publicServiceMissionOrganization', 'a public service mutual'],
] as const;
export type DetailFlag = (typeof DETAIL_FLAGS)[number][0];

const text = (max: number) => z.string().trim().min(1).max(max);

export const BidDetailsSchema = z.strictObject({
  legalName: text(200).optional(),
  address: z
    .strictObject({
      streetAddress: text(200).optional(),
      locality: text(100).optional(),
      postalCode: text(20).optional(),
      countryName: text(100).optional(),
    })
    .optional(),
  email: z.email({ error: 'expected an email address, like bids@example.org' }).max(254).optional(),
  identifier: z
    .strictObject({
      scheme: z.enum(IDENTIFIER_SCHEMES, { error: `expected one of ${IDENTIFIER_SCHEMES.join(', ')}` }),
      id: text(50),
    })
    .optional(),
  sme: z.boolean().optional(),
  vcse: z.boolean().optional(),
  shelteredWorkshop: z.boolean().optional(),
  publicServiceMissionOrganization: z.boolean().optional(),
});
export type BidDetails = z.output<typeof BidDetailsSchema>;

/** What the award notice needs of the winner, in the order a person fills it in. */
export const REQUIRED_DETAILS = [
  ['legalName', 'legal name', (d: BidDetails) => d.legalName],
  ['address.streetAddress', 'street address', (d: BidDetails) => d.address?.streetAddress],
  ['address.locality', 'town or city', (d: BidDetails) => d.address?.locality],
  ['address.postalCode', 'postcode', (d: BidDetails) => d.address?.postalCode],
  ['address.countryName', 'country', (d: BidDetails) => d.address?.countryName],
  ['email', 'email', (d: BidDetails) => d.email],
  ['identifier', 'identifier (scheme and number)', (d: BidDetails) => d.identifier?.id],
  ['sme', 'whether it is an SME', (d: BidDetails) => d.sme],
  ['vcse', 'whether it is a VCSE', (d: BidDetails) => d.vcse],
  ['shelteredWorkshop', 'whether it is a supported employment provider', (d: BidDetails) => d.shelteredWorkshop],
  ['publicServiceMissionOrganization', 'whether it is a public service mutual', (d: BidDetails) => d.publicServiceMissionOrganization],
] as const;

/** The fields of REQUIRED_DETAILS that are missing, in words (empty when complete). */
export function missingDetails(details: BidDetails | null): string[] {
  return REQUIRED_DETAILS.filter(([, , value]) => value(details ?? {}) === undefined).map(([, words]) => words);
}

/** The details as rows of words for a summary list (only the fields that are known). */
export function detailsView(d: BidDetails): { key: string; value: string }[] {
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'Yes' : 'No');
  const address = [d.address?.streetAddress, d.address?.locality, d.address?.postalCode, d.address?.countryName].filter((v) => v !== undefined).join(', ');
  const rows: [string, string | undefined][] = [
    ['Legal name', d.legalName],
    ['Address', address || undefined],
    ['Email', d.email],
    ['Identifier', d.identifier ? `${SCHEME_NAMES[d.identifier.scheme]}: ${d.identifier.id}` : undefined],
    ['SME', yesNo(d.sme)],
    ['VCSE', yesNo(d.vcse)],
    ['Supported employment provider', yesNo(d.shelteredWorkshop)],
    ['Public service mutual', yesNo(d.publicServiceMissionOrganization)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined).map(([key, value]) => ({ key, value }));
}
