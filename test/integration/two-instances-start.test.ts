// Two instances started at once on one new database, as a deployment brings up two at the same
// moment: both come up, the migrations are applied once, the demo is loaded once (the other
// instance says another is loading it, or that the database holds tenders), and both stop on SIGTERM.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrate, openDatabase, provider } from '../../src/data/database';
import { cli } from '../helpers/cli';
import { freePort, npmStart, untilRunning, type Started } from '../helpers/npm-start';
import { useTempDatabase } from '../helpers/temp-db';

describe('two instances starting at once on one new database', function () {
  this.timeout(120_000);
  // An empty database (on PostgreSQL too: not a copy of the migrated template), so the two
  // instances apply the migrations themselves.
  const temp = useTempDatabase('each', { empty: true });

  it('both come up; the migrations are applied once and the demo loaded once', async () => {
    const env = async () => ({ DATABASE_URL: temp.url, PORT: String(await freePort()), SESSION_SECRET: 'two-instances-share-this-secret-0123456789' });
    const started: Started[] = [npmStart(await env()), npmStart(await env())];
    try {
      await Promise.all(started.map(untilRunning));
      const outputs = started.map((s) => s.output());
      assert.equal(outputs.filter((o) => /Loaded the demo tender DEMO-HC-2026/.test(o)).length, 1, outputs.join('\n----\n'));
      assert.equal(outputs.filter((o) => /Another instance is loading the demo|already holds tenders/.test(o)).length, 1, outputs.join('\n----\n'));

      const db = await openDatabase(temp.url);
      try {
        assert.deepEqual(await migrate(db), [], 'nothing left to apply');
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
        assert.deepEqual(
          applied.rows.map((r) => r.name),
          Object.keys(await provider.getMigrations()).sort(),
        );
        assert.equal(Number((await db.selectFrom('tenders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1);
        assert.equal(Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 3);
      } finally {
        await db.destroy();
      }
      for (const s of started) s.npm.kill('SIGTERM');
      assert.deepEqual(await Promise.all(started.map((s) => s.exited)), [0, 0], 'both stop cleanly');
    } finally {
      for (const s of started) if (s.npm.exitCode === null) s.npm.kill('SIGKILL');
    }
    // Three accounts, one import and two invitations: six events, once.
    assert.match((await cli(['verify-audit'])).stdout, /intact: 6 events/);
  });
});
