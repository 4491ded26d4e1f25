// The tender aggregate: the tender with its rubric snapshot, its bids and their responses.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { sortByKeys } from '../engine/keys';
import { chunks } from './chunks';
import type { BidResponsesTable, BidRow, BidsTable, Database, FinalisationsTable, TenderRow, TendersTable } from './schema';

export const tenderRepository = {
  async findByReference(db: Kysely<Database>, reference: string): Promise<TenderRow | undefined> {
    return db.selectFrom('tenders').selectAll().where('reference', '=', reference).executeTakeFirst();
  },
  /** Whether a tender already has this reference, in any letter case (HW-1 and hw-1 are one reference to people). */
  async referenceTaken(db: Kysely<Database>, reference: string): Promise<boolean> {
    return (await tenderRepository.takenAs(db, reference)) !== undefined;
  },
  /** The reference a tender already has that is `reference` in any letter case (the exact one first), in one read. */
  async takenAs(db: Kysely<Database>, reference: string): Promise<string | undefined> {
    const rows = await db
      .selectFrom('tenders')
      .select('reference')
      .where((eb) => eb(eb.fn('lower', ['reference']), '=', reference.toLowerCase()))
      .execute();
    return rows.find((r) => r.reference === reference)?.reference ?? rows[0]?.reference;
  },
  async findById(db: Kysely<Database>, id: number): Promise<TenderRow | undefined> {
    return db.selectFrom('tenders').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Kysely<Database>, tender: Insertable<TendersTable>): Promise<number> {
    const row = await db.insertInto('tenders').values(tender).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
  async insertBid(db: Kysely<Database>, bid: Insertable<BidsTable>): Promise<number> {
    const row = await db.insertInto('bids').values(bid).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
  async insertResponses(db: Kysely<Database>, responses: Insertable<BidResponsesTable>[]): Promise<void> {
    for (const part of chunks(responses)) await db.insertInto('bid_responses').values(part).execute();
  },
  async bids(db: Kysely<Database>, tenderId: number): Promise<BidRow[]> {
    return sortByKeys(await db.selectFrom('bids').selectAll().where('tender_id', '=', tenderId).orderBy('key').execute(), (b) => b.key);
  },
  async list(db: Kysely<Database>): Promise<TenderRow[]> {
    return db.selectFrom('tenders').selectAll().orderBy('created_at', 'desc').orderBy('reference').execute();
  },
  async responses(db: Kysely<Database>, tenderId: number): Promise<{ bid: string; criterion: string; response: string }[]> {
    return db
      .selectFrom('bid_responses')
      .innerJoin('bids', 'bids.id', 'bid_responses.bid_id')
      .select(['bids.key as bid', 'bid_responses.criterion', 'bid_responses.response'])
      .where('bids.tender_id', '=', tenderId)
      .execute();
  },
  async recordFinalisation(db: Kysely<Database>, row: Insertable<FinalisationsTable>): Promise<void> {
    await db.insertInto('finalisations').values(row).execute();
  },
  async finalisation(db: Kysely<Database>, tenderId: number): Promise<Selectable<FinalisationsTable> | undefined> {
    return db.selectFrom('finalisations').selectAll().where('tender_id', '=', tenderId).executeTakeFirst();
  },
  async setState(db: Kysely<Database>, id: number, state: string, at: string): Promise<void> {
    await db.updateTable('tenders').set({ state, updated_at: at }).where('id', '=', id).execute();
  },
  async setLightTouch(db: Kysely<Database>, id: number, lightTouch: boolean, at: string): Promise<void> {
    await db.updateTable('tenders').set({ light_touch: lightTouch ? 1 : 0, updated_at: at }).where('id', '=', id).execute();
  },
  async findBid(db: Kysely<Database>, tenderId: number, key: string): Promise<BidRow | undefined> {
    return db.selectFrom('bids').selectAll().where('tender_id', '=', tenderId).where('key', '=', key).executeTakeFirst();
  },
  async bidResponses(db: Kysely<Database>, bidId: number): Promise<{ criterion: string; response: string }[]> {
    return db.selectFrom('bid_responses').select(['criterion', 'response']).where('bid_id', '=', bidId).execute();
  },
  async updateBid(db: Kysely<Database>, bidId: number, fields: Updateable<BidsTable>): Promise<void> {
    await db.updateTable('bids').set(fields).where('id', '=', bidId).execute();
  },
  /** Replaces every response of a bid. */
  async replaceResponses(db: Kysely<Database>, bidId: number, responses: { criterion: string; response: string }[]): Promise<void> {
    await db.deleteFrom('bid_responses').where('bid_id', '=', bidId).execute();
    for (const part of chunks(responses.map((r) => ({ bid_id: bidId, ...r })))) await db.insertInto('bid_responses').values(part).execute();
  },
  /** Whether anyone has scored the bid, or a consensus score was recorded for it. */
  async bidHasScores(db: Kysely<Database>, bidId: number): Promise<boolean> {
    const score = await db.selectFrom('scores').select('id').where('bid_id', '=', bidId).limit(1).executeTakeFirst();
    const consensus = await db.selectFrom('consensus').select('id').where('bid_id', '=', bidId).limit(1).executeTakeFirst();
    return score !== undefined || consensus !== undefined;
  },
  /** Removes a bid that nobody has scored, with its responses and panel assignments. */
  async deleteBid(db: Kysely<Database>, bidId: number): Promise<void> {
    await db.deleteFrom('member_bids').where('bid_id', '=', bidId).execute();
    await db.deleteFrom('bid_responses').where('bid_id', '=', bidId).execute();
    await db.deleteFrom('bids').where('id', '=', bidId).execute();
  },
  async count(db: Kysely<Database>): Promise<number> {
    const row = await db.selectFrom('tenders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
