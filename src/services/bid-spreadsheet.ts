// Reads an uploaded spreadsheet of bids (an Excel workbook .xlsx, or CSV) into plain cells with
// exceljs. Nothing in a cell is ever evaluated: a formula cell is read as its formula text
// ("=1+1"), never worked out, and text that starts with "=" stays text. What the cells mean
// (organisation, price, responses) is decided in bid-import.ts.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** A workbook is a zip; more than this unpacked is refused (a zip bomb, not a list of bids). */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
export const MAX_ROWS = 500;
const MAX_COLUMNS = 200;
/** The checked rows wait in the session until confirmed, so their text is bounded too. */
const MAX_TEXT = 5_000_000;

export interface SheetCell {
  /** The cell as text: what a person sees, or for a formula its formula with "=". */
  text: string;
  /** Set when the cell holds a number (not text that looks like one). */
  number?: number;
  /** Set when the cell holds a formula (without the "="). */
  formula?: string;
}

export interface Sheet {
  kind: 'xlsx' | 'csv';
  /** Sheet row number of the headings (the first row with anything in it). */
  headerRow: number;
  headers: { column: string; text: string }[];
  rows: { row: number; cells: SheetCell[] }[];
}

export type SheetReading = { ok: true; sheet: Sheet } | { ok: false; message: string };

export const EXPECTED_FILE = 'expected an Excel workbook (.xlsx) or a CSV file (.csv)';

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const isZip = (buffer: Buffer): boolean => buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;

/** The unpacked size the zip's central directory declares, or null when it is not a readable zip. */
function declaredUnpackedSize(buffer: Buffer): number | null {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buffer.length) return null;
  const entries = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return null;
    const size = buffer.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Infinity : size;
    at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return total;
}

function cellOf(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('formula' in value && typeof value.formula === 'string') return { text: `=${value.formula}`, formula: value.formula };
  if ('sharedFormula' in value) return { text: `=${value.sharedFormula}`, formula: value.sharedFormula };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) return typeof value.text === 'string' ? { text: value.text } : cellOf(value.text as ExcelJS.CellValue);
  if ('error' in value) return { text: value.error };
  return { text: '' };
}

function sheetOf(kind: Sheet['kind'], worksheet: ExcelJS.Worksheet | undefined): SheetReading {
  const rows: { row: number; cells: SheetCell[] }[] = [];
  let tooWide = false;
  worksheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_COLUMNS) tooWide = true;
      // The other cells of a merged range repeat the first one's value: read them as empty.
      else cells[col - 1] = cell.isMerged && cell.master !== cell ? { text: '' } : cellOf(cell.value);
    });
    const filled = Array.from({ length: cells.length }, (_, i) => cells[i] ?? { text: '' });
    if (filled.some((c) => c.text.trim() !== '')) rows.push({ row: rowNumber, cells: filled });
  });
  const text = rows.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.text.length, 0), 0);
  if (text > MAX_TEXT) return { ok: false, message: `The file holds ${text.toLocaleString('en-GB')} characters of text; expected at most ${MAX_TEXT.toLocaleString('en-GB')} (split it into smaller files)` };
  if (tooWide) return { ok: false, message: `The file has more than ${MAX_COLUMNS} columns; expected one column per criterion plus organisation and price` };
  const [header, ...data] = rows;
  if (!header) return { ok: false, message: 'The file is empty; expected a first row of headings (organisation, price and one per criterion) and one row per bid' };
  if (data.length === 0) return { ok: false, message: 'The file has headings but no bids; expected one row per bid under the headings' };
  if (data.length > MAX_ROWS) return { ok: false, message: `The file has ${data.length} rows of bids; expected at most ${MAX_ROWS} (split it into smaller files)` };
  // Values beyond the last heading get an empty heading, so they are reported, not dropped.
  const width = Math.max(...rows.map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, i) => ({ column: columnLetter(i + 1), text: header.cells[i]?.text.trim() ?? '' }));
  return { ok: true, sheet: { kind, headerRow: header.row, headers, rows: data } };
}

async function readXlsx(buffer: Buffer): Promise<SheetReading> {
  const notWorkbook = { ok: false as const, message: `The file is not a readable Excel workbook; save it again from your spreadsheet program as "Excel Workbook (.xlsx)" or as CSV (${EXPECTED_FILE})` };
  const unpacked = declaredUnpackedSize(buffer);
  if (unpacked === null) return notWorkbook;
  if (unpacked > MAX_UNPACKED_BYTES) return { ok: false, message: 'The workbook unpacks to more than 100 MB; expected a list of bids (save it again as CSV, or remove other sheets and pictures)' };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return notWorkbook;
  }
  const sheet = workbook.worksheets.find((w) => w.state === 'visible' && w.actualRowCount > 0) ?? workbook.worksheets[0];
  return sheetOf('xlsx', sheet);
}

/** UTF-8 text, or Windows-1252 (what Excel's plain "CSV (Comma delimited)" writes). */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

async function readCsv(buffer: Buffer): Promise<SheetReading> {
  const text = decodeText(buffer);
  if (text.includes('\u0000')) return { ok: false, message: `The file is not text; ${EXPECTED_FILE}` };
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Some locales' spreadsheets separate CSV cells with ";".
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const workbook = new ExcelJS.Workbook();
  try {
    // `map` keeps every cell as the text written: no numbers, dates or formulas are guessed.
    const worksheet = await workbook.csv.read(Readable.from([text]), { map: (v: unknown) => String(v ?? ''), parserOptions: { delimiter } });
    return sheetOf('csv', worksheet);
  } catch {
    return { ok: false, message: 'The CSV file could not be read; check that every cell that starts with a quote mark (") ends with one, and save it again as CSV' };
  }
}

/** Reads the first sheet of an uploaded .xlsx or .csv file. */
export async function readBidSpreadsheet(file: { buffer: Buffer; originalname: string }): Promise<SheetReading> {
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.originalname)?.[1]?.toLowerCase() ?? '';
  if (file.buffer.length === 0) return { ok: false, message: 'The file is empty; expected a first row of headings and one row per bid' };
  if (extension === 'xlsx') return isZip(file.buffer) ? readXlsx(file.buffer) : { ok: false, message: `The file ends in .xlsx but is not an Excel workbook; ${EXPECTED_FILE}` };
  if (extension === 'csv') return isZip(file.buffer) ? { ok: false, message: `The file ends in .csv but is a workbook or other zip file; ${EXPECTED_FILE}` } : readCsv(file.buffer);
  if (extension === 'xls') return { ok: false, message: `The file is in the old Excel format (.xls); save it as "Excel Workbook (.xlsx)" or CSV (${EXPECTED_FILE})` };
  const what = extension ? `a .${extension} file` : 'a file without a type in its name';
  return { ok: false, message: `The file is ${what}; ${EXPECTED_FILE}` };
}
