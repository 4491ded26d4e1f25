import type { Kysely } from 'kysely';
import type { Database } from './schema';

export const recoveryCodeRepository = {
  async replace(db: Kysely<Database>, userId: number, codeHashes: string[]): Promise<void> {
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (codeHashes.length > 0) await db.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null }))).execute();
  },
  /** Uses one unused code; false when it is not one of the account's or was used before. */
  async use(db: Kysely<Database>, userId: number, codeHash: string, at: string): Promise<boolean> {
    const result = await db.updateTable('recovery_codes').set({ used_at: at }).where('user_id', '=', userId).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async unusedCount(db: Kysely<Database>, userId: number): Promise<number> {
    const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async removeOfUser(db: Kysely<Database>, userId: number): Promise<void> {
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  },
};
