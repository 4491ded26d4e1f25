// Where SQLite and PostgreSQL differ, in one place. The schema and the queries are written once with
// Kysely's builder; the few things the two databases spell differently are made here:
// - an auto-numbered primary key (SQLite AUTOINCREMENT, PostgreSQL an identity column);
// - a table that refuses UPDATE and DELETE (SQLite triggers that RAISE, PostgreSQL a plpgsql
//   trigger function, which also refuses TRUNCATE);
// - a JSON array of row tuples built by one aggregate (json_group_array / json_agg), read as text;
// - a number inside a JSON text column (json_extract / ->>).
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Expression, type Kysely, type RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations hold Kysely<unknown>, the app Kysely<Database>
type AnyKysely = Kysely<any>;

export function dialectOf(db: AnyKysely): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The column builder of an auto-numbered integer primary key: `.addColumn('id', 'integer', autoId(db))`. */
export function autoId(db: AnyKysely): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return dialectOf(db) === 'postgres' ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement();
}

/** Makes `table` append-only: the database itself refuses to change or remove a row. */
export async function makeAppendOnly(db: AnyKysely, table: string, refusal: string): Promise<void> {
  const message = sql.lit(refusal);
  const name = (suffix: string) => sql.id(`${table}_${suffix}`);
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE FUNCTION ${name('refuse_change')}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION ${message}; END $$`.execute(db);
    await sql`CREATE TRIGGER ${name('no_update')} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION ${name('refuse_change')}()`.execute(db);
    await sql`CREATE TRIGGER ${name('no_truncate')} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION ${name('refuse_change')}()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER ${name('no_update')} BEFORE UPDATE ON ${sql.table(table)}
    BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
  await sql`CREATE TRIGGER ${name('no_delete')} BEFORE DELETE ON ${sql.table(table)}
    BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
}

/**
 * One aggregate that gathers the selected rows as a JSON text of tuples (`[[1,"a"],[2,"b"]]`, `[]`
 * for none): much cheaper to read back than one row object per row.
 */
export function jsonTuples(db: AnyKysely, columns: readonly string[]): RawBuilder<string> {
  const list = sql.join(columns.map((c) => sql.ref(c)));
  return dialectOf(db) === 'postgres'
    ? sql<string>`coalesce(json_agg(json_build_array(${list})), '[]')::text`
    : sql<string>`json_group_array(json_array(${list}))`;
}

/** A whole number kept under `key` in a column holding a JSON object (null when absent). */
export function jsonNumber(db: AnyKysely, column: string, key: string): Expression<number | null> {
  return dialectOf(db) === 'postgres'
    ? sql<number | null>`(${sql.ref(column)}::json ->> ${sql.lit(key)})::bigint`
    : sql<number | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)})`;
}
