// Assessment summaries of a tender. Every route: who (requireStaff: summaries show prices, so
// commissioners and procurement only; facilitators get 403), which tender (tenderAccess: 404 for
// a tender the person may not see), then the controller. Only a commissioner edits explanations
// and says they have reviewed a summary.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { summaryEditGet, summaryEditPost, summaryGet, summaryListGet, summaryPrintCssGet, summaryReviewPost } from './summary-controller';

export function summaryRoutes(deps: AppDeps): Router {
  const router = Router();
  const readers = requireStaff('commissioner', 'procurement');
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);
  const base = '/tenders/:reference/summaries';

  // The print stylesheet holds nothing about any tender.
  router.get('/styles/summary-print.css', summaryPrintCssGet());

  router.get(base, readers, tender, summaryListGet(deps));
  router.get(`${base}/:bid`, readers, tender, summaryGet(deps));
  router.get(`${base}/:bid/edit`, commissioner, tender, summaryEditGet(deps));
  router.post(`${base}/:bid/edit`, commissioner, tender, summaryEditPost(deps));
  // "I have reviewed this summary" (at moderation), one of the checks before finalising.
  router.post(`${base}/:bid/review`, commissioner, tender, summaryReviewPost(deps));
  return router;
}
