// The points on Final scores are one formula filled down the column (written once, as a shared
// formula): a spreadsheet engine must read a live formula on every row, each over its own row,
// and recalculate every row to the application's exact points.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../../src/data/database';
import { tenderRepository } from '../../src/data/tender-repository';
import { scoreTender } from '../../src/engine';
import { POINTS_COLUMN } from '../../src/services/export/final-scores-sheet';
import { tenderInput } from '../../src/services/results/results';
import { cli, importPack } from '../helpers/cli';
import { cellsOf, recalculate } from '../helpers/export-workbooks';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

const POINTS = 'Points = (F − a) ÷ (b − a) × w';

/** Row numbers (from 1) of the cells in a column that gnumeric reads as formulas. */
function formulaRows(file: string, dir: string, sheet: string, column: number): number[] {
  const native = path.join(dir, 'workbook.gnumeric');
  execFileSync('ssconvert', [file, native], { stdio: 'pipe' });
  const xml = gunzipSync(readFileSync(native)).toString('utf8');
  const part = xml.split('<gnm:Sheet ').find((s) => s.includes(`<gnm:Name>${sheet}</gnm:Name>`));
  if (!part) throw new Error(`no sheet ${sheet}`);
  const rows: number[] = [];
  for (const cell of part.matchAll(/<gnm:Cell Row="(\d+)" Col="(\d+)"([^>]*?)(?:\/>|>([^<]*)<\/gnm:Cell>)/g)) {
    const [, row, col, attributes, text] = cell;
    if (Number(col) === column - 1 && (/ExprID=/.test(attributes!) || text?.startsWith('='))) rows.push(Number(row) + 1);
  }
  return rows;
}

describe('export: the points formula filled down Final scores', () => {
  const temp = useTempDatabase('all');
  let file: string;

  before(async () => {
    await importPack(HAND_WORKED_PACK);
    file = path.join(temp.dir, 'HW-2026-01.xlsx');
    const run = await cli(['export', 'HW-2026-01', '--out', file]);
    assert.equal(run.code, 0, run.stderr);
  });

  it('is a live formula on every row for a spreadsheet engine', () => {
    const rows = cellsOf(recalculate(file, temp.dir).get('Final scores')!, 'Bid').length;
    assert.ok(rows > 2);
    assert.deepEqual(
      formulaRows(file, temp.dir, 'Final scores', POINTS_COLUMN),
      Array.from({ length: rows }, (_, i) => i + 2),
    );
  });

  it('recalculates on every row to the exact points, to 1e-9', async () => {
    const db = await openDatabase(temp.url);
    const exact = scoreTender(await tenderInput(db, (await tenderRepository.findByReference(db, 'HW-2026-01'))!));
    await db.destroy();
    const rows = cellsOf(recalculate(file, temp.dir).get('Final scores')!, 'Bid');
    for (const row of rows) {
      const points = exact.bids.find((b) => b.key === row.get('Bid'))!.criteria[row.get('Criterion')]!.points;
      if (points === null) assert.equal(row.get(POINTS), '');
      else assert.ok(Math.abs(Number(row.get(POINTS)) - points.valueOf()) <= 1e-9, `${row.get('Bid')} ${row.get('Criterion')}`);
    }
  });
});
