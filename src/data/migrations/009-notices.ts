// What the contract award notice needs beyond the evaluation: each bidder's legal details (named
// as OCDS names them) and whether the tender is a light-touch contract (standstill voluntary).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per bid with any details; every field may be missing until the commissioner has it.
  await db.schema
    .createTable('bid_details')
    .addColumn('bid_id', 'integer', (c) => c.primaryKey().references('bids.id').onDelete('cascade'))
    .addColumn('legal_name', 'text')
    .addColumn('street_address', 'text')
    .addColumn('locality', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country_name', 'text')
    .addColumn('email', 'text')
    /** GB-COH, GB-CHC, GB-SC, GB-NIC or GB-PPON. */
    .addColumn('identifier_scheme', 'text')
    .addColumn('identifier_id', 'text')
    /** The notice's flags: 1 yes, 0 no, null not known. */
    .addColumn('sme', 'integer')
    .addColumn('vcse', 'integer')
    .addColumn('sheltered_workshop', 'integer')
    .addColumn('public_service_mission', 'integer')
    .execute();

  // Most social care is bought under the light-touch regime, where standstill is voluntary.
  await db.schema.alterTable('tenders').addColumn('light_touch', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
