// Writes the Excel fixtures in fixtures/bids/ (run once; the files are committed as data):
//   npx tsx test/helpers/bid-spreadsheets.ts
// The CSV fixtures beside them are written by hand. Columns match the hand-worked rubric
// (criteria co-production and safety, "Keeping people safe").
import path from 'node:path';
import ExcelJS from 'exceljs';
import { REPO_ROOT } from './paths';

const BIDS_FIXTURES = path.join(REPO_ROOT, 'fixtures', 'bids');

async function write(name: string, rows: ExcelJS.CellValue[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bids');
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path.join(BIDS_FIXTURES, name));
}

async function main(): Promise<void> {
  await write('bids-valid.xlsx', [
    ['organisation', 'price', 'co-production', 'Keeping people safe'],
    // Text that starts with "=": stored as the text, never worked out. (A formula cell is refused:
    // the import tests build their own.)
    ['Rowan Care', 125000.5, '=1+1 is not a formula here', '=SUM(A1:A9) is how we count staff'],
    ['Willow Support', '£98,000', 'We co-design every change.', { richText: [{ text: 'Clear ' }, { text: 'safeguarding', font: { bold: true } }, { text: ' policy.' }] }],
    ['Hazel Homecare', null, null, 'Safe staffing at all times.'],
  ]);
  await write('bids-errors.xlsx', [
    ['organisation', 'price', 'co-production', 'safety'],
    ['Rowan Care', { formula: '100*2', result: 200 }, 'A price worked out by a formula', null],
    [null, 5000, 'No organisation on this row', null],
    ['Willow Support', -5, 'A price below zero', null],
    ['willow support', 0.1 + 0.2, 'The same organisation, and a price with too many decimals', null],
    ['Hazel Homecare', 100, 'A value under no heading', null, 'stray value'],
  ]);
}

await main();
