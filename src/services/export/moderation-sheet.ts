// Moderation: every consensus score with its rationale and who attended, next to the members'
// submitted scores it was reached from (they stay stored; moderation never changes them).
import type ExcelJS from 'exceljs';
import type { ExportSnapshot } from './export-snapshot';
import { bidNamer } from './labels';
import { excelTime, SheetWriter, type Column } from './sheet-kit';

const COLUMNS: Column[] = [
  { header: 'Bid', width: 8, kind: 'text' },
  { header: 'Organisation', width: 26, kind: 'text' },
  { header: 'Criterion', width: 18, kind: 'text' },
  { header: 'Criterion title', width: 30, kind: 'wrap' },
  { header: 'Consensus score', width: 11, kind: 'number' },
  { header: 'Members’ submitted scores', width: 30, kind: 'wrap' },
  { header: 'Rationale', width: 60, kind: 'wrap' },
  { header: 'Attended', width: 36, kind: 'wrap' },
  { header: 'Recorded by', width: 26, kind: 'text' },
  { header: 'Recorded (UTC)', width: 20, kind: 'date' },
];

function attendeeKeys(json: string): string[] {
  try {
    const keys: unknown = JSON.parse(json);
    return Array.isArray(keys) ? keys.map(String) : [];
  } catch {
    return [];
  }
}

export function writeModeration(workbook: ExcelJS.stream.xlsx.WorkbookWriter, s: ExportSnapshot): void {
  const sheet = new SheetWriter(workbook, 'Moderation', COLUMNS);
  const name = bidNamer(s);
  const memberNames = new Map(s.members.map((m) => [m.key, m.name]));
  const order = new Map(s.rubric.criteria.map((c, i) => [c.id, i]));
  const titles = new Map(s.rubric.criteria.map((c) => [c.id, c.title]));
  const results = new Map(s.result.bids.map((b) => [b.key, b]));
  const rows = [...s.consensus].sort((a, b) => (a.bid < b.bid ? -1 : a.bid > b.bid ? 1 : (order.get(a.criterion) ?? 0) - (order.get(b.criterion) ?? 0)));
  for (const c of rows) {
    const scores = results.get(c.bid)?.criteria[c.criterion]?.scores ?? [];
    sheet.add([
      c.bid,
      name(c.bid),
      c.criterion,
      titles.get(c.criterion) ?? '',
      c.score,
      scores.map((x) => `${x.member}: ${x.score}`).join('; '),
      c.rationale,
      attendeeKeys(c.attendees)
        .map((k) => `${memberNames.get(k) ?? 'a member no longer on the panel'} (${k})`)
        .join(', '),
      c.recorded_by,
      excelTime(c.recorded_at),
    ]);
  }
  if (rows.length === 0) sheet.note('No consensus scores have been recorded.');
  sheet.finish();
}
