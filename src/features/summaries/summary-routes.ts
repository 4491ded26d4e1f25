// Assessment summaries of a tender. Every route: who (requireStaff: summaries show prices, so
// commissioners and procurement only; facilitators get 403), which tender (tenderAccess: 404 for
// a tender the person may not see), then the controller. Only a commissioner edits explanations
// says they have reviewed a summary, and records the day each was sent.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { summaryEditGet, summaryEditPost, summaryGet, summaryListGet, summaryPrintCssGet, summaryReviewPost, summarySentGet, summarySentPost, summaryZipGet } from './summary-controller';

export function summaryRoutes(deps: AppDeps): Router {
  const router = Router();
  const readers = requireStaff('commissioner', 'procurement');
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);
  const base = '/tenders/:reference/summaries';

  // The print stylesheet holds nothing about any tender.
  router.get('/styles/summary-print.css', summaryPrintCssGet());

  router.get(base, readers, tender, summaryListGet(deps));
  // Every summary in one zip: one file per bid, as printed, and an index.
  router.get('/tenders/:reference/summaries.zip', readers, tender, summaryZipGet(deps));
  router.get(`${base}/:bid`, readers, tender, summaryGet(deps));
  router.get(`${base}/:bid/edit`, commissioner, tender, summaryEditGet(deps));
  router.post(`${base}/:bid/edit`, commissioner, tender, summaryEditPost(deps));
  // "I have reviewed this summary" (at moderation), one of the checks before finalising.
  router.post(`${base}/:bid/review`, commissioner, tender, summaryReviewPost(deps));
  // The day the issued summary was sent to the bidder (once the tender is finalised).
  router.get(`${base}/:bid/sent`, commissioner, tender, summarySentGet(deps));
  router.post(`${base}/:bid/sent`, commissioner, tender, summarySentPost(deps));
  return router;
}
