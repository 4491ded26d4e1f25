import { execFileSync } from 'node:child_process';
import { openDatabase } from '../../src/data/database';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { FRAMEWORK_SIZE, frameworkPack } from './framework-pack';
const url = process.argv[2]!;
const db = await openDatabase(url);
const child = () => execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/export-bench.ts', '--export-child', url, 'FW-50K', '/tmp/xp/c2.xlsx'], { encoding: 'utf8' }).trim();
for (const [ref, bids] of [['FW-50K', 200], ['FW-500K', 2000]] as const) {
  await importPack(db, rubricLibrary('rubrics'), frameworkPack({ ...FRAMEWORK_SIZE, bids }, ref), { file: ref, actor: 'b', now: new Date() });
  console.log('after', ref, child(), child());
}
await db.destroy();
console.log('closed', child());
