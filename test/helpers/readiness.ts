// The demo tender (fixtures/demo: scoring, bid E with no final score for social value) in a test
// app's database, owned by ACCOUNTS.owner: for the readiness tests and pages.
import path from 'node:path';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { REPO_ROOT, RUBRICS_DIR } from './paths';
import { ACCOUNTS, type TestApp } from './web';

export const DEMO = 'DEMO-HC-2026';

export async function addDemoTender(t: TestApp): Promise<void> {
  const file = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');
  const loaded = await loadDataFile(file);
  if (!loaded.ok) throw new Error('demo pack unreadable');
  const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file, owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
}
