// A database made by an earlier release opens, migrates and verifies under this one: its scores
// give the same results to the last digit and its audit chain still verifies.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, provider } from '../../../src/data/database';
import { integrityProblems } from '../../../src/data/sqlite-maintenance';
import { addUser, cli, importPack } from '../../helpers/cli';
import { writeChangedPack } from '../../helpers/packs';
import { REPO_ROOT } from '../../helpers/paths';
import { useTempDatabase } from '../../helpers/temp-db';

const FIXTURES = path.join(REPO_ROOT, 'fixtures', 'databases');
const RELEASE = 'release-2026-12-04';

describe('a database made by the release of 4 December 2026', () => {
  const temp = useTempDatabase('each');

  beforeEach(() => copyFileSync(path.join(FIXTURES, `${RELEASE}.sqlite`), temp.sqliteFile()));

  it('opens and migrates to every migration this release knows', async () => {
    const db = await openDatabase(temp.url);
    try {
      const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
      assert.deepEqual(
        rows.map((r) => r.name),
        Object.keys(await provider.getMigrations()).sort(),
      );
      assert.deepEqual(await integrityProblems(db), []);
    } finally {
      await db.destroy();
    }
  });

  it('keeps its audit chain intact through the migrations', async () => {
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /passed SQLite's integrity check/);
    assert.match(run.stdout, /The audit chain is intact: \d+ events/);
  });

  it('keeps its single old chain verifying beside the per-tender chains that new events start', async () => {
    await importPack(writeChangedPack(temp.dir, 'next.yaml', (p) => (p.tender.reference = 'HW-2026-02')));
    await addUser('new.colleague@council.gov.uk', 'procurement');
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /intact: 9 events in 3 chains/);
    assert.match(run.stdout, /events before per-tender chains: 7 events, head f0e992bebbd856a3b357fd19aa794047109944dd2c64ec70e4860ad3db0d784a/);
    assert.match(run.stdout, /tender HW-2026-02: 1 event, head/);
    assert.match(run.stdout, /system events: 1 event, head/);
  });

  for (const reference of ['DEMO-HC-2026', 'HW-2026-01']) {
    it(`gives exactly the results that release printed for ${reference}`, async () => {
      const run = await cli(['results', reference, '--json']);
      assert.equal(run.code, 0, run.stderr);
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, `${RELEASE}.${reference}.results.json`), 'utf8')) as unknown;
      assert.deepEqual(JSON.parse(run.stdout), expected);
    });
  }
});
