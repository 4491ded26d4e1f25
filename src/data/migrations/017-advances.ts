// Travel money in advance: a paid member asks for money for a journey before they make it, and
// procurement or a commissioner records the day it was paid. A paid advance counts as paid already
// when the member's claim is worked out, so it is never paid twice. Additive: one new table.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('expense_advances')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    /** Exact pounds, 2 places. */
    .addColumn('amount', 'text', (c) => c.notNull())
    /** What it is for, in the member's words. */
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    /** The day the money was paid, YYYY-MM-DD (UK). */
    .addColumn('paid_on', 'text')
    .addColumn('paid_by', 'text')
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema.createIndex('expense_advances_member').on('expense_advances').column('member_id').execute();
  await db.schema.createIndex('expense_advances_tender').on('expense_advances').column('tender_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
