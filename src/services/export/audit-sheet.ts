// Audit (procurement copy only): the tender's events, this export's included, with their hashes,
// and the head of the tender's chain when the export was taken. Each tender has its own chain, so
// each row's previous hash is the hash of the row above it (events written before per-tender
// chains began belong to the one chain all tenders shared then); `verify-audit` checks every chain.
import type ExcelJS from 'exceljs';
import type { Db } from '../../data/database';
import { exportRepository } from '../../data/export-repository';
import type { ExportSnapshot } from './export-snapshot';
import { SheetWriter, type Column } from './sheet-kit';

const COLUMNS: Column[] = [
  { header: 'Event', width: 8, kind: 'integer' },
  { header: 'In the tender’s chain', width: 12, kind: 'text' },
  { header: 'When (UTC)', width: 25, kind: 'text' },
  { header: 'Who', width: 30, kind: 'text' },
  { header: 'Action', width: 22, kind: 'text' },
  { header: 'Detail', width: 60, kind: 'wrap' },
  { header: 'Previous hash', width: 30, kind: 'text' },
  { header: 'Hash', width: 30, kind: 'text' },
];

const PAGE = 2_000;

export async function writeAudit(workbook: ExcelJS.stream.xlsx.WorkbookWriter, db: Db, s: ExportSnapshot, pace?: () => Promise<void>): Promise<void> {
  const sheet = new SheetWriter(workbook, 'Audit', COLUMNS, {
    pace,
    intro: [
      ['Chain head', s.chain.head],
      ['Chain head event', s.chain.seq, 'integer'],
      ['What is listed', `This tender’s events up to this export, event ${s.chain.chainSeq} of the tender’s own hash chain: each row’s previous hash is the hash of the row above (rows with no number in the tender’s chain were written before per-tender chains, in the one chain all tenders shared). Check every chain with: npm run cli -- verify-audit`],
    ],
  });
  for (let afterSeq = 0; ; ) {
    const page = await exportRepository.auditPage(db, s.tender.reference, { afterSeq, maxSeq: s.chain.seq, limit: PAGE });
    if (page.length === 0) break;
    for (const e of page) await sheet.addPlain([e.seq, e.chain_seq === null ? '' : String(e.chain_seq), e.at, e.actor, e.action, e.detail, e.prev_hash, e.hash]);
    afterSeq = page[page.length - 1]!.seq;
  }
  sheet.finish();
}
