// What goes into a workbook cell: text exactly as written (escaped only as the file format asks),
// numbers, safe download names, and formulas built only from references and numbers.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import Fraction from 'fraction.js';
import { cellNumber, MAX_CELL_TEXT, safeText, workbookFileName } from '../../../src/services/export/cell-safety';
import { columnLetter, FilledFormula, numberLiteral, otherSheetRange } from '../../../src/services/export/formulas';
import { SheetWriter } from '../../../src/services/export/sheet-kit';

/** Writes one text column through SheetWriter and reads it back with exceljs. */
async function roundTrip(texts: string[]): Promise<ExcelJS.Cell[]> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  const sheet = new SheetWriter(workbook, 'Text', [{ header: 'Text', width: 20, kind: 'wrap' }]);
  texts.forEach((t) => sheet.add([t]));
  sheet.finish();
  await workbook.commit();
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  const cells: ExcelJS.Cell[] = [];
  read.getWorksheet('Text')!.eachRow((row, n) => {
    if (n > 1) cells.push(row.getCell(1));
  });
  return cells;
}

describe('export: text in cells', () => {
  it('leaves ordinary text alone, however it starts', () => {
    for (const text of ['Alder Care', '=SUM(A1:A9)', '+44 20 7946 0000', '-1', '@home', '＝1+1', 'line one\nline two', '\tindented']) {
      assert.equal(safeText(text), text);
    }
  });

  it('escapes what XML cannot hold or would change: carriage returns, control characters, literal _xHHHH_', () => {
    assert.equal(safeText('\r=1+1'), '_x000D_=1+1');
    assert.equal(safeText('a\u0001b\u001Fc\u007F'), 'a_x0001_b_x001F_c_x007F_');
    assert.equal(safeText('_x0041_ and _x00e9_'), '_x005F_x0041_ and _x005F_x00e9_');
    assert.equal(safeText('_x41_ stays'), '_x41_ stays');
  });

  it('cuts text beyond Excel’s limit of 32,767 characters and says so', () => {
    const cut = safeText('a'.repeat(40_000));
    assert.ok(cut.length <= MAX_CELL_TEXT);
    assert.match(cut, /8,000 more characters are in the application\]$/);
  });

  it('reads back from the file as exactly the string that was written, as text', async () => {
    const texts = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1+1', '\r=1+1', '＝1+1', 'a\r\nb', '_x0041_', 'control \u0002 character', ' spaces '];
    const cells = await roundTrip(texts);
    assert.deepEqual(
      cells.map((c) => c.value),
      texts,
    );
    for (const cell of cells) {
      assert.equal(cell.type, ExcelJS.ValueType.String);
      assert.equal(cell.formula, undefined);
      assert.equal(cell.numFmt, '@');
    }
  });
});

describe('export: numbers and formulas', () => {
  it('turns exact values into the nearest number, even with huge numerators', () => {
    assert.equal(cellNumber(new Fraction(260, 3)), 260 / 3);
    assert.equal(cellNumber(new Fraction(10n ** 80n + 1n, 10n ** 80n)), 1);
    // Small values keep every significant digit (17 decimal places alone would not).
    assert.equal(cellNumber(new Fraction(1, 3_000_000)), 1 / 3_000_000);
    assert.equal(cellNumber(new Fraction(-7, 9)), -7 / 9);
    assert.equal(cellNumber(new Fraction(0)), 0);
  });

  it('fills a formula down a column: written once, every other row referring to it with its own result', async () => {
    const points = new FilledFormula(2, 2, 4, 'A2*2');
    assert.deepEqual(points.at(2, 2), { formula: 'A2*2', result: 2, shareType: 'shared', ref: 'B2:B4' });
    assert.deepEqual(points.at(3, 4), { sharedFormula: 'B2', result: 4 });
    assert.deepEqual(points.at(4, null), { sharedFormula: 'B2', result: '' });
    assert.throws(() => points.at(5, 1), RangeError);

    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
    const sheet = new SheetWriter(workbook, 'Filled', [
      { header: 'x', width: 5, kind: 'number' },
      { header: 'x × 2', width: 5, kind: 'decimal' },
    ]);
    for (const x of [1, 2, 3]) sheet.add([x, points.at(sheet.nextRow, x * 2)]);
    sheet.finish();
    await workbook.commit();
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const cells = [2, 3, 4].map((r) => read.getWorksheet('Filled')!.getCell(`B${r}`));
    assert.deepEqual(
      cells.map((c) => [c.formula, c.result]),
      [
        ['A2*2', 2],
        ['A3*2', 4],
        ['A4*2', 6],
      ],
    );
  });

  it('writes numbers into formulas as plain decimals and quotes sheet names', () => {
    assert.equal(numberLiteral(1e-7), '0.0000001');
    assert.equal(numberLiteral(-2.5), '(-2.5)');
    assert.equal(otherSheetRange('Final scores', 7, 2, 26), "'Final scores'!G2:G26");
    assert.equal(otherSheetRange("Bob's", 1, 1, 2), "'Bob''s'!A1:A2");
    assert.deepEqual([1, 26, 27, 52, 703].map(columnLetter), ['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('names downloads with letters, digits, dashes and dots only', () => {
    assert.equal(workbookFileName('HW-2026-01', 'procurement'), 'HW-2026-01-results.xlsx');
    assert.equal(workbookFileName('LOT/3.2', 'panel'), 'LOT-3.2-results-panel.xlsx');
    assert.equal(workbookFileName('../"evil"\r\n', 'procurement'), 'evil-results.xlsx');
  });
});
