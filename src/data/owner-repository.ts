// Who owns (runs) a tender, for handing tenders from one commissioner to another.
import type { Kysely } from 'kysely';
import type { Database, TenderRow, UserRow } from './schema';

export const ownerRepository = {
  /** Active commissioner accounts, by name. */
  async activeCommissioners(db: Kysely<Database>): Promise<UserRow[]> {
    return db.selectFrom('users').selectAll().where('role', '=', 'commissioner').where('deactivated_at', 'is', null).orderBy('name').orderBy('id').execute();
  },
  /** The tenders an account owns that are not finalised, by reference. */
  async unfinishedOwnedBy(db: Kysely<Database>, userId: number): Promise<TenderRow[]> {
    return db.selectFrom('tenders').selectAll().where('owner_id', '=', userId).where('state', '!=', 'finalised').orderBy('reference').execute();
  },
  async setOwner(db: Kysely<Database>, tenderId: number, ownerId: number): Promise<void> {
    await db.updateTable('tenders').set({ owner_id: ownerId }).where('id', '=', tenderId).execute();
  },
};
