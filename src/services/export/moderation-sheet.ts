// Moderation: every consensus score with its rationale and who attended, next to the members'
// submitted scores it was reached from (moderation never changes them); the consensus scores a
// later one replaced, marked so; below, every member's dissent from a consensus score, in their
// words; and every score re-opened in moderation, as it was submitted, with why and by whom.
import type ExcelJS from 'exceljs';
import { compareKeys } from '../../engine';
import type { ExportSnapshot } from './export-snapshot';
import { bidNamer } from './labels';
import { excelTime, SheetWriter, type Column, type Value } from './sheet-kit';

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
  { header: 'Status', width: 30, kind: 'wrap' },
];

const DISSENTS = ['Dissent: member', 'Bid', 'Criterion', 'From the consensus score', 'Why they disagree', 'Written down by', 'Recorded (UTC)'];

const REOPENED = ['Re-opened score: member', 'Bid', 'Criterion', 'Score as submitted', 'Reason as submitted', 'Why it was re-opened', 'Re-opened by', 'Re-opened (UTC)'];

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
  const memberKeys = new Map(s.members.map((m) => [m.id, m.key]));
  const bidKeys = new Map(s.bids.map((b) => [b.id, b.key]));
  const order = new Map(s.rubric.criteria.map((c, i) => [c.id, i]));
  const titles = new Map(s.rubric.criteria.map((c) => [c.id, c.title]));
  const results = new Map(s.result.bids.map((b) => [b.key, b]));
  const attended = (json: string) =>
    attendeeKeys(json)
      .map((k) => `${memberNames.get(k) ?? 'a member no longer on the panel'} (${k})`)
      .join(', ');
  const rows = [
    ...s.consensus.map((c) => ({ ...c, status: 'current' })),
    ...s.replaced.map((c) => ({ ...c, bid: bidKeys.get(c.bid_id) ?? '', status: `replaced by ${c.superseded_by} on ${c.superseded_at}` })),
  ];
  rows.sort((a, b) => compareKeys(a.bid, b.bid) || (order.get(a.criterion) ?? 0) - (order.get(b.criterion) ?? 0) || (a.recorded_at < b.recorded_at ? -1 : 1));
  for (const c of rows) {
    const scores = results.get(c.bid)?.criteria[c.criterion]?.scores ?? [];
    sheet.add([
      c.bid,
      name(c.bid),
      c.criterion,
      titles.get(c.criterion) ?? '',
      c.score,
      c.status === 'current' ? scores.map((x) => `${x.member}: ${x.score}`).join('; ') : '',
      c.rationale,
      attended(c.attendees),
      c.recorded_by,
      excelTime(c.recorded_at),
      c.status,
    ]);
  }
  if (rows.length === 0) sheet.note('No consensus scores have been recorded.');
  if (s.dissents.length > 0) {
    sheet.heading(DISSENTS);
    for (const d of s.dissents) {
      // The member's words are text (a shared string), never a formula, whatever they start with.
      const values: Value[] = [`${memberNames.get(d.member) ?? ''} (${d.member})`, d.bid, d.criterion, d.consensusScore, d.reason, d.recordedBy, excelTime(d.recordedAt)];
      sheet.addOther(values, ['text', 'text', 'text', 'number', 'wrap', 'text', 'date']);
    }
  }
  if (s.reopened.length > 0) {
    sheet.heading(REOPENED);
    for (const r of s.reopened) {
      const member = memberKeys.get(r.member_id) ?? '';
      const values: Value[] = [
        `${memberNames.get(member) ?? ''} (${member})`,
        bidKeys.get(r.bid_id) ?? '',
        r.criterion,
        r.abstain === 1 ? 'abstain' : r.score,
        r.rationale,
        r.reason,
        r.reopened_by,
        excelTime(r.reopened_at),
      ];
      sheet.addOther(values, ['text', 'text', 'text', 'number', 'wrap', 'wrap', 'text', 'date']);
    }
  }
  sheet.finish();
}
