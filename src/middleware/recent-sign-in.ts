// Finalising a tender and administering accounts ask for a recent sign-in: when the last one is
// older than 15 minutes, the person confirms it is them first (password and code, or a fresh
// single sign-on) and is then sent back to the page of the form, to press its button again.
import type { Request, RequestHandler } from 'express';
import { isLocalPath } from './return-to';

export const REAUTH_AFTER_MS = 15 * 60 * 1000;

/** The confirm page's address, with the local page to come back to. */
export const confirmPath = (returnTo: string): string => `/sign-in/confirm?return=${encodeURIComponent(isLocalPath(returnTo) ? returnTo : '/')}`;

/**
 * `applies` says whether this request needs it (finalising, not every move); `formPage` is the GET
 * page of the form that was sent, where the person comes back to. Runs after the role check.
 */
export function requireRecentSignIn(now: () => Date, formPage: (req: Request) => string, applies: (req: Request) => boolean = () => true): RequestHandler {
  return (req, res, next) => {
    // When the person last proved it is them, not when the session began: a single sign-on the
    // provider answered silently (its own session still live) proves nothing new.
    const authenticatedAt = req.session.authenticatedAt;
    if (!applies(req) || (authenticatedAt !== undefined && now().getTime() - authenticatedAt <= REAUTH_AFTER_MS)) {
      next();
      return;
    }
    res.redirect(303, confirmPath(formPage(req)));
  };
}
