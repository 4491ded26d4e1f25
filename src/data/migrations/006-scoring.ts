// The panel's own scoring in the browser: drafts before a score is chosen, conflicts of interest,
// and each member's involvement (time and expenses) with the tender's hourly rate.
import { sql, type Kysely } from 'kysely';
import { autoId, dialectOf } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A draft may hold a reason before a score is chosen ("save and come back later"), so the
  // score-or-abstain rule now binds submitted scores only.
  if (dialectOf(db) === 'postgres') {
    await db.schema.alterTable('scores').dropConstraint('scores_score_or_abstain').execute();
    await db.schema.alterTable('scores').addCheckConstraint('scores_score_or_abstain', SCORE_OR_ABSTAIN).execute();
  } else {
    await rebuildScoresTable(db);
  }

  // When the member made their declaration (null: not yet), and the time they have spent scoring,
  // counted from one save to the next (see services/scoring/time.ts).
  await db.schema.alterTable('panel_members').addColumn('conflicts_declared_at', 'text').execute();
  await db.schema.alterTable('panel_members').addColumn('scoring_seconds', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('panel_members').addColumn('last_active_at', 'text').execute();

  await db.schema
    .createTable('member_conflicts')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_conflicts_pk', ['member_id', 'bid_id'])
    .execute();

  // Pounds per hour, as an exact decimal string; null until the commissioner sets it.
  await db.schema.alterTable('tenders').addColumn('hourly_rate', 'text').execute();

  await db.schema
    .createTable('involvement_entries')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reading', 'meeting', 'travel', 'cover', 'other')`))
    .addColumn('on_date', 'text', (c) => c.notNull())
    // Time for reading and meetings; an amount in pounds (exact decimal string) for expenses.
    .addColumn('minutes', 'integer')
    .addColumn('amount', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('involvement_time_or_amount', sql`(minutes is not null and amount is null) or (minutes is null and amount is not null)`)
    .execute();
  await db.schema.createIndex('involvement_entries_member').on('involvement_entries').column('member_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}

const SCORE_OR_ABSTAIN = sql`(abstain = 1 and score is null) or (abstain = 0 and score is not null) or (status = 'draft' and abstain = 0 and score is null)`;

/** SQLite cannot change a CHECK in place: the table is rebuilt with the same columns and ids (nothing refers to scores.id). */
async function rebuildScoresTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scores_rebuilt')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('abstain', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('entered_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scores_member_bid_criterion', ['member_id', 'bid_id', 'criterion'])
    .addCheckConstraint('scores_score_or_abstain', SCORE_OR_ABSTAIN)
    .execute();
  await sql`INSERT INTO scores_rebuilt (id, tender_id, member_id, bid_id, criterion, score, abstain, rationale, status, version, entered_by, updated_at)
    SELECT id, tender_id, member_id, bid_id, criterion, score, abstain, rationale, status, version, entered_by, updated_at FROM scores`.execute(db);
  await db.schema.dropTable('scores').execute();
  await sql`ALTER TABLE scores_rebuilt RENAME TO scores`.execute(db);
  await db.schema.createIndex('scores_tender').on('scores').column('tender_id').execute();
}
