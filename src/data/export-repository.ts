// The export's read-only queries that the shared repositories do not have: scores and audit
// events in pages (ordered by id, so each row is read exactly once however long the sheet),
// and the snapshot bounds.
import { jsonTuples } from './dialect';
import type { ConsensusHistoryTable, Database, ScoreReopeningsTable } from './schema';
import type { Kysely, Selectable } from 'kysely';

/**
 * A stored score as the Scores sheet lists it: [id, member id, bid id, criterion, score, abstain
 * (1 or 0), rationale, status, entered by, updated at].
 */
export type ScoreLine = [
  id: number,
  memberId: number,
  bidId: number,
  criterion: string,
  score: number | null,
  abstain: number,
  rationale: string,
  status: 'draft' | 'submitted',
  enteredBy: string | null,
  updatedAt: string,
];

export interface AuditLine {
  seq: number;
  /** The event's number in the tender's own chain; null for events from before per-tender chains. */
  chain_seq: number | null;
  at: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Conflicts declared and involvement (time, expenses) of one panel member, when recorded. */
export interface Involvement {
  conflicts: string | null;
  hours: number | null;
  expenses: number | null;
  due: number | null;
  /** Where the member's payment claim stands, in words. */
  payment: string | null;
}

export const exportRepository = {
  /** The bounds of the scores sheet, fixed when the export starts. */
  async scoreBounds(db: Kysely<Database>, tenderId: number, submittedOnly: boolean): Promise<{ maxId: number; count: number }> {
    let query = db
      .selectFrom('scores')
      .select((eb) => [eb.fn.max<number | null>('id').as('maxId'), eb.fn.countAll<number>().as('n')])
      .where('tender_id', '=', tenderId);
    if (submittedOnly) query = query.where('status', '=', 'submitted');
    const row = await query.executeTakeFirstOrThrow();
    return { maxId: Number(row.maxId ?? 0), count: Number(row.n) };
  },

  /**
   * The next page of a tender's scores after `afterId`, up to `maxId`, in id order. A page comes
   * as one JSON text of tuples: about half the time of one row object per score.
   */
  async scorePage(db: Kysely<Database>, tenderId: number, page: { afterId: number; maxId: number; limit: number; submittedOnly: boolean }): Promise<ScoreLine[]> {
    let rows = db
      .selectFrom('scores')
      .select(['id', 'member_id', 'bid_id', 'criterion', 'score', 'abstain', 'rationale', 'status', 'entered_by', 'updated_at'])
      .where('tender_id', '=', tenderId)
      .where('id', '>', page.afterId)
      .where('id', '<=', page.maxId);
    if (page.submittedOnly) rows = rows.where('status', '=', 'submitted');
    const { lines } = await db
      .selectFrom(rows.orderBy('id').limit(page.limit).as('page'))
      .select(jsonTuples(db, ['id', 'member_id', 'bid_id', 'criterion', 'score', 'abstain', 'rationale', 'status', 'entered_by', 'updated_at']).as('lines'))
      .executeTakeFirstOrThrow();
    // An aggregate need not keep its input's order: put the page back in id order (cheap when it is).
    return (JSON.parse(lines) as ScoreLine[]).sort((a, b) => a[0] - b[0]);
  },

  /** The next page of a tender's audit events after `afterSeq`, up to `maxSeq`. */
  async auditPage(db: Kysely<Database>, reference: string, page: { afterSeq: number; maxSeq: number; limit: number }): Promise<AuditLine[]> {
    return db
      .selectFrom('audit_events')
      .select(['seq', 'chain_seq', 'at', 'actor', 'action', 'detail', 'prev_hash', 'hash'])
      .where('tender_ref', '=', reference)
      .where('seq', '>', page.afterSeq)
      .where('seq', '<=', page.maxSeq)
      .orderBy('seq')
      .limit(page.limit)
      .execute();
  },

  /** Every consensus score a later one replaced, oldest first. */
  async consensusHistory(db: Kysely<Database>, tenderId: number): Promise<Selectable<ConsensusHistoryTable>[]> {
    return db.selectFrom('consensus_history').selectAll().where('tender_id', '=', tenderId).orderBy('id').execute();
  },

  /** Every submitted score sent back to draft in moderation, as it was submitted, oldest first. */
  async reopenings(db: Kysely<Database>, tenderId: number): Promise<Selectable<ScoreReopeningsTable>[]> {
    return db.selectFrom('score_reopenings').selectAll().where('tender_id', '=', tenderId).orderBy('id').execute();
  },

};
