// An evaluation that cannot be finalised by accident: the reasons a commissioner gave for moving a
// tender on with items still outstanding, the timetable, members who leave the panel, dissents
// from a consensus score, and the assessment summaries a commissioner has reviewed.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The timetable: calendar days in UK time, YYYY-MM-DD; null until the commissioner sets them.
  await db.schema.alterTable('tenders').addColumn('scoring_closes_on', 'text').execute();
  await db.schema.alterTable('tenders').addColumn('moderation_on', 'text').execute();
  await db.schema.alterTable('tenders').addColumn('award_planned_on', 'text').execute();

  // A member who leaves the panel: their sent scores stay stored and are left out of the results.
  await db.schema.alterTable('panel_members').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('panel_members').addColumn('withdrawn_reason', 'text').execute();
  await db.schema.alterTable('panel_members').addColumn('withdrawn_by', 'text').execute();

  // Moving a tender on past items that were outstanding, with the commissioner's written reason.
  await db.schema
    .createTable('stage_overrides')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    /** JSON array of the outstanding items' texts, as the commissioner saw them. */
    .addColumn('outstanding', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stage_overrides_tender').on('stage_overrides').column('tender_id').execute();

  // A member who attended moderation and disagrees with the consensus score, in their words.
  await db.schema
    .createTable('consensus_dissents')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    /** The consensus score the dissent is from (a later consensus may replace it). */
    .addColumn('consensus_score', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consensus_dissents_tender').on('consensus_dissents').column('tender_id').execute();

  // A bid's assessment summary, read and accepted by a commissioner before the tender is finalised.
  await db.schema
    .createTable('summary_reviews')
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('summary_reviews_pk', ['tender_id', 'bid_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
