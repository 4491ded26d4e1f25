// The embedded SQLite database (the README's "Technology"): WAL, synchronous=FULL, foreign keys on,
// busy timeout of at least 5 s, on every connection the application opens; the file and its folder
// made on first open. SQLite only: these are the settings of the SQLite file.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, sqlitePath, type Db } from '../../../src/data/database';
import { tableNames, withSqlite } from '../../helpers/sqlite-file';
import { useTempDatabase } from '../../helpers/temp-db';

async function pragma(db: Db, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`PRAGMA ${sql.raw(name)}`.execute(db);
  return Object.values(rows[0] ?? {})[0];
}

const APP_TABLES = ['audit_events', 'bid_responses', 'bids', 'consensus', 'member_bids', 'member_criteria', 'panel_members', 'scores', 'tenders', 'users'];

describe('the SQLite database file', () => {
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
    withSqlite(temp.sqliteFile(), (s) => assert.equal(s.pragma('journal_mode', { simple: true }), 'wal'));
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
});
