// Confirming it is you before finalising a tender or changing accounts, when the last sign-in is
// older than 15 minutes: the password and a code (local accounts), or a fresh single sign-on.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { userRepository } from '../../data/user-repository';
import { AUDIT_ONLY, writeTransaction } from '../../data/write-transaction';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { isLocalPath, rememberReturnTo } from '../../middleware/return-to';
import { recordEvent } from '../../services/audit';
import { checkSecondFactor } from '../../services/accounts/second-factor';
import { authenticate } from '../../services/sign-in';
import type { OidcProvider } from '../../services/sso/oidc';
import { formErrors, type FormErrors } from '../form-errors';
import { regenerate } from './sessions';
import { startAtProvider } from './sso-start';

const ConfirmForm = z.object({
  password: z.string().min(1, 'Enter your password'),
  code: z.string().trim().min(1, 'Enter the code from your authenticator app').max(40, 'Enter the 6-digit code from your authenticator app'),
});

const returnPath = (value: unknown): string => (typeof value === 'string' && isLocalPath(value) ? value : '/');

async function signedInUser(deps: AppDeps, req: Request, res: Response) {
  if (actorOf(res).kind !== 'staff' || req.session.userId === undefined) return null;
  const user = await userRepository.findById(deps.db, req.session.userId);
  return user && user.deactivated_at === null ? user : null;
}

function render(req: Request, res: Response, returnTo: string, errors?: FormErrors): void {
  res.set('Cache-Control', 'no-store');
  res.status(errors ? 400 : 200).render('pages/sign-in/confirm', {
    pageTitle: `${errors ? 'Error: ' : ''}Confirm it is you`,
    returnTo,
    returnQuery: encodeURIComponent(returnTo),
    sso: req.session.oidcIdToken !== undefined,
    errors,
  });
}

/** Remembers which factor was wrong, so a paused confirmation can say which in plain words. */
function rememberWrong(req: Request, factor: 'password' | 'code'): void {
  const wrong = req.session.confirmWrong ?? [];
  if (!wrong.includes(factor)) req.session.confirmWrong = [...wrong, factor];
}

const WRONG_WORDS: Record<string, string> = {
  password: 'the password you typed was not right',
  code: 'the code you typed was not right',
  'code,password': 'the password or the code you typed was not right',
};

/** The page once 5 tries have failed: what was wrong, in plain words, and what to do now. */
export function confirmPausedPage(req: Request, res: Response): void {
  const wrong = [...(req.session.confirmWrong ?? [])].sort();
  const body = (req.body ?? {}) as Record<string, unknown>;
  res.set('Cache-Control', 'no-store');
  res.status(429).render('pages/sign-in/too-many-confirms', {
    pageTitle: 'Too many wrong tries to confirm it is you',
    wrongWords: WRONG_WORDS[wrong.join(',')] ?? 'the password or the code you typed was not right',
    password: wrong.length === 0 || wrong.includes('password'),
    code: wrong.length === 0 || wrong.includes('code'),
    returnTo: returnPath(body['return']),
  });
}

/** Records the confirmation on the system chain, with a new session id and sign-in time. */
export async function confirmed(deps: AppDeps, userId: number, method: string): Promise<void> {
  const user = await userRepository.findById(deps.db, userId);
  if (!user) return;
  await writeTransaction(deps.db, AUDIT_ONLY, (trx) => recordEvent(trx, { actor: `${user.role}:${user.email}`, action: 'user.reauthenticated', tender: null, detail: { method } }, deps.now()));
}

export function confirmGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!(await signedInUser(deps, req, res))) return res.redirect(303, '/sign-in');
    render(req, res, returnPath(req.query['return']));
  };
}

export function confirmPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await signedInUser(deps, req, res);
    if (!user) return res.redirect(303, '/sign-in');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const returnTo = returnPath(body['return']);
    const parsed = ConfirmForm.safeParse(body);
    if (!parsed.success) return render(req, res, returnTo, formErrors(parsed.error));
    const checked = await authenticate(deps.db, user.email, parsed.data.password);
    if (!checked) {
      rememberWrong(req, 'password');
      return render(req, res, returnTo, formErrors([{ field: 'password', text: 'The password is not right. Type the password you sign in with' }]));
    }
    const code = await checkSecondFactor(deps.db, user.id, parsed.data.code, deps.now());
    if (!code.ok) {
      rememberWrong(req, 'code');
      const text = code.reason === 'used' ? 'That code has been used already. Wait for your app to show a new code, then type it' : 'The code is not right. Type the 6-digit code your app shows now, or one of your recovery codes';
      return render(req, res, returnTo, formErrors([{ field: 'code', text }]));
    }
    await regenerate(req);
    req.session.userId = user.id;
    req.session.sessionGeneration = user.session_generation;
    req.session.signedInAt = deps.now().getTime();
    req.session.authenticatedAt = deps.now().getTime();
    await confirmed(deps, user.id, code.method === 'totp' ? 'password+totp' : 'password+recovery-code');
    res.redirect(303, returnTo);
  };
}

/** A fresh login at the organisation's provider (it asks again, whatever its own session). */
export function confirmSsoGet(deps: AppDeps, provider: OidcProvider | null) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!provider) throw new HttpError(404);
    const user = await signedInUser(deps, req, res);
    if (!user) return res.redirect(303, '/sign-in');
    const returnTo = returnPath(req.query['return']);
    const started = await startAtProvider(deps, provider, res, true, `/sign-in/confirm?return=${encodeURIComponent(returnTo)}`);
    if (!started) return;
    rememberReturnTo(req, res, returnTo);
    req.session.oidcLogin = started.login;
    req.session.reauthUserId = user.id;
    res.redirect(303, started.url);
  };
}
