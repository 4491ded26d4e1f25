import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderGet, tenderListGet, tenderRubricGet } from './tender-controller';

export function tenderRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  router.get('/tenders', staff, tenderListGet(deps));
  router.get('/tenders/:reference', staff, tenderGet(deps));
  router.get('/tenders/:reference/rubric', staff, tenderRubricGet(deps));
  return router;
}
