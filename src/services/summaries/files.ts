// Assessment summaries as files (`npm run cli -- summaries <reference> --out <dir>`): one
// self-contained HTML file per bid that was not withdrawn, rendered from the web page's own
// template (views/pages/summaries/show.hbs) in the print layout, with its CSS inline. The same
// files together in a zip (`--zip FILE`, and /tenders/:reference/summaries.zip), with an index.
import { readFileSync } from 'node:fs';
import { access, constants, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExpressHandlebars } from 'express-handlebars';
import JSZip from 'jszip';
import type { Db } from '../../data/database';
import type { TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { VIEWS_DIR, viewEngine } from '../../views/engine';
import { summaryContext } from './summaries';
import { outcomeOf, summaryTitle, summaryView, type SummaryView } from './view';

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

/** The zip's name for a tender: "<reference>-assessment-summaries.zip", made of safe characters. */
export const summaryZipName = (reference: string): string => summaryFileName(reference, 'assessment-summaries').replace(/\.html$/, '.zip');

export interface SummaryZip {
  zip: Buffer;
  /** The names of the files in it: index.html first, then one per bid. */
  files: string[];
}

/** Every bid's summary file (as the CLI writes it) and an index, in one zip. */
export async function summaryZip(db: Db, tender: TenderRow, engine: ExpressHandlebars = viewEngine()): Promise<SummaryZip> {
  const ctx = await summaryContext(db, tender);
  const css = standaloneCss();
  const rendered: string[] = [];
  const rows: { key: string; supplier: string; standing: string; file: string; issued: string | null; sent: string | null }[] = [];
  for (const bid of ctx.result.bids) {
    const summary = summaryView(ctx, bid.key)!;
    const file = summaryFileName(tender.reference, bid.key);
    rendered.push(await renderSummaryFile(engine, summary, css));
    const outcome = outcomeOf(ctx.result, bid, ctx.issued);
    rows.push({ key: bid.key, supplier: bid.supplier, standing: outcome.rank || (outcome.kind === 'failed' ? 'Did not meet the minimum standards' : 'Not fully scored'), file, issued: summary.dates.issued, sent: summary.dates.sent });
  }
  const index = await engine.renderView(path.join(SUMMARY_VIEWS, 'zip-index.hbs'), {
    layout: 'print',
    pageTitle: `Assessment summaries: ${tender.reference}`,
    inlineCss: css,
    reference: tender.reference,
    title: tender.title,
    issued: ctx.issued,
    withdrawn: ctx.result.withdrawn,
    rows,
  });
  // index.html first, so it is the first file a person sees.
  const files = ['index.html', ...rows.map((r) => r.file)];
  const zip = new JSZip();
  zip.file('index.html', index);
  rows.forEach((r, i) => zip.file(r.file, rendered[i]!));
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), files };
}

export type ZipOutcome = { ok: true; file: string; files: string[] } | { ok: false; unknownTender: string } | { ok: false; unwritable: string };

/** Writes the zip of a tender's summaries to FILE (through FILE.partial, so FILE is only ever complete). */
export async function writeSummaryZip(db: Db, reference: string, file: string): Promise<ZipOutcome> {
  const tender = await tenderRepository.findByReference(db, reference);
  if (!tender) return { ok: false, unknownTender: reference };
  const { zip, files } = await summaryZip(db, tender);
  const partial = `${file}.partial`;
  try {
    await writeFile(partial, zip);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'the folder does not exist' : code === 'ENOTDIR' ? 'part of the path is a file, not a folder' : code === 'EISDIR' ? 'it is a folder' : code;
    return { ok: false, unwritable: `Cannot write the summaries to ${file}: ${why}.` };
  }
  return { ok: true, file, files };
}
