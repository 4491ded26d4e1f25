// The Excel export (issue 6): the tender's workbook streamed with exceljs's WorkbookWriter
// straight into a file or an HTTP response. The snapshot and its audit event come first, in one
// transaction; the output is opened only then, so nothing is sent for a tender that cannot be
// exported. Sheets are written one after another and each is committed when done.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../data/database';
import type { TenderRow } from '../../data/schema';
import { canSeeTender } from '../access';
import type { Actor } from '../actors';
import { writeAudit } from './audit-sheet';
import { workbookFileName } from './cell-safety';
import { writeCriteria } from './criteria-sheet';
import { DECISION_RECORD, writeDecisionRecord } from './decision-record-sheet';
import { recordOf } from '../provider-selection/decision-record';
import { providerSelectionRepository } from '../../data/provider-selection-repository';
import { takeSnapshot, type ExportCopy, type ExportRequest, type ExportSnapshot } from './export-snapshot';
import { writeFinalScores } from './final-scores-sheet';
import { writeModeration } from './moderation-sheet';
import { writePanel } from './panel-sheet';
import { writePrice } from './price-sheet';
import { writeScores } from './scores-sheet';
import { writeSummary } from './summary-sheet';

export { EXPORT_COPIES, type ExportCopy } from './export-snapshot';
export { workbookFileName } from './cell-safety';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Commissioners who can see the tender, and procurement, may export it (engine rules §1). */
export const canExport = (actor: Actor, tender: TenderRow): boolean =>
  actor.kind === 'staff' && (actor.role === 'procurement' || (actor.role === 'commissioner' && canSeeTender(actor, tender)));

export interface ExportOutcome {
  reference: string;
  copy: ExportCopy;
  fileName: string;
  bids: number;
  scores: number;
  sheets: string[];
}

export class ExportStoppedError extends Error {
  override name = 'ExportStoppedError';
}

/**
 * Exports a tender's workbook into the stream `open` returns (called once the snapshot is taken).
 * Null when there is no tender with that reference. Resolves when the output has everything.
 */
export async function exportWorkbook(db: Db, reference: string, request: ExportRequest, open: () => Writable, signal?: AbortSignal): Promise<ExportOutcome | null> {
  const s = await takeSnapshot(db, reference, request);
  if (!s) return null;
  const output = open();
  // If the output fails or closes early (a download cancelled, a full disk), stop reading pages
  // and settle at once: exceljs would otherwise wait for a 'finish' that never comes.
  const stop = new AbortController();
  const ended = new Promise<never>((_, reject) => {
    output.once('error', (error) => {
      stop.abort();
      reject(error);
    });
    output.once('close', () => {
      if (output.writableFinished) return;
      stop.abort();
      reject(new ExportStoppedError('the output closed before the workbook was finished'));
    });
  });
  // Every few rows of a long sheet (sheet-kit ROWS_PER_TURN): stop if asked; otherwise give the
  // zip and the output a turn (awaiting a query alone never does) and wait while the output is
  // full, so a slow reader holds the export back instead of the workbook piling up in memory.
  const checkpoint = async () => {
    if (stop.signal.aborted || signal?.aborted) throw new ExportStoppedError('the export was stopped before it finished');
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (output.writableNeedDrain) await once(output, 'drain', { signal: stop.signal });
  };
  const writing = writeSheets(db, s, output, checkpoint);
  writing.catch(() => undefined);
  ended.catch(() => undefined);
  const { scores, sheets } = await Promise.race([writing, ended]);
  return { reference: s.tender.reference, copy: s.copy, fileName: workbookFileName(s.tender.reference, s.copy), bids: s.bids.length, scores, sheets };
}

async function writeSheets(db: Db, s: ExportSnapshot, output: Writable, checkpoint: () => Promise<void>): Promise<{ scores: number; sheets: string[] }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: true, useStyles: true });
  workbook.creator = 'Tender evaluation toolkit';
  workbook.created = s.exportedAt;
  let scores = 0;
  type Step = [sheet: string, write: () => void | Promise<void>];
  const procurementOnly = (step: Step): Step[] => (s.copy === 'procurement' ? [step] : []);
  // A Provider Selection Regime tender's decision record (it holds prices: procurement copy only).
  // Read after the snapshot: it adds the commissioner's words and the panel's declarations.
  const psr = s.copy === 'procurement' ? await providerSelectionRepository.find(db, s.tender.id) : undefined;
  const record = psr ? await recordOf(db, s.tender) : null;
  const steps: Step[] = [
    ['Summary', () => writeSummary(workbook, s)],
    ['Criteria', () => writeCriteria(workbook, s)],
    ['Final scores', () => writeFinalScores(workbook, s, checkpoint)],
    ['Scores', async () => void (scores = await writeScores(workbook, db, s, checkpoint))],
    ['Moderation', () => writeModeration(workbook, s)],
    ...procurementOnly(['Price', () => writePrice(workbook, s)]),
    ['Panel and involvement', () => writePanel(workbook, s)],
    ...(record?.process ? ([[DECISION_RECORD, () => writeDecisionRecord(workbook, record)]] as Step[]) : []),
    ...procurementOnly(['Audit', () => writeAudit(workbook, db, s, checkpoint)]),
  ];
  for (const [, write] of steps) {
    await checkpoint();
    await write();
  }
  await checkpoint();
  await workbook.commit();
  return { scores, sheets: steps.map(([sheet]) => sheet) };
}
