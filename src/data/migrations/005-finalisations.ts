// What was decided when a tender was finalised: the results exactly as they stood and the head
// of the audit chain at that moment, so the decision can be shown and checked later.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finalisations')
    .addColumn('tender_id', 'integer', (c) => c.primaryKey().references('tenders.id'))
    .addColumn('results_json', 'text', (c) => c.notNull())
    .addColumn('results_sha256', 'text', (c) => c.notNull())
    .addColumn('chain_head', 'text', (c) => c.notNull())
    .addColumn('finalised_by', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
