// `results` without --json: a table a person can read in a terminal, then robustness in words.
import { compareKeys, type ResultsJson } from '../engine';

const fixed = (n: number | null) => (n === null ? '-' : n.toFixed(2));

function status(bid: ResultsJson['bids'][number]): string {
  if (!bid.eligible) return `fails: ${bid.failures.join('; ')}`;
  if (!bid.complete) return `incomplete: ${bid.missing.join('; ')}`;
  return bid.tie ? 'tied' : '';
}

export function resultsTable(results: ResultsJson): string {
  const rows = [...results.bids]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareKeys(a.key, b.key))
    .map((b) => [b.rank === null ? '-' : String(b.rank), b.key, b.supplier, fixed(b.quality), fixed(b.price), fixed(b.total), status(b)]);
  const header = ['Rank', 'Bid', 'Supplier', 'Quality', 'Price', 'Total', 'Notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [
    `Results for ${results.reference}${results.complete ? '' : ' (not complete: some scores or prices are missing)'}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (results.withdrawn.length > 0) lines.push('', `Withdrawn and left out: ${results.withdrawn.join(', ')}`);
  lines.push('', ...results.robustness.summary);
  return lines.join('\n');
}
