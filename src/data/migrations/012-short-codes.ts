// Invitation short codes: each invitation link also has a code a member can type at /code. Only
// a slow hash of the code is kept (src/services/short-codes.ts), on the link's own row, so the
// code stops whenever its link stops. Links made before this migration have no code (null).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').addColumn('code_hash', 'text').execute();
  await db.schema.createIndex('invitations_code_hash').on('invitations').column('code_hash').unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
