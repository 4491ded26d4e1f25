import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { authenticate } from '../../services/sign-in';
import { formErrors } from '../form-errors';
import { regenerate } from './sessions';
import { SignInForm } from './sign-in-schema';

const view = 'pages/sign-in/sign-in';

export function signInGet(req: Request, res: Response): void {
  res.render(view, { pageTitle: 'Sign in', passwordSet: req.query['password-set'] === '1' });
}

/** The password is checked first; the session then waits for the second factor (not signed in yet). */
export function signInPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = SignInForm.safeParse(req.body);
    const email = typeof req.body?.email === 'string' ? req.body.email : '';
    if (!parsed.success) {
      res.status(400).render(view, { pageTitle: 'Error: Sign in', email, errors: formErrors(parsed.error) });
      return;
    }
    const user = await authenticate(deps.db, parsed.data.email, parsed.data.password);
    if (!user) {
      const errors = formErrors([{ field: 'email', text: 'The email address or password is not right. Check them and try again.' }]);
      res.status(400).render(view, { pageTitle: 'Error: Sign in', email, errors });
      return;
    }
    const returnTo = req.session.returnTo;
    await regenerate(req);
    req.session.pendingUserId = user.id;
    req.session.pendingAt = deps.now().getTime();
    if (returnTo) req.session.returnTo = returnTo;
    res.redirect(303, user.mfaSetUp ? '/sign-in/code' : '/sign-in/set-up-app');
  };
}

export async function signOutPost(req: Request, res: Response): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.destroy((e) => (e ? reject(e) : resolve())));
  res.clearCookie('session');
  res.clearCookie('__Host-session');
  res.redirect(303, '/sign-in?signed-out=1');
}
