// Moderation of a tender: each member's scores of one bid and criterion, the consensus score with
// its earlier versions, members' dissents from it, and members' scores re-opened (sent back to
// draft) with why.
import type { Insertable, Kysely } from 'kysely';
import { sortByKeys } from '../engine/keys';
import type { ConsensusRow, Database, ScoreReopeningsTable } from './schema';

export interface CellScore {
  memberId: number;
  member: string;
  score: number | null;
  abstain: number;
  rationale: string;
  status: 'draft' | 'submitted';
  version: number;
  enteredBy: string | null;
  updatedAt: string;
}

export interface NewConsensus {
  tenderId: number;
  bidId: number;
  criterion: string;
  score: number;
  rationale: string;
  attendees: string[];
  recordedBy: string;
  recordedAt: string;
}

export interface NewDissent {
  tenderId: number;
  bidId: number;
  criterion: string;
  memberId: number;
  consensusScore: number;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

/** A dissent with the member's and the bid's keys. */
export interface DissentRecord {
  id: number;
  bid: string;
  criterion: string;
  member: string;
  consensusScore: number;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

export const moderationRepository = {
  /** Every member's score (draft or submitted) of one bid and criterion. */
  async cellScores(db: Kysely<Database>, bidId: number, criterion: string): Promise<CellScore[]> {
    const rows = await db
      .selectFrom('scores')
      .innerJoin('panel_members', 'panel_members.id', 'scores.member_id')
      .select([
        'scores.member_id as memberId',
        'panel_members.key as member',
        'scores.score',
        'scores.abstain',
        'scores.rationale',
        'scores.status',
        'scores.version',
        'scores.entered_by as enteredBy',
        'scores.updated_at as updatedAt',
      ])
      .where('scores.bid_id', '=', bidId)
      .where('scores.criterion', '=', criterion)
      .orderBy('panel_members.key')
      .execute();
    return sortByKeys(rows, (r) => r.member);
  },
  /** Which members are assigned this bid and this criterion. */
  async assignedTo(db: Kysely<Database>, bidId: number, criterion: string): Promise<number[]> {
    const rows = await db
      .selectFrom('member_bids as b')
      .innerJoin('member_criteria as c', 'c.member_id', 'b.member_id')
      .select('b.member_id as member')
      .where('b.bid_id', '=', bidId)
      .where('c.criterion', '=', criterion)
      .execute();
    return rows.map((r) => r.member);
  },
  async currentConsensus(db: Kysely<Database>, bidId: number, criterion: string): Promise<ConsensusRow | undefined> {
    return db.selectFrom('consensus').selectAll().where('bid_id', '=', bidId).where('criterion', '=', criterion).executeTakeFirst();
  },
  /** Earlier consensus scores of one cell, newest first. */
  async consensusHistory(db: Kysely<Database>, bidId: number, criterion: string) {
    return db.selectFrom('consensus_history').selectAll().where('bid_id', '=', bidId).where('criterion', '=', criterion).orderBy('id', 'desc').execute();
  },
  /**
   * Records a consensus score. A current one is first copied to the history, then replaced by a
   * new row (a new id, which forms use to notice that someone else recorded one meanwhile).
   */
  async recordConsensus(db: Kysely<Database>, consensus: NewConsensus, replaced: ConsensusRow | undefined): Promise<number> {
    if (replaced) {
      await db
        .insertInto('consensus_history')
        .values({
          tender_id: replaced.tender_id,
          bid_id: replaced.bid_id,
          criterion: replaced.criterion,
          score: replaced.score,
          rationale: replaced.rationale,
          attendees: replaced.attendees,
          recorded_by: replaced.recorded_by,
          recorded_at: replaced.recorded_at,
          superseded_by: consensus.recordedBy,
          superseded_at: consensus.recordedAt,
        })
        .execute();
      await db.deleteFrom('consensus').where('id', '=', replaced.id).execute();
    }
    const row = await db
      .insertInto('consensus')
      .values({
        tender_id: consensus.tenderId,
        bid_id: consensus.bidId,
        criterion: consensus.criterion,
        score: consensus.score,
        rationale: consensus.rationale,
        attendees: JSON.stringify(consensus.attendees),
        recorded_by: consensus.recordedBy,
        recorded_at: consensus.recordedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  /** One member's submitted scores in a tender, with the bid's key. */
  async submittedOfMember(db: Kysely<Database>, memberId: number) {
    const rows = await db
      .selectFrom('scores')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .select(['scores.id', 'scores.bid_id as bidId', 'bids.key as bid', 'scores.criterion', 'scores.score', 'scores.abstain', 'scores.rationale', 'scores.version'])
      .where('scores.member_id', '=', memberId)
      .where('scores.status', '=', 'submitted')
      .where('bids.withdrawn', '=', 0)
      .orderBy('bids.key')
      .orderBy('scores.criterion')
      .execute();
    return sortByKeys(rows, (r) => r.bid);
  },
  /** Sends submitted scores back to draft (their score and reason stay as they are) and keeps a record of each. */
  async reopen(db: Kysely<Database>, scoreIds: number[], records: Insertable<ScoreReopeningsTable>[], at: string): Promise<void> {
    if (scoreIds.length === 0) return;
    for (const record of records) await db.insertInto('score_reopenings').values(record).execute();
    await db
      .updateTable('scores')
      .set((eb) => ({ status: 'draft', version: eb('version', '+', 1), updated_at: at }))
      .where('id', 'in', scoreIds)
      .where('status', '=', 'submitted')
      .execute();
  },
  /** Re-openings of one bid and criterion, newest first. */
  async reopeningsOfCell(db: Kysely<Database>, bidId: number, criterion: string) {
    return db
      .selectFrom('score_reopenings as r')
      .innerJoin('panel_members as m', 'm.id', 'r.member_id')
      .select(['m.key as member', 'r.score', 'r.abstain', 'r.rationale', 'r.reason', 'r.reopened_by as reopenedBy', 'r.reopened_at as reopenedAt'])
      .where('r.bid_id', '=', bidId)
      .where('r.criterion', '=', criterion)
      .orderBy('r.id', 'desc')
      .execute();
  },
  /** Scores of a tender that are in draft, per bid and criterion (to say what no longer counts). */
  async draftCells(db: Kysely<Database>, tenderId: number): Promise<{ bid: string; criterion: string; member: string }[]> {
    return db
      .selectFrom('scores')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .innerJoin('panel_members', 'panel_members.id', 'scores.member_id')
      .select(['bids.key as bid', 'scores.criterion', 'panel_members.key as member'])
      .where('scores.tender_id', '=', tenderId)
      .where('scores.status', '=', 'draft')
      // A withdrawn member's drafts will never be sent: they are not waited for.
      .where('panel_members.withdrawn_at', 'is', null)
      .execute();
  },
  async recordDissent(db: Kysely<Database>, dissent: NewDissent): Promise<void> {
    await db
      .insertInto('consensus_dissents')
      .values({
        tender_id: dissent.tenderId,
        bid_id: dissent.bidId,
        criterion: dissent.criterion,
        member_id: dissent.memberId,
        consensus_score: dissent.consensusScore,
        reason: dissent.reason,
        recorded_by: dissent.recordedBy,
        recorded_at: dissent.recordedAt,
      })
      .execute();
  },
  /** The dissents of a tender (or of one bid and criterion), oldest first. */
  async dissents(db: Kysely<Database>, tenderId: number, cell?: { bidId: number; criterion: string }): Promise<DissentRecord[]> {
    let query = db
      .selectFrom('consensus_dissents as d')
      .innerJoin('bids as b', 'b.id', 'd.bid_id')
      .innerJoin('panel_members as m', 'm.id', 'd.member_id')
      .select([
        'd.id',
        'b.key as bid',
        'd.criterion',
        'm.key as member',
        'd.consensus_score as consensusScore',
        'd.reason',
        'd.recorded_by as recordedBy',
        'd.recorded_at as recordedAt',
      ])
      .where('d.tender_id', '=', tenderId);
    if (cell) query = query.where('d.bid_id', '=', cell.bidId).where('d.criterion', '=', cell.criterion);
    return query.orderBy('d.id').execute();
  },
};
