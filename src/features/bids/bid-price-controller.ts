// Prices: one field per bid, for procurement and the commissioner, in any state but finalised.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import type { TenderRow } from '../../data/schema';
import { priceRows, setPrices, type PriceRow } from '../../services/bid-prices';
import { maySetPrices } from '../../services/bids';
import { assertNotFinalised } from '../../services/tender-rules';
import { formErrors, type FormErrors } from '../form-errors';
import { bidsHref, flash, priceInput } from './bid-controller';
import { parsePricesForm, priceField, wasField } from './bid-schema';

function renderPrices(res: Response, status: number, tender: TenderRow, rows: PriceRow[], typed: Record<string, unknown>, errors?: FormErrors): void {
  const title = 'Enter prices';
  res.status(status).render('pages/bids/prices', {
    pageTitle: errors ? `Error: ${title}` : title,
    title,
    tender,
    errors,
    action: `${bidsHref(tender)}/prices`,
    backHref: bidsHref(tender),
    rows: rows.map((r) => {
      const entered = typed[priceField(r.key)];
      return {
        ...r,
        field: priceField(r.key),
        wasField: wasField(r.key),
        was: r.price ?? '',
        value: typeof entered === 'string' ? entered : priceInput(r.price),
        error: errors?.fields[priceField(r.key)],
      };
    }),
  });
}

function requirePriceSetter(res: Response): void {
  if (!maySetPrices(actorOf(res))) throw new HttpError(403);
}

export function bidPricesGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requirePriceSetter(res);
    assertNotFinalised(tender, 'Prices');
    renderPrices(res, 200, tender, await priceRows(deps.db, tender), {});
  };
}

export function bidPricesPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    requirePriceSetter(res);
    assertNotFinalised(tender, 'Prices');
    const rows = await priceRows(deps.db, tender);
    const typed = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parsePricesForm(req.body, rows);
    if (!parsed.ok) return renderPrices(res, 400, tender, rows, typed, formErrors(parsed.error));
    const outcome = await setPrices(deps.db, actorOf(res), tender, parsed.value, deps.now());
    // A conflict shows the prices as they are now, with what this person typed kept in the fields.
    if (!outcome.ok) return renderPrices(res, outcome.conflict ? 409 : 400, tender, outcome.current, typed, formErrors(outcome.errors));
    const n = outcome.changed.length;
    flash(req, n === 0 ? 'No prices were changed' : `${n === 1 ? 'Price' : 'Prices'} saved for ${n === 1 ? 'bid' : 'bids'} ${outcome.changed.join(', ')}`);
    res.redirect(303, bidsHref(tender));
  };
}
