// Messages to panel members (invitation, reminder, re-open note, outcome), by email or as a
// printable letter, each recorded with whether it was delivered; a member's wish to get them by
// post; the outcome released to the panel; and the panel's anonymous survey. Additive only.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 1: the member asked for their messages by post (printable letters), never by email.
  await db.schema.alterTable('panel_members').addColumn('prefers_post', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // 1 once the member has answered the outcome survey (no time: the answer cannot be matched to it).
  await db.schema.alterTable('panel_members').addColumn('survey_answered', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    /** invitation, reminder, reopened or outcome. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** email or letter. */
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('easy_read', 'integer', (c) => c.notNull())
    .addColumn('to_address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    /** sending, sent, failed (email) or letter (to print). */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    /** JSON: what the message is about, to write it again when re-sent (never a link's token). */
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    /** The message this one sends again, if it is a re-send. */
    .addColumn('resend_of', 'integer')
    .execute();
  await db.schema.createIndex('messages_tender').on('messages').columns(['tender_id', 'member_id']).execute();

  await db.schema
    .createTable('outcome_releases')
    .addColumn('tender_id', 'integer', (c) => c.primaryKey().references('tenders.id'))
    /** The commissioner's "you said, we did" text for the panel. */
    .addColumn('you_said_we_did', 'text', (c) => c.notNull())
    .addColumn('released_by', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text', (c) => c.notNull())
    .execute();

  // Anonymous: no member, no time; only the perspective and the answers (1 to 5, or none).
  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('perspective', 'text', (c) => c.notNull())
    .addColumn('listened', 'integer')
    .addColumn('support', 'integer')
    .addColumn('information', 'integer')
    .addColumn('payment', 'integer')
    .addColumn('comments', 'text')
    .execute();
  await db.schema.createIndex('survey_answers_tender').on('survey_answers').column('tender_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
