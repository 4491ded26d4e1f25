// The panel aggregate: members of a tender's panel and what each is assigned to score.
import type { Insertable, Kysely, Updateable } from 'kysely';
import { sortByKeys } from '../engine/keys';
import { chunks } from './chunks';
import type { Database, MemberBidsTable, MemberCriteriaTable, MemberRow, PanelMembersTable } from './schema';
import { assignedCells } from './assigned-cells';

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
  /**
   * How many bid × criterion cells each member of a tender is to score: bids assigned, not
   * withdrawn, and not ones the member declared a conflict with. A member who withdrew from the
   * panel is to score nothing more, so is not in the map.
   */
  async assignedCells(db: Kysely<Database>, tenderId: number): Promise<Map<number, number>> {
    const rows = await assignedCells(db, tenderId)
      .select((eb) => ['m.id as member', eb.fn.countAll<number>().as('cells')])
      .groupBy('m.id')
      .execute();
    return new Map(rows.map((r) => [r.member, Number(r.cells)]));
  },
  async members(db: Kysely<Database>, tenderId: number): Promise<MemberRow[]> {
    return sortByKeys(await db.selectFrom('panel_members').selectAll().where('tender_id', '=', tenderId).orderBy('key').execute(), (m) => m.key);
  },
  async findByKey(db: Kysely<Database>, tenderId: number, key: string): Promise<MemberRow | undefined> {
    return db.selectFrom('panel_members').selectAll().where('tender_id', '=', tenderId).where('key', '=', key).executeTakeFirst();
  },
  async updateMember(db: Kysely<Database>, id: number, fields: Updateable<PanelMembersTable>): Promise<void> {
    await db.updateTable('panel_members').set(fields).where('id', '=', id).execute();
  },
  /** Every member's assigned criteria, for one tender. */
  async criteriaOf(db: Kysely<Database>, tenderId: number): Promise<{ member: number; criterion: string }[]> {
    return db
      .selectFrom('member_criteria as c')
      .innerJoin('panel_members as m', 'm.id', 'c.member_id')
      .select(['c.member_id as member', 'c.criterion'])
      .where('m.tender_id', '=', tenderId)
      .execute();
  },
  /** Every member's assigned bids (with the bid's key), for one tender. */
  async bidsOf(db: Kysely<Database>, tenderId: number): Promise<{ member: number; bid: string; withdrawn: number }[]> {
    return db
      .selectFrom('member_bids as mb')
      .innerJoin('bids', 'bids.id', 'mb.bid_id')
      .select(['mb.member_id as member', 'bids.key as bid', 'bids.withdrawn'])
      .where('bids.tender_id', '=', tenderId)
      .execute();
  },
  /** Replaces what one member scores. */
  async reassign(db: Kysely<Database>, memberId: number, criteria: string[], bidIds: number[]): Promise<void> {
    await db.deleteFrom('member_criteria').where('member_id', '=', memberId).execute();
    await db.deleteFrom('member_bids').where('member_id', '=', memberId).execute();
    await panelRepository.assign(
      db,
      criteria.map((criterion) => ({ member_id: memberId, criterion })),
      bidIds.map((bid_id) => ({ member_id: memberId, bid_id })),
    );
  },
  /** The bid × criterion cells a member has any score for (draft or submitted). */
  async scoredCells(db: Kysely<Database>, memberId: number): Promise<{ bid: string; criterion: string }[]> {
    return db
      .selectFrom('scores')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .select(['bids.key as bid', 'scores.criterion'])
      .where('scores.member_id', '=', memberId)
      .execute();
  },
  /** How many scores a member has sent, and how many are drafts. */
  async scoreCounts(db: Kysely<Database>, memberId: number): Promise<{ submitted: number; drafts: number }> {
    const rows = await db.selectFrom('scores').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('member_id', '=', memberId).groupBy('status').execute();
    const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { submitted: of('submitted'), drafts: of('draft') };
  },
  /** Removes a member, what they were assigned, their declared conflicts and their invitation links (which stop working). */
  async removeMember(db: Kysely<Database>, memberId: number): Promise<{ invitations: number }> {
    await db.deleteFrom('member_criteria').where('member_id', '=', memberId).execute();
    await db.deleteFrom('member_bids').where('member_id', '=', memberId).execute();
    // A member with no scores may have declared conflicts before scoring opened; those go with them.
    await db.deleteFrom('member_conflicts').where('member_id', '=', memberId).execute();
    const removed = await db.deleteFrom('invitations').where('member_id', '=', memberId).executeTakeFirst();
    await db.deleteFrom('panel_members').where('id', '=', memberId).execute();
    return { invitations: Number(removed.numDeletedRows) };
  },
};
