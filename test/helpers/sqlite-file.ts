// Opens a SQLite database file directly with better-sqlite3, for tests of SQLite itself
// (test/integration/sqlite/: backups, restores, damage, the file's settings). Every other test
// looks behind the application's back through test/helpers/database-peek.ts, which works on both
// databases.
import SQLite from 'better-sqlite3';

export type RowCounts = Record<string, number>;

/** Opens the file for a short piece of work and always closes it. */
export function withSqlite<T>(file: string, work: (db: SQLite.Database) => T, options: SQLite.Options = {}): T {
  const db = new SQLite(file, { fileMustExist: true, ...options });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function tableNames(db: SQLite.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** The number of rows in every table of the file (the migration tables included). */
export function fileRowCounts(file: string): RowCounts {
  return withSqlite(
    file,
    (db) => {
      const counts: RowCounts = {};
      for (const name of tableNames(db)) {
        const row = db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number };
        counts[name] = row.n;
      }
      return counts;
    },
    { readonly: true },
  );
}
