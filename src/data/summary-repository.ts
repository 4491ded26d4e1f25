// What assessment summaries need beyond the engine's input: the panel's written reasons, the
// moderation rationales, and the commissioner's edited explanations.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface PanelReason {
  bid: string;
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
   * perspective only (never their name). Drafts and abstentions do not explain a final score.
   */
  async reasons(db: Kysely<Database>, tenderId: number): Promise<PanelReason[]> {
    return db
      .selectFrom('scores')
      .innerJoin('panel_members', 'panel_members.id', 'scores.member_id')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .select(['bids.key as bid', 'scores.criterion', 'panel_members.perspective', 'scores.rationale'])
      .where('scores.tender_id', '=', tenderId)
      .where('scores.status', '=', 'submitted')
      .where('scores.abstain', '=', 0)
      .orderBy('panel_members.key')
      .execute();
  },
  /** The rationale of each consensus score of a tender. */
  async rationales(db: Kysely<Database>, tenderId: number): Promise<{ bid: string; criterion: string; rationale: string }[]> {
    return db
      .selectFrom('consensus')
      .innerJoin('bids', 'bids.id', 'consensus.bid_id')
      .select(['bids.key as bid', 'consensus.criterion', 'consensus.rationale'])
      .where('consensus.tender_id', '=', tenderId)
      .execute();
  },
  async explanations(db: Kysely<Database>, tenderId: number): Promise<StoredExplanation[]> {
    return db
      .selectFrom('summary_explanations')
      .innerJoin('bids', 'bids.id', 'summary_explanations.bid_id')
      .select(['bids.key as bid', 'summary_explanations.criterion', 'summary_explanations.explanation'])
      .where('summary_explanations.tender_id', '=', tenderId)
      .execute();
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
