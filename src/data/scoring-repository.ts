// A panel member's own scoring: their tasks (assigned, open bids × assigned criteria), their
// scores with versions, their conflicts of interest and their scoring time.
import type { Kysely } from 'kysely';
import { sortByKeys } from '../engine/keys';
import { preparedQuery } from './prepared-query';
import type { Database, ScoreRow } from './schema';

export interface MemberBid {
  id: number;
  key: string;
  supplier: string;
}

export type ScoreWrite = Pick<ScoreRow, 'score' | 'abstain' | 'rationale' | 'entered_by' | 'updated_at'>;

/** A member's assigned bids that are not withdrawn. */
const assigned = (db: Kysely<Database>, memberId: number) =>
  db
    .selectFrom('member_bids as mb')
    .innerJoin('bids', 'bids.id', 'mb.bid_id')
    .select(['bids.id', 'bids.key', 'bids.supplier'])
    .where('mb.member_id', '=', memberId)
    .where('bids.withdrawn', '=', 0);

// The three queries of the score page, kept compiled (prepared-query.ts): it is the page panel
// members open most.
const openBidsOf = preparedQuery((db: Kysely<Database>, args: { memberId: number }) =>
  assigned(db, args.memberId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('member_conflicts as mc').select('mc.bid_id').whereRef('mc.bid_id', '=', 'bids.id').where('mc.member_id', '=', args.memberId))),
    )
    .orderBy('bids.key'),
);

const assignedCriteriaOf = preparedQuery((db: Kysely<Database>, args: { memberId: number }) =>
  db.selectFrom('member_criteria').select('criterion').where('member_id', '=', args.memberId),
);

const cellOf = preparedQuery((db: Kysely<Database>, args: { memberId: number; bidId: number; criterion: string }) =>
  db
    .selectFrom('bids as b')
    .leftJoin('scores as s', (join) => join.onRef('s.bid_id', '=', 'b.id').on('s.member_id', '=', args.memberId).on('s.criterion', '=', args.criterion))
    .leftJoin('bid_responses as r', (join) => join.onRef('r.bid_id', '=', 'b.id').on('r.criterion', '=', args.criterion))
    .selectAll('s')
    .select((eb) => [
      'r.response',
      eb
        .exists(
          eb
            .selectFrom('score_reopenings as o')
            .select('o.id')
            .where('o.member_id', '=', args.memberId)
            .whereRef('o.bid_id', '=', 'b.id')
            .where('o.criterion', '=', args.criterion),
        )
        .as('reopened'),
    ])
    .where('b.id', '=', args.bidId),
);

export const scoringRepository = {
  /** The bids a member reads and scores: assigned, not withdrawn, no conflict declared; by key. */
  async openBids(db: Kysely<Database>, memberId: number): Promise<MemberBid[]> {
    return sortByKeys(await openBidsOf(db, { memberId }), (b) => b.key);
  },
  /** Every open bid assigned to a member, conflicted or not, by organisation: for the declaration. */
  async assignedBids(db: Kysely<Database>, memberId: number): Promise<MemberBid[]> {
    return assigned(db, memberId).orderBy('bids.supplier').execute();
  },
  async assignedCriteria(db: Kysely<Database>, memberId: number): Promise<string[]> {
    const rows = await assignedCriteriaOf(db, { memberId });
    return rows.map((r) => r.criterion);
  },
  async scoresOf(db: Kysely<Database>, memberId: number): Promise<ScoreRow[]> {
    return db.selectFrom('scores').selectAll().where('member_id', '=', memberId).execute();
  },
  async findScore(db: Kysely<Database>, memberId: number, bidId: number, criterion: string): Promise<ScoreRow | undefined> {
    return db.selectFrom('scores').selectAll().where('member_id', '=', memberId).where('bid_id', '=', bidId).where('criterion', '=', criterion).executeTakeFirst();
  },
  /**
   * One cell of a member, in one query: their score (if any), the bid's answer to the criterion,
   * and whether moderation sent the cell back to them.
   */
  async cell(db: Kysely<Database>, memberId: number, bidId: number, criterion: string): Promise<{ score: ScoreRow | undefined; response: string | null; reopened: boolean }> {
    const [row] = await cellOf(db, { memberId, bidId, criterion });
    if (!row) return { score: undefined, response: null, reopened: false };
    const { response, reopened, ...score } = row;
    return { score: score.id === null ? undefined : (score as ScoreRow), response: response ?? null, reopened: Boolean(reopened) };
  },
  /**
   * What saving one cell depends on, read inside the saving transaction in one query: the
   * tender's state, whether the member is still on the panel (and when they were last active),
   * the bid (assigned to the member, not withdrawn, no conflict declared) and the criterion
   * (assigned), the member's score for the cell, and whether moderation sent it back. Undefined
   * when the cell is not the member's.
   */
  async saveState(db: Kysely<Database>, memberId: number, bidKey: string, criterion: string) {
    return db
      .selectFrom('panel_members as m')
      .innerJoin('tenders as t', 't.id', 'm.tender_id')
      .innerJoin('bids as b', 'b.tender_id', 't.id')
      .innerJoin('member_bids as mb', (join) => join.onRef('mb.bid_id', '=', 'b.id').onRef('mb.member_id', '=', 'm.id'))
      .innerJoin('member_criteria as mc', (join) => join.onRef('mc.member_id', '=', 'm.id').on('mc.criterion', '=', criterion))
      .leftJoin('scores as s', (join) => join.onRef('s.member_id', '=', 'm.id').onRef('s.bid_id', '=', 'b.id').on('s.criterion', '=', criterion))
      .select((eb) => [
        't.state as tender_state',
        'm.tender_id',
        'm.withdrawn_at',
        'm.last_active_at',
        'b.id as bid_id',
        's.id as score_id',
        's.score',
        's.abstain',
        's.rationale',
        's.status',
        's.version',
        's.entered_by',
        's.updated_at',
        eb
          .exists(eb.selectFrom('score_reopenings as o').select('o.id').whereRef('o.member_id', '=', 'm.id').whereRef('o.bid_id', '=', 'b.id').where('o.criterion', '=', criterion))
          .as('reopened'),
      ])
      .where('m.id', '=', memberId)
      .where('b.key', '=', bidKey)
      .where('b.withdrawn', '=', 0)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('member_conflicts as mf').select('mf.bid_id').whereRef('mf.bid_id', '=', 'b.id').whereRef('mf.member_id', '=', 'm.id'))))
      .executeTakeFirst();
  },
  async response(db: Kysely<Database>, bidId: number, criterion: string): Promise<string | undefined> {
    const row = await db.selectFrom('bid_responses').select('response').where('bid_id', '=', bidId).where('criterion', '=', criterion).executeTakeFirst();
    return row?.response;
  },
  /** Cells sent back to the member in moderation (their drafts there may be changed and submitted again). */
  async reopenedCells(db: Kysely<Database>, memberId: number): Promise<{ bid_id: number; criterion: string }[]> {
    return db.selectFrom('score_reopenings').select(['bid_id', 'criterion']).where('member_id', '=', memberId).execute();
  },
  async insertDraft(db: Kysely<Database>, row: ScoreWrite & { tender_id: number; member_id: number; bid_id: number; criterion: string }): Promise<number> {
    const inserted = await db.insertInto('scores').values({ ...row, status: 'draft', version: 1 }).returning('version').executeTakeFirstOrThrow();
    return inserted.version;
  },
  /** Changes a draft only if nobody saved it since `version` was read; returns the new version or null. */
  async updateDraft(db: Kysely<Database>, id: number, version: number, row: ScoreWrite): Promise<number | null> {
    const updated = await db
      .updateTable('scores')
      .set((eb) => ({ ...row, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .returning('version')
      .executeTakeFirst();
    return updated?.version ?? null;
  },
  async submit(db: Kysely<Database>, ids: number[], at: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await db
      .updateTable('scores')
      .set((eb) => ({ status: 'submitted', updated_at: at, version: eb('version', '+', 1) }))
      .where('id', 'in', ids)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  async conflictBidIds(db: Kysely<Database>, memberId: number): Promise<number[]> {
    const rows = await db.selectFrom('member_conflicts').select('bid_id').where('member_id', '=', memberId).execute();
    return rows.map((r) => r.bid_id);
  },
  /** Every declared conflict of a tender's panel, with the bid's key. */
  async conflictsOfTender(db: Kysely<Database>, tenderId: number): Promise<{ member_id: number; bid: string; declared_at: string }[]> {
    const rows = await db
      .selectFrom('member_conflicts as mc')
      .innerJoin('bids', 'bids.id', 'mc.bid_id')
      .select(['mc.member_id', 'bids.key as bid', 'mc.declared_at'])
      .where('bids.tender_id', '=', tenderId)
      .orderBy('bids.key')
      .execute();
    return sortByKeys(rows, (c) => c.bid);
  },
  async addConflicts(db: Kysely<Database>, memberId: number, bidIds: number[], by: string, at: string): Promise<void> {
    if (bidIds.length === 0) return;
    await db
      .insertInto('member_conflicts')
      .values(bidIds.map((bid_id) => ({ member_id: memberId, bid_id, declared_by: by, declared_at: at })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  },
  /** Removes a member's drafts for bids they now have a conflict with; returns how many. */
  async deleteDraftsFor(db: Kysely<Database>, memberId: number, bidIds: number[]): Promise<number> {
    if (bidIds.length === 0) return 0;
    const result = await db.deleteFrom('scores').where('member_id', '=', memberId).where('bid_id', 'in', bidIds).where('status', '=', 'draft').executeTakeFirst();
    return Number(result.numDeletedRows);
  },
  async setDeclared(db: Kysely<Database>, memberId: number, at: string): Promise<void> {
    await db.updateTable('panel_members').set({ conflicts_declared_at: at }).where('id', '=', memberId).execute();
  },
  async setActivity(db: Kysely<Database>, memberId: number, addSeconds: number, at: string): Promise<void> {
    await db
      .updateTable('panel_members')
      .set((eb) => ({ scoring_seconds: eb('scoring_seconds', '+', addSeconds), last_active_at: at }))
      .where('id', '=', memberId)
      .execute();
  },
};
