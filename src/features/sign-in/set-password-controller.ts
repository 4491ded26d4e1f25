// A set-password link, made by an admin: the person chooses their password (once; the link then
// stops working) and goes on to sign in.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { checkPasswordLink, setPasswordWithLink, type LinkCheck } from '../../services/accounts/password-links';
import { formToken } from '../../middleware/csrf';
import { formErrors } from '../form-errors';

const view = 'pages/sign-in/set-password';

export const SetPasswordForm = z
  .object({
    password: z.string().min(12, 'Your password must be at least 12 characters. A few unrelated words work well').max(200, 'Your password must be 200 characters or fewer'),
    confirm: z.string(),
  })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'The two passwords are not the same. Type it again' });

function linkNotWorking(res: Response, link: Extract<LinkCheck, { ok: false }>): void {
  res.status(link.reason === 'unknown' ? 404 : 410).render('pages/sign-in/link-not-working', {
    pageTitle: link.reason === 'used' ? 'This link has been used' : link.reason === 'expired' ? 'This link has expired' : 'This link does not work',
    reason: link.reason,
  });
}

const token = (req: Request): string => String(req.params['token'] ?? '');

export function setPasswordGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    res.set('Cache-Control', 'no-store');
    const link = await checkPasswordLink(deps.db, token(req), deps.now());
    if (!link.ok) return linkNotWorking(res, link);
    res.render(view, { pageTitle: 'Choose your password', name: link.name, email: link.email, action: req.originalUrl, csrfToken: formToken(req) });
  };
}

export function setPasswordPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    res.set('Cache-Control', 'no-store');
    const link = await checkPasswordLink(deps.db, token(req), deps.now());
    if (!link.ok) return linkNotWorking(res, link);
    const parsed = SetPasswordForm.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).render(view, { pageTitle: 'Error: Choose your password', name: link.name, email: link.email, action: req.originalUrl, errors: formErrors(parsed.error) });
      return;
    }
    const set = await setPasswordWithLink(deps.db, token(req), parsed.data.password, deps.now());
    if (!set.ok) return linkNotWorking(res, set);
    res.redirect(303, '/sign-in?password-set=1');
  };
}
