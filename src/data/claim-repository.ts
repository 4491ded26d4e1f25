// Payment claims (migration 015): each paid member's choice and their claims. Plain Kysely builder queries, no SQLite-only SQL.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ClaimRow, Database, InvolvementClaimsTable, PaymentChoice, PaymentChoicesTable } from './schema';

export type ChoiceRow = PaymentChoicesTable;

export const claimRepository = {
  async choiceOf(db: Kysely<Database>, memberId: number): Promise<ChoiceRow | undefined> {
    return db.selectFrom('payment_choices').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  },
  async choicesOfTender(db: Kysely<Database>, tenderId: number): Promise<Map<number, ChoiceRow>> {
    const rows = await db.selectFrom('payment_choices').selectAll().where('tender_id', '=', tenderId).execute();
    return new Map(rows.map((r) => [r.member_id, r]));
  },
  /** Records a member's choice, replacing an earlier one. */
  async setChoice(db: Kysely<Database>, row: ChoiceRow): Promise<void> {
    const updated = await db.updateTable('payment_choices').set({ choice: row.choice, chosen_by: row.chosen_by, chosen_at: row.chosen_at }).where('member_id', '=', row.member_id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await db.insertInto('payment_choices').values(row).execute();
  },
  /** One member's claims, oldest first. */
  async claimsOfMember(db: Kysely<Database>, memberId: number): Promise<ClaimRow[]> {
    return db.selectFrom('involvement_claims').selectAll().where('member_id', '=', memberId).orderBy('id').execute();
  },
  async claimsOfTender(db: Kysely<Database>, tenderId: number): Promise<ClaimRow[]> {
    return db.selectFrom('involvement_claims').selectAll().where('tender_id', '=', tenderId).orderBy('id').execute();
  },
  async insertClaim(db: Kysely<Database>, row: Insertable<InvolvementClaimsTable>): Promise<number> {
    const inserted = await db.insertInto('involvement_claims').values(row).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  },
  async updateClaim(db: Kysely<Database>, id: number, change: Updateable<InvolvementClaimsTable>): Promise<void> {
    await db.updateTable('involvement_claims').set(change).where('id', '=', id).execute();
  },
};

export const PAYMENT_CHOICES: readonly PaymentChoice[] = ['paid', 'voucher', 'declined'];
