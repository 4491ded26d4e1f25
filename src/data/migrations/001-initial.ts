// The first schema. Written with Kysely's schema builder so it runs on SQLite and PostgreSQL; the
// auto-numbered keys and the audit table's append-only triggers come from ../dialect.
import { sql, type Kysely } from 'kysely';
import { autoId, makeAppendOnly } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('commissioner', 'procurement', 'facilitator')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tenders')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('rubric_id', 'text', (c) => c.notNull())
    .addColumn('rubric_json', 'text', (c) => c.notNull())
    .addColumn('aggregation', 'text', (c) => c.notNull().check(sql`aggregation in ('mean', 'median', 'equal-voice')`))
    .addColumn('anonymise', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'scoring', 'moderation', 'finalised')`))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bids')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('supplier', 'text', (c) => c.notNull())
    .addColumn('price', 'text')
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('bids_tender_key', ['tender_id', 'key'])
    .execute();

  await db.schema
    .createTable('bid_responses')
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bid_responses_pk', ['bid_id', 'criterion'])
    .execute();

  await db.schema
    .createTable('panel_members')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('perspective', 'text', (c) => c.notNull().check(sql`perspective in ('professional', 'lived-experience')`))
    .addColumn('contact', 'text')
    .addColumn('access_needs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('access_notes', 'text')
    .addUniqueConstraint('panel_members_tender_key', ['tender_id', 'key'])
    .execute();

  await db.schema
    .createTable('member_criteria')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_criteria_pk', ['member_id', 'criterion'])
    .execute();

  await db.schema
    .createTable('member_bids')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addPrimaryKeyConstraint('member_bids_pk', ['member_id', 'bid_id'])
    .execute();

  await db.schema
    .createTable('scores')
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
    .addCheckConstraint('scores_score_or_abstain', sql`(abstain = 1 and score is null) or (abstain = 0 and score is not null)`)
    .execute();
  await db.schema.createIndex('scores_tender').on('scores').column('tender_id').execute();

  await db.schema
    .createTable('consensus')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consensus_bid_criterion', ['bid_id', 'criterion'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', autoId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('tender_ref', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();

  // The audit trail is append-only: the database itself refuses to change or remove an event.
  await makeAppendOnly(db, 'audit_events', 'audit events are append-only');
}

export async function down(): Promise<void> {
  throw new Error('the first migration cannot be undone; restore from a backup instead');
}
