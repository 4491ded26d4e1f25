// Scores: every individual score of the tender, once each, read from the database in pages
// ordered by id (never all at once) and written row by row. The procurement copy holds every
// stored score, drafts marked as not counted; the panel copy only submitted ones. Scores of a
// member withdrawn from the panel are marked as not counted, with when they withdrew.
import type ExcelJS from 'exceljs';
import type { Db } from '../../data/database';
import { exportRepository } from '../../data/export-repository';
import type { ExportSnapshot } from './export-snapshot';
import { withdrawnText } from '../panel-membership';
import { perspectiveLabel } from './labels';
import { excelTime, SheetWriter, type Column } from './sheet-kit';

const COLUMNS: Column[] = [
  { header: 'Member', width: 9, kind: 'text' },
  { header: 'Name', width: 22, kind: 'text' },
  { header: 'Perspective', width: 16, kind: 'text' },
  { header: 'Bid', width: 8, kind: 'text' },
  { header: 'Criterion', width: 18, kind: 'text' },
  { header: 'Score', width: 8, kind: 'number' },
  { header: 'Reason', width: 60, kind: 'wrap' },
  { header: 'Status', width: 18, kind: 'text' },
  { header: 'Entered by', width: 26, kind: 'text' },
  { header: 'When (UTC)', width: 20, kind: 'date' },
];

const PAGE = 5_000;
const DRAFT = 'draft (not counted)';

/** Writes the sheet and returns how many scores it holds; `pace` gives the output a turn (see tender-export.ts). */
export async function writeScores(workbook: ExcelJS.stream.xlsx.WorkbookWriter, db: Db, s: ExportSnapshot, pace?: () => Promise<void>): Promise<number> {
  const sheet = new SheetWriter(workbook, 'Scores', COLUMNS, { pace });
  const members = new Map(s.members.map((m) => [m.id, [m.key, m.name, perspectiveLabel(m.perspective)] as const]));
  // Sent scores of a member withdrawn from the panel stay on record and are not counted.
  const leftOut = new Map(s.members.flatMap((m) => (m.withdrawn_at === null ? [] : [[m.id, `submitted (not counted: ${withdrawnText(m, s.copy === 'procurement')!})`] as const])));
  // Each bid's key and the words for a submitted score of it, worked out once rather than per row.
  const bids = new Map(s.bids.map((b) => [b.id, [b.key, b.withdrawn === 1 ? 'submitted (bid withdrawn)' : 'submitted'] as const]));
  const unknownMember = ['', '', ''] as const;
  const unknownBid = ['', 'submitted'] as const;
  const submittedOnly = s.copy === 'panel';
  let written = 0;
  for (let afterId = 0; ; ) {
    const page = await exportRepository.scorePage(db, s.tender.id, { afterId, maxId: s.scores.maxId, limit: PAGE, submittedOnly });
    if (page.length === 0) break;
    for (const [, memberId, bidId, criterion, score, abstain, rationale, status, enteredBy, updatedAt] of page) {
      const [memberKey, memberName, perspective] = members.get(memberId) ?? unknownMember;
      const [bidKey, submitted] = bids.get(bidId) ?? unknownBid;
      const turn = sheet.addPlain([
        memberKey,
        memberName,
        perspective,
        bidKey,
        criterion,
        abstain === 1 ? 'abstain' : score,
        rationale,
        status === 'submitted' ? (leftOut.get(memberId) ?? submitted) : DRAFT,
        enteredBy ?? 'the member',
        excelTime(updatedAt),
      ]);
      if (turn) await turn;
    }
    written += page.length;
    afterId = page[page.length - 1]![0];
  }
  sheet.finish();
  return written;
}
