// Reads an uploaded spreadsheet of bids (an Excel workbook .xlsx, or CSV) into plain cells with
// exceljs. Nothing in a cell is ever evaluated: a formula cell is read as its formula text
// ("=1+1"), never worked out (bid-import.ts refuses it), and text that starts with "=" stays text.
// What the cells mean (organisation, price, responses) is decided in bid-import.ts.
//
// A workbook is a zip. Its directory can declare any sizes (400 KB that claims 1 KB and unpacks to
// 400 MB), so the zip is unpacked here, part by part, stopping at MAX_UNPACKED_BYTES whatever it
// declares, and exceljs is given those unpacked parts again as a zip that needs no unpacking.
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** A workbook is a zip; more than this unpacked, all its parts together, is refused (a zip bomb, not a list of bids). */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
/**
 * exceljs keeps every XML element of every sheet as an object (about 500 bytes each: 1 MB of tiny
 * cells grows the server by about 30 MB), so the elements are counted too. 500 rows of 200 columns,
 * each a different text, are about 400,000; this many grow the server by about 250 MB.
 */
const MAX_XML_ELEMENTS = 500_000;
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

interface ZipPart {
  /** The name as stored (bytes), with its general purpose flags (bit 11: the name is UTF-8). */
  name: Buffer;
  flags: number;
  crc: number;
  data: Buffer;
}

/**
 * Counts the XML elements in a part (the tags that open one) into `count`, stopping once there
 * are more than MAX_XML_ELEMENTS, or more than twice as many tags of any kind (closing tags and
 * comments too: each element has at most two), so a part of nothing but "</" is not read to its end.
 */
function countElements(data: Buffer, count: { elements: number; tags: number }): void {
  for (let i = data.indexOf(0x3c); i >= 0 && count.elements <= MAX_XML_ELEMENTS && count.tags <= 2 * MAX_XML_ELEMENTS; i = data.indexOf(0x3c, i + 1)) {
    const next = data[i + 1];
    count.tags += 1;
    if (next !== 0x2f && next !== 0x3f && next !== 0x21) count.elements += 1; // not </, <? or <!
  }
}

/**
 * The parts of a zip, unpacked: never more than MAX_UNPACKED_BYTES in all, whatever sizes its
 * directory declares ("too large" as soon as the parts unpacked so far pass it), and never more
 * than MAX_XML_ELEMENTS in its XML parts ("too many", see countElements).
 */
function unpackZip(buffer: Buffer): ZipPart[] | 'unreadable' | 'too large' | 'too many' {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buffer.length) return 'unreadable';
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const parts: ZipPart[] = [];
  const names = new Set<string>();
  let total = 0;
  const xml = { elements: 0, tags: 0 };
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return 'unreadable';
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    let packedSize = buffer.readUInt32LE(at + 20);
    const unpackedSize = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    let local = buffer.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > buffer.length) return 'unreadable';
    const name = buffer.subarray(at + 46, nameEnd);
    // Zip64: the sizes and offset that do not fit in 32 bits are in an extra field, in this order.
    for (let x = nameEnd; x + 4 <= nameEnd + extraLength; x += 4 + buffer.readUInt16LE(x + 2)) {
      if (buffer.readUInt16LE(x) !== 0x0001) continue;
      let field = x + 4;
      const next = (): number => {
        const value = field + 8 <= buffer.length ? Number(buffer.readBigUInt64LE(field)) : Infinity;
        field += 8;
        return value;
      };
      if (unpackedSize === 0xffffffff) next();
      if (packedSize === 0xffffffff) packedSize = next();
      if (local === 0xffffffff) local = next();
    }
    at = nameEnd + extraLength + buffer.readUInt16LE(at + 32);
    const key = name.toString('latin1');
    if (key.endsWith('/')) continue; // a folder
    if ((flags & 0x1) !== 0 || names.has(key)) return 'unreadable'; // encrypted, or the same part twice
    names.add(key);
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) return 'unreadable';
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    if (start + packedSize > buffer.length) return 'unreadable';
    const packed = buffer.subarray(start, start + packedSize);
    const room = MAX_UNPACKED_BYTES - total;
    let data: Buffer;
    if (method === 0) data = packed;
    else if (method === 8) {
      try {
        // Stops with ERR_BUFFER_TOO_LARGE once the output passes the room left: never holds more.
        data = inflateRawSync(packed, { maxOutputLength: room + 1, chunkSize: 64 * 1024 });
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too large' : 'unreadable';
      }
    } else return 'unreadable';
    if (data.length > room) return 'too large';
    total += data.length;
    if (/\.(xml|rels|vml)$/i.test(key)) countElements(data, xml);
    if (xml.elements > MAX_XML_ELEMENTS || xml.tags > 2 * MAX_XML_ELEMENTS) return 'too many';
    parts.push({ name, flags: flags & 0x0800, crc, data });
  }
  return parts;
}

/**
 * The workbook again as a zip that stores its parts unpacked (so reading it unpacks nothing
 * more). The unpacked parts are let go as soon as they are copied into it.
 */
function unpackedWorkbook(buffer: Buffer): Buffer | 'unreadable' | 'too large' | 'too many' {
  const parts = unpackZip(buffer);
  return typeof parts === 'string' ? parts : storedZip(parts);
}

function storedZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(part.flags, 6);
    local.writeUInt32LE(part.crc, 14); // as declared (exceljs does not check it)
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(part.name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.flags, 8);
    entry.writeUInt32LE(part.crc, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(part.data.length, 24);
    entry.writeUInt16LE(part.name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, part.name, part.data);
    directory.push(entry, part.name);
    offset += 30 + part.name.length + part.data.length;
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(size, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, eocd]);
}

/** A number as Excel shows it, to 15 significant digits: =1234.5*1.2 is stored as 1481.3999999999999 and shown as 1481.4. */
const asShown = (value: number): number => (Number.isFinite(value) ? Number(value.toPrecision(15)) : value);

function cellOf(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: String(asShown(value)), number: asShown(value) };
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
  const unpacked = unpackedWorkbook(buffer);
  if (unpacked === 'unreadable') return notWorkbook;
  if (unpacked === 'too many') return { ok: false, message: `The workbook holds more than ${MAX_XML_ELEMENTS.toLocaleString('en-GB')} cells, texts and other items in all its sheets, far more than a list of bids needs; expected one sheet with a row per bid, at most ${MAX_ROWS} rows of ${MAX_COLUMNS} columns (save the sheet of bids as CSV, or remove other sheets)` };
  if (unpacked === 'too large') return { ok: false, message: `The workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, far more than a list of bids needs; expected a workbook that unpacks to at most ${MAX_UNPACKED_BYTES / 1024 / 1024} MB (save it again as CSV, or remove other sheets and pictures)` };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(unpacked as unknown as ExcelJS.Buffer);
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
