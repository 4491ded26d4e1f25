// Assessment summaries' dates: the day each bid's summary was issued (when the tender was
// finalised) and the day the commissioner says it was sent to the bidder. Additive: a new table,
// filled for tenders finalised before this migration from their finalisation time.
import type { Kysely } from 'kysely';

/** The tables this migration reads and writes, as they stand at this migration. */
interface Tables {
  finalisations: { tender_id: number; finalised_at: string };
  bids: { id: number; tender_id: number; withdrawn: number };
  summary_dates: { bid_id: number; tender_id: number; issued_at: string; sent_on: string | null; sent_by: string | null; sent_recorded_at: string | null };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('summary_dates')
    .addColumn('bid_id', 'integer', (c) => c.primaryKey().references('bids.id').onDelete('cascade'))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    /** When the summary was issued (the tender finalised), an ISO time. */
    .addColumn('issued_at', 'text', (c) => c.notNull())
    /** The day it was sent to the bidder (YYYY-MM-DD, UK), as the commissioner records it; null until then. */
    .addColumn('sent_on', 'text')
    .addColumn('sent_by', 'text')
    .addColumn('sent_recorded_at', 'text')
    .execute();
  await db.schema.createIndex('summary_dates_tender').on('summary_dates').column('tender_id').execute();

  // Tenders already finalised issued their summaries then.
  const tables = db as unknown as Kysely<Tables>;
  const issued = await tables
    .selectFrom('finalisations')
    .innerJoin('bids', 'bids.tender_id', 'finalisations.tender_id')
    .select(['bids.id as bid_id', 'bids.tender_id', 'finalisations.finalised_at'])
    .where('bids.withdrawn', '=', 0)
    .execute();
  for (const row of issued) {
    await tables.insertInto('summary_dates').values({ bid_id: row.bid_id, tender_id: row.tender_id, issued_at: row.finalised_at, sent_on: null, sent_by: null, sent_recorded_at: null }).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
