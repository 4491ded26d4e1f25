// The panel aggregate: members of a tender's panel and what each is assigned to score.
import type { Insertable, Kysely } from 'kysely';
import { chunks } from './chunks';
import type { Database, MemberBidsTable, MemberCriteriaTable, MemberRow, PanelMembersTable } from './schema';

export const panelRepository = {
  async insertMember(db: Kysely<Database>, member: Insertable<PanelMembersTable>): Promise<number> {
    const row = await db.insertInto('panel_members').values(member).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
  async assign(db: Kysely<Database>, criteria: MemberCriteriaTable[], bids: MemberBidsTable[]): Promise<void> {
    for (const part of chunks(criteria)) await db.insertInto('member_criteria').values(part).execute();
    for (const part of chunks(bids)) await db.insertInto('member_bids').values(part).execute();
  },
  async findById(db: Kysely<Database>, id: number): Promise<MemberRow | undefined> {
    return db.selectFrom('panel_members').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** How many bid × criterion cells each member of a tender is assigned. */
  async assignedCells(db: Kysely<Database>, tenderId: number): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('panel_members as m')
      .innerJoin('member_criteria as c', 'c.member_id', 'm.id')
      .innerJoin('member_bids as b', 'b.member_id', 'm.id')
      .innerJoin('bids', 'bids.id', 'b.bid_id')
      .select((eb) => ['m.id as member', eb.fn.countAll<number>().as('cells')])
      .where('m.tender_id', '=', tenderId)
      .where('bids.withdrawn', '=', 0)
      .groupBy('m.id')
      .execute();
    return new Map(rows.map((r) => [r.member, Number(r.cells)]));
  },
  async members(db: Kysely<Database>, tenderId: number): Promise<MemberRow[]> {
    return db.selectFrom('panel_members').selectAll().where('tender_id', '=', tenderId).orderBy('key').execute();
  },
};
