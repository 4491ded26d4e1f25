// Looks at the database file directly with better-sqlite3, behind the application's back: row
// counts of every table, to show a refused command changed nothing.
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
export function rowCounts(file: string): RowCounts {
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
