// Assessment summaries as files (`npm run cli -- summaries <reference> --out <dir>`): one
// self-contained HTML file per bid that was not withdrawn, rendered from the web page's own
// template (views/pages/summaries/show.hbs) in the print layout, with its CSS inline.
import { readFileSync } from 'node:fs';
import { access, constants, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExpressHandlebars } from 'express-handlebars';
import type { Db } from '../data/database';
import { tenderRepository } from '../data/tender-repository';
import { VIEWS_DIR, viewEngine } from '../views/engine';
import { summaryContext } from './summaries';
import { summaryTitle, summaryView, type SummaryView } from './summary-view';

const SUMMARY_VIEWS = path.join(VIEWS_DIR, 'pages', 'summaries');

/** The print stylesheet of the summaries (A4, no navigation), as the web page links it. */
export const summaryPrintCss = (): string => readFileSync(path.join(SUMMARY_VIEWS, 'summary-print.css'), 'utf8');

/** Everything the stand-alone file needs to look like the web page and print like it. */
const standaloneCss = (): string => `${readFileSync(path.join(SUMMARY_VIEWS, 'summary-document.css'), 'utf8')}\n${summaryPrintCss()}`;

/** A file name made only of letters, digits, "-" and "_", whatever the reference and key hold. */
export function summaryFileName(reference: string, key: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+/, '') || 'x';
  return `${safe(reference)}-${safe(key)}.html`;
}

export async function renderSummaryFile(engine: ExpressHandlebars, summary: SummaryView, css: string): Promise<string> {
  return engine.renderView(path.join(SUMMARY_VIEWS, 'show.hbs'), { layout: 'print', standalone: true, summary, pageTitle: summaryTitle(summary), inlineCss: css });
}

export type FilesOutcome = { ok: true; files: string[] } | { ok: false; unknownTender: string } | { ok: false; unwritable: string };

async function writableDir(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'part of the path is a file, not a folder' : code === 'EROFS' ? 'the file system is read-only' : (code ?? 'unknown error');
    return `Cannot write the summaries to ${dir}: ${why}.`;
  }
}

export async function writeSummaryFiles(db: Db, reference: string, dir: string): Promise<FilesOutcome> {
  const tender = await tenderRepository.findByReference(db, reference);
  if (!tender) return { ok: false, unknownTender: reference };
  const problem = await writableDir(dir);
  if (problem) return { ok: false, unwritable: problem };
  const ctx = await summaryContext(db, tender);
  const engine = viewEngine();
  const css = standaloneCss();
  const files: string[] = [];
  try {
    for (const bid of ctx.result.bids) {
      const file = path.join(dir, summaryFileName(tender.reference, bid.key));
      await writeFile(file, await renderSummaryFile(engine, summaryView(ctx, bid.key)!, css));
      files.push(file);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    return { ok: false, unwritable: `Cannot write the summaries to ${dir}: ${code}.` };
  }
  return { ok: true, files };
}
