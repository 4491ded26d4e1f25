// Results for a framework-scale tender (50,000 scores), against a plain sum of the same scores
// read from the same database in the same run; and the cost at 10× the scores, to show it grows
// linearly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/data/database';
import { rubricLibrary } from '../../src/services/rubric-library';
import { tenderResults } from '../../src/services/results/results';
import { importPack } from '../../src/services/tender-import';
import { FRAMEWORK_SIZE, frameworkPack, type PackSize } from './framework-pack';
import { median, timeIt } from './timing';

async function importFramework(db: Db, size: PackSize, reference: string): Promise<void> {
  const outcome = await importPack(db, rubricLibrary('rubrics'), frameworkPack(size, reference), { file: reference, actor: 'bench', now: new Date() });
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
}

/** The baseline: read the tender's submitted scores and add them up as plain numbers. */
async function plainSum(db: Db, reference: string): Promise<number> {
  const rows = await db
    .selectFrom('scores')
    .innerJoin('tenders', 'tenders.id', 'scores.tender_id')
    .select(['scores.score'])
    .where('tenders.reference', '=', reference)
    .where('scores.status', '=', 'submitted')
    .execute();
  let total = 0;
  for (const r of rows) total += r.score ?? 0;
  return total;
}

export interface ResultsFigures {
  results50kMs: number;
  resultsVsPlainSum: number;
  resultsGrowth10x: number;
}

export async function benchResults(runs = 7): Promise<ResultsFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
  const db = await openDatabase(`sqlite:${path.join(dir, 'bench.sqlite')}`);
  try {
    const small: PackSize = { ...FRAMEWORK_SIZE, bids: FRAMEWORK_SIZE.bids / 10 };
    await importFramework(db, FRAMEWORK_SIZE, 'FW-50K');
    await importFramework(db, small, 'FW-5K');
    const results = await timeIt(runs, () => tenderResults(db, 'FW-50K'));
    const baseline = await timeIt(runs, () => plainSum(db, 'FW-50K'));
    const tenth = await timeIt(runs, () => tenderResults(db, 'FW-5K'));
    return {
      results50kMs: median(results),
      resultsVsPlainSum: median(results) / median(baseline),
      resultsGrowth10x: median(results) / median(tenth),
    };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
