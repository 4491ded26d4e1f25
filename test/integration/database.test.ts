// The embedded SQLite database (the README's "Technology"): WAL, synchronous=FULL, foreign keys on, busy timeout
// of at least 5 s, on every connection the application opens; migrations that may run again.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, provider, sqlitePath, type Db } from '../../src/data/database';
import { cli, cliSettled, importPack } from '../helpers/cli';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { rowCounts, tableNames, withSqlite } from '../helpers/sqlite-file';
import { useTempDatabase } from '../helpers/temp-db';

async function pragma(db: Db, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`PRAGMA ${sql.raw(name)}`.execute(db);
  return Object.values(rows[0] ?? {})[0];
}

const APP_TABLES = ['audit_events', 'bid_responses', 'bids', 'consensus', 'member_bids', 'member_criteria', 'panel_members', 'scores', 'tenders', 'users'];

describe('the SQLite database', () => {
  const temp = useTempDatabase('each');

  it('opens with journal_mode wal, synchronous FULL, foreign keys on and a busy timeout of at least 5 s', async () => {
    const db = await openDatabase(temp.url);
    try {
      assert.equal(await pragma(db, 'journal_mode'), 'wal');
      assert.equal(await pragma(db, 'synchronous'), 2); // 2 = FULL
      assert.equal(await pragma(db, 'foreign_keys'), 1);
      const timeout = await pragma(db, 'busy_timeout');
      assert.equal(typeof timeout, 'number');
      assert.ok((timeout as number) >= 5000, `busy_timeout is ${String(timeout)}`);
    } finally {
      await db.destroy();
    }
  });

  it('leaves the file in WAL mode for every later connection', async () => {
    await (await openDatabase(temp.url)).destroy();
    withSqlite(temp.file, (s) => assert.equal(s.pragma('journal_mode', { simple: true }), 'wal'));
  });

  it('creates the folder of the file and every table on first open', async () => {
    const nested = `sqlite:${path.join(temp.dir, 'deeper', 'still', 'app.sqlite')}`;
    const db = await openDatabase(nested);
    await db.destroy();
    const file = sqlitePath(nested);
    assert.ok(existsSync(file));
    const tables = withSqlite(file, tableNames);
    for (const table of APP_TABLES) assert.ok(tables.includes(table), `table ${table}`);
  });

  it('enforces foreign keys: a bid for a tender that does not exist is refused', async () => {
    const db = await openDatabase(temp.url);
    try {
      await assert.rejects(
        db.insertInto('bids').values({ tender_id: 999, key: 'A', supplier: 'Nobody', price: '1', withdrawn: 0 }).execute(),
        /FOREIGN KEY constraint failed/,
      );
    } finally {
      await db.destroy();
    }
  });

  it('applies migrations harmlessly when the same file is opened again, keeping the data', async () => {
    await importPack(HAND_WORKED_PACK);
    const before = rowCounts(temp.file);
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase(temp.url);
      await db.destroy();
    }
    const after = rowCounts(temp.file);
    assert.deepEqual(after, before);
    const migrations = withSqlite(temp.file, (s) => s.prepare('SELECT name FROM kysely_migration ORDER BY name').all());
    // Each migration recorded once, in order, however often the file is opened.
    assert.deepEqual(
      migrations,
      Object.keys(await provider.getMigrations()).sort().map((name) => ({ name })),
    );
    assert.deepEqual(migrations.slice(0, 3), [{ name: '001-initial' }, { name: '002-web' }, { name: '003-moderation' }]);
    const run = await cli(['results', 'HW-2026-01', '--json']);
    assert.equal(run.code, 0);
    assert.equal((JSON.parse(run.stdout) as { winner: string }).winner, 'C');
  });

  it('can be open twice at once (two connections to one file), both reading the same data', async () => {
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

  it('keeps the audit trigger refusing changes after the file is opened again', async () => {
    await importPack(HAND_WORKED_PACK);
    await (await openDatabase(temp.url)).destroy();
    withSqlite(temp.file, (s) => assert.throws(() => s.prepare("UPDATE audit_events SET actor = 'someone else'").run(), /append-only/));
  });

  // Both are refused before any file is opened. The clean "exit 1 with the message" the CLI
  // intends is checked in found-bugs.test.ts; here the refusal itself, however it surfaces.
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
