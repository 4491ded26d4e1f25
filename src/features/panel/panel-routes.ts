// The panel of a tender: every member of staff who can see the tender reads it; changes are for
// the commissioner, and for a facilitator adding a member or changing a member's details (see
// services/panel.ts for why). What may change depends on the stage (services/panel-stages.ts);
// withdrawing a member who drops out, once scoring has opened, is the commissioner's.
import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { actorOf, requireStaff } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderAccess, tenderOf } from '../../middleware/tender-access';
import { canChangePanel, type PanelChange } from '../../services/panel';
import {
  memberAddGet,
  memberAddPost,
  memberAssignGet,
  memberAssignPost,
  memberChangeGet,
  memberChangePost,
  memberRemoveGet,
  memberRemovePost,
  panelShowGet,
} from './panel-controller';
import { mayWithdraw, memberWithdrawGet, memberWithdrawPost } from './withdraw-controller';

/** Per object: this person may make this kind of change to this tender's panel (403 otherwise). */
const mayChange =
  (change: PanelChange): RequestHandler =>
  (_req, res, next) => {
    if (!canChangePanel(actorOf(res), tenderOf(res), change)) throw new HttpError(403);
    next();
  };

export function panelRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  const tender = tenderAccess(deps.db);
  const base = '/tenders/:reference/panel';
  router.get(base, staff, tender, panelShowGet(deps));
  router.get(`${base}/add`, staff, tender, mayChange('add'), memberAddGet);
  router.post(`${base}/add`, staff, tender, mayChange('add'), memberAddPost(deps));
  router.get(`${base}/:key/change`, staff, tender, mayChange('edit'), memberChangeGet(deps));
  router.post(`${base}/:key/change`, staff, tender, mayChange('edit'), memberChangePost(deps));
  router.get(`${base}/:key/assign`, staff, tender, mayChange('assign'), memberAssignGet(deps));
  router.post(`${base}/:key/assign`, staff, tender, mayChange('assign'), memberAssignPost(deps));
  router.get(`${base}/:key/remove`, staff, tender, mayChange('remove'), memberRemoveGet(deps));
  router.post(`${base}/:key/remove`, staff, tender, mayChange('remove'), memberRemovePost(deps));
  router.get(`${base}/:key/withdraw`, staff, tender, mayWithdraw, memberWithdrawGet(deps));
  router.post(`${base}/:key/withdraw`, staff, tender, mayWithdraw, memberWithdrawPost(deps));
  return router;
}
