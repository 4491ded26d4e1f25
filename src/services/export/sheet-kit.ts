// One worksheet written as a stream: an optional block of labelled facts, a header row (frozen,
// repeated on every printed page, with an autofilter over the table), then rows committed one
// by one, so a sheet of any length never sits in memory.
//
// Every cell of a column shares one style object: exceljs looks styles up by object identity,
// which keeps styling cheap on sheets of 50,000 rows and more.
//
// Long tables of plain text and numbers (Scores, Audit) take a shorter road, `addPlain`: the row's
// XML is written straight into the sheet's stream, a shared-string index for each text and the
// number itself for each number, with the column's style id, instead of building exceljs's row
// and cell objects for every row. The cells are the same cells (the read-back, recalculation and
// injection tests run over them); it is about three times faster than exceljs's own row writer.
import type ExcelJS from 'exceljs';
import { safeText } from './cell-safety';
import type { FormulaCell, SharedFormulaCell } from './formulas';

export type Kind = 'text' | 'wrap' | 'number' | 'decimal' | 'integer' | 'money' | 'date';

export interface Column {
  header: string;
  width: number;
  kind: Kind;
}

export type Value = string | number | Date | FormulaCell | SharedFormulaCell | null | undefined;

const top = { vertical: 'top' } as const;
const STYLES: Record<Kind, Partial<ExcelJS.Style>> = {
  // Text columns use the Text number format, so an edited cell stays text in Excel.
  text: { numFmt: '@', alignment: top },
  wrap: { numFmt: '@', alignment: { vertical: 'top', wrapText: true } },
  number: { numFmt: 'General', alignment: top },
  decimal: { numFmt: '0.00', alignment: top },
  integer: { numFmt: '0', alignment: top },
  money: { numFmt: '£#,##0.00', alignment: top },
  date: { numFmt: 'yyyy-mm-dd hh:mm:ss', alignment: top },
};
const HEADER: Partial<ExcelJS.Style> = {
  numFmt: '@',
  font: { bold: true },
  alignment: { vertical: 'top', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } },
  border: { bottom: { style: 'thin' } },
};
/** Rows have no style of their own; one shared object spares exceljs a style lookup per row. */
const ROW: Partial<ExcelJS.Style> = {};
const LABEL: Partial<ExcelJS.Style> = { numFmt: '@', font: { bold: true }, alignment: top };
const TITLE: Partial<ExcelJS.Style> = { numFmt: '@', font: { bold: true, size: 14 }, alignment: top };

/**
 * An ISO timestamp as Excel's date number (days since 1899-12-30, UTC), for a 'date' column:
 * cheaper than a Date object on sheets of many rows, and the same cell.
 */
export const excelTime = (iso: string): number => Date.parse(iso) / 86_400_000 + 25_569;

/** A value of a plain row: text, a finite number, or nothing (an empty cell). */
export type PlainValue = string | number | null | undefined;

/** The parts of exceljs's streaming writer that `addPlain` writes through (exceljs 4.4). */
interface WriterInternals {
  stream: { write(xml: string): void };
  _rows: unknown[];
  _rowZero: number;
  startedData: boolean;
}
interface WorkbookInternals {
  sharedStrings: { add(text: string): number };
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number };
}

/** Column letters A, B, … for the first 26 columns (the widest table here has 10). */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A cell's value as exceljs takes it: every string goes through safeText, so it stays text. */
function cellValue(value: Value): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return safeText(value);
  return value;
}

/**
 * Rows written between turns of the event loop on long sheets. The zip compresses off the main
 * thread, a chunk per turn; about 12 KB of sheet per turn lets it keep up, so the workbook never
 * piles up in memory (measured: the buffers in flight stay near 8 MB at any size).
 */
export const ROWS_PER_TURN = 50;

export interface SheetOptions {
  /** Labelled facts above the table, such as the tender's reference and the chain head. */
  intro?: [label: string, value: Value, kind?: Kind][];
  title?: string;
  /** Called every ROWS_PER_TURN rows by `addPaced`: gives the zip and the output a turn. */
  pace?: () => Promise<void>;
}

export class SheetWriter {
  readonly headerRow: number;
  private next = 1;
  private lastTableRow: number;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly workbook: WorkbookInternals;
  private readonly styles: Partial<ExcelJS.Style>[];
  private readonly pace: () => Promise<void>;
  private sincePace = 0;
  /** Plain rows rendered but not yet written, and the style id of each column for them. */
  private plainXml = '';
  private plainStyleIds: number[] | undefined;

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    private readonly columns: readonly Column[],
    options: SheetOptions = {},
  ) {
    const introRows = (options.title ? 1 : 0) + (options.intro?.length ?? 0);
    this.headerRow = introRows === 0 ? 1 : introRows + 2;
    this.lastTableRow = this.headerRow;
    this.styles = columns.map((c) => STYLES[c.kind]);
    this.pace = options.pace ?? (async () => undefined);
    this.workbook = workbook as unknown as WorkbookInternals;
    this.sheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: this.headerRow, xSplit: 0 }],
      pageSetup: {
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${this.headerRow}:${this.headerRow}`,
      },
    });
    this.sheet.columns = columns.map((c) => ({ width: c.width }));
    if (options.title) this.write([options.title], [TITLE]);
    for (const [label, value, kind] of options.intro ?? []) this.write([label, value], [LABEL, STYLES[kind ?? 'text']]);
    this.next = this.headerRow;
    this.write(
      columns.map((c) => c.header),
      columns.map(() => HEADER),
    );
  }

  /** Adds one row of the table and returns its row number. */
  add(values: readonly Value[]): number {
    const row = this.write(values, this.styles);
    this.lastTableRow = row;
    return row;
  }

  /**
   * Adds one row of a long sheet. Every ROWS_PER_TURN rows it returns the turn given to the zip and
   * the output, to be awaited; otherwise nothing, so most rows cost no promise.
   */
  addPaced(values: readonly Value[]): Promise<void> | undefined {
    this.add(values);
    if (++this.sincePace < ROWS_PER_TURN) return undefined;
    this.sincePace = 0;
    return this.pace();
  }

  /**
   * Adds one row of a long table of text and numbers the short way (see the top of this file),
   * pacing like `addPaced`. Text goes through safeText and is always a shared string, so it can
   * never be a formula. Plain rows are written in batches; any other write flushes them first.
   */
  addPlain(values: readonly PlainValue[]): Promise<void> | undefined {
    const number = this.next;
    const ids = (this.plainStyleIds ??= this.columns.map((c) => this.workbook.styles.addStyleModel(STYLES[c.kind])));
    let xml = `<row r="${number}" spans="1:${values.length}" x14ac:dyDescent="0.25">`;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      const at = `${LETTERS[i]}${number}`;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new RangeError(`not a number a workbook can hold: ${value} (row ${number}, column ${at})`);
        xml += `<c r="${at}" s="${ids[i]}"><v>${value}</v></c>`;
      } else {
        xml += `<c r="${at}" s="${ids[i]}" t="s"><v>${this.workbook.sharedStrings.add(safeText(value))}</v></c>`;
      }
    }
    this.plainXml += `${xml}</row>`;
    this.lastTableRow = number;
    this.next = number + 1;
    if (++this.sincePace < ROWS_PER_TURN) return undefined;
    this.sincePace = 0;
    this.flushPlain();
    return this.pace();
  }

  /** Writes the plain rows rendered so far, after every row exceljs holds (there are none by then). */
  private flushPlain(): void {
    if (this.plainXml === '') return;
    const writer = this.sheet as unknown as WriterInternals;
    if (writer._rows.some((row) => row !== undefined) || !writer.startedData) {
      throw new Error('plain rows must follow the committed header row');
    }
    writer.stream.write(this.plainXml);
    writer._rows = [];
    writer._rowZero = this.next;
    this.plainXml = '';
  }

  /** A line of text below the table (outside its filter). */
  note(text: string): void {
    this.next += this.next === this.lastTableRow + 1 ? 1 : 0;
    this.write([text], [STYLES.text]);
  }

  /** A second table below the first (outside its filter): a blank row, then its header row. */
  heading(headers: readonly string[]): void {
    this.next += 1;
    this.write(headers, headers.map(() => HEADER));
  }

  /** A row outside the main table, with its own kinds of cell. */
  addOther(values: readonly Value[], kinds: readonly Kind[]): number {
    return this.write(values, kinds.map((k) => STYLES[k]));
  }

  /** The row the next `add` will write. */
  get nextRow(): number {
    return this.next;
  }

  finish(): void {
    this.flushPlain();
    this.sheet.autoFilter = { from: { row: this.headerRow, column: 1 }, to: { row: this.lastTableRow, column: this.columns.length } };
    this.sheet.commit();
  }

  private write(values: readonly Value[], styles: readonly Partial<ExcelJS.Style>[]): number {
    this.flushPlain();
    const number = this.next;
    const row = this.sheet.getRow(number);
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW;
    for (let i = 0; i < values.length; i++) {
      const value = cellValue(values[i]);
      if (value === null) continue;
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.style = styles[i] ?? STYLES.text;
    }
    row.commit();
    this.next = number + 1;
    return number;
  }
}
