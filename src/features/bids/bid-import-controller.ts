// Importing bids from a spreadsheet: upload, preview (every row, every problem), confirm or go
// back. The checked rows wait in the session between preview and confirm (services/bid-import.ts).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import type { TenderRow } from '../../data/schema';
import { detailsView } from '../../engine/bid-details';
import { DETAIL_COLUMNS } from '../../services/bid-import-details';
import { confirmBidImport, previewBidImport, type ImportPreview, type RowProblem } from '../../services/bid-import';
import { MAX_ROWS } from '../../services/bid-spreadsheet';
import { templateCsv, templateName, templateXlsx } from '../../services/bid-template';
import { XLSX_TYPE } from '../../services/export/tender-export';
import { criteriaOf, mayManageBids } from '../../services/bids';
import { money } from '../../services/rubric-view';
import { assertDraft } from '../../services/tender-rules';
import { formErrors, type FormErrors } from '../form-errors';
import { bidsHref, flash } from './bid-controller';
import { uploadErrorOf } from './bid-upload';
import './bid-session';

const importHref = (tender: TenderRow): string => `${bidsHref(tender)}/import`;

const UPLOAD_ERRORS: Record<string, string> = {
  LIMIT_FILE_SIZE: 'The file is larger than 5 MB; expected a spreadsheet of bids under 5 MB (save it as CSV, or remove pictures and other sheets)',
  LIMIT_UNEXPECTED_FILE: 'Upload one file only, in the field "Spreadsheet of bids"',
  LIMIT_FILE_COUNT: 'Upload one file only',
};

/** Where a problem is, in words: "Row 3, column C (price)". */
function where(p: RowProblem): string {
  const parts = [p.row === null ? null : `Row ${p.row}`, p.column === null ? null : `column ${p.column}`].filter(Boolean);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

const excerpt = (text: string): string => (text.length > 160 ? `${text.slice(0, 160).trimEnd()}…` : text);

const problemText = (p: RowProblem): string => `${where(p)}${p.message}`;

function requireImporter(res: Response): TenderRow {
  if (!mayManageBids(actorOf(res))) throw new HttpError(403);
  const tender = tenderOf(res);
  assertDraft(tender, 'Bids');
  return tender;
}

function renderUpload(res: Response, status: number, tender: TenderRow, errors?: FormErrors): void {
  const title = 'Import bids from a spreadsheet';
  res.status(status).render('pages/bids/import', {
    pageTitle: errors ? `Error: ${title}` : title,
    title,
    tender,
    errors,
    maxRows: MAX_ROWS,
    criteria: criteriaOf(tender),
    detailColumns: DETAIL_COLUMNS.map((c) => ({ heading: c.headings[0], also: c.headings.slice(1).join(', '), what: c.what })),
    action: importHref(tender),
    templateHref: `${importHref(tender)}/template.csv`,
    templateXlsxHref: `${importHref(tender)}/template.xlsx`,
    backHref: bidsHref(tender),
  });
}

function renderPreview(res: Response, status: number, tender: TenderRow, preview: ImportPreview): void {
  const title = 'Check the bids before importing';
  const errors = preview.problems.length > 0 ? { list: preview.problems.map((p) => ({ text: problemText(p), href: p.row === null ? '#headings' : `#row-${p.row}` })), fields: {} } : undefined;
  const criteria = criteriaOf(tender);
  res.status(status).render('pages/bids/import-preview', {
    pageTitle: errors ? `Error: ${title}` : title,
    title,
    tender,
    errors,
    fileName: preview.fileName,
    previewId: preview.stored?.id,
    count: preview.rows.length,
    rows: preview.rows.map((r) => ({
      ...r,
      priceText: money(r.price),
      detailRows: r.details ? detailsView(r.details) : [],
      responses: criteria.map((c) => ({ title: c.title, text: r.responses[c.id] ?? '', excerpt: excerpt(r.responses[c.id] ?? '') })),
      problemTexts: r.problems.map((p) => `${p.column === null ? '' : `Column ${p.column}: `}${p.message}`),
    })),
    action: `${importHref(tender)}/confirm`,
    againHref: importHref(tender),
    backHref: importHref(tender),
  });
}

export function bidImportGet() {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = requireImporter(res);
    // Going back to the upload page drops a preview that was not confirmed.
    delete req.session.bidImport;
    renderUpload(res, 200, tender);
  };
}

/** An empty spreadsheet with the headings this tender's import expects, as CSV. */
export function bidImportTemplateGet() {
  return async (_req: Request, res: Response): Promise<void> => {
    const tender = requireImporter(res);
    res.attachment(templateName(tender, 'csv')).type('text/csv').send(templateCsv(tender));
  };
}

/** The same as an Excel workbook, its text columns formatted as text. */
export function bidImportTemplateXlsxGet() {
  return async (_req: Request, res: Response): Promise<void> => {
    const tender = requireImporter(res);
    const workbook = await templateXlsx(tender);
    res.attachment(templateName(tender, 'xlsx')).type(XLSX_TYPE).send(workbook);
  };
}

export function bidImportPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = requireImporter(res);
    delete req.session.bidImport;
    const uploadError = uploadErrorOf(res);
    const fileError = (text: string) => renderUpload(res, 400, tender, formErrors([{ field: 'file', text }]));
    if (uploadError) return fileError(UPLOAD_ERRORS[uploadError] ?? 'The upload did not arrive whole; choose the file and upload it again');
    if (!req.file) return fileError('Select a spreadsheet of bids (.xlsx or .csv)');
    const preview = await previewBidImport(deps.db, tender, req.file);
    // A file that cannot be read at all is shown on the upload form; a readable one is previewed.
    if (preview.rows.length === 0) return fileError(preview.problems.map(problemText).join('. '));
    if (preview.stored) req.session.bidImport = preview.stored;
    renderPreview(res, preview.stored ? 200 : 400, tender, preview);
  };
}

export function bidImportConfirmPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = requireImporter(res);
    const stored = req.session.bidImport;
    const previewId = (req.body as Record<string, unknown> | undefined)?.['preview'];
    if (!stored || stored.reference !== tender.reference || stored.id !== previewId) {
      const text = 'This preview is no longer available (it was replaced by a newer upload, or it expired). Nothing was imported; upload the file again';
      return renderUpload(res, 400, tender, formErrors([{ field: 'file', text }]));
    }
    const outcome = await confirmBidImport(deps.db, actorOf(res), tender, stored, deps.now());
    delete req.session.bidImport;
    if (!outcome.ok) {
      const text = `Nothing was imported. ${outcome.problems.map(problemText).join('. ')}`;
      return renderUpload(res, 409, tender, formErrors([{ field: 'file', text }]));
    }
    const n = outcome.keys.length;
    flash(req, `${n} ${n === 1 ? 'bid' : 'bids'} imported from ${stored.fileName}: ${outcome.keys.join(', ')}`);
    res.redirect(303, bidsHref(tender));
  };
}
