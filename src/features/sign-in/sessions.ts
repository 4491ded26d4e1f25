// Session steps shared by the ways of signing in.
import type { Request, Response } from 'express';
import { takeReturnTo } from '../../middleware/return-to';

/** A new session id (and an empty session), so an id known before cannot be used after. */
export const regenerate = (req: Request): Promise<void> => new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));

/**
 * Signs a staff account in, in a new session; returns where to go next. `sessionGeneration`: the
 * account's session count when this sign-in began (its password was checked, or the provider
 * answered); the session works while the account's count stays the same. `authenticatedAt`: when
 * the person proved it is them (by default now, as after a password and code); null when that is
 * not known (a single sign-on whose ID token has no auth_time), so it is not a recent sign-in.
 */
export async function startStaffSession(req: Request, res: Response, userId: number, now: Date, extra: { sessionGeneration: number; oidcIdToken?: string; authenticatedAt?: number | null }): Promise<string> {
  const returnTo = takeReturnTo(req, res);
  await regenerate(req);
  req.session.userId = userId;
  req.session.sessionGeneration = extra.sessionGeneration;
  req.session.signedInAt = now.getTime();
  const authenticatedAt = extra.authenticatedAt === undefined ? now.getTime() : extra.authenticatedAt;
  if (authenticatedAt !== null) req.session.authenticatedAt = Math.min(authenticatedAt, now.getTime());
  if (extra.oidcIdToken) req.session.oidcIdToken = extra.oidcIdToken;
  return returnTo ?? '/';
}
