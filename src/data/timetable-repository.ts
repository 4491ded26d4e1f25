// The tender's timetable: three calendar days (YYYY-MM-DD, UK time) on the tender row.
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { assignedCells } from './assigned-cells';

export interface TimetableRow {
  scoring_closes_on: string | null;
  moderation_on: string | null;
  award_planned_on: string | null;
}

export const timetableRepository = {
  async set(db: Kysely<Database>, tenderId: number, days: TimetableRow, at: string): Promise<void> {
    await db.updateTable('tenders').set({ ...days, updated_at: at }).where('id', '=', tenderId).execute();
  },
  /**
   * Each member on the panel (not withdrawn) with work assigned: how many scores they were given
   * (bids not withdrawn, no conflict of interest) and how many of those they have sent.
   */
  async tallies(db: Kysely<Database>, tenderId: number): Promise<Map<number, { cells: number; sent: number }>> {
    const rows = await assignedCells(db, tenderId)
      .leftJoin('scores as s', (join) => join.onRef('s.member_id', '=', 'm.id').onRef('s.bid_id', '=', 'b.id').onRef('s.criterion', '=', 'mc.criterion').on('s.status', '=', 'submitted'))
      .select((eb) => ['m.id as member', eb.fn.countAll<number>().as('cells'), eb.fn.count<number>('s.id').as('sent')])
      .groupBy('m.id')
      .execute();
    return new Map(rows.map((r) => [r.member, { cells: Number(r.cells), sent: Number(r.sent) }]));
  },
};
