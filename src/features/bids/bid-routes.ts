// Bids of a tender. Every route: who (requireStaff), which tender (tenderAccess: 404 for a tender
// the person may not see), then the controller, which checks what this person may change now.
// Fixed paths (new, prices, import) come before /:key.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { bidDeleteGet, bidDeletePost, bidEditGet, bidEditPost, bidGet, bidListGet, bidNewGet, bidNewPost, bidWithdrawGet, bidWithdrawPost } from './bid-controller';
import { bidDetailsGet, bidDetailsPost } from './bid-details-controller';
import { bidImportConfirmPost, bidImportGet, bidImportPost, bidImportTemplateGet, bidImportTemplateXlsxGet } from './bid-import-controller';
import { bidPricesGet, bidPricesPost } from './bid-price-controller';

export function bidRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  const pricing = requireStaff('commissioner', 'procurement');
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);
  const base = '/tenders/:reference/bids';

  router.get(base, staff, tender, bidListGet(deps));

  router.get(`${base}/new`, commissioner, tender, bidNewGet(deps));
  router.post(`${base}/new`, commissioner, tender, bidNewPost(deps));

  router.get(`${base}/prices`, pricing, tender, bidPricesGet(deps));
  router.post(`${base}/prices`, pricing, tender, bidPricesPost(deps));

  router.get(`${base}/import`, commissioner, tender, bidImportGet());
  router.get(`${base}/import/template.csv`, commissioner, tender, bidImportTemplateGet());
  router.get(`${base}/import/template.xlsx`, commissioner, tender, bidImportTemplateXlsxGet());
  // The file was read before the CSRF check (bid-upload.ts).
  router.post(`${base}/import`, commissioner, tender, bidImportPost(deps));
  router.post(`${base}/import/confirm`, commissioner, tender, bidImportConfirmPost(deps));

  router.get(`${base}/:key`, staff, tender, bidGet(deps));
  router.get(`${base}/:key/edit`, commissioner, tender, bidEditGet(deps));
  router.post(`${base}/:key/edit`, commissioner, tender, bidEditPost(deps));
  router.get(`${base}/:key/details`, commissioner, tender, bidDetailsGet(deps));
  router.post(`${base}/:key/details`, commissioner, tender, bidDetailsPost(deps));
  router.get(`${base}/:key/withdraw`, commissioner, tender, bidWithdrawGet(deps));
  router.post(`${base}/:key/withdraw`, commissioner, tender, bidWithdrawPost(deps));
  router.get(`${base}/:key/delete`, commissioner, tender, bidDeleteGet(deps));
  router.post(`${base}/:key/delete`, commissioner, tender, bidDeletePost(deps));
  return router;
}
