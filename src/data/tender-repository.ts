// The tender aggregate: the tender with its rubric snapshot, its bids and their responses.
import type { Insertable, Kysely } from 'kysely';
import { chunks } from './chunks';
import type { BidResponsesTable, BidRow, BidsTable, Database, TenderRow, TendersTable } from './schema';

export const tenderRepository = {
  async findByReference(db: Kysely<Database>, reference: string): Promise<TenderRow | undefined> {
    return db.selectFrom('tenders').selectAll().where('reference', '=', reference).executeTakeFirst();
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
    return db.selectFrom('bids').selectAll().where('tender_id', '=', tenderId).orderBy('key').execute();
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
  async count(db: Kysely<Database>): Promise<number> {
    const row = await db.selectFrom('tenders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
