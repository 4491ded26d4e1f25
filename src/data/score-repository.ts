// Scores and consensus scores of a tender.
import type { Insertable, Kysely } from 'kysely';
import { chunks } from './chunks';
import { jsonTuples } from './dialect';
import type { ConsensusRow, ConsensusTable, Database, ScoresTable } from './schema';

export interface SubmittedScore {
  member: string;
  bid: string;
  criterion: string;
  score: number | null;
  abstain: number;
}

/** A submitted score as [member id, bid id, criterion, score (null when abstaining), abstain (1 or 0)]. */
export type SubmittedScoreTuple = [memberId: number, bidId: number, criterion: string, score: number | null, abstain: number];

export const scoreRepository = {
  async insertMany(db: Kysely<Database>, scores: Insertable<ScoresTable>[]): Promise<void> {
    // 12 columns a row: 80 rows stay well under SQLite's bound-variable limit.
    for (const part of chunks(scores, 80)) await db.insertInto('scores').values(part).execute();
  },
  async submitted(db: Kysely<Database>, tenderId: number): Promise<SubmittedScore[]> {
    return db
      .selectFrom('scores')
      .innerJoin('panel_members', 'panel_members.id', 'scores.member_id')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .select(['panel_members.key as member', 'bids.key as bid', 'scores.criterion', 'scores.score', 'scores.abstain'])
      .where('scores.tender_id', '=', tenderId)
      .where('scores.status', '=', 'submitted')
      .execute();
  },
  /**
   * The submitted scores of a tender as tuples, read as one JSON text: for 50,000 scores about a
   * third of the time of one row object each (the export reads them on every download).
   */
  async submittedTuples(db: Kysely<Database>, tenderId: number): Promise<SubmittedScoreTuple[]> {
    const row = await db
      .selectFrom('scores')
      .select(jsonTuples(db, ['member_id', 'bid_id', 'criterion', 'score', 'abstain']).as('scores'))
      .where('tender_id', '=', tenderId)
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    return JSON.parse(row.scores) as SubmittedScoreTuple[];
  },
  /** Submitted scores per member of a tender. */
  async submittedPerMember(db: Kysely<Database>, tenderId: number): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('scores')
      .select((eb) => ['member_id', eb.fn.countAll<number>().as('n')])
      .where('tender_id', '=', tenderId)
      .where('status', '=', 'submitted')
      .groupBy('member_id')
      .execute();
    return new Map(rows.map((r) => [r.member_id, Number(r.n)]));
  },
  async insertConsensus(db: Kysely<Database>, rows: Insertable<ConsensusTable>[]): Promise<void> {
    for (const part of chunks(rows, 50)) await db.insertInto('consensus').values(part).execute();
  },
  async consensus(db: Kysely<Database>, tenderId: number): Promise<(ConsensusRow & { bid: string })[]> {
    return db
      .selectFrom('consensus')
      .innerJoin('bids', 'bids.id', 'consensus.bid_id')
      .selectAll('consensus')
      .select('bids.key as bid')
      .where('consensus.tender_id', '=', tenderId)
      .execute();
  },
};
