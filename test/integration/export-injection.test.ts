// No text a person wrote ever becomes a formula (issue 6, item 3; the README's "Quality bars"). Organisations,
// member names, reasons, a consensus rationale, a criterion title and the tender's title are
// stored starting with `=`, `+`, `-`, `@`, a tab, a carriage return and a full-width `＝`
// (set in the database directly, since the forms trim spaces), then exported: every one comes
// back as a text cell holding exactly the same string, and every formula in the workbook is one
// the application built from cell references and numbers.
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../src/data/database';
import { cli, importPack } from '../helpers/cli';
import { byKey, cellsOf, readWorkbook, recalculate } from '../helpers/export-workbooks';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

const PAYLOADS = [
  '=HYPERLINK("http://example.com/x","Click here")',
  '+1+1',
  '-2+3',
  '@SUM(1,1)',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  "=cmd|' /C calc'!A0",
  '=1+1\r\n+2',
];

/** A formula the application builds: its functions, named cells, sheet references, cell references, numbers. */
const OWN_FORMULA = /^(?:SUM|IF|ISNUMBER|MIN|MAX|AVERAGE|LN|ScaleLowest|ScaleHighest|'Final scores'!|'Price'!|""|\$?[A-Z]{1,3}\$?\d+|\d+(?:\.\d+)?|[-+*/(),:])+$/;

describe('export: text that looks like a formula stays text', () => {
  const temp = useTempDatabase('all');
  let workbooks: ExcelJS.Workbook[];
  let procurementFile: string;

  before(async () => {
    await importPack(HAND_WORKED_PACK);
    const db = await openDatabase(temp.url);
    const pick = (i: number) => PAYLOADS[i % PAYLOADS.length]!;
    const bids = await db.selectFrom('bids').select(['id', 'key']).orderBy('key').execute();
    for (const [i, bid] of bids.entries()) await db.updateTable('bids').set({ supplier: pick(i) }).where('id', '=', bid.id).execute();
    const members = await db.selectFrom('panel_members').select('id').orderBy('key').execute();
    for (const [i, m] of members.entries()) await db.updateTable('panel_members').set({ name: pick(i + 5) }).where('id', '=', m.id).execute();
    const scores = await db.selectFrom('scores').select('id').orderBy('id').execute();
    for (const [i, s] of scores.entries()) await db.updateTable('scores').set({ rationale: pick(i) }).where('id', '=', s.id).execute();
    await db.updateTable('consensus').set({ rationale: '@SUM(A1:A9)' }).execute();
    const tender = await db.selectFrom('tenders').select(['id', 'rubric_json']).executeTakeFirstOrThrow();
    const rubric = JSON.parse(tender.rubric_json) as { sections: { criteria: { title: string }[] }[] };
    rubric.sections[0]!.criteria[0]!.title = '-1+1 working with people';
    await db.updateTable('tenders').set({ title: '=1+1', rubric_json: JSON.stringify(rubric) }).where('id', '=', tender.id).execute();
    await db.destroy();

    workbooks = [];
    for (const copy of ['procurement', 'panel']) {
      const file = path.join(temp.dir, `${copy}.xlsx`);
      const run = await cli(['export', 'HW-2026-01', '--out', file, ...(copy === 'panel' ? ['--panel'] : [])]);
      assert.equal(run.code, 0, run.stderr);
      workbooks.push(await readWorkbook(file));
      if (copy === 'procurement') procurementFile = file;
    }
  });

  it('writes every such text as a text cell holding exactly the same string', () => {
    const [procurement] = workbooks;
    const found = new Set<string>();
    procurement!.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && PAYLOADS.includes(cell.value)) found.add(cell.value);
        }),
      ),
    );
    assert.deepEqual([...found].sort(), [...PAYLOADS].sort());
    for (const workbook of workbooks) {
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            const text = cell.formula === undefined ? cell.value : null;
            if (typeof text === 'string' && /^[=+\-@\t\r＝]/.test(text)) {
              assert.equal(cell.type, ExcelJS.ValueType.String, `${sheet.name}!${cell.address}`);
            }
          }),
        ),
      );
    }
  });

  it('has no formula but the application’s own', () => {
    let formulas = 0;
    for (const workbook of workbooks) {
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.formula === undefined) return;
            formulas += 1;
            assert.match(cell.formula, OWN_FORMULA, `${sheet.name}!${cell.address}`);
          }),
        ),
      );
    }
    assert.ok(formulas > 20);
  });

  it('shows a spreadsheet engine the text as text: recalculating leaves it as written', () => {
    const summary = byKey(cellsOf(recalculate(procurementFile, temp.dir).get('Summary')!, 'Rank'), 'Bid');
    assert.equal(summary.get('A')!.get('Organisation'), PAYLOADS[0]);
    assert.equal(summary.get('B')!.get('Organisation'), '+1+1');
    assert.equal(summary.get('C')!.get('Organisation'), '-2+3');
    assert.equal(summary.get('D')!.get('Organisation'), '@SUM(1,1)');
    assert.equal(summary.get('E')!.get('Organisation'), '\t=1+1');
  });
});
