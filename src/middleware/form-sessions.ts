// The forms shown before anyone is signed in (staff sign-in and the panel's code) store a session
// for their CSRF token: the one thing an anonymous visit stores. One address makes at most
// FORM_SESSIONS_PER_WINDOW such new sessions in FORM_SESSIONS_WINDOW_MS (counted in the database,
// one count for both forms, shared by every instance), so an anonymous client cannot fill the
// sessions table by asking for the page again and again. Only a visit that would make a new
// session counts: a browser keeps its cookie, so opening the page again, a wrong password or a
// signed-in person never counts, and a whole office opening the page at nine o'clock (one new
// session per browser) stays far below the limit. Beyond it the page says to wait.
import type { RequestHandler } from 'express';
import type { Db } from '../data/database';
import { sharedRateLimit } from './rate-limit-store';

export const FORM_SESSIONS_WINDOW_MS = 15 * 60 * 1000;
/** New sessions for an anonymous form's token, per address and window. */
export const FORM_SESSIONS_PER_WINDOW = 100;

/** True when showing a form would store a new session: not for HEAD, nor a session holding anything already. */
const makesSession = (method: string, session: Record<string, unknown>): boolean =>
  method !== 'HEAD' && !Object.keys(session).some((k) => k !== 'cookie');

export function formSessionLimit(db: Db): RequestHandler {
  return sharedRateLimit(db, 'form-sessions', {
    windowMs: FORM_SESSIONS_WINDOW_MS,
    limit: FORM_SESSIONS_PER_WINDOW,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => !makesSession(req.method, req.session as unknown as Record<string, unknown>),
    handler: (_req, res) => {
      res.set('Cache-Control', 'no-store');
      res.status(429).render('pages/errors/too-many-visits', { pageTitle: 'Too many visits from your connection' });
    },
  });
}
