import type { Kysely } from 'kysely';
import { jsonNumber } from './dialect';
import type { Database } from './schema';

export const sessionRepository = {
  async find(db: Kysely<Database>, sid: string, now: string): Promise<string | undefined> {
    const row = await db.selectFrom('sessions').select('data').where('sid', '=', sid).where('expires_at', '>', now).executeTakeFirst();
    return row?.data;
  },
  async save(db: Kysely<Database>, sid: string, data: string, expiresAt: string): Promise<void> {
    await db
      .insertInto('sessions')
      .values({ sid, data, expires_at: expiresAt })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at: expiresAt }))
      .execute();
  },
  async touch(db: Kysely<Database>, sid: string, expiresAt: string): Promise<void> {
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('sid', '=', sid).execute();
  },
  async remove(db: Kysely<Database>, sid: string): Promise<void> {
    await db.deleteFrom('sessions').where('sid', '=', sid).execute();
  },
  /** Ends every session of one staff account, signed in or half-way through signing in. */
  async removeOfUser(db: Kysely<Database>, userId: number): Promise<void> {
    await db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb(jsonNumber(db, 'data', 'userId'), '=', userId), eb(jsonNumber(db, 'data', 'pendingUserId'), '=', userId)]))
      .execute();
  },
  async removeExpired(db: Kysely<Database>, now: string): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  },
};
