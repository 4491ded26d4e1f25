// Moderation keeps everything it replaces: earlier consensus scores, and the submitted scores a
// member's re-opening sends back to draft (the member may then change them, but the score as
// submitted stays on record with why it was re-opened).
import { sql, type Kysely } from 'kysely';
import { autoId } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consensus_history')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('superseded_by', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consensus_history_cell').on('consensus_history').columns(['bid_id', 'criterion']).execute();

  await db.schema
    .createTable('score_reopenings')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    // The score as it was submitted, kept whatever the member does with the draft afterwards.
    .addColumn('score', 'integer')
    .addColumn('abstain', 'integer', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reopened_by', 'text', (c) => c.notNull())
    .addColumn('reopened_at', 'text', (c) => c.notNull())
    .addCheckConstraint('score_reopenings_score_or_abstain', sql`(abstain = 1 and score is null) or (abstain = 0 and score is not null)`)
    .execute();
  await db.schema.createIndex('score_reopenings_tender').on('score_reopenings').column('tender_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
