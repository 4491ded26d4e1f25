// Travel money asked for in advance (migration 017). Plain Kysely builder queries, no SQLite-only SQL.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { AdvanceRow, Database, ExpenseAdvancesTable } from './schema';

export const advanceRepository = {
  /** One member's advances, oldest first. */
  async advancesOfMember(db: Kysely<Database>, memberId: number): Promise<AdvanceRow[]> {
    return db.selectFrom('expense_advances').selectAll().where('member_id', '=', memberId).orderBy('id').execute();
  },
  async advancesOfTender(db: Kysely<Database>, tenderId: number): Promise<AdvanceRow[]> {
    return db.selectFrom('expense_advances').selectAll().where('tender_id', '=', tenderId).orderBy('id').execute();
  },
  async insertAdvance(db: Kysely<Database>, row: Insertable<ExpenseAdvancesTable>): Promise<number> {
    const inserted = await db.insertInto('expense_advances').values(row).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  },
  async updateAdvance(db: Kysely<Database>, id: number, change: Updateable<ExpenseAdvancesTable>): Promise<void> {
    await db.updateTable('expense_advances').set(change).where('id', '=', id).execute();
  },
};
