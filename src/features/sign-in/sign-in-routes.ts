import { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppDeps } from '../../app';
import { csrf } from '../../middleware/csrf';
import { setPasswordGet, setPasswordPost } from './set-password-controller';
import { signInGet, signInPost, signOutPost } from './sign-in-controller';

const WINDOW_MS = 15 * 60 * 1000;

export function signInRoutes(deps: AppDeps): Router {
  const router = Router();
  // Ten failed tries per 15 minutes from one address, and ten for one account from anywhere.
  // Only failures count (a sign-in that works is a redirect): a whole office signing in from one
  // address is never paused by its own successful sign-ins.
  const tooMany: RequestHandler = (_req, res) => {
    res.status(429).render('pages/errors/429', { pageTitle: 'Too many tries to sign in' });
  };
  const perAddress = rateLimit({ windowMs: WINDOW_MS, limit: 10, standardHeaders: 'draft-8', legacyHeaders: false, skipSuccessfulRequests: true, handler: tooMany });
  const perAccount = rateLimit({
    windowMs: WINDOW_MS,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: tooMany,
    keyGenerator: (req) => `account:${String((req.body as Record<string, unknown> | undefined)?.['email'] ?? '').trim().toLowerCase()}`,
  });
  router.get('/sign-in', csrf.issue, signInGet);
  router.post('/sign-in', perAddress, perAccount, signInPost(deps));
  router.post('/sign-out', signOutPost);
  router.get('/set-password/:token', csrf.issue, setPasswordGet(deps));
  router.post('/set-password/:token', perAddress, setPasswordPost(deps));
  return router;
}
