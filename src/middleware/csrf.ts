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

/**
 * Someone signed in, half-way through signing in (a password typed, the code still to come), or
 * holding a token already (a sign-in form they were shown).
 */
const holdsSession = (req: Request): boolean =>
  req.session.userId !== undefined || req.session.memberId !== undefined || req.session.pendingUserId !== undefined || req.session.csrfToken !== undefined;

export const csrf: { protect: RequestHandler; token: RequestHandler } = {
  protect: csrfSynchronisedProtection,
  /**
   * The token for the page's forms. An anonymous visit gets none, so it stores no session: a
   * token would make one for every request, signed in or not. The forms shown to someone not
   * signed in (sign-in, the panel's code, a set-password link) ask for theirs with `formToken`.
   */
  token: (req, res, next) => {
    if (holdsSession(req)) res.locals['csrfToken'] = generateToken(req);
    next();
  },
};

/**
 * The token for a form shown to someone not signed in, asked for as the form is rendered: making
 * it stores a session, so it is made only when the form is shown (never for a redirect, a 404 or a
 * refusal, which show none) and never for a HEAD request, whose page no one sees.
 */
export function formToken(req: Request): string {
  return req.method === 'HEAD' ? '' : generateToken(req);
}
