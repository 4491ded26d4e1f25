// The Provider Selection Regime's stored choices (migration 011) and what its decision record
// reads about declared conflicts of interest and who attended moderation.
import type { Kysely, Selectable } from 'kysely';
import { sortByKeys } from '../engine/keys';
import type { Database, ProviderSelectionsTable } from './schema';

export type ProviderSelectionRow = Selectable<ProviderSelectionsTable>;

export interface DeclaredConflict {
  member_id: number;
  member: string;
  bid_id: number;
  bid: string;
  supplier: string;
  declared_by: string;
  declared_at: string;
  note: string | null;
}

export const providerSelectionRepository = {
  async find(db: Kysely<Database>, tenderId: number): Promise<ProviderSelectionRow | undefined> {
    return db.selectFrom('provider_selections').selectAll().where('tender_id', '=', tenderId).executeTakeFirst();
  },
  async save(db: Kysely<Database>, row: ProviderSelectionRow): Promise<void> {
    const { tender_id, ...rest } = row;
    const updated = await db.updateTable('provider_selections').set(rest).where('tender_id', '=', tender_id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await db.insertInto('provider_selections').values(row).execute();
  },
  async remove(db: Kysely<Database>, tenderId: number): Promise<void> {
    await db.deleteFrom('provider_selections').where('tender_id', '=', tenderId).execute();
  },
  /** Every conflict declared by the tender's panel (withdrawn members too), with the commissioner's note; by member, then bid. */
  async conflicts(db: Kysely<Database>, tenderId: number): Promise<DeclaredConflict[]> {
    const rows = await db
      .selectFrom('member_conflicts as mc')
      .innerJoin('panel_members as m', 'm.id', 'mc.member_id')
      .innerJoin('bids as b', 'b.id', 'mc.bid_id')
      .leftJoin('conflict_notes as n', (join) => join.onRef('n.member_id', '=', 'mc.member_id').onRef('n.bid_id', '=', 'mc.bid_id'))
      .select(['mc.member_id', 'm.key as member', 'mc.bid_id', 'b.key as bid', 'b.supplier', 'mc.declared_by', 'mc.declared_at', 'n.note'])
      .where('m.tender_id', '=', tenderId)
      .execute();
    return sortByKeys(rows, (r) => r.member, (r) => r.bid);
  },
  async setNote(db: Kysely<Database>, memberId: number, bidId: number, note: string | null, by: string, at: string): Promise<void> {
    await db.deleteFrom('conflict_notes').where('member_id', '=', memberId).where('bid_id', '=', bidId).execute();
    if (note !== null) await db.insertInto('conflict_notes').values({ member_id: memberId, bid_id: bidId, note, recorded_by: by, recorded_at: at }).execute();
  },
  /** Who attended each consensus score, current and replaced: bid key, criterion, attendees' keys. */
  async moderationAttendance(db: Kysely<Database>, tenderId: number): Promise<{ bid: string; criterion: string; attendees: string[] }[]> {
    const [current, replaced] = await Promise.all([
      db.selectFrom('consensus as c').innerJoin('bids as b', 'b.id', 'c.bid_id').select(['b.key as bid', 'c.criterion', 'c.attendees']).where('c.tender_id', '=', tenderId).execute(),
      db.selectFrom('consensus_history as c').innerJoin('bids as b', 'b.id', 'c.bid_id').select(['b.key as bid', 'c.criterion', 'c.attendees']).where('c.tender_id', '=', tenderId).execute(),
    ]);
    return [...current, ...replaced].map((r) => ({ bid: r.bid, criterion: r.criterion, attendees: JSON.parse(r.attendees) as string[] }));
  },
  /** How many scores each member sent for each bid (member id → bid id → count). */
  async submittedCounts(db: Kysely<Database>, tenderId: number): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('scores')
      .select((eb) => ['member_id', 'bid_id', eb.fn.countAll<number>().as('n')])
      .where('tender_id', '=', tenderId)
      .where('status', '=', 'submitted')
      .groupBy(['member_id', 'bid_id'])
      .execute();
    return new Map(rows.map((r) => [`${r.member_id}:${r.bid_id}`, Number(r.n)]));
  },
  /** The staff who recorded consensus scores (the moderation meeting's chairs), current and replaced. */
  async moderationRecorders(db: Kysely<Database>, tenderId: number): Promise<string[]> {
    const [a, b] = await Promise.all([
      db.selectFrom('consensus').select('recorded_by').distinct().where('tender_id', '=', tenderId).execute(),
      db.selectFrom('consensus_history').select('recorded_by').distinct().where('tender_id', '=', tenderId).execute(),
    ]);
    return [...new Set([...a, ...b].map((r) => r.recorded_by))].sort();
  },
};
