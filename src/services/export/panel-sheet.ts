// Panel and involvement: each member, their perspective, what they were given to score and what
// they submitted, and whether they are still on the panel (a member withdrawn from it: when, and
// in the procurement copy why); in the procurement copy also conflicts declared, time, expenses
// and the amount due for their involvement (services/export/involvement-rows.ts).
import type ExcelJS from 'exceljs';
import type { ExportSnapshot } from './export-snapshot';
import { withdrawnText } from '../panel-membership';
import { perspectiveLabel } from './labels';
import { SheetWriter, type Column, type Value } from './sheet-kit';

const MEMBER: Column[] = [
  { header: 'Member', width: 9, kind: 'text' },
  { header: 'Name', width: 24, kind: 'text' },
  { header: 'Perspective', width: 16, kind: 'text' },
  { header: 'Criteria given', width: 10, kind: 'integer' },
  { header: 'Bids given', width: 10, kind: 'integer' },
  { header: 'Scores submitted', width: 11, kind: 'integer' },
  { header: 'On the panel', width: 30, kind: 'wrap' },
];
const INVOLVEMENT: Column[] = [
  { header: 'Conflicts declared', width: 30, kind: 'wrap' },
  { header: 'Time (hours)', width: 10, kind: 'decimal' },
  { header: 'Expenses (£)', width: 12, kind: 'money' },
  { header: 'Amount due (£)', width: 12, kind: 'money' },
  { header: 'Payment claim', width: 36, kind: 'wrap' },
];

export function writePanel(workbook: ExcelJS.stream.xlsx.WorkbookWriter, s: ExportSnapshot): void {
  const procurement = s.copy === 'procurement';
  const sheet = new SheetWriter(workbook, 'Panel and involvement', procurement ? [...MEMBER, ...INVOLVEMENT] : MEMBER);
  for (const m of s.members) {
    const given = s.assigned.get(m.id) ?? { criteria: 0, bids: 0 };
    const withdrawn = withdrawnText(m, procurement);
    const onPanel = withdrawn === null ? 'Yes' : `No: ${withdrawn}; their scores are not counted`;
    const row: Value[] = [m.key, m.name, perspectiveLabel(m.perspective), given.criteria, given.bids, s.submitted.get(m.id) ?? 0, onPanel];
    const inv = s.involvement.get(m.id);
    if (procurement) row.push(inv?.conflicts ?? null, inv?.hours ?? null, inv?.expenses ?? null, inv?.due ?? null, inv?.payment ?? null);
    sheet.add(row);
  }
  if (s.members.length === 0) sheet.note('This tender has no panel members yet.');
  if (procurement && s.members.length > 0) sheet.note('Time is in hours: scoring (counted from saves), reading and meetings. The amount due is what is still to pay, as the claims pages say: for a member with lived experience, the time at the tender’s hourly rate, rounded to the penny (nothing when they chose not to be paid for their time), plus expenses, less what was paid already (claims paid, travel money in advance), never below 0; nothing for a professional, who takes part as part of their job; empty while no rate is set. Payment claim: where the member’s claim stands (claimed, approved or paid, with the day) and their choice.');
  sheet.finish();
}
