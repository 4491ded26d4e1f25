// Assessment summaries: the commissioner's own wording of the explanation of a bid's score for one
// criterion, written before the summaries are issued. Without a row here the summary explains the
// score from the moderation record or the panel's reasons.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('summary_explanations')
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('summary_explanations_pk', ['bid_id', 'criterion'])
    .execute();
  await db.schema.createIndex('summary_explanations_tender').on('summary_explanations').column('tender_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
