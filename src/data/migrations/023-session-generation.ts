// Each staff account counts the times all its sessions were ended (a password set with a link, an
// authenticator reset, a deactivation). A session records the count as its sign-in began, and
// every request compares it with the account's: a session from before the end no longer works,
// whichever instance wrote it and whenever. Additive, with a default, the same on SQLite and
// PostgreSQL: sessions stored before this hold no count and are taken as count 0.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('session_generation', 'integer', (col) => col.notNull().defaultTo(0)).execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
