// The Excel export at framework scale (the README's "Quality bars"), in one run:
// - exportVsBareExceljs: the 200 × 25 × 10 tender (50,000 scores) exported, over a bare exceljs
//   streaming writer (default options, one sheet) writing the same 50,000 score rows, their values
//   prepared in memory beforehand, so the baseline is the writing alone;
// - exportVsBareExport (context): over a bare export that also reads those rows from the database;
// - exportPeakRssMb: the peak resident memory of a fresh process that opens the database and
//   exports, and nothing else (exportRssAtStartMb: the same process just before the export, with
//   Node, tsx and the application's modules loaded);
// - exportGrowth10x: the time at 500,000 scores (2,000 bids) over the time at 50,000.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { openDatabase, type Db } from '../../src/data/database';
import { excelTime } from '../../src/services/export/sheet-kit';
import { exportWorkbook } from '../../src/services/export/tender-export';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { FRAMEWORK_SIZE, frameworkPack, type PackSize } from './framework-pack';
import { median } from './timing';

async function importFramework(db: Db, size: PackSize, reference: string): Promise<void> {
  const outcome = await importPack(db, rubricLibrary('rubrics'), frameworkPack(size, reference), { file: reference, actor: 'bench', now: new Date() });
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
}

async function exportTo(db: Db, reference: string, file: string): Promise<void> {
  const outcome = await exportWorkbook(db, reference, { copy: 'procurement', actor: 'bench', now: new Date() }, () => createWriteStream(file));
  if (!outcome) throw new Error(`no tender ${reference}`);
}

type Row = (string | number | null)[];

/** The Scores sheet's rows as plain values, read before the baseline is timed. */
async function scoreRows(db: Db, reference: string): Promise<Row[]> {
  const rows = await db
    .selectFrom('scores')
    .innerJoin('tenders', 'tenders.id', 'scores.tender_id')
    .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
    .innerJoin('bids', 'bids.id', 'scores.bid_id')
    .select(['m.key as member', 'm.name', 'm.perspective', 'bids.key as bid', 'scores.criterion', 'scores.score', 'scores.abstain'])
    .select(['scores.rationale', 'scores.status', 'scores.entered_by', 'scores.updated_at'])
    .where('tenders.reference', '=', reference)
    .orderBy('scores.id')
    .execute();
  return rows.map((r) => [r.member, r.name, r.perspective, r.bid, r.criterion, r.abstain ? 'abstain' : r.score, r.rationale, r.status, r.entered_by ?? 'the member', excelTime(r.updated_at)]);
}

/** The baseline: exceljs's streaming writer, defaults, one sheet, the same rows. */
async function bareWriter(rows: readonly Row[], file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file) });
  const sheet = workbook.addWorksheet('Scores');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const THIS_FILE = fileURLToPath(import.meta.url);

interface ChildMemory {
  peakMb: number;
  atStartMb: number;
}

/** Resident memory of a fresh process that opens the database and exports. */
function exportMemory(url: string, reference: string, file: string): ChildMemory {
  const out = execFileSync(process.execPath, ['--import', 'tsx', THIS_FILE, '--export-child', url, reference, file], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildMemory;
}

export interface ExportFigures {
  export50kMs: number;
  exportVsBareExceljs: number;
  exportVsBareExport: number;
  exportPeakRssMb: number;
  exportRssAtStartMb: number;
  exportGrowth10x: number;
}

export async function benchExport(runs = 5): Promise<ExportFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-export-'));
  const url = `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const db = await openDatabase(url);
  const file = path.join(dir, 'out.xlsx');
  try {
    await importFramework(db, FRAMEWORK_SIZE, 'FW-50K');
    await importFramework(db, { ...FRAMEWORK_SIZE, bids: FRAMEWORK_SIZE.bids * 10 }, 'FW-500K');
    const rows = await scoreRows(db, 'FW-50K');
    if (rows.length !== 50_000) throw new Error(`expected 50,000 score rows, read ${rows.length}`);
    // One warm-up each, then interleaved runs, so all see the same machine load.
    await bareWriter(rows, file);
    await exportTo(db, 'FW-50K', file);
    const exports: number[] = [];
    const bare: number[] = [];
    const bareExport: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await timed(() => bareWriter(rows, file)));
      bareExport.push(await timed(async () => bareWriter(await scoreRows(db, 'FW-50K'), file)));
      exports.push(await timed(() => exportTo(db, 'FW-50K', file)));
    }
    const large = [await timed(() => exportTo(db, 'FW-500K', file)), await timed(() => exportTo(db, 'FW-500K', file))];
    const memory = exportMemory(url, 'FW-50K', file);
    return {
      export50kMs: median(exports),
      exportVsBareExceljs: median(exports) / median(bare),
      exportVsBareExport: median(exports) / median(bareExport),
      exportPeakRssMb: memory.peakMb,
      exportRssAtStartMb: memory.atStartMb,
      exportGrowth10x: median(large) / median(exports),
    };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The child of exportMemory: nothing but the export, then its memory as one JSON line.
if (process.argv[2] === '--export-child' && process.argv[1] === THIS_FILE) {
  const [url, reference, file] = process.argv.slice(3) as [string, string, string];
  const db = await openDatabase(url);
  const atStartMb = process.memoryUsage().rss / 1_048_576;
  await exportTo(db, reference, file);
  await db.destroy();
  const memory: ChildMemory = { peakMb: process.resourceUsage().maxRSS / 1024, atStartMb };
  console.log(JSON.stringify(memory));
}
