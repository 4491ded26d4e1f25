// The bids of a tender: the list, one bid, adding and changing (draft only), withdrawing (until
// finalised) and deleting (draft, never scored).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { bidDetailsRepository } from '../../data/bid-details-repository';
import type { TenderRow } from '../../data/schema';
import { detailsView, missingDetails } from '../../engine/bid-details';
import { addBid, BID_KEY, bidDetail, bidListing, criteriaOf, deleteBid, editBid, mayManageBids, suggestedBidKey, withdrawBid, type BidInput } from '../../services/bids';
import { money } from '../../services/rubric-view';
import { assertDraft, assertNotFinalised } from '../../services/tender-rules';
import { formErrors, type FormErrors } from '../form-errors';
import { parseBidForm, responseField, WithdrawForm } from './bid-schema';
import './bid-session';

export const bidsHref = (tender: TenderRow): string => `/tenders/${encodeURIComponent(tender.reference)}/bids`;
const bidHref = (tender: TenderRow, key: string): string => `${bidsHref(tender)}/${encodeURIComponent(key)}`;

/** A stored price as typed in a form: pence always with 2 digits ("125000.50"). */
export const priceInput = (price: string | null): string => (price === null ? '' : price.replace(/(\.\d)$/, '$10'));

/** A one-time message for the next page (post/redirect/get). */
export function flash(req: Request, text: string): void {
  req.session.bidsFlash = text;
}

function takeFlash(req: Request): string | undefined {
  const text = req.session.bidsFlash;
  if (text !== undefined) delete req.session.bidsFlash;
  return text;
}

/** Only commissioners change bids; procurement and facilitators are refused (403). */
function requireManager(res: Response): void {
  if (!mayManageBids(actorOf(res))) throw new HttpError(403);
}

async function detailOr404(deps: AppDeps, req: Request, res: Response) {
  const key = String(req.params['key']);
  const detail = BID_KEY.test(key) ? await bidDetail(deps.db, actorOf(res), tenderOf(res), key) : null;
  if (!detail) throw new HttpError(404);
  return detail;
}

export function bidListGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const listing = await bidListing(deps.db, actorOf(res), tender);
    res.render('pages/bids/list', {
      pageTitle: `Bids: ${tender.title}`,
      tender,
      ...listing,
      flash: takeFlash(req),
      bidsHref: bidsHref(tender),
      bids: listing.bids.map((b) => ({ ...b, priceText: money(b.price), href: bidHref(tender, b.key), complete: b.missing.length === 0 })),
    });
  };
}

export function bidGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const detail = await detailOr404(deps, req, res);
    const manager = mayManageBids(actorOf(res));
    const details = await bidDetailsRepository.find(deps.db, detail.bid.id);
    res.render('pages/bids/show', {
      pageTitle: `Bid ${detail.bid.key}: ${detail.bid.supplier}`,
      tender,
      ...detail,
      // Blank lines separate paragraphs; single line breaks are kept.
      responses: detail.responses.map((r) => ({ ...r, paragraphs: r.response.trim() === '' ? [] : r.response.trim().split(/\n\s*\n/).map((p) => p.split('\n')) })),
      withdrawn: detail.bid.withdrawn === 1,
      priceText: money(detail.bid.price),
      href: bidHref(tender, detail.bid.key),
      canEdit: manager && tender.state === 'draft',
      canWithdraw: manager && tender.state !== 'finalised' && detail.bid.withdrawn === 0,
      canDelete: manager && tender.state === 'draft' && !detail.hasScores,
      details: details ? detailsView(details) : null,
      missingDetails: missingDetails(details).join(', '),
      canSetDetails: manager,
      backHref: bidsHref(tender),
    });
  };
}

interface FormPage {
  tender: TenderRow;
  mode: 'add' | 'edit';
  values: Record<string, string>;
  errors?: FormErrors;
  key?: string;
  suggestedKey?: string;
}

function renderForm(res: Response, status: number, page: FormPage): void {
  const { tender, mode, key } = page;
  const title = mode === 'add' ? 'Add a bid' : `Change bid ${key ?? ''}`;
  res.status(status).render('pages/bids/form', {
    pageTitle: page.errors ? `Error: ${title}` : title,
    title,
    ...page,
    adding: mode === 'add',
    action: mode === 'add' ? `${bidsHref(tender)}/new` : `${bidHref(tender, key!)}/edit`,
    criteria: criteriaOf(tender).map((c) => ({ ...c, field: responseField(c), value: page.values[responseField(c)] ?? '' })),
    backHref: mode === 'add' ? bidsHref(tender) : bidHref(tender, key!),
  });
}

/** What was typed, to show again after an error. */
const typed = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;

export function bidNewGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    assertDraft(tender, 'Bids');
    const suggestedKey = await suggestedBidKey(deps.db, tender);
    renderForm(res, 200, { tender, mode: 'add', values: {}, suggestedKey });
  };
}

export function bidNewPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    assertDraft(tender, 'Bids');
    const again = async (errors: FormErrors) => renderForm(res, 400, { tender, mode: 'add', values: typed(req.body), errors, suggestedKey: await suggestedBidKey(deps.db, tender) });
    const parsed = parseBidForm(req.body, criteriaOf(tender), true);
    if (!parsed.ok) return again(formErrors(parsed.error));
    const outcome = await addBid(deps.db, actorOf(res), tender, parsed.value, deps.now());
    if (!outcome.ok) return again(formErrors(outcome.errors));
    flash(req, `Bid ${outcome.key} added: ${parsed.value.supplier}`);
    res.redirect(303, bidsHref(tender));
  };
}

const valuesOf = (input: BidInput, criteria: ReturnType<typeof criteriaOf>): Record<string, string> => ({
  supplier: input.supplier,
  price: priceInput(input.price),
  ...Object.fromEntries(criteria.map((c) => [responseField(c), input.responses[c.id] ?? ''])),
});

export function bidEditGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    const detail = await detailOr404(deps, req, res);
    assertDraft(tender, 'Bids');
    const responses = Object.fromEntries(detail.responses.map((r) => [r.id, r.response]));
    const values = valuesOf({ supplier: detail.bid.supplier, price: detail.bid.price, responses }, criteriaOf(tender));
    renderForm(res, 200, { tender, mode: 'edit', key: detail.bid.key, values });
  };
}

export function bidEditPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    const { bid } = await detailOr404(deps, req, res);
    assertDraft(tender, 'Bids');
    const page = { tender, mode: 'edit' as const, key: bid.key, values: typed(req.body) };
    const parsed = parseBidForm(req.body, criteriaOf(tender), false);
    if (!parsed.ok) return renderForm(res, 400, { ...page, errors: formErrors(parsed.error) });
    const outcome = await editBid(deps.db, actorOf(res), tender, bid.key, parsed.value, deps.now());
    if (!outcome) throw new HttpError(404);
    if (!outcome.ok) return renderForm(res, 400, { ...page, errors: formErrors(outcome.errors) });
    flash(req, outcome.changed ? `Bid ${bid.key} changed` : `Nothing was changed in bid ${bid.key}`);
    res.redirect(303, bidsHref(tender));
  };
}

function renderWithdraw(res: Response, status: number, tender: TenderRow, bid: { key: string; supplier: string }, reason: string, errors?: FormErrors): void {
  const title = `Withdraw bid ${bid.key}: ${bid.supplier}`;
  res.status(status).render('pages/bids/withdraw', {
    pageTitle: errors ? `Error: ${title}` : title,
    title,
    tender,
    bid,
    reason,
    errors,
    scoringOpen: tender.state !== 'draft',
    action: `${bidHref(tender, bid.key)}/withdraw`,
    backHref: bidHref(tender, bid.key),
  });
}

export function bidWithdrawGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    const { bid } = await detailOr404(deps, req, res);
    assertNotFinalised(tender, 'Bids');
    if (bid.withdrawn === 1) {
      flash(req, `Bid ${bid.key} is already withdrawn`);
      return res.redirect(303, bidsHref(tender));
    }
    renderWithdraw(res, 200, tender, bid, '');
  };
}

export function bidWithdrawPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    const { bid } = await detailOr404(deps, req, res);
    assertNotFinalised(tender, 'Bids');
    const parsed = WithdrawForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderWithdraw(res, 400, tender, bid, typed(req.body)['reason'] ?? '', formErrors(parsed.error));
    if (bid.withdrawn === 0) await withdrawBid(deps.db, actorOf(res), tender, bid.key, parsed.data.reason, deps.now());
    flash(req, `Bid ${bid.key} (${bid.supplier}) is withdrawn. It stays stored but is left out of the results`);
    res.redirect(303, bidsHref(tender));
  };
}

export function bidDeleteGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    const { bid, hasScores } = await detailOr404(deps, req, res);
    assertDraft(tender, 'Bids');
    res.render('pages/bids/delete', {
      pageTitle: `Delete bid ${bid.key}: ${bid.supplier}`,
      tender,
      bid,
      hasScores,
      action: `${bidHref(tender, bid.key)}/delete`,
      backHref: bidHref(tender, bid.key),
    });
  };
}

export function bidDeletePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requireManager(res);
    const { bid } = await detailOr404(deps, req, res);
    const outcome = await deleteBid(deps.db, actorOf(res), tender, bid.key, deps.now());
    if (outcome === 'not-found') throw new HttpError(404);
    if (outcome === 'scored') {
      res.status(409).render('pages/errors/locked', { pageTitle: 'This cannot change now', message: `Bid ${bid.key} has scores, so it cannot be deleted. Withdraw it instead` });
      return;
    }
    flash(req, `Bid ${bid.key} (${bid.supplier}) deleted`);
    res.redirect(303, bidsHref(tender));
  };
}
