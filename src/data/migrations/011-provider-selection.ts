// The Provider Selection Regime (Health Care Services (Provider Selection Regime) Regulations
// 2023): whether a tender is bought under it and by which process, what the commissioner records
// for its decision record that the evaluation does not hold, and how each declared conflict of
// interest was managed beyond what the toolkit itself did. New tables only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row for a tender bought under the regime; no row: not under it.
  await db.schema
    .createTable('provider_selections')
    .addColumn('tender_id', 'integer', (c) => c.primaryKey().references('tenders.id').onDelete('cascade'))
    /** direct-award-a, direct-award-b, direct-award-c, most-suitable-provider or competitive. */
    .addColumn('process', 'text', (c) => c.notNull())
    /** Who made the award decision (names, roles, the body that approved it). */
    .addColumn('decision_makers', 'text')
    /** How the basic selection criteria were assessed (outside this toolkit). */
    .addColumn('basic_selection', 'text')
    /** The commissioner's reasons for the decision, in their words. */
    .addColumn('reasons', 'text')
    /** Interests declared by decision makers who are not on the panel, and how they were managed. */
    .addColumn('other_interests', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  // How one declared conflict (member × bid) was managed, in the commissioner's words.
  await db.schema
    .createTable('conflict_notes')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('panel_members.id').onDelete('cascade'))
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conflict_notes_pk', ['member_id', 'bid_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
