// Moderation of a tender (services/moderation.ts says who, when and what is kept). Commissioners
// who can see the tender and facilitators use every route; procurement is refused (403): they
// check prices and read results, and never see or change the panel's reasons here.
import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { actorOf, requireStaff } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderAccess, tenderOf } from '../../middleware/tender-access';
import { canModerate } from '../../services/moderation';
import { moderationCellGet, moderationCellPost, moderationOverviewGet } from './moderation-controller';
import { dissentPost } from './dissent-controller';
import { scoresReopenGet, scoresReopenPost } from './reopen-controller';

/** Per object: this person may moderate this tender (403 otherwise). */
const mayModerate: RequestHandler = (_req, res, next) => {
  if (!canModerate(actorOf(res), tenderOf(res))) throw new HttpError(403);
  next();
};

export function moderationRoutes(deps: AppDeps): Router {
  const router = Router();
  const moderators = requireStaff('commissioner', 'facilitator');
  const tender = tenderAccess(deps.db);
  const base = '/tenders/:reference/moderation';
  router.get(base, moderators, tender, mayModerate, moderationOverviewGet(deps));
  router.get(`${base}/members/:memberKey/reopen`, moderators, tender, mayModerate, scoresReopenGet(deps));
  router.post(`${base}/members/:memberKey/reopen`, moderators, tender, mayModerate, scoresReopenPost(deps));
  router.get(`${base}/:bid/:criterion`, moderators, tender, mayModerate, moderationCellGet(deps));
  router.post(`${base}/:bid/:criterion`, moderators, tender, mayModerate, moderationCellPost(deps));
  router.post(`${base}/:bid/:criterion/dissent`, moderators, tender, mayModerate, dissentPost(deps));
  return router;
}
