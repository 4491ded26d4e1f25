// Payment that happens: each paid member's choice (be paid, a voucher, or no payment) and their
// claims moving from claimed to approved to paid. Every step keeps who took it and when.
// Additive: two new tables.
import type { Kysely } from 'kysely';
import { autoId } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The member's choice, made after reading that payments may affect benefits: paid, voucher or declined.
  await db.schema
    .createTable('payment_choices')
    .addColumn('member_id', 'integer', (c) => c.primaryKey().references('panel_members.id'))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'text', (c) => c.notNull())
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .execute();

  // A claim: the figures as they were when the member claimed, and each step after it.
  await db.schema
    .createTable('involvement_claims')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id'))
    /** claimed, approved or paid. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    /** Pounds an hour when claimed; null when the member chose no payment for their time. */
    .addColumn('rate', 'text')
    .addColumn('time_payment', 'text', (c) => c.notNull())
    .addColumn('expenses', 'text', (c) => c.notNull())
    /** Paid already: earlier claims. */
    .addColumn('paid_before', 'text', (c) => c.notNull())
    /** What this claim asks to be paid. */
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    /** The day the money was paid, YYYY-MM-DD (UK). */
    .addColumn('paid_on', 'text')
    .addColumn('paid_by', 'text')
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema.createIndex('involvement_claims_member').on('involvement_claims').column('member_id').execute();
  await db.schema.createIndex('involvement_claims_tender').on('involvement_claims').column('tender_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
