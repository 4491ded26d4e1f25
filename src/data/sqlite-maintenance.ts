// Looking after the embedded SQLite file: its integrity check, a consistent copy taken while the
// app serves, and the checks a copy must pass before it replaces the live database.
//
// - `PRAGMA quick_check` reads every page and index of the file; a file damaged in the middle
//   (a bad disk, a copy taken with `cp` while the app wrote) opens and answers simple queries
//   happily, so this is the only way to find out before a wrong answer does.
// - A backup uses SQLite's online backup API (better-sqlite3's `backup`): it copies the database
//   page by page and starts again if a page changes, so the copy is one consistent moment even
//   while panel members save scores.
import { existsSync, rmSync, renameSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './database';
import { dialectOf } from './dialect';

/**
 * `PRAGMA quick_check` of an open SQLite database: the problems it reports (none when healthy).
 * PostgreSQL checks its own pages (checksums, amcheck) and is not asked here: none.
 */
export async function integrityProblems(db: Db): Promise<string[]> {
  if (dialectOf(db) === 'postgres') return [];
  const { rows } = await sql<Record<string, string>>`PRAGMA quick_check`.execute(db);
  const lines = rows.map((row) => String(Object.values(row)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** The same check on a file, opened read-only; a file that is not a database at all is one problem. */
export function fileIntegrityProblems(file: string): string[] {
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    const lines = (sqlite.pragma('quick_check') as Record<string, string>[]).map((row) => String(Object.values(row)[0]));
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  } catch (error) {
    return [(error as Error).message];
  } finally {
    sqlite?.close();
  }
}

/** How a damaged database is reported to a person: the first few problems, and what to do. */
export function damagedMessage(file: string, problems: string[]): string {
  const shown = problems.slice(0, 5).map((p) => `  - ${p}`).join('\n');
  const more = problems.length > 5 ? `\n  … and ${problems.length - 5} more` : '';
  return `The database file ${file} is damaged (SQLite's integrity check found ${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown}${more}\nRestore it from a backup: npm run cli -- restore --from BACKUP-FILE (see the README, "Backups").`;
}

/**
 * Copies the live database at `source` to `out` while other connections keep writing. The copy
 * is written beside `out` and renamed into place once complete, so a failed backup never leaves
 * a half-written file with the expected name.
 */
export async function backupSqlite(source: string, out: string): Promise<{ pages: number }> {
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const sqlite = new SQLite(source, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const progress = await sqlite.backup(partial);
    // The copy is a whole database in rollback-journal mode: one file, ready to be moved or opened.
    const copy = new SQLite(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, out);
    return { pages: progress.totalPages };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    sqlite.close();
  }
}

/** A working copy of a backup, beside the database it may replace, for the checks before restoring. */
export async function copyForRestore(from: string, target: string): Promise<string> {
  const partial = `${target}.restoring`;
  rmSync(partial, { force: true });
  const source = new SQLite(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  return partial;
}

/** Puts the checked copy in place of the database; the old file's WAL must not be replayed over it. */
export function putInPlace(copy: string, target: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(copy, target);
}

export const discardCopy = (copy: string): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
};

export const databaseFileExists = (file: string): boolean => existsSync(file);
