// Summary: per bid its quality, price points, total, rank and eligibility. Quality adds up the
// bid's points on Final scores and the total adds the price points from Price: live formulas,
// each with the application's exact figure cached. The panel copy leaves out everything that
// comes from prices (price points, total, rank, the winner, and any reason that names an amount).
import type ExcelJS from 'exceljs';
import { compareKeys, listKeys } from '../../engine';
import { cellNumber } from './cell-safety';
import type { ExportSnapshot } from './export-snapshot';
import { FINAL_SCORES, finalRowsOf, POINTS_COLUMN } from './final-scores-sheet';
import { cellRef, formula, otherSheetRange, otherSheetRef } from './formulas';
import { bidNamer, COPY_WORDS, yesNo } from './labels';
import { PRICE, PRICE_POINTS_COLUMN, priceRowOf } from './price-sheet';
import { SheetWriter, type Column, type Kind, type Value } from './sheet-kit';
import { WORKBOOK_AUDIENCE, withoutAmounts, withoutPrices } from '../results/audience';

export const SUMMARY = 'Summary';

const col = (header: string, width: number, kind: Kind): Column => ({ header, width, kind });

const PROCUREMENT: Column[] = [
  col('Rank', 7, 'integer'),
  col('Bid', 8, 'text'),
  col('Organisation', 30, 'text'),
  col('Quality', 11, 'decimal'),
  col('Price points', 11, 'decimal'),
  col('Total', 11, 'decimal'),
  col('Tie', 7, 'text'),
  col('Eligible', 10, 'text'),
  col('Complete', 10, 'text'),
  col('Reasons', 60, 'wrap'),
];
const PANEL: Column[] = [col('Bid', 8, 'text'), col('Organisation', 30, 'text'), col('Quality', 11, 'decimal'), col('Eligible', 10, 'text'), col('Complete', 10, 'text'), col('Reasons', 60, 'wrap')];


const READ_PROCUREMENT =
  'Quality adds up the bid’s points on Final scores; Total is Quality plus the price points on Price. Both are live formulas; the figures shown are the application’s exact results.';
const READ_PANEL = 'Quality adds up the bid’s points on Final scores (a live formula; the figure shown is the application’s exact result). This copy has no prices.';

function intro(s: ExportSnapshot): [string, Value, Kind?][] {
  const { result, rubric } = s;
  const shown = WORKBOOK_AUDIENCE[s.copy];
  const name = bidNamer(s);
  const tied = result.bids.filter((b) => b.rank === 1 && b.tie).map((b) => b.key);
  const winner =
    result.winner !== null
      ? `${result.winner} (${name(result.winner)})`
      : tied.length > 1
        ? `none: bids ${listKeys(tied)} are tied first`
        : 'none: no single bid is ranked first yet';
  return [
    ['State', s.tender.state],
    ['Copy', COPY_WORDS[s.copy]],
    ['Exported (UTC)', s.exportedAt.toISOString()],
    ['Exported by', s.exportedBy],
    ...(shown.ranking ? ([['Winner', winner]] as [string, Value][]) : []),
    ['Quality weight', cellNumber(rubric.qualityWeight), 'number'],
    ...(shown.prices ? ([['Price weight', cellNumber(rubric.priceWeight), 'number']] as [string, Value, Kind][]) : []),
    ['Audit chain head', `${s.chain.head} (event ${s.chain.seq}: this export)`],
    ['How to read this', s.copy === 'procurement' ? READ_PROCUREMENT : READ_PANEL],
  ];
}

export function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, s: ExportSnapshot): void {
  // What each copy shows of what price decides is the results page's rule (results-audience.ts).
  const everything = WORKBOOK_AUDIENCE[s.copy].ranking;
  const sheet = new SheetWriter(workbook, SUMMARY, everything ? PROCUREMENT : PANEL, { title: `${s.tender.reference}: ${s.tender.title}`, intro: intro(s) });
  const name = bidNamer(s);
  const indexed = s.result.bids.map((bid, index) => ({ bid, index }));
  // By rank where ranks are shown; by key otherwise, so the order does not give the ranks away.
  const rankOf = (rank: number | null) => (everything ? (rank ?? Infinity) : 0);
  indexed.sort((x, y) => rankOf(x.bid.rank) - rankOf(y.bid.rank) || compareKeys(x.bid.key, y.bid.key));
  for (const { bid, index } of indexed) {
    const row = sheet.nextRow;
    const { from, to } = finalRowsOf(s, index);
    const reasons = [...bid.failures, ...bid.missing];
    const quality = formula(`SUM(${otherSheetRange(FINAL_SCORES, POINTS_COLUMN, from, to)})`, cellNumber(bid.quality));
    const status = [yesNo(bid.eligible), yesNo(bid.complete)];
    if (!everything) {
      sheet.add([bid.key, name(bid.key), quality, ...status, reasons.map(withoutPrices).join('; ')]);
      continue;
    }
    const qualityCell = cellRef(4, row);
    const priceCell = cellRef(5, row);
    const price = bid.pricePoints === null ? null : formula(otherSheetRef(PRICE, PRICE_POINTS_COLUMN, priceRowOf(s, index)), cellNumber(bid.pricePoints));
    const total = bid.total === null ? null : formula(`${qualityCell}+${priceCell}`, cellNumber(bid.total));
    sheet.add([bid.rank, bid.key, name(bid.key), quality, price, total, bid.tie ? 'tie' : '', ...status, reasons.join('; ')]);
  }
  for (const bid of s.bids.filter((b) => b.withdrawn === 1)) {
    const left = 'withdrawn: left out of the evaluation';
    sheet.add(everything ? [null, bid.key, name(bid.key), null, null, null, '', 'withdrawn', '', left] : [bid.key, name(bid.key), null, 'withdrawn', '', left]);
  }
  writeOverrides(sheet, s);
  sheet.finish();
}

export const OVERRIDES_HEADING = 'Moved on with items outstanding';
export const OVERRIDE_HEADERS = ['From', 'To', 'Outstanding', 'Reason', 'By', 'When (UTC)'];
const OVERRIDE_KINDS: Kind[] = ['text', 'text', 'wrap', 'wrap', 'text', 'text'];

/**
 * Below the bids, each stage change made with items outstanding: what was outstanding, the
 * commissioner's reason, who and when. Every value is text (written as text cells). The panel
 * copy leaves out any that names an amount of money, as it does for the bids' reasons.
 */
function writeOverrides(sheet: SheetWriter, s: ExportSnapshot): void {
  if (s.overrides.length === 0) return;
  const prices = s.bids.flatMap((b) => (b.price === null ? [] : [b.price]));
  const words = s.copy === 'procurement' ? (text: string) => text : (text: string) => withoutAmounts(text, prices);
  sheet.note(OVERRIDES_HEADING);
  sheet.heading(OVERRIDE_HEADERS);
  for (const o of s.overrides) {
    sheet.addOther([o.fromState, o.toState, o.outstanding.map(words).join('\n'), words(o.reason), o.recordedBy, o.recordedAt], OVERRIDE_KINDS);
  }
}
