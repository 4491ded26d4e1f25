// The decision record as a file (`npm run cli -- decision-record <reference> --out FILE`): one
// self-contained HTML page rendered from the web page's own template in the print layout, with
// its CSS inline, to print or file. Written only when the record is complete.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../data/database';
import { VIEWS_DIR, viewEngine } from '../../views/engine';
import { decisionRecord } from './decision-record';

const css = (): string =>
  [
    readFileSync(path.join(VIEWS_DIR, 'pages', 'summaries', 'summary-document.css'), 'utf8'),
    readFileSync(path.join(VIEWS_DIR, 'pages', 'summaries', 'summary-print.css'), 'utf8'),
    '.app-pre-line { white-space: pre-line; } .app-break-words { overflow-wrap: anywhere; }',
  ].join('\n');

export type RecordFileOutcome = { ok: true; winner: string | null } | { ok: false; problems: string[] };

export async function writeRecordFile(db: Db, reference: string, file: string): Promise<RecordFileOutcome> {
  const record = await decisionRecord(db, reference);
  if (!record) return { ok: false, problems: [`There is no tender with the reference "${reference}"`] };
  if (!record.process) return { ok: false, problems: [`Tender ${reference} is not marked as bought under the Provider Selection Regime: a commissioner marks it on its "Provider selection" page`] };
  if (record.missing.length > 0) return { ok: false, problems: record.missing.map((m) => `The record lacks: ${m}`) };
  const html = await viewEngine().renderView(path.join(VIEWS_DIR, 'pages', 'provider-selection', 'record.hbs'), {
    layout: 'print',
    standalone: true,
    record,
    pageTitle: `Provider Selection Regime decision record: ${record.reference}`,
    inlineCss: css(),
  });
  try {
    await writeFile(file, html);
  } catch (error) {
    return { ok: false, problems: [`The record could not be written to ${file}: ${(error as Error).message}`] };
  }
  return { ok: true, winner: record.winner ? `bid ${record.winner.key}, ${record.winner.supplier}` : null };
}
