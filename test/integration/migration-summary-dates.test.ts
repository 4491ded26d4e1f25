// Migration 010 adds the assessment summaries' dates: a tender finalised before it gets its
// finalisation time as the issue date of each bid's summary that was not withdrawn; nothing else
// changes, and no sent day is made up.
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { connectDatabase, provider } from '../../src/data/database';
import { useTempDatabase } from '../helpers/temp-db';

describe('migration 010: summary dates', () => {
  const temp = useTempDatabase('each', { empty: true });

  it('issues the summaries of tenders already finalised, from their finalisation time, and no others', async () => {
    const db = connectDatabase(temp.url);
    try {
      assert.equal((await new Migrator({ db, provider }).migrateTo('009-notices')).error, undefined);
      for (const [id, reference, state] of [[1, 'FIN-1', 'finalised'], [2, 'MOD-1', 'moderation']] as const) {
        await sql`INSERT INTO tenders (id, reference, title, rubric_id, rubric_json, aggregation, anonymise, state, created_at, updated_at)
          VALUES (${id}, ${reference}, 'A tender', 'r', '{}', 'mean', 0, ${state}, '2026-01-01', '2026-01-01')`.execute(db);
      }
      for (const [id, tender, key, withdrawn] of [[1, 1, 'A', 0], [2, 1, 'B', 1], [3, 2, 'A', 0]] as const) {
        await sql`INSERT INTO bids (id, tender_id, key, supplier, price, withdrawn) VALUES (${id}, ${tender}, ${key}, 'Org', '100', ${withdrawn})`.execute(db);
      }
      await sql`INSERT INTO finalisations (tender_id, results_json, results_sha256, chain_head, finalised_by, finalised_at)
        VALUES (1, '{}', 'x', 'y', 'commissioner:sam@council.example', '2026-11-20T16:30:00.000Z')`.execute(db);

      assert.equal((await new Migrator({ db, provider }).migrateToLatest()).error, undefined);
      const rows = await db.selectFrom('summary_dates').selectAll().orderBy('bid_id').execute();
      assert.deepEqual(rows, [{ bid_id: 1, tender_id: 1, issued_at: '2026-11-20T16:30:00.000Z', sent_on: null, sent_by: null, sent_recorded_at: null }]);
    } finally {
      await db.destroy();
    }
  });
});
