// The results page of a tender. Who (requireStaff: commissioners, procurement, facilitators),
// which tender (tenderAccess: 404 for a tender the person may not see), then the controller;
// the service leaves prices out for anyone who may not see them.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { resultsGet } from './results-controller';

export function resultsRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  const tender = tenderAccess(deps.db);

  router.get('/tenders/:reference/results', staff, tender, resultsGet(deps));
  return router;
}
