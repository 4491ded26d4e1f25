import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { formToken } from '../../middleware/csrf';
import { HttpError } from '../../middleware/errors';
import { authenticate } from '../../services/sign-in';
import type { OidcProvider } from '../../services/sso/oidc';
import { formErrors } from '../form-errors';
import { regenerate } from './sessions';
import { SignInForm } from './sign-in-schema';

const view = 'pages/sign-in/sign-in';

export function signInGet(deps: AppDeps) {
  return (req: Request, res: Response): void => {
    // The password form's token, only when there is a password form (single sign-on alone has none;
    // someone signed in has theirs already, for the sign-out button).
    const token = deps.config.localPasswords ? { csrfToken: formToken(req) } : {};
    res.render(view, { pageTitle: 'Sign in', passwordSet: req.query['password-set'] === '1', sso: deps.config.oidc !== null, localPasswords: deps.config.localPasswords, ...token });
  };
}

/** The password is checked first; the session then waits for the second factor (not signed in yet). */
export function signInPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    // With LOCAL_PASSWORDS=off, staff sign in only through their organisation.
    if (!deps.config.localPasswords) throw new HttpError(404);
    const parsed = SignInForm.safeParse(req.body);
    const email = typeof req.body?.email === 'string' ? req.body.email : '';
    const page = { sso: deps.config.oidc !== null, localPasswords: true, email };
    if (!parsed.success) {
      res.status(400).render(view, { pageTitle: 'Error: Sign in', ...page, errors: formErrors(parsed.error) });
      return;
    }
    const user = await authenticate(deps.db, parsed.data.email, parsed.data.password);
    if (!user) {
      const errors = formErrors([{ field: 'email', text: 'The email address or password is not right. Check them and try again.' }]);
      res.status(400).render(view, { pageTitle: 'Error: Sign in', ...page, errors });
      return;
    }
    // Where to go afterwards stays in its own cookie (middleware/return-to.ts) until the second factor.
    await regenerate(req);
    req.session.pendingUserId = user.id;
    req.session.pendingAt = deps.now().getTime();
    req.session.pendingGeneration = user.sessionGeneration;
    res.redirect(303, user.mfaSetUp ? '/sign-in/code' : '/sign-in/set-up-app');
  };
}

/** Ends the session on the server; after single sign-on, offers the provider's sign-out too. */
export function signOutPost(provider: OidcProvider | null) {
  return async (req: Request, res: Response): Promise<void> => {
    const idToken = req.session.oidcIdToken;
    const endSessionUrl = idToken && provider ? await provider.endSessionUrl(idToken).catch(() => null) : null;
    await new Promise<void>((resolve, reject) => req.session.destroy((e) => (e ? reject(e) : resolve())));
    res.clearCookie('session');
    res.clearCookie('__Host-session');
    if (endSessionUrl) {
      res.set('Cache-Control', 'no-store');
      res.render('pages/sign-in/signed-out', { pageTitle: 'You have signed out', endSessionUrl, signedIn: false });
      return;
    }
    res.redirect(303, '/sign-in?signed-out=1');
  };
}
