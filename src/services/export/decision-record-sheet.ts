// Decision record (Provider Selection Regime tenders, procurement copy only: it holds prices):
// the record the web page shows, as a sheet. The facts first, then every declared conflict of
// interest with how it was managed (the table), then the key criteria with their weights and each
// bid's points on them. Every text goes through the sheet kit, so none becomes a formula.
import type ExcelJS from 'exceljs';
import type { DecisionRecord } from '../provider-selection/decision-record';
import { SheetWriter, type Column, type Kind, type Value } from './sheet-kit';

export const DECISION_RECORD = 'Decision record';

const COLUMNS: Column[] = [
  { header: 'Member', width: 24, kind: 'text' },
  { header: 'Perspective', width: 16, kind: 'text' },
  { header: 'Bid', width: 8, kind: 'text' },
  { header: 'Organisation', width: 28, kind: 'text' },
  { header: 'Declared', width: 22, kind: 'text' },
  { header: 'How it was managed', width: 70, kind: 'wrap' },
];

export function writeDecisionRecord(workbook: ExcelJS.stream.xlsx.WorkbookWriter, record: DecisionRecord): void {
  const process = record.process!;
  const intro: [string, Value][] = [
    ['Process followed', `${process.title} (${process.regulation})`],
    ['Decision', record.winner ? `Award to bid ${record.winner.key}: ${record.winner.supplier}` : 'No single provider chosen by the evaluation'],
    ...(record.winner
      ? ([
          ['Provider’s legal name', record.winner.legalName ?? 'Not recorded yet'],
          ['Registered office or principal place of business', record.winner.address ?? 'Not recorded yet'],
        ] as [string, Value][])
      : []),
    ['Evaluation', record.finalised ? `Finalised on ${record.finalised.on} by ${record.finalised.by}` : `Not finalised (at ${record.state})`],
    ['Who made the decision', record.decisionMakers ?? 'Not recorded yet'],
    ['Basic selection criteria', record.basicSelection ?? 'Not recorded yet'],
    ['Reasons (from the results)', record.reasons.fromResults.join(' ')],
    ['Reasons (commissioner)', record.reasons.commissioner ?? 'Not recorded yet'],
    ['Made no declaration', record.undeclaredText || 'None'],
    ['Other decision makers’ interests', record.otherInterests ?? 'Not recorded yet'],
    ['Still to record', record.missing.length === 0 ? 'Nothing' : record.missing.join('; ')],
  ];
  const sheet = new SheetWriter(workbook, DECISION_RECORD, COLUMNS, { title: `${record.reference}: Provider Selection Regime decision record`, intro });
  for (const c of record.conflicts) {
    const managed = [...c.handled, ...c.warnings, c.note ? `Commissioner’s note: ${c.note}` : 'No note from the commissioner.'];
    sheet.add([`${c.member.name} (${c.member.key})${c.member.withdrawn ? ` — ${c.member.withdrawn}` : ''}`, c.member.perspective, c.bid.key, c.bid.supplier, c.declared, managed.join(' ')]);
  }
  if (record.conflicts.length === 0) sheet.note('No panel member declared a conflict of interest.');
  if (record.keyCriteria) {
    const headers = ['Bid', ...record.keyCriteria.map((k) => `${k.title} (${k.weight})`), 'Total', 'Rank'];
    sheet.heading(headers);
    const kinds: Kind[] = headers.map(() => 'text');
    for (const bid of record.bids) sheet.addOther([`${bid.key}: ${bid.supplier}`, ...bid.keyPoints, bid.total ?? 'None', bid.rank], kinds);
  }
  sheet.finish();
}
