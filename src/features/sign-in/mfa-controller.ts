// The second step of a password sign-in: setting up an authenticator app (the first time), or a
// code from it (or a recovery code). Until then the session holds only the pending account.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { userRepository } from '../../data/user-repository';
import { checkSecondFactor, confirmTotp, newTotpSecret, totpSetUp } from '../../services/accounts/second-factor';
import { recordSignIn } from '../../services/sign-in';
import { formErrors } from '../form-errors';
import { startStaffSession } from './sessions';

/** How long the second step may take after the password. */
export const PENDING_MS = 10 * 60 * 1000;

const CodeForm = z.object({ code: z.string().trim().min(1, 'Enter the code from your authenticator app').max(40, 'Enter the 6-digit code from your authenticator app') });

async function pendingUser(deps: AppDeps, req: Request) {
  const { pendingUserId, pendingAt } = req.session;
  if (pendingUserId === undefined || pendingAt === undefined || deps.now().getTime() - pendingAt > PENDING_MS) return null;
  const user = await userRepository.findById(deps.db, pendingUserId);
  // The account's sessions ended since its password was checked (a reset, a deactivation): start again.
  if (user && user.session_generation !== (req.session.pendingGeneration ?? 0)) return null;
  return user && user.deactivated_at === null ? user : null;
}

const noStore = (res: Response): void => {
  res.set('Cache-Control', 'no-store');
};

async function renderSetUp(deps: AppDeps, req: Request, res: Response, email: string, error?: string): Promise<void> {
  const secret = (req.session.pendingTotpSecret ??= newTotpSecret());
  const setUp = await totpSetUp(secret, email);
  noStore(res);
  res.status(error ? 400 : 200).render('pages/sign-in/set-up-app', {
    pageTitle: `${error ? 'Error: ' : ''}Set up an authenticator app`,
    qrSvg: setUp.qrSvg,
    secretText: setUp.secretText,
    email,
    errors: error ? formErrors([{ field: 'code', text: error }]) : undefined,
  });
}

export function setUpGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await pendingUser(deps, req);
    if (!user) return res.redirect(303, '/sign-in');
    if (user.totp_confirmed_at !== null) return res.redirect(303, '/sign-in/code');
    await renderSetUp(deps, req, res, user.email);
  };
}

export function setUpPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await pendingUser(deps, req);
    const secret = req.session.pendingTotpSecret;
    if (!user || !secret) return res.redirect(303, '/sign-in');
    const parsed = CodeForm.safeParse(req.body);
    if (!parsed.success) return renderSetUp(deps, req, res, user.email, parsed.error.issues[0]!.message);
    const outcome = await confirmTotp(deps.db, user.id, secret, parsed.data.code, deps.now());
    if (!outcome.ok) return renderSetUp(deps, req, res, user.email, 'The code is not right. Type the 6-digit code your app shows now for this account');
    const next = await startStaffSession(req, res, user.id, deps.now(), { sessionGeneration: user.session_generation });
    await recordSignIn(deps.db, user.id, 'password+totp', deps.now());
    noStore(res);
    // Shown once, on this response only: the codes are stored only as hashes.
    res.render('pages/sign-in/recovery-codes', { pageTitle: 'Save your recovery codes', codes: outcome.recoveryCodes, next, signedIn: false });
  };
}

function renderCode(res: Response, error?: string): void {
  noStore(res);
  res.status(error ? 400 : 200).render('pages/sign-in/code', {
    pageTitle: `${error ? 'Error: ' : ''}Enter the code from your authenticator app`,
    errors: error ? formErrors([{ field: 'code', text: error }]) : undefined,
  });
}

export function codeGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await pendingUser(deps, req);
    if (!user) return res.redirect(303, '/sign-in');
    if (user.totp_confirmed_at === null) return res.redirect(303, '/sign-in/set-up-app');
    renderCode(res);
  };
}

export function codePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await pendingUser(deps, req);
    if (!user) return res.redirect(303, '/sign-in');
    const parsed = CodeForm.safeParse(req.body);
    if (!parsed.success) return renderCode(res, parsed.error.issues[0]!.message);
    const checked = await checkSecondFactor(deps.db, user.id, parsed.data.code, deps.now());
    if (!checked.ok) {
      return renderCode(
        res,
        checked.reason === 'used'
          ? 'That code has been used already. Wait for your app to show a new code, then type it'
          : 'The code is not right. Type the 6-digit code your app shows now, or one of your recovery codes',
      );
    }
    const next = await startStaffSession(req, res, user.id, deps.now(), { sessionGeneration: user.session_generation });
    await recordSignIn(deps.db, user.id, checked.method === 'totp' ? 'password+totp' : 'password+recovery-code', deps.now());
    res.redirect(303, next);
  };
}
