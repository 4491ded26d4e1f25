// Damages an SQLite file in the middle, as a bad disk or a copy taken mid-write would: the first
// byte of the audit table's unique index page. The file still opens and simple queries still
// answer, which is why the app runs SQLite's integrity check.
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { withSqlite } from './sqlite-file';

export function damageAuditIndex(file: string): void {
  const { page, pageSize } = withSqlite(file, (db) => ({
    page: (db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events'").get() as { rootpage: number }).rootpage,
    pageSize: db.pragma('page_size', { simple: true }) as number,
  }));
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from([0xee]), 0, 1, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  withSqlite(file, (db) => assert.ok((db.prepare('SELECT count(*) AS n FROM tenders').get() as { n: number }).n >= 1));
}
