// Single sign-on: off to the organisation's identity provider, and back. Every refusal is a plain
// page, and every refusal of a sign-in that was started here an audit event; the person is never
// signed in half-way. A callback with no sign-in in progress (sent again, too late, from another
// browser, or by anyone at all) is the plain page only: nothing was started, so there is nothing
// to audit, and audit events are kept for ever, so anyone could otherwise add them without limit.
// Starts are limited per address (sign-in-routes.ts), and each allows one callback, so the audited
// refusals are limited with them.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { AUDIT_ONLY, writeTransaction } from '../../data/write-transaction';
import { HttpError } from '../../middleware/errors';
import { recordEvent } from '../../services/audit';
import { ssoAccount, type OidcProvider } from '../../services/sso/oidc';
import { confirmed } from './confirm-controller';
import { startStaffSession } from './sessions';
import { startAtProvider } from './sso-start';

const REFUSALS: Record<string, { status: number; text: string }> = {
  'unknown-email': { status: 403, text: 'There is no account for the email address your organisation gave. Ask the person who looks after accounts to add one for you.' },
  deactivated: { status: 403, text: 'Your account has been deactivated. Ask the person who looks after accounts if you think this is wrong.' },
  'unverified-email': { status: 403, text: 'Your organisation did not confirm your email address, so we cannot tell which account is yours. Ask your IT team.' },
  'failed-check': { status: 400, text: 'Signing in with your organisation’s account did not work: the answer we got back could not be checked. Start again.' },
  'no-login': { status: 400, text: 'Signing in took too long, or was started in another browser window. Start again.' },
};

/** The claim a failed check names, found in the error's causes (openid-client wraps oauth4webapi's). */
function failedClaim(error: unknown): string | null {
  let at: unknown = error;
  for (let depth = 0; depth < 4 && typeof at === 'object' && at !== null; depth++) {
    if ('claim' in at && typeof at.claim === 'string') return at.claim;
    at = 'cause' in at ? at.cause : null;
  }
  return null;
}

/**
 * What failed, in the words of the error and its causes (openid-client's own message is general),
 * with the provider's OAuth error code where it answered with one (invalid_grant: a used code).
 */
function failureOf(error: unknown): string {
  const messages: string[] = [];
  let at: unknown = error;
  for (let depth = 0; depth < 4 && at instanceof Error; depth++) {
    if (!messages.includes(at.message)) messages.push(at.message);
    if ('error' in at && typeof at.error === 'string') messages.push(at.error);
    at = at.cause;
  }
  return messages.length > 0 ? messages.join(': ').slice(0, 200) : 'unknown';
}

function refused(res: Response, reason: string): void {
  const refusal = REFUSALS[reason] ?? REFUSALS['failed-check']!;
  res.status(refusal.status).render('pages/sign-in/sso-refused', { pageTitle: 'You could not be signed in', text: refusal.text, signedIn: false });
}

export function ssoStartGet(deps: AppDeps, provider: OidcProvider | null) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!provider) throw new HttpError(404);
    const started = await startAtProvider(deps, provider, res, false, '/sign-in/sso');
    if (!started) return;
    req.session.oidcLogin = started.login;
    res.redirect(303, started.url);
  };
}

export function ssoCallbackGet(deps: AppDeps, provider: OidcProvider | null) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!provider || !deps.config.oidc) throw new HttpError(404);
    res.set('Cache-Control', 'no-store');
    const login = req.session.oidcLogin;
    const reauthUserId = req.session.reauthUserId;
    // One try per login: a code or state sent again finds nothing to check against.
    delete req.session.oidcLogin;
    delete req.session.reauthUserId;
    if (!login) return refused(res, 'no-login');
    let finished: Awaited<ReturnType<OidcProvider['finish']>>;
    try {
      finished = await provider.finish(req.originalUrl, login);
    } catch (error) {
      // A token's claims that failed name the claim (exp: expired, nonce, iat, auth_time…).
      const claim = failedClaim(error);
      const detail = { reason: 'failed-check', error: failureOf(error), ...(claim ? { claim } : {}) };
      await writeTransaction(deps.db, AUDIT_ONLY, (trx) => recordEvent(trx, { actor: 'sso', action: 'user.sso-refused', tender: null, detail }, deps.now()));
      return refused(res, 'failed-check');
    }
    const account = await ssoAccount(deps.db, deps.config.oidc, finished.claims, deps.now());
    if (!account.ok) return refused(res, account.reason);
    // A recent sign-in is when the person signed in at the provider (the ID token's auth_time), not
    // now: a provider whose own session is still live answers without asking them anything.
    const authenticatedAt = finished.signedInSecondsAgo === null ? null : deps.now().getTime() - finished.signedInSecondsAgo * 1000;
    const next = await startStaffSession(req, res, account.userId, deps.now(), { sessionGeneration: account.sessionGeneration, oidcIdToken: finished.idToken, authenticatedAt });
    if (reauthUserId === account.userId) await confirmed(deps, account.userId, 'sso');
    res.redirect(303, next);
  };
}
