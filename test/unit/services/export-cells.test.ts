// What goes into a workbook cell: text exactly as written (escaped only as the file format asks),
// numbers, safe download names, and formulas built only from references and numbers.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import Fraction from 'fraction.js';
import { cellNumber, MAX_CELL_TEXT, safeText, workbookFileName } from '../../../src/services/export/cell-safety';
import { columnLetter, FilledFormula, numberLiteral, otherSheetRange } from '../../../src/services/export/formulas';
import { SheetWriter } from '../../../src/services/export/sheet-kit';

/** A workbook written into memory, and reading it back. */
function memoryWorkbook(): { workbook: ExcelJS.stream.xlsx.WorkbookWriter; read: () => Promise<ExcelJS.Workbook> } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  const read = async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    return book;
  };
  return { workbook, read };
}

/** Writes one text column through SheetWriter (exceljs's rows, or the plain road) and reads it back with exceljs. */
async function roundTrip(texts: string[], road: 'add' | 'addPlain' = 'add'): Promise<ExcelJS.Cell[]> {
  const { workbook, read } = memoryWorkbook();
  const sheet = new SheetWriter(workbook, 'Text', [{ header: 'Text', width: 20, kind: 'wrap' }]);
  for (const t of texts) {
    if (road === 'add') sheet.add([t]);
    else await sheet.addPlain([t]);
  }
  sheet.finish();
  await workbook.commit();
  const cells: ExcelJS.Cell[] = [];
  (await read()).getWorksheet('Text')!.eachRow((row, n) => {
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

  for (const road of ['add', 'addPlain'] as const) {
    it(`reads back from the file as exactly the string that was written, as text (${road})`, async () => {
      const texts = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1+1', '\r=1+1', '＝1+1', 'a\r\nb', '_x0041_', 'control \u0002 character', ' spaces ', '<b>&amp;</b> "quoted"'];
      const cells = await roundTrip(texts, road);
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
  }

  it('writes plain rows in order with the column styles, between exceljs rows before and after', async () => {
    const { workbook, read } = memoryWorkbook();
    const sheet = new SheetWriter(
      workbook,
      'Plain',
      [
        { header: 'Who', width: 10, kind: 'text' },
        { header: 'Score', width: 6, kind: 'number' },
        { header: 'When', width: 20, kind: 'date' },
      ],
      { intro: [['Tender', 'T-1']] },
    );
    const when = Date.UTC(2026, 10, 23, 9, 30) / 86_400_000 + 25_569;
    // More rows than one batch, so some are written while others wait.
    const rows = Array.from({ length: 120 }, (_, i) => [`member ${i}`, i % 3 === 0 ? null : i / 7, when] as const);
    for (const row of rows) await sheet.addPlain(row);
    sheet.note('Drafts are not counted.');
    assert.throws(() => sheet.addPlain(['x', Number.NaN, when]), /not a number a workbook can hold: NaN \(row 126, column B126\)/);
    sheet.finish();
    await workbook.commit();
    const plain = (await read()).getWorksheet('Plain')!;
    assert.equal(plain.getCell('B1').value, 'T-1');
    assert.equal(plain.getCell('A3').value, 'Who');
    rows.forEach(([who, score], i) => {
      const r = 4 + i;
      assert.equal(plain.getCell(`A${r}`).value, who);
      assert.equal(plain.getCell(`B${r}`).value, score);
      assert.equal(plain.getCell(`A${r}`).numFmt, '@');
      assert.equal(plain.getCell(`C${r}`).numFmt, 'yyyy-mm-dd hh:mm:ss');
      assert.equal((plain.getCell(`C${r}`).value as Date).toISOString(), '2026-11-23T09:30:00.000Z');
    });
    assert.equal(plain.getCell('A124').value, null);
    assert.equal(plain.getCell('A125').value, 'Drafts are not counted.');
    assert.deepEqual(plain.autoFilter, 'A3:C123');
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

    const { workbook, read } = memoryWorkbook();
    const sheet = new SheetWriter(workbook, 'Filled', [
      { header: 'x', width: 5, kind: 'number' },
      { header: 'x × 2', width: 5, kind: 'decimal' },
    ]);
    for (const x of [1, 2, 3]) sheet.add([x, points.at(sheet.nextRow, x * 2)]);
    sheet.finish();
    await workbook.commit();
    const book = await read();
    const cells = [2, 3, 4].map((r) => book.getWorksheet('Filled')!.getCell(`B${r}`));
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
