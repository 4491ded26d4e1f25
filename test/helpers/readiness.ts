// Putting right what a tender's readiness check lists, straight in the database, for tests about
// something else: an hourly rate set and every live bid's summary reviewed (at `at`, after the
// scores last changed).
import type { Db } from '../../src/data/database';

export async function settleOutstanding(db: Db, reference: string, at: Date): Promise<void> {
  const tender = await db.selectFrom('tenders').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  await db.updateTable('tenders').set({ hourly_rate: '15.00' }).where('id', '=', tender.id).execute();
  const bids = await db.selectFrom('bids').select('id').where('tender_id', '=', tender.id).where('withdrawn', '=', 0).execute();
  for (const bid of bids) {
    await db
      .insertInto('summary_reviews')
      .values({ tender_id: tender.id, bid_id: bid.id, reviewed_by: 'commissioner:test', reviewed_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['tender_id', 'bid_id']).doUpdateSet({ reviewed_at: at.toISOString() }))
      .execute();
  }
}
