// Queries kept compiled (src/data/prepared-query.ts) on the database under test (SQLite, or
// PostgreSQL with TEST_DATABASE=postgres): each run binds its own values into the same SQL, values
// are always parameters (never SQL text), a transaction runs the same SQL, and a build that would
// put a value anywhere but a parameter (unused, or turned into text) is refused the first time it runs.
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Db } from '../../src/data/database';
import { preparedQuery } from '../../src/data/prepared-query';
import type { Database } from '../../src/data/schema';
import { useTempDatabase } from '../helpers/temp-db';

const NOW = '2026-12-05T10:00:00.000Z';
const sessionsBetween = preparedQuery((db: Kysely<Database>, args: { from: string; to: string; prefix: string }) =>
  db
    .selectFrom('sessions')
    .select(['sid', 'data'])
    .where('expires_at', '>', args.from)
    .where('expires_at', '<', args.to)
    .where('sid', 'like', args.prefix)
    .orderBy('sid'),
);

describe('prepared queries', () => {
  const temp = useTempDatabase('each');
  let db: Db;
  beforeEach(async () => {
    db = await openDatabase(temp.url);
    const rows = ['a1', 'a2', 'b1', "o'brien"].map((sid, i) => ({ sid, data: `{"n":${i}}`, expires_at: `2026-12-0${i + 5}T12:00:00.000Z` }));
    await db.insertInto('sessions').values(rows).execute();
  });
  afterEach(() => db.destroy());

  it('binds each run its own values and reads the same rows as the query built afresh', async () => {
    for (const args of [
      { from: NOW, to: '2026-12-31', prefix: 'a%' },
      { from: NOW, to: '2026-12-31', prefix: '%' },
      { from: '2026-12-06', to: '2026-12-07', prefix: '%' },
      { from: NOW, to: NOW, prefix: '%' },
    ]) {
      const afresh = await db
        .selectFrom('sessions')
        .select(['sid', 'data'])
        .where('expires_at', '>', args.from)
        .where('expires_at', '<', args.to)
        .where('sid', 'like', args.prefix)
        .orderBy('sid')
        .execute();
      assert.deepEqual(await sessionsBetween(db, args), afresh, JSON.stringify(args));
    }
    assert.deepEqual((await sessionsBetween(db, { from: NOW, to: '2026-12-31', prefix: 'a%' })).map((r) => r.sid), ['a1', 'a2']);
  });

  it('treats a value as a value, never as SQL', async () => {
    const quoted = await sessionsBetween(db, { from: NOW, to: '2026-12-31', prefix: "o'brien" });
    assert.deepEqual(quoted.map((r) => r.sid), ["o'brien"]);
    const injected = await sessionsBetween(db, { from: NOW, to: '2026-12-31', prefix: "x' or '1'='1" });
    assert.deepEqual(injected, []);
  });

  it('runs the same SQL inside a transaction, seeing its uncommitted rows', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('sessions').values({ sid: 'a3', data: '{}', expires_at: '2026-12-20T00:00:00.000Z' }).execute();
      const inside = await sessionsBetween(trx, { from: NOW, to: '2026-12-31', prefix: 'a%' });
      assert.deepEqual(inside.map((r) => r.sid), ['a1', 'a2', 'a3']);
    });
  });

  it('refuses a value the build reads but does not pass as a parameter, or turns into text', async () => {
    const unused = preparedQuery((db: Kysely<Database>, args: { sid: string; spare: string }) => {
      void args.spare;
      return db.selectFrom('sessions').select('sid').where('sid', '=', args.sid);
    });
    await assert.rejects(() => unused(db, { sid: 'a1', spare: 'x' }), /prepared query: spare must be compared as a value/);
    const asText = preparedQuery((db: Kysely<Database>, args: { table: string }) => db.selectFrom('sessions').select(sql<string>`${sql.raw(String(args.table))}`.as('t')));
    await assert.rejects(() => asText(db, { table: 'sessions' }), /prepared query: table must be compared as a value \(it was turned into text\)/);
    // Also when the same value is a parameter elsewhere in the query.
    const both = preparedQuery((db: Kysely<Database>, args: { sid: string }) =>
      db.selectFrom('sessions').select(sql<string>`${sql.raw(`'${args.sid}'`)}`.as('t')).where('sid', '=', args.sid),
    );
    await assert.rejects(() => both(db, { sid: 'a1' }), /prepared query: sid must be compared as a value \(it was turned into text\)/);
  });
});
