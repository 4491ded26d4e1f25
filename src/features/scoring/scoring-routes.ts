// The panel's scoring journey (/panel/…) for a panel member, or a facilitator with a member, and
// the staff page where a facilitator starts facilitator mode.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { requireScorer } from '../../middleware/scorer';
import { groupCommit } from '../../services/score-saves/score-saves';
import { tenderAccess } from '../../middleware/tender-access';
import { scoreGet, scorePost } from './score-controller';
import { LayoutForm } from './scoring-schema';
import { conflictsGet, conflictsPost } from './start-controller';
import { supportGet, supportPost, supportStopPost } from './support-controller';
import { checkGet, sentGet, submitPost, tasksGet } from './task-controller';

/** Switches the scoring pages between the standard layout and easy read (kept for the session). */
function layoutPost(req: Request, res: Response): void {
  const form = LayoutForm.parse(req.body);
  req.session.easyRead = form.layout === 'easy-read';
  res.redirect(303, form.returnTo);
}

export function scoringRoutes(deps: AppDeps): Router {
  const router = Router();
  const scorer = requireScorer(deps.db);
  const cell = '/panel/bids/:bidKey/criteria/:criterionId';
  router.get('/panel/conflicts', scorer, conflictsGet(deps));
  router.post('/panel/conflicts', scorer, conflictsPost(deps));
  router.get('/panel/tasks', scorer, tasksGet(deps));
  router.get(cell, scorer, scoreGet(deps));
  router.post(cell, scorer, scorePost(deps, deps.scoreSaves ?? groupCommit(deps.db)));
  router.get('/panel/check', scorer, checkGet(deps));
  router.post('/panel/submit', scorer, submitPost(deps));
  router.get('/panel/sent', scorer, sentGet(deps));
  router.post('/panel/layout', scorer, layoutPost);
  router.post('/panel/support/stop', requireStaff('facilitator'), supportStopPost());
  const support = '/tenders/:reference/panel/:memberKey/support';
  router.get(support, requireStaff('facilitator'), tenderAccess(deps.db), supportGet(deps));
  router.post(support, requireStaff('facilitator'), tenderAccess(deps.db), supportPost(deps));
  return router;
}
