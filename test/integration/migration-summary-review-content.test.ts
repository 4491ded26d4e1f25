// Migration 021 gives each summary review the fingerprint of the summary it was made on. A review
// stored before it keeps who and when, with no fingerprint (nobody can say now what was read), so
// it reads as stale and is asked for again; a review made after it holds its fingerprint.
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { connectDatabase, provider } from '../../src/data/database';
import { readinessRepository } from '../../src/data/readiness-repository';
import { summaryReviewState } from '../../src/services/readiness/readiness-checks';
import { useTempDatabase } from '../helpers/temp-db';

describe('migration 021: summary review content', () => {
  const temp = useTempDatabase('each', { empty: true });

  it('keeps a review made before it, without a fingerprint, so it is to be made again', async () => {
    const db = connectDatabase(temp.url);
    try {
      assert.equal((await new Migrator({ db, provider }).migrateTo('020-panel-page-indexes')).error, undefined);
      await sql`INSERT INTO tenders (id, reference, title, rubric_id, rubric_json, aggregation, anonymise, state, created_at, updated_at)
        VALUES (1, 'MOD-1', 'A tender', 'r', '{}', 'mean', 0, 'moderation', '2026-01-01', '2026-01-01')`.execute(db);
      for (const [id, key] of [[1, 'A'], [2, 'B']] as const) await sql`INSERT INTO bids (id, tender_id, key, supplier, price, withdrawn) VALUES (${id}, 1, ${key}, 'Org', '100', 0)`.execute(db);
      await sql`INSERT INTO summary_reviews (tender_id, bid_id, reviewed_by, reviewed_at) VALUES (1, 1, 'commissioner:sam@council.example', '2026-11-20T16:30:00.000Z')`.execute(db);

      assert.equal((await new Migrator({ db, provider }).migrateToLatest()).error, undefined);
      const content = 'c'.repeat(64);
      await readinessRepository.saveSummaryReview(db, { tenderId: 1, bidId: 2, by: 'commissioner:sam@council.example', at: '2026-11-21T09:00:00.000Z', content });
      const reviews = await readinessRepository.summaryReviews(db, 1);
      assert.deepEqual(
        reviews.sort((a, b) => a.bid.localeCompare(b.bid)),
        [
          { bid: 'A', reviewedBy: 'commissioner:sam@council.example', reviewedAt: '2026-11-20T16:30:00.000Z', content: null },
          { bid: 'B', reviewedBy: 'commissioner:sam@council.example', reviewedAt: '2026-11-21T09:00:00.000Z', content },
        ],
      );
      const summaryContents = new Map([['A', 'a'.repeat(64)], ['B', content]]);
      assert.equal(summaryReviewState({ reviews, summaryContents }, 'A'), 'stale');
      assert.equal(summaryReviewState({ reviews, summaryContents }, 'B'), 'reviewed');
    } finally {
      await db.destroy();
    }
  });
});
