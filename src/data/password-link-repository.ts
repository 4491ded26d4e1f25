import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, PasswordLinksTable } from './schema';

export type PasswordLinkRow = Selectable<PasswordLinksTable>;

export const passwordLinkRepository = {
  async insert(db: Kysely<Database>, link: Insertable<PasswordLinksTable>): Promise<void> {
    await db.insertInto('password_links').values(link).execute();
  },
  async findByHash(db: Kysely<Database>, tokenHash: string): Promise<PasswordLinkRow | undefined> {
    return db.selectFrom('password_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  },
  /** Marks a link used; false when it was used already (two tabs sending at once). */
  async use(db: Kysely<Database>, id: number, at: string): Promise<boolean> {
    const result = await db.updateTable('password_links').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  /** A new link replaces the account's earlier ones: they stop working now. */
  async expireUnused(db: Kysely<Database>, userId: number, at: string): Promise<void> {
    await db.updateTable('password_links').set({ expires_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).where('expires_at', '>', at).execute();
  },
};
