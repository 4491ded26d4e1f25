// The results workbook (issue 6): for commissioners who can see the tender and procurement.
// Who (requireStaff: facilitators get 403), which tender (tenderAccess: 404 for a tender the
// person may not see), then the controller, which streams the workbook.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { workbookGet } from './export-controller';

export function exportRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/tenders/:reference/results/workbook.xlsx', requireStaff('commissioner', 'procurement'), tenderAccess(deps.db), workbookGet(deps));
  return router;
}
