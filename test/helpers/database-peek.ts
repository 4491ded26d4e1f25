// Looks at (and, for tests of the audit trail and of transactions, tampers with) the test's
// database behind the application's back, through the application's own Kysely, so the same test
// runs on SQLite and on PostgreSQL. Where the two databases differ (listing the tables, lifting
// the append-only triggers, a trigger that refuses rows, the words of a refusal), the difference
// is here and nowhere else in the tests.
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { connectDatabase, type Db } from '../../src/data/database';
import { dialectOf } from '../../src/data/dialect';
import type { TempDatabase } from './temp-db';

export type RowCounts = Record<string, number>;

/** Opens the database (without migrating it) for a short piece of work and always closes it. */
export async function withDatabase<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = connectDatabase(url);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Every table of the database, the migration tables included, in name order. */
export async function tableNames(db: Db): Promise<string[]> {
  const query =
    dialectOf(db) === 'postgres'
      ? sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
      : sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`;
  const { rows } = await query.execute(db);
  return rows.map((r) => r.name).sort();
}

/** The number of rows in every table (the migration tables included). */
export async function rowCounts(url: string): Promise<RowCounts> {
  return withDatabase(url, async (db) => {
    const counts: RowCounts = {};
    for (const name of await tableNames(db)) {
      const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db);
      counts[name] = Number(rows[0]!.n);
    }
    return counts;
  });
}

/**
 * Runs `work` in one transaction with the append-only triggers of `table` lifted, as someone
 * editing the database by hand would; they refuse changes again afterwards. PostgreSQL disables
 * the table's triggers for the transaction; SQLite has no such switch, so its triggers are
 * dropped and made again from their own SQL.
 */
export async function behindTheAppsBack(url: string, table: string, work: (db: Db) => Promise<void>): Promise<void> {
  await withDatabase(url, (db) =>
    db.transaction().execute(async (trx) => {
      if (dialectOf(trx) === 'postgres') {
        await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(trx);
        await work(trx);
        await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(trx);
        return;
      }
      const { rows } = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ${table}`.execute(trx);
      for (const trigger of rows) await sql`DROP TRIGGER ${sql.id(trigger.name)}`.execute(trx);
      await work(trx);
      for (const trigger of rows) await sql.raw(trigger.sql).execute(trx);
    }),
  );
}

/** What the database's refusals say, on either database. */
export const REFUSED = {
  foreignKey: /FOREIGN KEY constraint failed|violates foreign key constraint/,
  check: /CHECK constraint failed|violates check constraint/,
  byTheTest: /refused by the test/,
};

/**
 * Makes the database refuse, with "refused by the test", every new row of `table` (or only those
 * whose `when.column` is `when.value`), as a full disk or a broken constraint would refuse it in
 * the middle of a transaction. Returns what puts the database back.
 */
export async function refuseInserts(url: string, table: string, when?: { column: string; value: string }): Promise<() => Promise<void>> {
  const trigger = sql.id(`test_refuse_${table}`);
  const condition = when ? sql`WHEN (NEW.${sql.id(when.column)} = ${sql.lit(when.value)})` : sql``;
  const postgres = await withDatabase(url, async (db) => {
    if (dialectOf(db) === 'postgres') {
      await sql`CREATE OR REPLACE FUNCTION test_refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`.execute(db);
      await sql`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${sql.table(table)} FOR EACH ROW ${condition} EXECUTE FUNCTION test_refuse_row()`.execute(db);
      return true;
    }
    await sql`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${sql.table(table)} ${condition} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(db);
    return false;
  });
  return () => withDatabase(url, async (db) => void (await sql`DROP TRIGGER ${trigger}${postgres ? sql` ON ${sql.table(table)}` : sql``}`.execute(db)));
}

/**
 * Rows that break a foreign key (SQLite: `PRAGMA foreign_key_check`, which finds rows left behind
 * by a table rebuilt with the checks off); on PostgreSQL, every foreign key not validated against
 * the rows already there. Empty when every reference holds.
 */
export async function foreignKeyProblems(db: Db): Promise<unknown[]> {
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql`SELECT conrelid::regclass::text AS "table", conname AS "constraint" FROM pg_constraint WHERE contype = 'f' AND NOT convalidated AND connamespace = current_schema()::regnamespace`.execute(db);
    return rows;
  }
  return (await sql`PRAGMA foreign_key_check`.execute(db)).rows;
}

/**
 * Where the database keeps `text`, if anywhere: the tables with a row holding it, and on SQLite
 * also the database file and its write-ahead log read byte by byte (which also hold rows since
 * changed). Empty when the text is stored nowhere.
 */
export async function placesHolding(temp: TempDatabase, text: string): Promise<string[]> {
  const places = await withDatabase(temp.url, async (db) => {
    const found: string[] = [];
    for (const name of await tableNames(db)) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
      if (rows.some((row) => Object.values(row).some((value) => value !== null && String(value).includes(text)))) found.push(`table ${name}`);
    }
    return found;
  });
  if (temp.kind === 'sqlite') {
    for (const file of [temp.sqliteFile(), `${temp.sqliteFile()}-wal`]) {
      if (existsSync(file) && readFileSync(file).includes(text)) places.push(`file ${file}`);
    }
  }
  return places;
}

/**
 * Holds back every write to the sessions table until the returned function is called, from a
 * connection of its own: SQLite's write lock (the whole file) or, on PostgreSQL, a lock on the
 * sessions table that lets reads through. A server in another process waits on it meanwhile.
 */
export async function holdSessionWrites(db: Db): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const postgres = dialectOf(db) === 'postgres';
  const done = db.connection().execute(async (connection) => {
    if (postgres) {
      await sql`BEGIN`.execute(connection);
      await sql`LOCK TABLE sessions IN EXCLUSIVE MODE`.execute(connection);
    } else await sql`BEGIN IMMEDIATE`.execute(connection);
    held();
    await released;
    await sql`COMMIT`.execute(connection);
  });
  await Promise.race([holding, done]);
  return async () => {
    release();
    await done;
  };
}
