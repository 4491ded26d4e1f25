// The practice round: each member's own practice scores, the time they spent practising, when
// they finished, and the tender's setting (off, offered or expected).
import type { Kysely } from 'kysely';
import type { Database, PracticeMode, PracticeScoreRow } from './schema';

export interface PracticeWrite {
  score: number | null;
  abstain: number;
  rationale: string;
  entered_by: string;
  updated_at: string;
}

export const practiceRepository = {
  /** The member's practice scores, by item (the practice answer's place in the list, from 1). */
  async scoresOf(db: Kysely<Database>, memberId: number): Promise<Map<number, PracticeScoreRow>> {
    const rows = await db.selectFrom('practice_scores').selectAll().where('member_id', '=', memberId).orderBy('item').execute();
    return new Map(rows.map((r) => [r.item, r]));
  },
  async insert(db: Kysely<Database>, row: PracticeWrite & { tender_id: number; member_id: number; item: number }): Promise<void> {
    await db.insertInto('practice_scores').values(row).execute();
  },
  async update(db: Kysely<Database>, id: number, write: PracticeWrite): Promise<void> {
    await db.updateTable('practice_scores').set(write).where('id', '=', id).execute();
  },
  /** Adds practice time and moves the member's last activity on (shared with scoring, so no time counts twice). */
  async addSeconds(db: Kysely<Database>, memberId: number, seconds: number, at: string): Promise<void> {
    await db
      .updateTable('panel_members')
      .set((eb) => ({ practice_seconds: eb('practice_seconds', '+', seconds), last_active_at: at }))
      .where('id', '=', memberId)
      .execute();
  },
  async setDone(db: Kysely<Database>, memberId: number, at: string): Promise<void> {
    await db.updateTable('panel_members').set({ practice_done_at: at }).where('id', '=', memberId).execute();
  },
  async setMode(db: Kysely<Database>, tenderId: number, mode: PracticeMode, at: string): Promise<void> {
    await db.updateTable('tenders').set({ practice: mode, updated_at: at }).where('id', '=', tenderId).execute();
  },
};
