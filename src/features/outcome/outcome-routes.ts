// The outcome fed back: the commissioner releases it (/tenders/:reference/outcome) and sees the
// survey's results; panel members read "What happened" (/panel/outcome) and answer the survey.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { requireScorer } from '../../middleware/scorer';
import { tenderAccess } from '../../middleware/tender-access';
import { outcomeGet, surveyGet, surveyPost } from './panel-outcome-controller';
import { releaseGet, releasePost } from './release-controller';

export function outcomeRoutes(deps: AppDeps): Router {
  const router = Router();
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);
  router.get('/tenders/:reference/outcome', commissioner, tender, releaseGet(deps));
  router.post('/tenders/:reference/outcome', commissioner, tender, releasePost(deps));
  const scorer = requireScorer(deps.db);
  router.get('/panel/outcome', scorer, outcomeGet(deps));
  router.get('/panel/outcome/survey', scorer, surveyGet(deps));
  router.post('/panel/outcome/survey', scorer, surveyPost(deps));
  return router;
}
