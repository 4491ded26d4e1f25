import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/data/database';
import { exportWorkbook } from '../../src/services/export/tender-export';
const db = await openDatabase(process.argv[2]!);
const times = [];
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  await exportWorkbook(db, 'FW-50K', { copy: 'procurement', actor: 'b', now: new Date() }, () => createWriteStream('/tmp/xp/t.xlsx'));
  times.push(Math.round(performance.now() - t));
}
console.log(times.join(' '), 'median', [...times].sort((a, b) => a - b)[3]);
