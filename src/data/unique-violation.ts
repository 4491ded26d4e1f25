// A write refused by a unique index, recognised on both databases, so the service that checked
// first can answer in the same plain words as its check ("HW-2026-01 is already a tender here")
// when another writer got there between the check and the write, never with a 500.
// - better-sqlite3: `code` SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY), and the message names the
//   columns ("UNIQUE constraint failed: bids.tender_id, bids.key") or, for an index on an
//   expression such as lower(reference), the index ("UNIQUE constraint failed: index 'x'");
// - pg: `code` 23505 with `table`, `constraint` (the index) and `detail` naming the key
//   ("Key (lower(reference))=(hw-1) already exists.").

/** A rule of uniqueness: the table, its columns (as written in the index, without lower()) and the names of the indexes that hold it. */
export interface UniqueKey {
  table: string;
  columns: readonly string[];
  indexes: readonly string[];
}

export const UNIQUE_KEYS = {
  /** A tender's reference, in any letter case. */
  tenderReference: { table: 'tenders', columns: ['reference'], indexes: ['tenders_reference_key', 'tenders_reference_any_case'] },
  /** An account's email, in any letter case. */
  userEmail: { table: 'users', columns: ['email'], indexes: ['users_email_key', 'users_email_any_case'] },
  /** A bid's key within its tender. */
  bidKey: { table: 'bids', columns: ['tender_id', 'key'], indexes: ['bids_tender_key'] },
} as const satisfies Record<string, UniqueKey>;

export interface UniqueViolation {
  table: string | null;
  /** The key's columns, with any lower() taken off; empty when only the index is named. */
  columns: string[];
  index: string | null;
}

const SQLITE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const PG_UNIQUE = '23505';

const field = (error: object, name: string): string | null => {
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
};

/** The key's columns in a pg detail: "Key (tender_id, lower(key))=(…)" gives tender_id and key. */
function pgColumns(detail: string | null): string[] {
  const key = detail ? /^Key \((.*)\)=\(/s.exec(detail)?.[1] : undefined;
  if (!key) return [];
  return key.split(',').map((c) => c.trim().replace(/^lower\((.*)\)$/i, '$1').replace(/^"(.*)"$/, '$1'));
}

/** What a unique violation refused, or null for any other error. */
export function uniqueViolation(error: unknown): UniqueViolation | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = field(error, 'code');
  if (code === PG_UNIQUE) return { table: field(error, 'table'), columns: pgColumns(field(error, 'detail')), index: field(error, 'constraint') };
  if (code === null || !SQLITE_CODES.has(code)) return null;
  const failed = /constraint failed: (.*)$/s.exec((error as Error).message ?? '')?.[1]?.trim() ?? '';
  const index = /^index '(.*)'$/.exec(failed)?.[1];
  if (index !== undefined) return { table: null, columns: [], index };
  const columns = failed.split(',').map((c) => c.trim().split('.'));
  return { table: columns[0]?.length === 2 ? columns[0][0]! : null, columns: columns.map((c) => c[c.length - 1]!), index: null };
}

/** Whether `error` is a unique violation of `key` (by its index, or its table and columns). */
export function violates(error: unknown, key: UniqueKey): boolean {
  const found = uniqueViolation(error);
  if (!found) return false;
  if (found.index !== null && key.indexes.includes(found.index)) return true;
  return found.table === key.table && found.columns.length === key.columns.length && key.columns.every((c) => found.columns.includes(c));
}

/**
 * Runs `work`; when it fails on a unique violation of `key`, answers `taken()` instead (read after
 * the failed transaction has rolled back, so it sees what the other writer stored). Any other
 * error goes on as it was.
 */
export async function unlessTaken<T>(key: UniqueKey, taken: () => T | Promise<T>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (violates(error, key)) return taken();
    throw error;
  }
}
