import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { formSessionLimit } from '../../middleware/form-sessions';
import { sharedRateLimit } from '../../middleware/rate-limit-store';
import { confirmGet, confirmPausedPage, confirmPost, confirmSsoGet } from './confirm-controller';
import { codeGet, codePost, setUpGet, setUpPost } from './mfa-controller';
import { setPasswordGet, setPasswordPost } from './set-password-controller';
import { oidcProvider } from '../../services/sso/oidc';
import { signInGet, signInPost, signOutPost } from './sign-in-controller';
import { ssoCallbackGet, ssoStartGet } from './sso-controller';

const WINDOW_MS = 15 * 60 * 1000;

export function signInRoutes(deps: AppDeps): Router {
  const router = Router();
  // Ten failed tries per 15 minutes from one address, and ten for one account from anywhere.
  // Only failures count (a sign-in that works is a redirect): a whole office signing in from one
  // address is never paused by its own successful sign-ins. The counts are kept in the database,
  // shared by every instance of the app.
  const tooMany: RequestHandler = (_req, res) => {
    res.status(429).render('pages/errors/429', { pageTitle: 'Too many tries to sign in' });
  };
  const perAddress = sharedRateLimit(deps.db, 'sign-in-address', { windowMs: WINDOW_MS, limit: 10, standardHeaders: 'draft-8', legacyHeaders: false, skipSuccessfulRequests: true, handler: tooMany });
  const perAccount = sharedRateLimit(deps.db, 'sign-in-account', {
    windowMs: WINDOW_MS,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: tooMany,
    keyGenerator: (req) => `account:${String((req.body as Record<string, unknown> | undefined)?.['email'] ?? '').trim().toLowerCase()}`,
  });
  // Codes from an authenticator app: 5 wrong ones per 15 minutes for one account (a code has a
  // million values, so guessing needs far more), and the address limit above. Right ones do not count.
  const tooManyCodes: RequestHandler = (_req, res) => {
    res.status(429).render('pages/sign-in/too-many-codes', { pageTitle: 'Too many wrong codes' });
  };
  const perPendingAccount = sharedRateLimit(deps.db, 'sign-in-code', {
    windowMs: WINDOW_MS,
    limit: 5,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: tooManyCodes,
    keyGenerator: (req) => `code:${String(req.session.pendingUserId ?? 'none')}`,
  });
  const provider = deps.config.oidc ? oidcProvider(deps.config.oidc, { clockSkewSeconds: deps.ssoClockSkewSeconds }) : null;
  // Starting single sign-on stores the login in flight (state, nonce, PKCE verifier) in a session
  // before anyone is known: at most 20 starts per 15 minutes from one address, so an anonymous
  // client cannot fill the sessions table. A person needs one or two.
  const ssoStarts = sharedRateLimit(deps.db, 'sso-start', { windowMs: WINDOW_MS, limit: 20, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooMany });
  // The password form's token stores a session: new ones are limited per address (form-sessions.ts).
  // Single sign-on alone shows no form, so stores nothing.
  if (deps.config.localPasswords) router.get('/sign-in', formSessionLimit(deps.db), signInGet(deps));
  else router.get('/sign-in', signInGet(deps));
  router.get('/sign-in/sso', ssoStarts, ssoStartGet(deps, provider));
  router.get('/sign-in/sso/callback', ssoCallbackGet(deps, provider));
  router.get('/sign-in/set-up-app', setUpGet(deps));
  router.post('/sign-in/set-up-app', perAddress, perPendingAccount, setUpPost(deps));
  router.get('/sign-in/code', codeGet(deps));
  router.post('/sign-in/code', perAddress, perPendingAccount, codePost(deps));
  router.post('/sign-in', perAddress, perAccount, signInPost(deps));
  router.post('/sign-out', signOutPost(provider));
  // Confirming it is you (finalising, account administration): wrong tries limited like codes,
  // with a page that says which factor was wrong (a password or a code).
  const perSignedInAccount = sharedRateLimit(deps.db, 'sign-in-confirm', {
    windowMs: WINDOW_MS,
    limit: 5,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: confirmPausedPage,
    keyGenerator: (req) => `confirm:${String(req.session.userId ?? 'none')}`,
  });
  router.get('/sign-in/confirm', confirmGet(deps));
  router.post('/sign-in/confirm', perAddress, perSignedInAccount, confirmPost(deps));
  router.get('/sign-in/confirm/sso', confirmSsoGet(deps, provider));
  router.get('/set-password/:token', setPasswordGet(deps));
  router.post('/set-password/:token', perAddress, setPasswordPost(deps));
  return router;
}
