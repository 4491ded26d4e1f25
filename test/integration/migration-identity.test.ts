// Migration 008 makes `users` again (SQLite cannot change its CHECK in place to allow `admin`):
// a database with accounts and tenders they own keeps both, with the owner link still enforced.
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { connectDatabase, provider } from '../../src/data/database';
import { foreignKeyProblems, REFUSED } from '../helpers/database-peek';
import { useTempDatabase } from '../helpers/temp-db';

describe('migration 008: identity', () => {
  const temp = useTempDatabase('each', { empty: true });

  it('keeps accounts and their tenders, allows the admin role, and still enforces owners', async () => {
    const db = connectDatabase(temp.url);
    try {
      const to007 = await new Migrator({ db, provider }).migrateTo('007-evaluation-safety');
      assert.equal(to007.error, undefined);
      await sql`INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (7, 'sam@council.example', 'Sam', 'commissioner', 'scrypt$x', '2026-01-01')`.execute(db);
      await sql`INSERT INTO tenders (reference, title, rubric_id, rubric_json, aggregation, anonymise, state, owner_id, created_at, updated_at)
        VALUES ('T-1', 'A tender', 'r', '{}', 'equal-voice', 1, 'draft', 7, '2026-01-01', '2026-01-01')`.execute(db);
      await assert.rejects(sql`INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('a@x', 'A', 'admin', '', '')`.execute(db), REFUSED.check);

      const latest = await new Migrator({ db, provider }).migrateToLatest();
      assert.equal(latest.error, undefined);
      const user = await db.selectFrom('users').selectAll().where('id', '=', 7).executeTakeFirstOrThrow();
      assert.equal(user.email, 'sam@council.example');
      assert.equal(user.password_hash, 'scrypt$x');
      assert.equal(user.deactivated_at, null);
      assert.equal((await db.selectFrom('tenders').select('owner_id').executeTakeFirstOrThrow()).owner_id, 7);
      await db.insertInto('users').values({ email: 'admin@x', name: 'Admin', role: 'admin', password_hash: '', created_at: '' }).execute();
      await assert.rejects(sql`INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('b@x', 'B', 'root', '', '')`.execute(db), REFUSED.check);
      await assert.rejects(db.updateTable('tenders').set({ owner_id: 999 }).execute(), REFUSED.foreignKey);
      assert.deepEqual(await foreignKeyProblems(db), []);
    } finally {
      await db.destroy();
    }
  });
});
