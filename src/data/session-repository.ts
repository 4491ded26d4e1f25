import type { Kysely } from 'kysely';
import { jsonNumber } from './dialect';
import { preparedQuery } from './prepared-query';
import type { Database } from './schema';

/** Read on every request that carries a session cookie, so kept compiled (prepared-query.ts). */
const sessionData = preparedQuery((db: Kysely<Database>, args: { sid: string; now: string }) =>
  db.selectFrom('sessions').select('data').where('sid', '=', args.sid).where('expires_at', '>', args.now),
);

export const sessionRepository = {
  async find(db: Kysely<Database>, sid: string, now: string): Promise<string | undefined> {
    const [row] = await sessionData(db, { sid, now });
    return row?.data;
  },
  async save(db: Kysely<Database>, sid: string, data: string, expiresAt: string): Promise<void> {
    await db
      .insertInto('sessions')
      .values({ sid, data, expires_at: expiresAt })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at: expiresAt }))
      .execute();
  },
  /** Writes a session that has a row; a row deleted meanwhile stays deleted (nothing is written). */
  async update(db: Kysely<Database>, sid: string, data: string, expiresAt: string): Promise<void> {
    await db.updateTable('sessions').set({ data, expires_at: expiresAt }).where('sid', '=', sid).execute();
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
  /** Deletes the sessions that have ended (with anything kept in them); returns how many. */
  async removeExpired(db: Kysely<Database>, now: string): Promise<number> {
    const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
