import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { tenderGet, tenderListGet, tenderRubricGet } from './tender-controller';

export function tenderRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  router.get('/tenders', staff, tenderListGet(deps));
  const tender = tenderAccess(deps.db);
  router.get('/tenders/:reference', staff, tender, tenderGet(deps));
  router.get('/tenders/:reference/rubric', staff, tender, tenderRubricGet);
  return router;
}
