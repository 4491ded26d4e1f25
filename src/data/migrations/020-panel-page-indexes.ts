// Indexes for what every panel page reads (additive; the same on SQLite and PostgreSQL):
// - a signed-in member's session checks that no newer link of theirs works, which without an index
//   on the member looked at every invitation issued after theirs, to all tenders;
// - a score page asks whether moderation sent the cell back to the member, which without an index
//   read every reopened cell of every tender.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('invitations_member').on('invitations').columns(['member_id', 'id']).execute();
  await db.schema.createIndex('score_reopenings_cell').on('score_reopenings').columns(['member_id', 'bid_id', 'criterion']).execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
