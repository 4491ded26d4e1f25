// The only place formulas are made. A formula is built from cell references (sheet names and
// column letters this application chose) and numbers it worked out: never from text a person
// wrote (see cell-safety.ts). Each formula cell carries its cached result, so a viewer that does
// not recalculate still shows the application's figure.

/** A formula cell as exceljs writes it: the formula and its cached result. */
export interface FormulaCell {
  formula: string;
  result: number | string;
  /** Set on the first cell of a formula filled down a column (FilledFormula): the cells sharing it. */
  shareType?: 'shared';
  ref?: string;
}

/** A cell of a formula filled down a column, other than the first: that cell's address and its own cached result. */
export interface SharedFormulaCell {
  sharedFormula: string;
  result: number | string;
}

/** Column letters for a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** A sheet's name as a formula refers to it: quoted, with quotes doubled. */
const sheetPrefix = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'!`;

export const cellRef = (column: number, row: number): string => `${columnLetter(column)}${row}`;
export const fixedRef = (column: number, row: number): string => `$${columnLetter(column)}$${row}`;
export const otherSheetRef = (sheet: string, column: number, row: number): string => `${sheetPrefix(sheet)}${cellRef(column, row)}`;
export const otherSheetRange = (sheet: string, column: number, fromRow: number, toRow: number): string =>
  `${sheetPrefix(sheet)}${cellRef(column, fromRow)}:${cellRef(column, toRow)}`;

/** A number written into a formula: plain decimal digits, never an exponent Excel might misread. */
export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const text = String(n);
  if (!/e/i.test(text)) return n < 0 ? `(${text})` : text;
  const fixed = n.toFixed(20).replace(/\.?0+$/, '');
  if (/e/i.test(fixed)) throw new RangeError(`too large for a formula: ${n}`);
  return n < 0 ? `(${fixed})` : fixed;
}

export const formula = (text: string, result: number | string | null): FormulaCell => ({ formula: text, result: result ?? '' });

/**
 * One formula filled down a column, from `fromRow` to `toRow`, stored as spreadsheets store a
 * filled-down formula (a shared formula): the first cell holds the formula, written for its own
 * row, and every other cell refers to it, its relative references moving with the row. Each cell
 * still caches its own result. The formula text is written once rather than on every row.
 */
export class FilledFormula {
  private readonly first: string;
  private readonly range: string;

  constructor(
    column: number,
    private readonly fromRow: number,
    private readonly toRow: number,
    private readonly formulaOfFirst: string,
  ) {
    this.first = cellRef(column, fromRow);
    this.range = `${this.first}:${cellRef(column, toRow)}`;
  }

  at(row: number, result: number | string | null): FormulaCell | SharedFormulaCell {
    if (row < this.fromRow || row > this.toRow) throw new RangeError(`row ${row} is outside the rows ${this.range} of the formula`);
    if (row > this.fromRow) return { sharedFormula: this.first, result: result ?? '' };
    return { ...formula(this.formulaOfFirst, result), shareType: 'shared', ref: this.range };
  }
}
