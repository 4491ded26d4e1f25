// Each panel member's involvement (engine rules §2): time for reading and meetings and expenses, one row
// per entry, with the tender's hourly rate and the counts the payment summary needs.
import type { Insertable, Kysely } from 'kysely';
import type { Database, InvolvementEntriesTable, InvolvementEntryRow } from './schema';

export interface MemberTotals {
  /** Minutes of reading and meetings. */
  minutes: number;
  /** Each expense, in pounds as an exact decimal string (added up exactly by the service). */
  amounts: string[];
}

export const involvementRepository = {
  /** One member's entries, oldest day first, in the order they were recorded. */
  async entriesOfMember(db: Kysely<Database>, memberId: number): Promise<InvolvementEntryRow[]> {
    return db.selectFrom('involvement_entries').selectAll().where('member_id', '=', memberId).orderBy('on_date').orderBy('id').execute();
  },
  async entriesOfTender(db: Kysely<Database>, tenderId: number): Promise<InvolvementEntryRow[]> {
    return db.selectFrom('involvement_entries').selectAll().where('tender_id', '=', tenderId).orderBy('on_date').orderBy('id').execute();
  },
  async insert(db: Kysely<Database>, entry: Insertable<InvolvementEntriesTable>): Promise<number> {
    const row = await db.insertInto('involvement_entries').values(entry).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
  /** Per member id of the tender: minutes added up, and the expense amounts (members with entries only). */
  async totalsPerMember(db: Kysely<Database>, tenderId: number): Promise<Map<number, MemberTotals>> {
    const rows = await db.selectFrom('involvement_entries').select(['member_id', 'minutes', 'amount']).where('tender_id', '=', tenderId).execute();
    const totals = new Map<number, MemberTotals>();
    for (const row of rows) {
      const t = totals.get(row.member_id) ?? { minutes: 0, amounts: [] };
      if (row.minutes !== null) t.minutes += row.minutes;
      if (row.amount !== null) t.amounts.push(row.amount);
      totals.set(row.member_id, t);
    }
    return totals;
  },
  /** How many conflicts of interest each member of the tender declared (members with any only). */
  async conflictsPerMember(db: Kysely<Database>, tenderId: number): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('member_conflicts as c')
      .innerJoin('panel_members as m', 'm.id', 'c.member_id')
      .select((eb) => ['c.member_id as member', eb.fn.countAll<number>().as('n')])
      .where('m.tender_id', '=', tenderId)
      .groupBy('c.member_id')
      .execute();
    return new Map(rows.map((r) => [r.member, Number(r.n)]));
  },
  async hourlyRate(db: Kysely<Database>, tenderId: number): Promise<string | null> {
    const row = await db.selectFrom('tenders').select('hourly_rate').where('id', '=', tenderId).executeTakeFirst();
    return row?.hourly_rate ?? null;
  },
  async setHourlyRate(db: Kysely<Database>, tenderId: number, rate: string, at: string): Promise<void> {
    await db.updateTable('tenders').set({ hourly_rate: rate, updated_at: at }).where('id', '=', tenderId).execute();
  },
};
