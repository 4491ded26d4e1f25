// The account pages, for admins: the list, adding an account, and one account's page with its
// actions (role, deactivate or reactivate, a set-password link, resetting MFA).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { addAccount, changeRole, findAccount, issuePasswordLink, listAccounts, resetMfa, ROLE_LABELS, setActive, type AccountChange } from '../../services/accounts/accounts';
import type { IssuedPasswordLink } from '../../services/accounts/password-links';
import type { Actor } from '../../services/actors';
import { unfinishedTenders } from '../../services/tender-owner';
import { ACCOUNT_ROLES } from '../../services/users';
import { formErrors } from '../form-errors';
import { AccountIdParam, NewAccountForm, RoleForm } from './account-schema';

const dateText = (date: Date): string => date.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' });

function admin(res: Response): Extract<Actor, { kind: 'staff' }> {
  const actor = actorOf(res);
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw new HttpError(403);
  return actor;
}

const roleItems = (chosen: string | undefined) => ACCOUNT_ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: role === chosen }));

function accountId(req: Request): number {
  const id = AccountIdParam.safeParse(req.params['id']);
  if (!id.success) throw new HttpError(404);
  return id.data;
}

const DONE: Record<string, string> = {
  role: 'The role has been changed.',
  deactivated: 'The account has been deactivated. Its sessions have ended.',
  reactivated: 'The account has been reactivated. They can sign in again.',
  'mfa-reset': 'Their authenticator app has been removed. They will set it up again the next time they sign in.',
};

export function accountListGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    admin(res);
    const accounts = await listAccounts(deps.db);
    res.render('pages/accounts/list', { pageTitle: 'Accounts', accounts: accounts.map((a) => ({ ...a, href: `/accounts/${a.id}` })) });
  };
}

export function accountNewGet(_req: Request, res: Response): void {
  admin(res);
  res.render('pages/accounts/new', { pageTitle: 'Add an account', backHref: '/accounts', roles: roleItems(undefined), values: {} });
}

function renderLink(res: Response, name: string, link: IssuedPasswordLink, req: Request, added: boolean, accountHref: string): void {
  res.set('Cache-Control', 'no-store');
  res.render('pages/accounts/link-issued', {
    pageTitle: added ? `Account added for ${name}` : `Set-password link for ${name}`,
    added,
    name,
    url: `${req.protocol}://${req.get('host') ?? 'localhost'}${link.path}`,
    expires: dateText(link.expiresAt),
    accountHref,
  });
}

export function accountNewPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = admin(res);
    const values = req.body as Record<string, string>;
    const parsed = NewAccountForm.safeParse(values);
    const again = (errors: ReturnType<typeof formErrors>): void =>
      res.status(400).render('pages/accounts/new', { pageTitle: 'Error: Add an account', backHref: '/accounts', roles: roleItems(values['role']), values, errors });
    if (!parsed.success) return again(formErrors(parsed.error));
    const added = await addAccount(deps.db, actor, parsed.data, deps.now());
    if (!added.ok) return again(formErrors([{ field: added.field, text: added.text }]));
    renderLink(res, parsed.data.name, added.value.link, req, true, `/accounts/${added.value.id}`);
  };
}

async function renderAccount(deps: AppDeps, req: Request, res: Response, id: number, error?: { field: string; text: string }): Promise<void> {
  const actor = admin(res);
  const account = await findAccount(deps.db, id);
  if (!account) throw new HttpError(404);
  const done = typeof req.query['done'] === 'string' && Object.hasOwn(DONE, req.query['done']) ? DONE[req.query['done']] : null;
  res.status(error ? 400 : 200).render('pages/accounts/show', {
    pageTitle: `${error ? 'Error: ' : ''}${account.name}`,
    backHref: '/accounts',
    account,
    yourself: account.id === actor.id,
    roles: roleItems(account.role),
    href: `/accounts/${account.id}`,
    // A commissioner's tenders are theirs alone: deactivated or given another role, no one runs them until handed over.
    ownedTenders: (await unfinishedTenders(deps.db, account.id)).map((t) => ({ ...t, handOverHref: `/tenders/${encodeURIComponent(t.reference)}/owner` })),
    ownerCanRun: account.active && account.role === 'commissioner',
    done,
    errors: error ? formErrors([error]) : undefined,
  });
}

export function accountGet(deps: AppDeps) {
  return (req: Request, res: Response): Promise<void> => renderAccount(deps, req, res, accountId(req));
}

/** After a change: back to the account page with what was done, or the page with the problem. */
async function afterChange(deps: AppDeps, req: Request, res: Response, id: number, outcome: AccountChange<unknown> | null, done: string): Promise<void> {
  if (!outcome) throw new HttpError(404);
  if (!outcome.ok) return renderAccount(deps, req, res, id, { field: outcome.field, text: outcome.text });
  res.redirect(303, `/accounts/${id}?done=${done}`);
}

export function accountRolePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = admin(res);
    const id = accountId(req);
    const parsed = RoleForm.safeParse(req.body);
    if (!parsed.success) return renderAccount(deps, req, res, id, { field: 'role', text: 'Select what they will do' });
    await afterChange(deps, req, res, id, await changeRole(deps.db, actor, id, parsed.data.role, deps.now()), 'role');
  };
}

export function accountActivePost(deps: AppDeps, active: boolean) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = admin(res);
    const id = accountId(req);
    await afterChange(deps, req, res, id, await setActive(deps.db, actor, id, active, deps.now()), active ? 'reactivated' : 'deactivated');
  };
}

export function accountMfaResetPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = admin(res);
    const id = accountId(req);
    await afterChange(deps, req, res, id, await resetMfa(deps.db, actor, id, deps.now()), 'mfa-reset');
  };
}

export function accountPasswordLinkPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = admin(res);
    const id = accountId(req);
    const outcome = await issuePasswordLink(deps.db, actor, id, deps.now());
    if (!outcome) throw new HttpError(404);
    if (!outcome.ok) return renderAccount(deps, req, res, id, { field: outcome.field, text: outcome.text });
    const account = (await findAccount(deps.db, id))!;
    renderLink(res, account.name, outcome.value, req, false, `/accounts/${id}`);
  };
}
