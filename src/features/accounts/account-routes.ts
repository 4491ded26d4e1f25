// Account administration: admins only (every other signed-in person gets 403).
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { requireRecentSignIn } from '../../middleware/recent-sign-in';
import { accountActivePost, accountGet, accountListGet, accountMfaResetPost, accountNewGet, accountNewPost, accountPasswordLinkPost, accountRolePost } from './account-controller';

export function accountRoutes(deps: AppDeps): Router {
  const router = Router();
  // Every change asks for a sign-in in the last 15 minutes; the form's page is shown again after.
  const recent = requireRecentSignIn(deps.now, (req) => (req.path === '/accounts/new' ? '/accounts/new' : `/accounts/${encodeURIComponent(String(req.params['id']))}`));
  const admin = requireStaff('admin');
  router.get('/accounts', admin, accountListGet(deps));
  router.get('/accounts/new', admin, accountNewGet);
  router.post('/accounts/new', admin, recent, accountNewPost(deps));
  router.get('/accounts/:id', admin, accountGet(deps));
  router.post('/accounts/:id/role', admin, recent, accountRolePost(deps));
  router.post('/accounts/:id/deactivate', admin, recent, accountActivePost(deps, false));
  router.post('/accounts/:id/reactivate', admin, recent, accountActivePost(deps, true));
  router.post('/accounts/:id/password-link', admin, recent, accountPasswordLinkPost(deps));
  router.post('/accounts/:id/mfa-reset', admin, recent, accountMfaResetPost(deps));
  return router;
}
