import { openDatabase } from '../../src/data/database';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { FRAMEWORK_SIZE, frameworkPack } from './framework-pack';
const db = await openDatabase(process.argv[2]!);
for (const [ref, bids] of [['FW-50K', 200], ['FW-500K', 2000]] as const) {
  const o = await importPack(db, rubricLibrary('rubrics'), frameworkPack({ ...FRAMEWORK_SIZE, bids }, ref), { file: ref, actor: 'b', now: new Date() });
  console.log(ref, o.ok);
}
await db.destroy();
