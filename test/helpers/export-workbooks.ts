// Reading exported workbooks back in tests: with exceljs (cells, formulas, cached results), and
// recalculated by gnumeric's `ssconvert --recalc` (one CSV per sheet).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

export interface ResultsJson {
  reference: string;
  winner: string | null;
  bids: {
    key: string;
    supplier: string;
    quality: number;
    price: number | null;
    total: number | null;
    rank: number | null;
    criteria: Record<string, { final: number | null; points: number | null }>;
  }[];
}

export async function readWorkbook(source: string | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (typeof source === 'string') await workbook.xlsx.readFile(source);
  else await workbook.xlsx.load(source as unknown as ExcelJS.Buffer);
  return workbook;
}

type Plain = string | number | null;

export interface TableRow {
  get(header: string): Plain;
  cell(header: string): ExcelJS.Cell;
  /** The formula of a cell; fails the test when the cell holds none. */
  formula(header: string): string;
}

/** A formula's cached result, or a number cell's value; null for an empty cell or an empty result. */
export function resultOf(cell: ExcelJS.Cell): number | null {
  const value = cell.formula !== undefined ? (cell.result as unknown) : cell.value;
  return typeof value === 'number' ? value : null;
}

export const numberAt = (value: Plain): number | null => (value === null || value === '' ? null : Number(value));

const plain = (cell: ExcelJS.Cell): Plain => {
  if (cell.formula !== undefined) return (cell.result as Plain | undefined) ?? null;
  const value = cell.value;
  return typeof value === 'string' || typeof value === 'number' ? value : null;
};

/** The table whose header row starts with `firstHeader`, up to the first empty row. */
export function tableOf(sheet: ExcelJS.Worksheet, firstHeader: string): TableRow[] {
  let headerRow = 0;
  for (let r = 1; r <= sheet.rowCount && headerRow === 0; r++) if (sheet.getRow(r).getCell(1).value === firstHeader) headerRow = r;
  if (headerRow === 0) throw new Error(`no table starting "${firstHeader}" on ${sheet.name}`);
  const headers = new Map<string, number>();
  sheet.getRow(headerRow).eachCell((cell, col) => headers.set(String(cell.value), col));
  const column = (header: string) => {
    const col = headers.get(header);
    if (col === undefined) throw new Error(`no column "${header}" on ${sheet.name}`);
    return col;
  };
  const rows: TableRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) break;
    rows.push({
      get: (header) => plain(row.getCell(column(header))),
      cell: (header) => row.getCell(column(header)),
      formula: (header) => {
        const f = row.getCell(column(header)).formula;
        if (f === undefined) throw new Error(`${sheet.name}!${row.getCell(column(header)).address} holds no formula`);
        return f;
      },
    });
  }
  return rows;
}

export function byKey<T extends { get(header: string): Plain }>(rows: T[], header: string): Map<string, T> {
  return new Map(rows.map((r) => [String(r.get(header)), r]));
}

/** RFC 4180 CSV, as ssconvert writes it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Every sheet recalculated by gnumeric (`ssconvert --recalc`), as rows of text. */
export function recalculate(file: string, dir: string): Map<string, string[][]> {
  const out = mkdtempSync(path.join(dir, 'recalc-'));
  execFileSync('ssconvert', ['--recalc', '-S', file, path.join(out, 'sheet.%s.csv')], { stdio: 'pipe' });
  const sheets = new Map<string, string[][]>();
  for (const name of readdirSync(out)) {
    const match = /^sheet\.(.+)\.csv$/.exec(name);
    if (match) sheets.set(match[1]!, parseCsv(readFileSync(path.join(out, name), 'utf8')));
  }
  return sheets;
}

/** The rows of a recalculated table whose header row starts with `firstHeader`. */
export function cellsOf(grid: string[][], firstHeader: string): { get(header: string): string }[] {
  const headerAt = grid.findIndex((r) => r[0] === firstHeader);
  if (headerAt < 0) throw new Error(`no table starting "${firstHeader}"`);
  const headers = grid[headerAt]!;
  const rows = [];
  for (const r of grid.slice(headerAt + 1)) {
    if (r.every((v) => v === '')) break;
    rows.push({ get: (header: string) => r[headers.indexOf(header)] ?? '' });
  }
  return rows;
}
