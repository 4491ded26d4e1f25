// Leases: which app instance does a job (pruning, loading the demo) until when, so that several
// instances on one database never do it at the same time.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export const leaseRepository = {
  /**
   * Takes the lease `name` for `holder` until `until`, in ONE statement: it is taken when no one
   * holds it, when its time ran out at or before `now`, or when `holder` holds it already (which
   * renews it). Returns false when another holder's lease is still running. Of two instances
   * asking at once, the database lets exactly one insert or update the row.
   */
  async take(db: Kysely<Database>, name: string, holder: string, now: string, until: string): Promise<boolean> {
    const row = await db
      .insertInto('maintenance_leases')
      .values({ name, holder, until })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({ holder: eb.ref('excluded.holder'), until: eb.ref('excluded.until') }))
          .where((eb) => eb.or([eb('maintenance_leases.until', '<=', now), eb('maintenance_leases.holder', '=', holder)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Ends a holder's own lease (a heartbeat at a clean stop). */
  async release(db: Kysely<Database>, name: string, holder: string): Promise<void> {
    await db.deleteFrom('maintenance_leases').where('name', '=', name).where('holder', '=', holder).execute();
  },

  /** Leases whose name starts with `prefix` still running after `now`. */
  async running(db: Kysely<Database>, prefix: string, now: string): Promise<{ holder: string; until: string }[]> {
    return db.selectFrom('maintenance_leases').select(['holder', 'until']).where('name', 'like', `${prefix}%`).where('until', '>', now).orderBy('holder').execute();
  },

  async find(db: Kysely<Database>, name: string): Promise<{ holder: string; until: string } | undefined> {
    return db.selectFrom('maintenance_leases').select(['holder', 'until']).where('name', '=', name).executeTakeFirst();
  },
};
