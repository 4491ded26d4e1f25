// The demo load when two instances start at once on one new database: one loads it, the other
// loads nothing and says why, instead of failing on the tender the first one imported.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase, type Db } from '../../../src/data/database';
import { DEMO_LEASE_MS, seedDemo } from '../../../src/services/demo';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { useTempDatabase } from '../../helpers/temp-db';

const DEMO_PACK = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');
const NOW = new Date('2026-11-23T10:00:00Z');

describe('the demo load by two instances at once', () => {
  const temp = useTempDatabase('each');
  let db: Db;
  let other: Db;
  beforeEach(async () => {
    db = await openDatabase(temp.url);
    other = await openDatabase(temp.url);
  });
  afterEach(async () => {
    await other.destroy();
    await db.destroy();
  });

  const count = async (table: 'tenders' | 'users'): Promise<number> => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('loads it once: the other instance is told another is loading it', async () => {
    const rubrics = rubricLibrary(RUBRICS_DIR);
    const seeds = await Promise.all([seedDemo(db, rubrics, DEMO_PACK, NOW, 'instance-a'), seedDemo(other, rubrics, DEMO_PACK, NOW, 'instance-b')]);
    assert.equal(seeds.filter((s) => s.seeded).length, 1);
    const skipped = seeds.find((s) => !s.seeded);
    assert.ok(skipped && !skipped.seeded && ['loading-elsewhere', 'has-tenders'].includes(skipped.reason));
    assert.equal(await count('tenders'), 1);
    assert.equal(await count('users'), 3);
  });

  it('lets another instance load it once the lease of one that stopped half-way has run out', async () => {
    const rubrics = rubricLibrary(RUBRICS_DIR);
    // An instance took the lease and died before importing anything.
    await db.insertInto('maintenance_leases').values({ name: 'demo-load', holder: 'instance-dead', until: new Date(NOW.getTime() + DEMO_LEASE_MS).toISOString() }).execute();
    assert.deepEqual(await seedDemo(other, rubrics, DEMO_PACK, NOW, 'instance-b'), { seeded: false, reason: 'loading-elsewhere' });
    const later = await seedDemo(other, rubrics, DEMO_PACK, new Date(NOW.getTime() + DEMO_LEASE_MS), 'instance-b');
    assert.equal(later.seeded, true);
    assert.deepEqual(await seedDemo(db, rubrics, DEMO_PACK, new Date(NOW.getTime() + 2 * DEMO_LEASE_MS), 'instance-c'), { seeded: false, reason: 'has-tenders' });
  });
});
