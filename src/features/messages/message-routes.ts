// A tender's messages to its panel members: the list, re-sending one, printing a letter, and
// sending the reminders due today. Commissioners and facilitators who can see the tender.
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { letterGet, messagesGet, remindersPost, resendPost } from './message-controller';

export function messageRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'facilitator');
  const tender = tenderAccess(deps.db);
  const base = '/tenders/:reference/messages';
  router.get(base, staff, tender, messagesGet(deps));
  router.post(`${base}/reminders`, staff, tender, remindersPost(deps));
  router.get(`${base}/:messageId/letter`, staff, tender, letterGet(deps));
  router.post(`${base}/:messageId/resend`, staff, tender, resendPost(deps));
  return router;
}
