// A summary review holds the fingerprint of the summary as the commissioner read it (a SHA-256 of
// everything the bidder would read: scores, points, rank, the winner and the comparison with it,
// prices, explanations), so the review holds exactly as long as the summary says the same.
// Additive and nullable, the same on SQLite and PostgreSQL: a review stored before this has no
// fingerprint, and is to be made again (nobody can say now what it was made on).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('summary_reviews').addColumn('content_fingerprint', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
