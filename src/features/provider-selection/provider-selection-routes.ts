// The Provider Selection Regime (Health Care Services (Provider Selection Regime) Regulations
// 2023): the decision record for commissioners and procurement who can see the tender (it names
// prices), and the form for the commissioner. Facilitators get 403; a tender someone may not see, 404.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { editGet, editPost, recordGet } from './provider-selection-controller';

export function providerSelectionRoutes(deps: AppDeps): Router {
  const router = Router();
  const readers = requireStaff('commissioner', 'procurement');
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);
  const base = '/tenders/:reference/provider-selection';
  router.get(base, readers, tender, recordGet(deps));
  router.get(`${base}/edit`, commissioner, tender, editGet(deps));
  router.post(`${base}/edit`, commissioner, tender, editPost(deps));
  return router;
}
