// Loads the tender named in the URL (`:reference`) for staff who may see it, into
// res.locals.tender; anyone else gets the same 404 as for a tender that does not exist.
import type { RequestHandler, Response } from 'express';
import type { Db } from '../data/database';
import type { TenderRow } from '../data/schema';
import { visibleTender } from '../services/tenders';
import { actorOf } from './auth';
import { HttpError } from './errors';

export function tenderAccess(db: Db): RequestHandler {
  return async (req, res, next) => {
    const tender = await visibleTender(db, actorOf(res), String(req.params['reference']));
    if (!tender) throw new HttpError(404);
    res.locals['tender'] = tender;
    res.locals['tenderHref'] = `/tenders/${encodeURIComponent(tender.reference)}`;
    next();
  };
}

export const tenderOf = (res: Response): TenderRow => {
  const tender = res.locals['tender'] as TenderRow | undefined;
  if (!tender) throw new Error('tenderAccess must run before this handler');
  return tender;
};
