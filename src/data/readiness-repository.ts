// What a tender's readiness to move on is read from, beyond the engine's input: the scores each
// member still owes (and which of them moderation re-opened), who scores what, the invitation
// links, the assessment summaries a commissioner has reviewed and the reasons given for moving on
// with items outstanding. Members who left the panel (withdrawn_at set) owe nothing.
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { assignedCells, owedCells } from './assigned-cells';

export interface OwedScore {
  memberId: number;
  bid: string;
  criterion: string;
  /** Moderation sent this score back to the member, who has not sent it again. */
  reopened: boolean;
}

export interface Assignment {
  memberId: number;
  bid: string;
  criterion: string;
}

export interface SummaryReviewRow {
  bid: string;
  reviewedBy: string;
  reviewedAt: string;
  /** The fingerprint of the summary as it was reviewed; null for a review stored before migration 021. */
  content: string | null;
}

export interface StageOverrideRow {
  id: number;
  fromState: string;
  toState: string;
  outstanding: string[];
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

export const readinessRepository = {
  /**
   * Every cell (member × bid × criterion) a member on the panel is assigned, on a bid that is not
   * withdrawn and with no conflict declared, that has no submitted score.
   */
  async owedScores(db: Kysely<Database>, tenderId: number): Promise<OwedScore[]> {
    const rows = await owedCells(db, tenderId)
      .select(['m.id as memberId', 'b.key as bid', 'mc.criterion'])
      .select(({ exists, selectFrom }) =>
        exists(
          selectFrom('score_reopenings as r').select('r.id').whereRef('r.member_id', '=', 'm.id').whereRef('r.bid_id', '=', 'b.id').whereRef('r.criterion', '=', 'mc.criterion'),
        ).as('reopened'),
      )
      .execute();
    return rows.map((r) => ({ memberId: r.memberId, bid: r.bid, criterion: r.criterion, reopened: Boolean(r.reopened) }));
  },

  /** Who scores what: members on the panel, bids not withdrawn, no conflict declared. */
  async assignments(db: Kysely<Database>, tenderId: number): Promise<Assignment[]> {
    return assignedCells(db, tenderId).select(['m.id as memberId', 'b.key as bid', 'mc.criterion']).execute();
  },

  /** Members (on the panel) who have an invitation link that is not stopped and has not expired. */
  async membersWithWorkingLinks(db: Kysely<Database>, tenderId: number, now: string): Promise<Set<number>> {
    const rows = await db
      .selectFrom('invitations as i')
      .innerJoin('panel_members as m', 'm.id', 'i.member_id')
      .select('m.id')
      .distinct()
      .where('m.tender_id', '=', tenderId)
      .where('i.revoked_at', 'is', null)
      .where('i.expires_at', '>', now)
      .execute();
    return new Set(rows.map((r) => r.id));
  },

  async summaryReviews(db: Kysely<Database>, tenderId: number): Promise<SummaryReviewRow[]> {
    const rows = await db
      .selectFrom('summary_reviews as r')
      .innerJoin('bids as b', 'b.id', 'r.bid_id')
      .select(['b.key as bid', 'r.reviewed_by', 'r.reviewed_at', 'r.content_fingerprint'])
      .where('r.tender_id', '=', tenderId)
      .execute();
    return rows.map((r) => ({ bid: r.bid, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, content: r.content_fingerprint }));
  },

  /** A review holds the fingerprint of the summary as the commissioner read it. */
  async saveSummaryReview(db: Kysely<Database>, row: { tenderId: number; bidId: number; by: string; at: string; content: string }): Promise<void> {
    await db
      .insertInto('summary_reviews')
      .values({ tender_id: row.tenderId, bid_id: row.bidId, reviewed_by: row.by, reviewed_at: row.at, content_fingerprint: row.content })
      .onConflict((oc) => oc.columns(['tender_id', 'bid_id']).doUpdateSet({ reviewed_by: row.by, reviewed_at: row.at, content_fingerprint: row.content }))
      .execute();
  },

  async insertStageOverride(db: Kysely<Database>, row: { tenderId: number; from: string; to: string; outstanding: string[]; reason: string; by: string; at: string }): Promise<void> {
    await db
      .insertInto('stage_overrides')
      .values({ tender_id: row.tenderId, from_state: row.from, to_state: row.to, outstanding: JSON.stringify(row.outstanding), reason: row.reason, recorded_by: row.by, recorded_at: row.at })
      .execute();
  },

  async stageOverrides(db: Kysely<Database>, tenderId: number): Promise<StageOverrideRow[]> {
    const rows = await db.selectFrom('stage_overrides').selectAll().where('tender_id', '=', tenderId).orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      fromState: r.from_state,
      toState: r.to_state,
      outstanding: JSON.parse(r.outstanding) as string[],
      reason: r.reason,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  },
};
