// The contract award notice of a tender: commissioners and procurement who can see the tender
// (it names the winner and the price). The JSON route comes first: /notice.json is not /notice.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { noticeGet } from './notice-controller';

export function noticeRoutes(deps: AppDeps): Router {
  const router = Router();
  const readers = requireStaff('commissioner', 'procurement');
  const tender = tenderAccess(deps.db);
  router.get('/tenders/:reference/notice.json', readers, tender, noticeGet(deps, true));
  router.get('/tenders/:reference/notice', readers, tender, noticeGet(deps, false));
  return router;
}
