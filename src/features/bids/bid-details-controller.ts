// The bidder's legal details for the award notice: one form per bid, the commissioner's, at any
// stage (they do not change the evaluation).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { bidDetailsRepository } from '../../data/bid-details-repository';
import type { TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { DETAIL_FLAGS, IDENTIFIER_SCHEMES, SCHEME_NAMES } from '../../engine/bid-details';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { saveBidDetails } from '../../services/bid-details';
import { BID_KEY, mayManageBids } from '../../services/bids';
import { formErrors, type FormErrors } from '../form-errors';
import { bidsHref, flash } from './bid-controller';
import { BidDetailsForm, detailsFromForm, formFromDetails } from './bid-details-schema';

const FLAG_HINTS: Record<string, string> = {
  sme: 'Fewer than 250 staff, and a turnover of £44 million or less or a balance sheet of £38 million or less.',
  vcse: 'A charity, community interest company, co-operative or other social enterprise.',
  shelteredWorkshop: 'An organisation whose main aim is the social and professional integration of disabled or disadvantaged people.',
  publicServiceMissionOrganization: 'An organisation that has left the public sector and is run by its staff, delivering public services.',
};

async function bidOr404(deps: AppDeps, req: Request, tender: TenderRow) {
  const key = String(req.params['key']);
  const bid = BID_KEY.test(key) ? await tenderRepository.findBid(deps.db, tender.id, key) : undefined;
  if (!bid) throw new HttpError(404);
  return bid;
}

function render(res: Response, status: number, tender: TenderRow, bid: { key: string; supplier: string }, values: Record<string, string>, errors?: FormErrors): void {
  const title = `Bidder's details: bid ${bid.key}`;
  const href = `${bidsHref(tender)}/${encodeURIComponent(bid.key)}`;
  res.status(status).render('pages/bids/details', {
    pageTitle: errors ? `Error: ${title}` : title,
    title,
    tender,
    bid,
    values,
    errors,
    action: `${href}/details`,
    backHref: href,
    schemes: [{ value: '', text: 'Choose a register' }, ...IDENTIFIER_SCHEMES.map((s) => ({ value: s, text: `${SCHEME_NAMES[s]} (${s})`, selected: values['scheme'] === s }))],
    flags: DETAIL_FLAGS.map(([name, words]) => ({
      name,
      legend: `Is the bidder ${words}?`,
      hint: FLAG_HINTS[name],
      error: errors?.fields[name],
      items: [
        { value: 'yes', text: 'Yes', checked: values[name] === 'yes' },
        { value: 'no', text: 'No', checked: values[name] === 'no' },
        { value: 'unknown', text: 'Not known yet', checked: values[name] !== 'yes' && values[name] !== 'no' },
      ],
    })),
  });
}

export function bidDetailsGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    if (!mayManageBids(actorOf(res))) throw new HttpError(403);
    const bid = await bidOr404(deps, req, tender);
    render(res, 200, tender, bid, formFromDetails(await bidDetailsRepository.find(deps.db, bid.id)));
  };
}

export function bidDetailsPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    if (!mayManageBids(actorOf(res))) throw new HttpError(403);
    const bid = await bidOr404(deps, req, tender);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = BidDetailsForm.safeParse(body);
    if (!parsed.success) {
      const typed = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      return render(res, 400, tender, bid, typed, formErrors(parsed.error));
    }
    const outcome = await saveBidDetails(deps.db, actorOf(res), tender, bid.key, detailsFromForm(parsed.data), deps.now());
    if (!outcome.saved) throw new HttpError(404);
    flash(req, outcome.changed.length > 0 ? `Bidder's details saved for bid ${bid.key}` : `Nothing was changed in the details of bid ${bid.key}`);
    res.redirect(303, bidsHref(tender));
  };
}
