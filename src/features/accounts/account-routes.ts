// Account administration: admins only (every other signed-in person gets 403).
import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { accountActivePost, accountGet, accountListGet, accountMfaResetPost, accountNewGet, accountNewPost, accountPasswordLinkPost, accountRolePost } from './account-controller';

export function accountRoutes(deps: AppDeps): Router {
  const router = Router();
  const admin = requireStaff('admin');
  router.get('/accounts', admin, accountListGet(deps));
  router.get('/accounts/new', admin, accountNewGet);
  router.post('/accounts/new', admin, accountNewPost(deps));
  router.get('/accounts/:id', admin, accountGet(deps));
  router.post('/accounts/:id/role', admin, accountRolePost(deps));
  router.post('/accounts/:id/deactivate', admin, accountActivePost(deps, false));
  router.post('/accounts/:id/reactivate', admin, accountActivePost(deps, true));
  router.post('/accounts/:id/password-link', admin, accountPasswordLinkPost(deps));
  router.post('/accounts/:id/mfa-reset', admin, accountMfaResetPost(deps));
  return router;
}
