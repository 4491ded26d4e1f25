// What assessment summaries need beyond the engine's input: the panel's written reasons, the
// moderation rationales, and the commissioner's edited explanations.
import type { Kysely } from 'kysely';
import { sortByKeys } from '../engine/keys';
import type { Database } from './schema';

export interface PanelReason {
  bid: string;
  /** The member's key (to keep member order), never their name. */
  member: string;
  criterion: string;
  perspective: string;
  rationale: string;
}

export interface StoredExplanation {
  bid: string;
  criterion: string;
  explanation: string;
}

export const summaryRepository = {
  /**
   * The reasons given with submitted, non-abstaining scores of a tender, with the member's
   * perspective only (never their name), in member order, from members still on the panel. Drafts and abstentions do not explain a
   * final score. Every bid's: for writing all the summaries at once.
   */
  async reasons(db: Kysely<Database>, tenderId: number): Promise<PanelReason[]> {
    const rows = await db
      .selectFrom('scores')
      .innerJoin('panel_members', 'panel_members.id', 'scores.member_id')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .select(['bids.key as bid', 'panel_members.key as member', 'scores.criterion', 'panel_members.perspective', 'scores.rationale'])
      .where('scores.tender_id', '=', tenderId)
      .where('scores.status', '=', 'submitted')
      .where('scores.abstain', '=', 0)
      // A member withdrawn from the panel: their scores are not counted, so their words explain nothing.
      .where('panel_members.withdrawn_at', 'is', null)
      .orderBy('panel_members.key')
      .execute();
    return sortByKeys(rows, (r) => r.member);
  },
  /**
   * The same reasons for one bid only (a page shows one bid's summary). Read member by member
   * through the scores' (member, bid, criterion) key, so a bid costs its own few hundred rows,
   * never a pass over the tender's scores.
   */
  async bidReasons(db: Kysely<Database>, tenderId: number, bidKey: string): Promise<PanelReason[]> {
    const rows = await db
      .selectFrom('panel_members')
      .innerJoin('bids', 'bids.tender_id', 'panel_members.tender_id')
      .innerJoin('scores', (join) => join.onRef('scores.member_id', '=', 'panel_members.id').onRef('scores.bid_id', '=', 'bids.id'))
      .select(['bids.key as bid', 'panel_members.key as member', 'scores.criterion', 'panel_members.perspective', 'scores.rationale'])
      .where('panel_members.tender_id', '=', tenderId)
      .where('bids.key', '=', bidKey)
      .where('scores.status', '=', 'submitted')
      .where('scores.abstain', '=', 0)
      .where('panel_members.withdrawn_at', 'is', null)
      .orderBy('panel_members.key')
      .execute();
    return sortByKeys(rows, (r) => r.member);
  },
  /** The rationale of each consensus score of a tender, or of one of its bids. */
  async rationales(db: Kysely<Database>, tenderId: number, bidKey?: string): Promise<{ bid: string; criterion: string; rationale: string }[]> {
    let query = db
      .selectFrom('consensus')
      .innerJoin('bids', 'bids.id', 'consensus.bid_id')
      .select(['bids.key as bid', 'consensus.criterion', 'consensus.rationale'])
      .where('consensus.tender_id', '=', tenderId);
    if (bidKey !== undefined) query = query.where('bids.key', '=', bidKey);
    return query.execute();
  },
  /** The commissioner's explanations of a tender, or of one of its bids. */
  async explanations(db: Kysely<Database>, tenderId: number, bidKey?: string): Promise<StoredExplanation[]> {
    let query = db
      .selectFrom('summary_explanations')
      .innerJoin('bids', 'bids.id', 'summary_explanations.bid_id')
      .select(['bids.key as bid', 'summary_explanations.criterion', 'summary_explanations.explanation'])
      .where('summary_explanations.tender_id', '=', tenderId);
    if (bidKey !== undefined) query = query.where('bids.key', '=', bidKey);
    return query.execute();
  },
  /** How many of each bid's explanations the commissioner has edited, counting only the given criteria. */
  async editedCounts(db: Kysely<Database>, tenderId: number, criteria: readonly string[]): Promise<Map<string, number>> {
    if (criteria.length === 0) return new Map();
    const rows = await db
      .selectFrom('summary_explanations')
      .innerJoin('bids', 'bids.id', 'summary_explanations.bid_id')
      .select((eb) => ['bids.key as bid', eb.fn.countAll<number>().as('edited')])
      .where('summary_explanations.tender_id', '=', tenderId)
      .where('summary_explanations.criterion', 'in', [...criteria])
      .groupBy('bids.key')
      .execute();
    return new Map(rows.map((r) => [r.bid, Number(r.edited)]));
  },
  async saveExplanation(db: Kysely<Database>, row: { tenderId: number; bidId: number; criterion: string; explanation: string; by: string; at: string }): Promise<void> {
    await db
      .insertInto('summary_explanations')
      .values({ tender_id: row.tenderId, bid_id: row.bidId, criterion: row.criterion, explanation: row.explanation, edited_by: row.by, edited_at: row.at })
      .onConflict((oc) => oc.columns(['bid_id', 'criterion']).doUpdateSet({ explanation: row.explanation, edited_by: row.by, edited_at: row.at }))
      .execute();
  },
  async removeExplanation(db: Kysely<Database>, bidId: number, criterion: string): Promise<void> {
    await db.deleteFrom('summary_explanations').where('bid_id', '=', bidId).where('criterion', '=', criterion).execute();
  },
};
