// Migration 022 gives each survey answer stored before it a random id (from 2^30 up to 2^31 - 1),
// so the answers' order no longer follows the order they came in; the answers are kept as they were.
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { connectDatabase, provider } from '../../src/data/database';
import { useTempDatabase } from '../helpers/temp-db';

describe('migration 022: survey answers in random order', () => {
  const temp = useTempDatabase('each', { empty: true });

  it('re-numbers the answers stored before it at random, keeping every answer', async () => {
    const db = connectDatabase(temp.url);
    try {
      assert.equal((await new Migrator({ db, provider }).migrateTo('021-summary-review-content')).error, undefined);
      await sql`INSERT INTO tenders (id, reference, title, rubric_id, rubric_json, aggregation, anonymise, state, created_at, updated_at)
        VALUES (1, 'SV-1', 'A tender', 'r', '{}', 'mean', 0, 'finalised', '2026-01-01', '2026-01-01')`.execute(db);
      for (const listened of [1, 2, 3, 4, 5]) {
        await sql`INSERT INTO survey_answers (tender_id, perspective, listened, comments) VALUES (1, 'professional', ${listened}, ${`answer ${listened}`})`.execute(db);
      }
      assert.deepEqual((await db.selectFrom('survey_answers').select('id').orderBy('id').execute()).map((r) => r.id), [1, 2, 3, 4, 5], 'numbered in the order they came');

      assert.equal((await new Migrator({ db, provider }).migrateToLatest()).error, undefined);
      const rows = await db.selectFrom('survey_answers').select(['id', 'listened', 'comments']).execute();
      assert.deepEqual(rows.map((r) => [r.listened, r.comments]).sort(), [1, 2, 3, 4, 5].map((n) => [n, `answer ${n}`]));
      for (const { id } of rows) assert.ok(id >= 2 ** 30 && id < 2 ** 31, `id ${id}`);
      assert.equal(new Set(rows.map((r) => r.id)).size, 5);
    } finally {
      await db.destroy();
    }
  });
});
