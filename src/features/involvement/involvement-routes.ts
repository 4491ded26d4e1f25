// Reciprocity (issue 4 item 7). Panel members (or a facilitator with them, in facilitator mode)
// see "Your contribution" and add time or expenses under /panel/contribution. Commissioners and
// facilitators who can see a tender read its involvement summary; only a commissioner sets the
// hourly rate. Nothing is added or changed once the tender is finalised.
import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { actorOf, requireStaff } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { requireScorer } from '../../middleware/scorer';
import { tenderAccess, tenderOf } from '../../middleware/tender-access';
import { maySetHourlyRate } from '../../services/involvement';
import { contributionGet, entryFormGet, entryPost } from './contribution-controller';
import { involvementGet, ratePost } from './involvement-controller';

/** Per object: this commissioner may set this tender's hourly rate (403 otherwise). */
const maySetRate: RequestHandler = (_req, res, next) => {
  if (!maySetHourlyRate(actorOf(res), tenderOf(res))) throw new HttpError(403);
  next();
};

export function involvementRoutes(deps: AppDeps): Router {
  const router = Router();
  // A withdrawn member's time and money spent before still count towards their payment.
  const scorer = requireScorer(deps.db, { withdrawn: 'may-claim' });
  const staff = requireStaff('commissioner', 'facilitator');
  const tender = tenderAccess(deps.db);
  router.get('/panel/contribution', scorer, contributionGet(deps));
  router.get('/panel/contribution/time', scorer, entryFormGet(deps, 'time'));
  router.get('/panel/contribution/expense', scorer, entryFormGet(deps, 'expense'));
  router.post('/panel/contribution', scorer, entryPost(deps));
  router.get('/tenders/:reference/involvement', staff, tender, involvementGet(deps));
  router.post('/tenders/:reference/involvement/rate', staff, tender, maySetRate, ratePost(deps));
  return router;
}
