// The database the application opens (SQLite or PostgreSQL): every table made on first open,
// foreign keys enforced, migrations that may run again, two connections at once, the audit table
// append-only. (The SQLite file's own settings are in sqlite/database-file.test.ts.)
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, provider } from '../../src/data/database';
import { cli, cliSettled, importPack } from '../helpers/cli';
import { REFUSED, rowCounts, tableNames, withDatabase } from '../helpers/database-peek';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { makeTempDatabase, useTempDatabase } from '../helpers/temp-db';

const APP_TABLES = ['audit_events', 'bid_responses', 'bids', 'consensus', 'member_bids', 'member_criteria', 'panel_members', 'scores', 'tenders', 'users'];

describe('the database', () => {
  const temp = useTempDatabase('each');

  it('creates every table on first open', async () => {
    const fresh = await makeTempDatabase('tender-fresh-', { empty: true });
    try {
      assert.deepEqual(await withDatabase(fresh.url, tableNames), [], 'nothing before the first open');
      await (await openDatabase(fresh.url)).destroy();
      const tables = await withDatabase(fresh.url, tableNames);
      for (const table of APP_TABLES) assert.ok(tables.includes(table), `table ${table}`);
    } finally {
      await fresh.cleanup();
    }
  });

  it('enforces foreign keys: a bid for a tender that does not exist is refused', async () => {
    const db = await openDatabase(temp.url);
    try {
      await assert.rejects(
        db.insertInto('bids').values({ tender_id: 999, key: 'A', supplier: 'Nobody', price: '1', withdrawn: 0 }).execute(),
        REFUSED.foreignKey,
      );
    } finally {
      await db.destroy();
    }
  });

  it('applies migrations harmlessly when the same database is opened again, keeping the data', async () => {
    await importPack(HAND_WORKED_PACK);
    const before = await rowCounts(temp.url);
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase(temp.url);
      await db.destroy();
    }
    const after = await rowCounts(temp.url);
    assert.deepEqual(after, before);
    const { rows: migrations } = await withDatabase(temp.url, (db) => sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db));
    // Each migration recorded once, in order, however often the database is opened.
    assert.deepEqual(
      migrations,
      Object.keys(await provider.getMigrations()).sort().map((name) => ({ name })),
    );
    assert.deepEqual(migrations.slice(0, 3), [{ name: '001-initial' }, { name: '002-web' }, { name: '003-moderation' }]);
    const run = await cli(['results', 'HW-2026-01', '--json']);
    assert.equal(run.code, 0);
    assert.equal((JSON.parse(run.stdout) as { winner: string }).winner, 'C');
  });

  it('can be open twice at once (two connections to one database), both reading the same data', async () => {
    await importPack(HAND_WORKED_PACK);
    const first = await openDatabase(temp.url);
    const second = await openDatabase(temp.url);
    try {
      const [a, b] = await Promise.all([
        first.selectFrom('tenders').select('reference').execute(),
        second.selectFrom('tenders').select('reference').execute(),
      ]);
      assert.deepEqual(a, [{ reference: 'HW-2026-01' }]);
      assert.deepEqual(b, a);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  it('keeps the audit trigger refusing changes after the database is opened again', async () => {
    await importPack(HAND_WORKED_PACK);
    await (await openDatabase(temp.url)).destroy();
    await withDatabase(temp.url, (db) => assert.rejects(db.updateTable('audit_events').set({ actor: 'someone else' }).execute(), /append-only/));
  });

  // Neither opens anything. The clean "exit 1 with the message" the CLI
  // intends is checked in regressions.test.ts; here the refusal itself, however it surfaces.
  const refusal = async (): Promise<string> => {
    const outcome = await cliSettled(['verify-audit']);
    if ('error' in outcome) return outcome.error.message;
    assert.equal(outcome.run.code, 1);
    return outcome.run.stderr;
  };

  it('says which PostgreSQL it could not reach, without the password, when DATABASE_URL names one that is not there', async () => {
    process.env['DATABASE_URL'] = 'postgres://council:s3cret-word@127.0.0.1:1/tenders';
    const message = await refusal();
    assert.match(message, /Could not open the PostgreSQL database DATABASE_URL names \(council at 127\.0\.0\.1:1, database tenders\)/);
    assert.match(message, /ECONNREFUSED/);
    assert.doesNotMatch(message, /s3cret-word/);
  });

  it('refuses a DATABASE_URL that is neither sqlite: nor postgres://, naming the variable', async () => {
    process.env['DATABASE_URL'] = 'mysql://localhost/tenders';
    const message = await refusal();
    assert.match(message, /DATABASE_URL/);
    assert.match(message, /sqlite:PATH/);
  });
});
