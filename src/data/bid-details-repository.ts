// Bidders' legal details (table bid_details), mapped to and from the OCDS-named shape.
import type { Kysely } from 'kysely';
import type { BidDetails, IdentifierScheme } from '../engine/bid-details';
import type { BidDetailsRow, Database } from './schema';

const flag = (value: number | null): boolean | undefined => (value === null ? undefined : value === 1);
const flagRow = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

/** Drops the keys whose value is undefined, so an empty address is no address. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function detailsOf(row: BidDetailsRow): BidDetails {
  const address = defined({
    streetAddress: row.street_address ?? undefined,
    locality: row.locality ?? undefined,
    postalCode: row.postal_code ?? undefined,
    countryName: row.country_name ?? undefined,
  });
  return defined({
    legalName: row.legal_name ?? undefined,
    address: Object.keys(address).length > 0 ? address : undefined,
    email: row.email ?? undefined,
    identifier: row.identifier_scheme !== null && row.identifier_id !== null ? { scheme: row.identifier_scheme as IdentifierScheme, id: row.identifier_id } : undefined,
    sme: flag(row.sme),
    vcse: flag(row.vcse),
    shelteredWorkshop: flag(row.sheltered_workshop),
    publicServiceMissionOrganization: flag(row.public_service_mission),
  });
}

export function rowOf(bidId: number, d: BidDetails): BidDetailsRow {
  return {
    bid_id: bidId,
    legal_name: d.legalName ?? null,
    street_address: d.address?.streetAddress ?? null,
    locality: d.address?.locality ?? null,
    postal_code: d.address?.postalCode ?? null,
    country_name: d.address?.countryName ?? null,
    email: d.email ?? null,
    identifier_scheme: d.identifier?.scheme ?? null,
    identifier_id: d.identifier?.id ?? null,
    sme: flagRow(d.sme),
    vcse: flagRow(d.vcse),
    sheltered_workshop: flagRow(d.shelteredWorkshop),
    public_service_mission: flagRow(d.publicServiceMissionOrganization),
  };
}

export const bidDetailsRepository = {
  async find(db: Kysely<Database>, bidId: number): Promise<BidDetails | null> {
    const row = await db.selectFrom('bid_details').selectAll().where('bid_id', '=', bidId).executeTakeFirst();
    return row ? detailsOf(row) : null;
  },
  /** Bid id → details, for the bids of one tender that have any. */
  async ofTender(db: Kysely<Database>, tenderId: number): Promise<Map<number, BidDetails>> {
    const rows = await db.selectFrom('bid_details').innerJoin('bids', 'bids.id', 'bid_details.bid_id').selectAll('bid_details').where('bids.tender_id', '=', tenderId).execute();
    return new Map(rows.map((r) => [r.bid_id, detailsOf(r)]));
  },
  async save(db: Kysely<Database>, bidId: number, details: BidDetails): Promise<void> {
    const row = rowOf(bidId, details);
    await db.insertInto('bid_details').values(row).onConflict((oc) => oc.column('bid_id').doUpdateSet({ ...row })).execute();
  },
};
