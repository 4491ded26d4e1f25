// Price (procurement copy only): the method, its formula and parameters, the price group's
// lowest, highest and mean (live formulas over the prices in the group), and each bid's price
// and price points. Price points are live formulas for the published methods; a custom formula
// is shown as written and its points are the application's figures (engine rules §3.4).
import type ExcelJS from 'exceljs';
import { priceGroup, type PriceMethod } from '../../engine';
import { cellNumber, decimalNumber } from './cell-safety';
import type { ExportSnapshot } from './export-snapshot';
import { cellRef, fixedRef, formula } from './formulas';
import { bidNamer, yesNo } from './labels';
import { SheetWriter, type Column, type Kind, type Value } from './sheet-kit';

export const PRICE = 'Price';

const COLUMNS: Column[] = [
  { header: 'Bid', width: 8, kind: 'text' },
  { header: 'Organisation', width: 28, kind: 'text' },
  { header: 'Price (£)', width: 16, kind: 'money' },
  { header: 'In the price group', width: 11, kind: 'text' },
  { header: 'Price in the group (£)', width: 16, kind: 'money' },
  { header: 'Price points', width: 12, kind: 'decimal' },
  { header: 'Note', width: 48, kind: 'wrap' },
];
const PRICE_COLUMN = 3;
const IN_GROUP = 5;
/** The column of the price points, which Summary refers to. */
export const PRICE_POINTS_COLUMN = 6;

const METHOD_WORDS: Record<PriceMethod, string> = {
  'lowest-relative': 'W × lowest ÷ price',
  'linear-deduction': 'W × max(0, 1 − (price − lowest) ÷ lowest)',
  'mean-relative': 'W × clamp(0.5 + (mean − price) ÷ mean, 0, 1)',
  'ideal-price': 'W × clamp((ceiling − price) ÷ (ceiling − ideal), 0, 1)',
  log: 'W × max(0, 1 − ln(price ÷ lowest) ÷ ln A)',
  'fixed-budget': 'no price points (the price weight is 0); a price above the budget is not eligible',
  custom: 'the formula below, kept between 0 and W; its points are worked out by the application',
};

// Rows of the block above the table: method, formula, W, lowest, highest (row 5), mean, then
// the parameters.
const W_ROW = 3;
const LOWEST_ROW = 4;
const MEAN_ROW = 6;
const params = (s: ExportSnapshot) => Object.entries(s.rubric.rubric.price.params ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));

export function priceHeaderRow(s: ExportSnapshot): number {
  return MEAN_ROW + params(s).length + 2;
}

/** The row of the active bid at `bidIndex` (bids in key order, withdrawn bids after them). */
export const priceRowOf = (s: ExportSnapshot, bidIndex: number): number => priceHeaderRow(s) + 1 + bidIndex;

/** Price points as a live formula over the row's price and the block above, for the published methods. */
function pointsFormula(method: PriceMethod, row: number, paramRow: (name: string) => string | null): string | null {
  const p = cellRef(PRICE_COLUMN, row);
  const W = fixedRef(2, W_ROW);
  const lowest = fixedRef(2, LOWEST_ROW);
  const mean = fixedRef(2, MEAN_ROW);
  switch (method) {
    case 'lowest-relative':
      return `${W}*${lowest}/${p}`;
    case 'linear-deduction':
      return `${W}*MAX(0,1-(${p}-${lowest})/${lowest})`;
    case 'mean-relative':
      return `${W}*MIN(1,MAX(0,0.5+(${mean}-${p})/${mean}))`;
    case 'ideal-price': {
      const [ceiling, ideal] = [paramRow('ceiling'), paramRow('ideal')];
      return ceiling && ideal ? `${W}*MIN(1,MAX(0,(${ceiling}-${p})/(${ceiling}-${ideal})))` : null;
    }
    case 'log': {
      const A = paramRow('A');
      return A ? `${W}*MAX(0,1-LN(${p}/${lowest})/LN(${A}))` : null;
    }
    default:
      return null;
  }
}

export function writePrice(workbook: ExcelJS.stream.xlsx.WorkbookWriter, s: ExportSnapshot): void {
  const { rubric, result } = s;
  const method = rubric.rubric.price.method;
  const bidCount = s.bids.length;
  const first = priceHeaderRow(s) + 1;
  const last = Math.max(first, priceHeaderRow(s) + bidCount);
  const inGroup = new Set(result.priceGroup);
  const group = priceGroup(result.bids.filter((b) => inGroup.has(b.key) && b.price !== null).map((b) => b.price!));
  const groupRange = `${cellRef(IN_GROUP, first)}:${cellRef(IN_GROUP, last)}`;
  // Only numeric parameters take part in a formula.
  const paramRows = new Map(params(s).flatMap(([name, value], i) => (typeof value === 'number' ? [[name, MEAN_ROW + 1 + i] as const] : [])));
  const paramRow = (name: string) => {
    const row = paramRows.get(name);
    return row === undefined ? null : fixedRef(2, row);
  };
  const intro: [string, Value, Kind?][] = [
    ['Price method', method],
    ['Formula', METHOD_WORDS[method]],
    ['Price weight (W)', cellNumber(rubric.priceWeight), 'number'],
    ['Lowest price in the group (£)', formula(`MIN(${groupRange})`, group ? cellNumber(group.lowest) : null), 'money'],
    ['Highest price in the group (£)', formula(`MAX(${groupRange})`, group ? cellNumber(group.highest) : null), 'money'],
    ['Mean price in the group (£)', formula(`AVERAGE(${groupRange})`, group ? cellNumber(group.mean) : null), 'money'],
    ...params(s).map(([name, value]): [string, Value, Kind?] => [`Parameter: ${name}`, value, typeof value === 'number' ? 'number' : 'wrap']),
  ];
  const sheet = new SheetWriter(workbook, PRICE, COLUMNS, { intro });
  const name = bidNamer(s);
  const priceText = new Map(s.bids.map((b) => [b.key, b.price]));
  for (const bid of result.bids) {
    const row = sheet.nextRow;
    const price = decimalNumber(priceText.get(bid.key) ?? null);
    const live = bid.pricePoints === null ? null : pointsFormula(method, row, paramRow);
    const points = bid.pricePoints === null ? null : live ? formula(live, cellNumber(bid.pricePoints)) : cellNumber(bid.pricePoints);
    const note = !bid.eligible ? 'not eligible: no price points' : !bid.complete ? `incomplete: ${bid.missing.join('; ')}` : '';
    sheet.add([bid.key, name(bid.key), price, yesNo(inGroup.has(bid.key)), inGroup.has(bid.key) ? price : null, points, note]);
  }
  for (const bid of s.bids.filter((b) => b.withdrawn === 1)) {
    sheet.add([bid.key, name(bid.key), decimalNumber(bid.price), 'no', null, null, 'withdrawn: left out of the evaluation']);
  }
  sheet.finish();
}
