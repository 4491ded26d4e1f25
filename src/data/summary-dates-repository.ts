// Assessment summaries' dates (table summary_dates): issued when the tender is finalised, one row
// per bid that was not withdrawn; the day each was sent, as the commissioner records it.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface SummaryDates {
  /** ISO time the summary was issued. */
  issuedAt: string;
  /** YYYY-MM-DD (UK), or null when not recorded. */
  sentOn: string | null;
  sentBy: string | null;
  sentRecordedAt: string | null;
}

export const summaryDatesRepository = {
  /** Issues the summaries of every bid of the tender that was not withdrawn (a bid issued before keeps its date). */
  async issue(db: Kysely<Database>, tenderId: number, at: string): Promise<void> {
    const bids = await db.selectFrom('bids').select('id').where('tender_id', '=', tenderId).where('withdrawn', '=', 0).execute();
    for (const bid of bids) {
      await db
        .insertInto('summary_dates')
        .values({ bid_id: bid.id, tender_id: tenderId, issued_at: at, sent_on: null, sent_by: null, sent_recorded_at: null })
        .onConflict((oc) => oc.column('bid_id').doNothing())
        .execute();
    }
  },
  /** Bid key → dates, for the bids of one tender whose summaries are issued. */
  async ofTender(db: Kysely<Database>, tenderId: number): Promise<Map<string, SummaryDates>> {
    const rows = await db
      .selectFrom('summary_dates')
      .innerJoin('bids', 'bids.id', 'summary_dates.bid_id')
      .select(['bids.key', 'summary_dates.issued_at', 'summary_dates.sent_on', 'summary_dates.sent_by', 'summary_dates.sent_recorded_at'])
      .where('summary_dates.tender_id', '=', tenderId)
      .execute();
    return new Map(rows.map((r) => [r.key, { issuedAt: r.issued_at, sentOn: r.sent_on, sentBy: r.sent_by, sentRecordedAt: r.sent_recorded_at }]));
  },
  async find(db: Kysely<Database>, bidId: number): Promise<SummaryDates | null> {
    const row = await db.selectFrom('summary_dates').selectAll().where('bid_id', '=', bidId).executeTakeFirst();
    return row ? { issuedAt: row.issued_at, sentOn: row.sent_on, sentBy: row.sent_by, sentRecordedAt: row.sent_recorded_at } : null;
  },
  async setSent(db: Kysely<Database>, bidId: number, sentOn: string, by: string, at: string): Promise<void> {
    await db.updateTable('summary_dates').set({ sent_on: sentOn, sent_by: by, sent_recorded_at: at }).where('bid_id', '=', bidId).execute();
  },
};
