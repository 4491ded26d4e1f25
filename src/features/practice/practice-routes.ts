// The practice round (calibration): the member's pages under /panel/practice (the member, or a
// facilitator with them, in facilitator mode), and the commissioner's setting for the tender.
// Staff never read a member's practice scores: the panel page says only whether it is done.
import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { actorOf, requireStaff } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { requireScorer } from '../../middleware/scorer';
import { tenderAccess, tenderOf } from '../../middleware/tender-access';
import { maySetPractice } from '../../services/practice/practice';
import { practiceCompareGet, practiceItemGet, practiceItemPost, practiceStartGet } from './practice-controller';
import { practiceSettingGet, practiceSettingPost } from './practice-setting-controller';

/** Per object: this commissioner may set this tender's practice round (403 otherwise). */
const maySet: RequestHandler = (_req, res, next) => {
  if (!maySetPractice(actorOf(res), tenderOf(res))) throw new HttpError(403);
  next();
};

export function practiceRoutes(deps: AppDeps): Router {
  const router = Router();
  const scorer = requireScorer(deps.db);
  router.get('/panel/practice', scorer, practiceStartGet(deps));
  router.get('/panel/practice/compare', scorer, practiceCompareGet(deps));
  router.get('/panel/practice/:item', scorer, practiceItemGet(deps));
  router.post('/panel/practice/:item', scorer, practiceItemPost(deps));
  const setting = '/tenders/:reference/practice';
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);
  router.get(setting, commissioner, tender, maySet, practiceSettingGet());
  router.post(setting, commissioner, tender, maySet, practiceSettingPost(deps));
  return router;
}
