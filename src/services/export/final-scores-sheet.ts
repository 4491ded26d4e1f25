// Final scores: one row per bid × criterion (bids in key order, criteria in rubric order), with
// how the final score was reached and its points as a live formula over the final score, the
// scale's ends (named cells on Criteria) and the weight: P = (F − a) / (b − a) × w (engine rules §3.2).
import type ExcelJS from 'exceljs';
import { cellNumber } from './cell-safety';
import { SCALE_HIGHEST, SCALE_LOWEST } from './criteria-sheet';
import type { ExportSnapshot } from './export-snapshot';
import { cellRef, FilledFormula } from './formulas';
import { BASIS_WORDS, bidNamer, yesNo } from './labels';
import { SheetWriter, type Column } from './sheet-kit';

export const FINAL_SCORES = 'Final scores';

const COLUMNS: Column[] = [
  { header: 'Bid', width: 8, kind: 'text' },
  { header: 'Organisation', width: 28, kind: 'text' },
  { header: 'Criterion', width: 20, kind: 'text' },
  { header: 'Final score (F)', width: 11, kind: 'decimal' },
  { header: 'How it was reached', width: 26, kind: 'wrap' },
  { header: 'Weight (w)', width: 9, kind: 'number' },
  { header: 'Points = (F − a) ÷ (b − a) × w', width: 14, kind: 'decimal' },
  { header: 'Flagged for moderation', width: 12, kind: 'text' },
  { header: 'Why flagged', width: 40, kind: 'wrap' },
];

const FINAL = 4;
const WEIGHT = 6;
/** The column of the points, which Summary adds up. */
export const POINTS_COLUMN = 7;

/** The rows of one bid's criteria (the bid's index among the active bids, from 0). */
export function finalRowsOf(s: ExportSnapshot, bidIndex: number): { from: number; to: number } {
  const perBid = s.rubric.criteria.length;
  return { from: 2 + bidIndex * perBid, to: 1 + (bidIndex + 1) * perBid };
}

export async function writeFinalScores(workbook: ExcelJS.stream.xlsx.WorkbookWriter, s: ExportSnapshot, pace?: () => Promise<void>): Promise<void> {
  const sheet = new SheetWriter(workbook, FINAL_SCORES, COLUMNS, { pace });
  const name = bidNamer(s);
  const weights = s.rubric.criteria.map((c) => cellNumber(c.weightExact));
  // P = (F − a) / (b − a) × w, written for the first row and filled down the column.
  const first = sheet.nextRow;
  const F = cellRef(FINAL, first);
  const last = first + s.result.bids.length * s.rubric.criteria.length - 1;
  const points = new FilledFormula(POINTS_COLUMN, first, last, `IF(ISNUMBER(${F}),(${F}-${SCALE_LOWEST})/(${SCALE_HIGHEST}-${SCALE_LOWEST})*${cellRef(WEIGHT, first)},"")`);
  for (const bid of s.result.bids) {
    const organisation = name(bid.key);
    for (const [i, c] of s.rubric.criteria.entries()) {
      const cell = bid.criteria[c.id]!;
      const turn = sheet.addPaced([
        bid.key,
        organisation,
        c.id,
        cell.final === null ? null : cellNumber(cell.final),
        cell.basis === null ? 'no final score yet' : (BASIS_WORDS[cell.basis] ?? cell.basis),
        weights[i],
        points.at(sheet.nextRow, cell.points === null ? '' : cellNumber(cell.points)),
        yesNo(cell.flagged),
        cell.flags.length === 0 ? null : cell.flags.join('; '),
      ]);
      if (turn) await turn;
    }
  }
  sheet.finish();
}
