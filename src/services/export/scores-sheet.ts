// Scores: every individual score of the tender, once each, read from the database in pages
// ordered by id (never all at once) and written row by row. The procurement copy holds every
// stored score, drafts marked as not counted; the panel copy only submitted ones.
import type ExcelJS from 'exceljs';
import type { Db } from '../../data/database';
import { exportRepository } from '../../data/export-repository';
import type { ExportSnapshot } from './export-snapshot';
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

/** Writes the sheet and returns how many scores it holds; `pace` gives the output a turn (see tender-export.ts). */
export async function writeScores(workbook: ExcelJS.stream.xlsx.WorkbookWriter, db: Db, s: ExportSnapshot, pace?: () => Promise<void>): Promise<number> {
  const sheet = new SheetWriter(workbook, 'Scores', COLUMNS, { pace });
  const members = new Map(s.members.map((m) => [m.id, [m.key, m.name, perspectiveLabel(m.perspective)] as const]));
  const bids = new Map(s.bids.map((b) => [b.id, b]));
  const unknown = ['', '', ''] as const;
  const submittedOnly = s.copy === 'panel';
  let written = 0;
  for (let afterId = 0; ; ) {
    const page = await exportRepository.scorePage(db, s.tender.id, { afterId, maxId: s.scores.maxId, limit: PAGE, submittedOnly });
    if (page.length === 0) break;
    for (const score of page) {
      const [memberKey, memberName, perspective] = members.get(score.member_id) ?? unknown;
      const bid = bids.get(score.bid_id);
      await sheet.addPaced([
        memberKey,
        memberName,
        perspective,
        bid?.key ?? '',
        score.criterion,
        score.abstain === 1 ? 'abstain' : score.score,
        score.rationale,
        score.status === 'submitted' ? (bid?.withdrawn === 1 ? 'submitted (bid withdrawn)' : 'submitted') : 'draft (not counted)',
        score.entered_by ?? 'the member',
        excelTime(score.updated_at),
      ]);
      written += 1;
    }
    afterId = page[page.length - 1]!.id;
  }
  sheet.finish();
  return written;
}
