// `results` without --json: a table a person can read in a terminal, then robustness in words.
// Figures are the engine's exact values rounded once, 2 places half up, as the results page shows
// them; never the JSON's 6-place numbers rounded again (38.005 → 38.01, but 83.005 as a binary
// number is 83.00499…).
import type Fraction from 'fraction.js';
import { compareKeys, formatHalfUp, type BidResult, type Robustness, type TenderResult } from '../engine';

const shown = (x: Fraction | null) => (x === null ? '-' : formatHalfUp(x, 2));

function status(bid: BidResult): string {
  if (!bid.eligible) return `fails: ${bid.failures.join('; ')}`;
  if (!bid.complete) return `incomplete: ${bid.missing.join('; ')}`;
  return bid.tie ? 'tied' : '';
}

export function resultsTable({ result, robustness }: { result: TenderResult; robustness: Pick<Robustness, 'summary'> }): string {
  const rows = [...result.bids]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareKeys(a.key, b.key))
    .map((b) => [b.rank === null ? '-' : String(b.rank), b.key, b.supplier, shown(b.quality), shown(b.pricePoints), shown(b.total), status(b)]);
  const header = ['Rank', 'Bid', 'Supplier', 'Quality', 'Price', 'Total', 'Notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [
    `Results for ${result.reference}${result.complete ? '' : ' (not complete: some scores or prices are missing)'}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (result.withdrawn.length > 0) lines.push('', `Withdrawn and left out: ${result.withdrawn.join(', ')}`);
  lines.push('', ...robustness.summary);
  return lines.join('\n');
}
