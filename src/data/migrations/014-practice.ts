// The practice round: whether the commissioner offers or expects it on a tender, each member's
// practice scores (their own: staff see only whether the round is done), the time spent
// practising, and involvement time entries for practice and training sessions.
import { sql, type Kysely } from 'kysely';
import { autoId } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  // off, offered or expected; offered unless the commissioner chooses otherwise.
  await db.schema.alterTable('tenders').addColumn('practice', 'text', (c) => c.notNull().defaultTo('offered')).execute();

  // Time spent practising, counted like time spent scoring; and when the member finished the round.
  await db.schema.alterTable('panel_members').addColumn('practice_seconds', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('panel_members').addColumn('practice_done_at', 'text').execute();

  // One row per member and practice answer (its place in the rubric's practice list, from 1).
  await db.schema
    .createTable('practice_scores')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    .addColumn('item', 'integer', (c) => c.notNull())
    /** Null when the member chose "I cannot score this", or has not chosen yet. */
    .addColumn('score', 'integer')
    .addColumn('abstain', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('practice_scores_member_item', ['member_id', 'item'])
    .execute();

  // Practice and training time. The kind column keeps its older kinds (its check cannot change
  // without rebuilding the table), so these entries store the nearest older kind ('reading' for
  // practice, 'meeting' for training) and say what the time was for here.
  await db.schema
    .alterTable('involvement_entries')
    .addColumn('activity', 'text', (c) => c.check(sql`activity is null or activity in ('practice', 'training')`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
