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
  async members(db: Kysely<Database>, tenderId: number): Promise<MemberRow[]> {
    return db.selectFrom('panel_members').selectAll().where('tender_id', '=', tenderId).orderBy('key').execute();
  },
};
