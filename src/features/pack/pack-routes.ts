// The printable pack of one panel member: for the member (or a facilitator entering scores with
// them) under /panel, and for the commissioner and facilitators of the tender under /tenders.
// Procurement never gets it: it holds bid responses for reading and scoring, which is not theirs.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { requireScorer } from '../../middleware/scorer';
import { tenderAccess } from '../../middleware/tender-access';
import { ownPackGet, memberPackGet } from './pack-controller';

export function packRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/panel/pack', requireScorer(deps.db), ownPackGet(deps));
  router.get('/tenders/:reference/panel/:memberKey/pack', requireStaff('commissioner', 'facilitator'), tenderAccess(deps.db), memberPackGet(deps));
  return router;
}
