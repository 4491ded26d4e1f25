// Assessment summaries: the list of bids, one bid's printable summary, and the commissioner's
// editing of the explanations (at moderation only).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import type { TenderRow } from '../../data/schema';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { BID_KEY } from '../../services/bids';
import {
  assertExplanationsEditable,
  bidSummary,
  explanationFields,
  explanationsLockedReason,
  mayEditExplanations,
  maySeeSummaries,
  saveExplanations,
  scoredTender,
  summaryListing,
  type ExplanationField,
} from '../../services/summaries/summaries';
import { reviewSummary, summaryReviewOf, summaryReviewWords } from '../../services/readiness/summary-reviews';
import { TenderLockedError } from '../../services/tender-rules';
import { summaryPrintCss, summaryZip, summaryZipName } from '../../services/summaries/files';
import { recordSummarySent, sentLockedReason } from '../../services/summaries/sent';
import { summaryTitle, type SummaryView } from '../../services/summaries/view';
import type { SummaryFlag } from '../../services/summaries/flags';
import { dayParts, ukDay } from '../../services/uk-dates';
import { processName, regimeProcess } from '../../services/provider-selection/psr-notices';
import { hasPsrStandstill } from '../../services/provider-selection/psr-standstill';
import { viewEngine } from '../../views/engine';
import { formErrors, type FormErrors } from '../form-errors';
import { explanationField, parseExplanationsForm, parseReviewForm, parseSentForm, SENT_PARTS, SUMMARY_CHANGED, wasField, type SentPart } from './summary-schema';
import './summary-session';

const summariesHref = (tender: TenderRow): string => `/tenders/${encodeURIComponent(tender.reference)}/summaries`;
const summaryHref = (tender: TenderRow, key: string): string => `${summariesHref(tender)}/${encodeURIComponent(key)}`;

function takeFlash(req: Request): string | undefined {
  const text = req.session.summariesFlash;
  if (text !== undefined) delete req.session.summariesFlash;
  return text;
}

const bidKeyOf = (req: Request): string => {
  const key = String(req.params['bid']);
  if (!BID_KEY.test(key)) throw new HttpError(404);
  return key;
};

/** Summaries show prices: commissioners and procurement only (the routes say so too). */
function requireReader(res: Response): void {
  if (!maySeeSummaries(actorOf(res))) throw new HttpError(403);
}

function requireEditor(res: Response): void {
  if (!mayEditExplanations(actorOf(res))) throw new HttpError(403);
}

export function summaryListGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    requireReader(res);
    const tender = tenderOf(res);
    const scored = await scoredTender(deps.db, tender);
    const listing = await summaryListing(deps.db, tender, scored);
    // Reviews are made at moderation; before it there is nothing to show.
    const reviewed = tender.state === 'moderation' || tender.state === 'finalised' ? await summaryReviewWords(deps.db, tender, scored) : null;
    const regime = await regimeProcess(deps.db, tender.id);
    res.render('pages/summaries/list', {
      pageTitle: `Assessment summaries: ${tender.title}`,
      tender,
      // Under the Provider Selection Regime the Procurement Act's summaries are not required: say so.
      regime: regime && { process: processName(regime), noticeOfIntention: hasPsrStandstill(regime) },
      ...listing,
      showReviews: reviewed !== null,
      zipHref: `/tenders/${encodeURIComponent(tender.reference)}/summaries.zip`,
      bids: listing.bids.map((b) => ({ ...b, href: summaryHref(tender, b.key), review: reviewed?.(b.key) ?? null })),
    });
  };
}

/** A flag in the commissioner's words, with what it means for finalising. */
function flagWords(flag: SummaryFlag): { text: string; href: string; blocks: boolean } {
  const what = flag.kind === 'member-name' ? 'names' : 'gives';
  const then = flag.kind === 'member-name' ? 'Change the explanation: the tender cannot be finalised while a summary names a panel member.' : 'Change the explanation, or give a reason when you finalise.';
  return { text: `The explanation of “${flag.title}” ${what} “${flag.found}”, ${flag.why}. ${then}`, href: `#criterion-${flag.criterion}`, blocks: flag.kind === 'member-name' };
}

interface ShowPage {
  /** Why the review was refused (the summary changed meanwhile, or a damaged form). */
  reviewError?: string;
}

/** One bid's summary as the commissioner or procurement reads it, with the commissioner's review. */
async function renderSummary(deps: AppDeps, req: Request, res: Response, page: ShowPage = {}): Promise<void> {
  const tender = tenderOf(res);
  const found = await bidSummary(deps.db, tender, bidKeyOf(req));
  if (!found) throw new HttpError(404);
  const { summary, flags, content } = found;
  const lockedReason = explanationsLockedReason(tender);
  const editor = mayEditExplanations(actorOf(res));
  const errors = page.reviewError === undefined ? undefined : formErrors([{ field: 'review', text: page.reviewError }]);
  res.status(errors ? 400 : 200).render('pages/summaries/show', {
    pageTitle: `${errors ? 'Error: ' : ''}${summaryTitle(summary)}`,
    summary,
    standalone: false,
    errors,
    flash: errors ? undefined : takeFlash(req),
    canEdit: editor && lockedReason === null,
    lockedReason: editor ? lockedReason : null,
    editHref: `${summaryHref(tender, summary.bid.key)}/edit`,
    // Before issue, what the summary must not say (after it, the flags are history: still shown).
    flags: flags.map(flagWords),
    detailsHref: editor ? `/tenders/${encodeURIComponent(tender.reference)}/bids/${encodeURIComponent(summary.bid.key)}/details` : null,
    sentHref: editor && sentLockedReason(tender) === null ? `${summaryHref(tender, summary.bid.key)}/sent` : null,
    // The review is the commissioner's, at moderation (while the explanations can change).
    review: editor && (tender.state === 'moderation' || tender.state === 'finalised') ? await summaryReviewOf(deps.db, tender, summary.bid.key, content) : null,
    canReview: editor && lockedReason === null,
    reviewAction: `${summaryHref(tender, summary.bid.key)}/review`,
    // What this page shows, so "I have reviewed this summary" is recorded for this content only.
    reviewedContent: content,
    backHref: summariesHref(tender),
  });
}

export function summaryGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    requireReader(res);
    await renderSummary(deps, req, res);
  };
}

/** Every summary of the tender in one zip: one file per bid, as printed, and an index. */
export function summaryZipGet(deps: AppDeps) {
  const engine = viewEngine();
  return async (_req: Request, res: Response): Promise<void> => {
    requireReader(res);
    const tender = tenderOf(res);
    const { zip } = await summaryZip(deps.db, tender, engine);
    res.type('application/zip').attachment(summaryZipName(tender.reference)).send(zip);
  };
}

interface SentPage {
  tender: TenderRow;
  summary: SummaryView;
  typed?: Record<SentPart, string>;
  error?: { message: string; parts: SentPart[] };
}

function renderSent(deps: AppDeps, res: Response, page: SentPage): void {
  const { tender, summary } = page;
  const title = `When was the summary for bid ${summary.bid.key} sent?`;
  const values = page.typed ?? dayParts(summary.dates.sentOn);
  const [y, m, d] = ukDay(deps.now()).split('-');
  const errors = page.error ? formErrors([{ field: `sent-${page.error.parts[0] ?? 'day'}`, text: page.error.message }]) : undefined;
  res.status(page.error ? 400 : 200).render('pages/summaries/sent', {
    pageTitle: `${page.error ? 'Error: ' : ''}${title}`,
    title,
    tender,
    summary,
    errors,
    action: `${summaryHref(tender, summary.bid.key)}/sent`,
    backHref: summaryHref(tender, summary.bid.key),
    date: {
      id: 'sent',
      namePrefix: 'sent',
      fieldset: { legend: { text: title, isPageHeading: true, classes: 'govuk-fieldset__legend--l' } },
      hint: { text: `The day you sent it to ${summary.bid.supplier}, by email or post. It was issued on ${summary.dates.issued ?? 'the day the tender was finalised'}. For example, ${Number(d)} ${Number(m)} ${y}.` },
      errorMessage: page.error ? { text: page.error.message } : undefined,
      items: SENT_PARTS.map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}`, value: values[part], error: page.error?.parts.includes(part) ?? false })),
    },
  });
}

async function sentSummary(deps: AppDeps, req: Request, res: Response): Promise<{ tender: TenderRow; summary: SummaryView }> {
  requireEditor(res);
  const tender = tenderOf(res);
  const reason = sentLockedReason(tender);
  if (reason) throw new TenderLockedError(reason.replace(/\.$/, ''));
  const found = await bidSummary(deps.db, tender, bidKeyOf(req));
  if (!found) throw new HttpError(404);
  return { tender, summary: found.summary };
}

export function summarySentGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    renderSent(deps, res, await sentSummary(deps, req, res));
  };
}

export function summarySentPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { tender, summary } = await sentSummary(deps, req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = Object.fromEntries(SENT_PARTS.map((p) => [p, typeof body[`sent-${p}`] === 'string' ? (body[`sent-${p}`] as string) : ''])) as Record<SentPart, string>;
    const parsed = parseSentForm(body);
    if (!parsed.ok) return renderSent(deps, res, { tender, summary, typed, error: parsed });
    const outcome = await recordSummarySent(deps.db, actorOf(res), tender, summary.bid.key, parsed.value, deps.now());
    if (!outcome.ok) {
      if ('notFound' in outcome) throw new HttpError(404);
      if ('notIssued' in outcome) throw new TenderLockedError((sentLockedReason(tender) ?? 'This summary is not issued').replace(/\.$/, ''));
      return renderSent(deps, res, { tender, summary, typed, error: { message: outcome.problem, parts: ['day', 'month', 'year'] } });
    }
    req.session.summariesFlash = outcome.changed ? `The day the summary for bid ${summary.bid.key} was sent is recorded.` : 'Nothing was changed.';
    res.redirect(303, summaryHref(tender, summary.bid.key));
  };
}

interface EditPage {
  tender: TenderRow;
  key: string;
  supplier: string;
  fields: ExplanationField[];
  values?: Record<string, string>;
  errors?: FormErrors;
}

const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).filter((p) => p.trim() !== '');

function renderEdit(res: Response, status: number, page: EditPage): void {
  const title = `Change the explanations for bid ${page.key}`;
  res.status(status).render('pages/summaries/edit', {
    pageTitle: page.errors ? `Error: ${title}` : title,
    title,
    tender: page.tender,
    key: page.key,
    supplier: page.supplier,
    errors: page.errors,
    action: `${summaryHref(page.tender, page.key)}/edit`,
    backHref: summaryHref(page.tender, page.key),
    fields: page.fields.map((f) => ({
      ...f,
      field: explanationField(f.criterion),
      wasField: wasField(f.criterion),
      value: page.values?.[explanationField(f.criterion)] ?? f.current,
      recordedParagraphs: paragraphs(f.recorded),
      hint: `Score: ${f.score ?? 'no final score yet'}. ${f.edited ? 'The summary uses your wording.' : "The summary uses the panel's record."}`,
    })),
  });
}

export function summaryEditGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    requireEditor(res);
    const tender = tenderOf(res);
    assertExplanationsEditable(tender);
    const found = await explanationFields(deps.db, tender, bidKeyOf(req));
    if (!found) throw new HttpError(404);
    renderEdit(res, 200, { tender, key: found.view.bid.key, supplier: found.view.bid.supplier, fields: found.fields });
  };
}

export function summaryEditPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    requireEditor(res);
    const tender = tenderOf(res);
    assertExplanationsEditable(tender);
    const key = bidKeyOf(req);
    const found = await explanationFields(deps.db, tender, key);
    if (!found) throw new HttpError(404);
    const typed = Object.fromEntries(found.fields.map((f) => [explanationField(f.criterion), String((req.body as Record<string, unknown> | undefined)?.[explanationField(f.criterion)] ?? '')]));
    const again = (errors: FormErrors) => renderEdit(res, 400, { tender, key, supplier: found.view.bid.supplier, fields: found.fields, values: typed, errors });
    const parsed = parseExplanationsForm(req.body, found.fields.map((f) => ({ id: f.criterion, title: f.title })));
    if (!parsed.ok) return again(formErrors(parsed.error));
    const outcome = await saveExplanations(deps.db, actorOf(res), tender, key, parsed.value, deps.now());
    if (!outcome.ok) {
      if ('notFound' in outcome) throw new HttpError(404);
      // Show the texts as they are now, so the commissioner sees what the other person saved
      // (the tender as this request scored it: its words read again, not every score).
      const fresh = await explanationFields(deps.db, tender, key, found.scored);
      return renderEdit(res, 400, { tender, key, supplier: found.view.bid.supplier, fields: fresh?.fields ?? found.fields, values: typed, errors: formErrors(outcome.errors) });
    }
    req.session.summariesFlash =
      outcome.changed === 0 ? 'Nothing was changed.' : `Saved: ${outcome.changed} ${outcome.changed === 1 ? 'explanation' : 'explanations'} changed.`;
    res.redirect(303, summaryHref(tender, key));
  };
}

/**
 * "I have reviewed this summary": the fingerprint of the summary the page showed (and the CSRF
 * token); audited by the service. Refused, with the summary as it is now, if it changed meanwhile.
 */
export function summaryReviewPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    requireEditor(res);
    const tender = tenderOf(res);
    assertExplanationsEditable(tender);
    const key = bidKeyOf(req);
    const parsed = parseReviewForm(req.body);
    if (!parsed.ok) return renderSummary(deps, req, res, { reviewError: parsed.message });
    const outcome = await reviewSummary(deps.db, actorOf(res), tender, key, parsed.value, deps.now());
    if (!outcome.ok && 'changed' in outcome) return renderSummary(deps, req, res, { reviewError: SUMMARY_CHANGED });
    if (!outcome.ok) throw new HttpError(404);
    req.session.summariesFlash = `You have reviewed the assessment summary for bid ${key}.`;
    res.redirect(303, summaryHref(tender, key));
  };
}

/** The summaries' print stylesheet (A4, no navigation); read once when the app starts. */
export function summaryPrintCssGet() {
  const css = summaryPrintCss();
  return (_req: Request, res: Response): void => {
    res.type('text/css').send(css);
  };
}
