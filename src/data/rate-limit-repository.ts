// The rate limits' counts, one row per limit and client key, shared by every instance on the
// database. Times are ISO 8601 strings in UTC, which compare as text in time order on both
// databases.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface Hits {
  hits: number;
  resetsAt: string;
}

export const rateLimitRepository = {
  /**
   * Counts one hit in ONE statement (an upsert that returns the row), so hits from several
   * instances at once are never lost: a new key, or one whose window ended at or before `now`,
   * starts again at 1 with a window ending at `resetsAt`; otherwise its count goes up by one.
   * SQLite (3.35 or later) and PostgreSQL both evaluate the SET against the row as it was.
   */
  async increment(db: Kysely<Database>, name: string, key: string, now: string, resetsAt: string): Promise<Hits> {
    const row = await db
      .insertInto('rate_limit_hits')
      .values({ name, key, hits: 1, resets_at: resetsAt })
      .onConflict((oc) =>
        oc.columns(['name', 'key']).doUpdateSet((eb) => {
          const ended = eb('rate_limit_hits.resets_at', '<=', now);
          return {
            hits: eb.case().when(ended).then(eb.lit(1)).else(eb('rate_limit_hits.hits', '+', eb.lit(1))).end(),
            resets_at: eb.case().when(ended).then(eb.ref('excluded.resets_at')).else(eb.ref('rate_limit_hits.resets_at')).end(),
          };
        }),
      )
      .returning(['hits', 'resets_at'])
      .executeTakeFirstOrThrow();
    return { hits: Number(row.hits), resetsAt: row.resets_at };
  },

  /** Takes back one hit of a window still running (a request that does not count after all). */
  async decrement(db: Kysely<Database>, name: string, key: string, now: string): Promise<void> {
    await db
      .updateTable('rate_limit_hits')
      .set((eb) => ({ hits: eb('hits', '-', eb.lit(1)) }))
      .where('name', '=', name)
      .where('key', '=', key)
      .where('hits', '>', 0)
      .where('resets_at', '>', now)
      .execute();
  },

  /** The count of a window still running, or undefined. */
  async find(db: Kysely<Database>, name: string, key: string, now: string): Promise<Hits | undefined> {
    const row = await db.selectFrom('rate_limit_hits').select(['hits', 'resets_at']).where('name', '=', name).where('key', '=', key).where('resets_at', '>', now).executeTakeFirst();
    return row ? { hits: Number(row.hits), resetsAt: row.resets_at } : undefined;
  },

  async remove(db: Kysely<Database>, name: string, key: string): Promise<void> {
    await db.deleteFrom('rate_limit_hits').where('name', '=', name).where('key', '=', key).execute();
  },

  async removeAll(db: Kysely<Database>, name: string): Promise<void> {
    await db.deleteFrom('rate_limit_hits').where('name', '=', name).execute();
  },

  /** Deletes the rows of every limit whose window has ended; returns how many. */
  async removeExpired(db: Kysely<Database>, now: string): Promise<number> {
    const result = await db.deleteFrom('rate_limit_hits').where('resets_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
