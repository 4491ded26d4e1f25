// The timetable (issue 13 item 2): a commissioner who can see the tender sets its days; anyone
// else gets 403 (not a commissioner) or 404 (a tender they cannot see).
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { timetableGet, timetablePost } from './timetable-controller';

export function timetableRoutes(deps: AppDeps): Router {
  const router = Router();
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);
  router.get('/tenders/:reference/timetable', commissioner, tender, timetableGet(deps));
  router.post('/tenders/:reference/timetable', commissioner, tender, timetablePost(deps));
  return router;
}
