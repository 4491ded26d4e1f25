// Invitation links: panel members sign in with them (/invite/:token) or with the short code from
// their letter (/code), and land on /panel; commissioners and facilitators make and stop links,
// and print invitation letters, for the members of a tender they can see.
import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { formSessionLimit } from '../../middleware/form-sessions';
import { sharedRateLimit } from '../../middleware/rate-limit-store';
import { tenderAccess } from '../../middleware/tender-access';
import { codeGet, codePost } from './code-controller';
import { letterPost } from './letter-controller';
import { invitationGet, invitationIssuePost, invitationRevokePost, inviteGet, invitePost, panelHomeGet } from './invitation-controller';

const WINDOW_MS = 15 * 60 * 1000;

export function invitationRoutes(deps: AppDeps): Router {
  const router = Router();
  // 30 links or codes that do not work per 15 minutes from one address (one count for both), to
  // stop guessing. Links and codes that work (a redirect) do not count, so a shared office
  // connection is not locked out. Counted in the database, across every instance of the app.
  const tooMany: RequestHandler = (_req, res) => {
    res.status(429).render('pages/invitations/too-many', { pageTitle: 'Too many tries' });
  };
  const perAddress = sharedRateLimit(deps.db, 'invitation-address', { windowMs: WINDOW_MS, limit: 30, standardHeaders: 'draft-8', legacyHeaders: false, skipSuccessfulRequests: true, handler: tooMany });
  const inviters = requireStaff('commissioner', 'facilitator');
  const member = '/tenders/:reference/panel/:memberKey/invitation';

  router.get('/invite/:token', perAddress, inviteGet(deps));
  router.post('/invite/:token', perAddress, invitePost(deps));
  // The code form is the one panel form shown before anyone is signed in: it asks for its token
  // as it is shown (code-controller.ts), and the new sessions that stores are limited per address.
  router.get('/code', formSessionLimit(deps.db), codeGet());
  router.post('/code', perAddress, codePost(deps));
  router.get('/panel', panelHomeGet(deps));
  router.get(member, inviters, tenderAccess(deps.db), invitationGet(deps));
  router.post(member, inviters, tenderAccess(deps.db), invitationIssuePost(deps));
  router.post(`${member}/revoke`, inviters, tenderAccess(deps.db), invitationRevokePost(deps));
  router.post(`${member}/letter`, inviters, tenderAccess(deps.db), letterPost(deps));
  return router;
}
