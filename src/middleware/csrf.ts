// CSRF protection on every form (csrf-sync: synchroniser tokens kept in the session), checked
// once, globally, before any route. Every form sends the token in its body, in the `_csrf`
// field, file uploads too (their bodies are read just before this check, for the staff allowed
// to upload: middleware/uploads.ts). A token in the address is never read, so no form puts it
// there, where the browser's history would keep it. No route, multipart or not, goes unchecked.
import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

function submittedToken(req: Request): string | undefined {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.['_csrf'];
  return typeof fromBody === 'string' ? fromBody : undefined;
}

const { csrfSynchronisedProtection, generateToken } = csrfSync({ getTokenFromRequest: submittedToken });

/** Someone signed in, or holding a token already (a sign-in form they were shown). */
const holdsSession = (req: Request): boolean => req.session.userId !== undefined || req.session.memberId !== undefined || req.session.csrfToken !== undefined;

export const csrf: { protect: RequestHandler; token: RequestHandler; issue: RequestHandler } = {
  protect: csrfSynchronisedProtection,
  /**
   * The token for the page's forms. An anonymous visit gets none, so it stores no session: a
   * token would make one for every request, signed in or not. The one anonymous form, sign-in,
   * asks for its token with `issue`.
   */
  token: (req, res, next) => {
    if (holdsSession(req)) res.locals['csrfToken'] = generateToken(req);
    next();
  },
  issue: (req, res, next) => {
    res.locals['csrfToken'] = generateToken(req);
    next();
  },
};
