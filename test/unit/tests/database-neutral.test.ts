// The integration tests run on SQLite and on PostgreSQL, so only the tests of SQLite itself (under
// test/integration/sqlite/, which the run on PostgreSQL leaves out) may open the SQLite file behind
// the application's back; every other test looks through test/helpers/database-peek.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/paths';

const FILE_ACCESS = /better-sqlite3|helpers\/sqlite-(file|damage)|\.sqliteFile\(|sqlite_master|PRAGMA/;

function testFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

describe('tests that run on either database', () => {
  const integration = testFiles('test/integration');
  const sqliteOnly = `${path.join('test', 'integration', 'sqlite')}${path.sep}`;

  it('finds the integration tests, some of them about SQLite itself', () => {
    assert.ok(integration.length >= 50, `${integration.length} files`);
    assert.ok(integration.filter((f) => f.startsWith(sqliteOnly)).length >= 3);
  });

  it('reach the SQLite file only in test/integration/sqlite/', () => {
    const reaching = integration.filter((f) => !f.startsWith(sqliteOnly) && FILE_ACCESS.test(readFileSync(path.join(REPO_ROOT, f), 'utf8')));
    assert.deepEqual(reaching, [], 'these open the SQLite file or use SQLite-only SQL; look through test/helpers/database-peek.ts, or move a test of SQLite itself to test/integration/sqlite/');
  });
});
