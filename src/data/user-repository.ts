import type { Insertable, Kysely } from 'kysely';
import type { Database, UserRow, UsersTable } from './schema';

export const userRepository = {
  async findByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },
  async findById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Kysely<Database>, user: Omit<Insertable<UsersTable>, 'id'>): Promise<number> {
    const row = await db.insertInto('users').values({ ...user, email: user.email.toLowerCase() }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
  /** Every account, active ones first, then by name. */
  async list(db: Kysely<Database>): Promise<UserRow[]> {
    return db.selectFrom('users').selectAll().orderBy('deactivated_at', 'asc').orderBy('name').orderBy('id').execute();
  },
  async update(db: Kysely<Database>, id: number, changes: Partial<Pick<UserRow, 'role' | 'password_hash' | 'deactivated_at' | 'totp_secret' | 'totp_confirmed_at' | 'totp_last_step'>>): Promise<void> {
    await db.updateTable('users').set(changes).where('id', '=', id).execute();
  },
  /** Ends every session of the account begun so far: their recorded count no longer matches. */
  async nextSessionGeneration(db: Kysely<Database>, id: number): Promise<void> {
    await db
      .updateTable('users')
      .set((eb) => ({ session_generation: eb('session_generation', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },
  /**
   * Takes a TOTP step for the account only if it is later than the last one taken: false when a
   * code of that step (or a later one) was already used, so a code is never accepted twice.
   */
  async takeTotpStep(db: Kysely<Database>, id: number, step: number): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
