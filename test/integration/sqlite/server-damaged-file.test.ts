// `npm start` on a damaged SQLite file stops with what is wrong and what to do. SQLite only: the
// damage is made in the file's bytes and found by SQLite's integrity check.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, npmStart } from '../../helpers/npm-start';
import { REPO_ROOT } from '../../helpers/paths';
import { damageAuditIndex } from '../../helpers/sqlite-damage';
import { useTempDatabase } from '../../helpers/temp-db';

describe('npm start on a damaged SQLite file', function () {
  this.timeout(90_000);
  const temp = useTempDatabase('each');

  it('refuses to start on a damaged database file, saying what is wrong and what to do', async () => {
    copyFileSync(path.join(REPO_ROOT, 'fixtures', 'databases', 'release-2026-12-04.sqlite'), temp.sqliteFile());
    damageAuditIndex(temp.sqliteFile());
    const started = npmStart({ DATABASE_URL: temp.url, PORT: String(await freePort()) });
    const code = await started.exited;
    assert.equal(code, 1);
    assert.match(started.output(), /The database file .*app\.sqlite is damaged \(SQLite's integrity check found \d+ problems?\)/);
    assert.match(started.output(), /npm run cli -- restore --from BACKUP-FILE/);
    assert.doesNotMatch(started.output(), /is running at/);
  });
});
