// Account administration by an admin: add, change role, deactivate and reactivate, set-password
// links and MFA resets. Each change is one transaction with its event on the audit chain (system
// events: no tender). An admin never changes their own role or deactivates themselves, so the
// last admin cannot lock everyone out.
import { z } from 'zod';
import type { Db } from '../../data/database';
import { passwordLinkRepository } from '../../data/password-link-repository';
import { recoveryCodeRepository } from '../../data/recovery-code-repository';
import { unlessTaken, UNIQUE_KEYS } from '../../data/unique-violation';
import { userRepository } from '../../data/user-repository';
import type { UserRow } from '../../data/schema';
import { ADMIN_RULE, writeTransaction } from '../../data/write-transaction';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { ACCOUNT_ROLES } from '../users';
import { endAccountSessions } from './account-sessions';
import { actingAdminRefusal } from './admin-rule';
import { makePasswordLink, type IssuedPasswordLink } from './password-links';

type Admin = Extract<Actor, { kind: 'staff' }>;

export const ROLE_LABELS: Record<(typeof ACCOUNT_ROLES)[number], string> = {
  commissioner: 'Commissioner',
  procurement: 'Procurement',
  facilitator: 'Facilitator',
  admin: 'Admin (looks after accounts)',
};

export interface AccountSummary {
  id: number;
  email: string;
  name: string;
  role: UserRow['role'];
  roleLabel: string;
  active: boolean;
  hasPassword: boolean;
  mfaSetUp: boolean;
}

const summary = (u: UserRow): AccountSummary => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  roleLabel: ROLE_LABELS[u.role],
  active: u.deactivated_at === null,
  hasPassword: u.password_hash !== '',
  mfaSetUp: u.totp_confirmed_at !== null,
});

export async function listAccounts(db: Db): Promise<AccountSummary[]> {
  return (await userRepository.list(db)).map(summary);
}

export async function findAccount(db: Db, id: number): Promise<AccountSummary | null> {
  const user = await userRepository.findById(db, id);
  return user ? summary(user) : null;
}

export const NewAccountForm = z.object({
  name: z.string().trim().min(1, 'Enter the person’s full name').max(200, 'The name must be 200 characters or fewer'),
  email: z.string().trim().min(1, 'Enter their email address').max(320, 'The email address must be 320 characters or fewer').email('Enter an email address in the right format, like name@council.gov.uk'),
  role: z.enum(ACCOUNT_ROLES, { error: 'Select what they will do' }),
});

export type AccountChange<T> = { ok: true; value: T } | { ok: false; field: string; text: string };

/** Adds an account with no password yet, and makes its set-password link. */
export async function addAccount(db: Db, admin: Admin, input: z.infer<typeof NewAccountForm>, now: Date): Promise<AccountChange<{ id: number; link: IssuedPasswordLink }>> {
  const email = input.email.toLowerCase();
  const taken = () => ({ ok: false, field: 'email', text: `${email} already has an account. Find it in the list of accounts` }) as const;
  return unlessTaken(UNIQUE_KEYS.userEmail, taken, () => writeTransaction(db, [{ email }], async (trx) => {
    if (await userRepository.findByEmail(trx, email)) return taken();
    const id = await userRepository.insert(trx, { email, name: input.name, role: input.role, password_hash: '', created_at: now.toISOString() });
    const link = await makePasswordLink(trx, id, actorLabel(admin), now);
    await recordEvent(trx, { actor: actorLabel(admin), action: 'account.added', tender: null, detail: { account: email, role: input.role } }, now);
    return { ok: true, value: { id, link } } as const;
  }));
}

const notYourself = (admin: Admin, id: number, doing: string): AccountChange<never> | null =>
  admin.id === id ? { ok: false, field: 'form', text: `You cannot ${doing} your own account. Ask another admin` } : null;

/** The acting admin, read again inside the transaction: refused unless still an active admin. */
async function stillAdmin(trx: Parameters<typeof actingAdminRefusal>[0], admin: Admin): Promise<AccountChange<never> | null> {
  const text = await actingAdminRefusal(trx, admin.id);
  return text ? { ok: false, field: 'form', text } : null;
}

export async function changeRole(db: Db, admin: Admin, id: number, role: UserRow['role'], now: Date): Promise<AccountChange<null> | null> {
  return writeTransaction(db, [{ user: id }, ADMIN_RULE], async (trx) => {
    const user = await userRepository.findById(trx, id);
    if (!user) return null;
    const refused = notYourself(admin, id, 'change the role of') ?? (await stillAdmin(trx, admin));
    if (refused) return refused;
    if (user.role === role) return { ok: true, value: null } as const;
    await userRepository.update(trx, id, { role });
    await recordEvent(trx, { actor: actorLabel(admin), action: 'account.role-changed', tender: null, detail: { account: user.email, from: user.role, to: role } }, now);
    return { ok: true, value: null } as const;
  });
}

/** Deactivating ends the account's sessions and unused set-password links in the same transaction; reactivating signs no one in. */
export async function setActive(db: Db, admin: Admin, id: number, active: boolean, now: Date): Promise<AccountChange<null> | null> {
  return writeTransaction(db, [{ user: id }, ADMIN_RULE], async (trx) => {
    const user = await userRepository.findById(trx, id);
    if (!user) return null;
    const refused = (active ? null : notYourself(admin, id, 'deactivate')) ?? (await stillAdmin(trx, admin));
    if (refused) return refused;
    if ((user.deactivated_at === null) === active) return { ok: true, value: null } as const;
    await userRepository.update(trx, id, { deactivated_at: active ? null : now.toISOString() });
    if (!active) await endAccountSessions(trx, id);
    // An unused set-password link ends with the account: reactivating must not bring it back.
    if (!active) await passwordLinkRepository.expireUnused(trx, id, now.toISOString());
    await recordEvent(trx, { actor: actorLabel(admin), action: active ? 'account.reactivated' : 'account.deactivated', tender: null, detail: { account: user.email } }, now);
    return { ok: true, value: null } as const;
  });
}

export async function issuePasswordLink(db: Db, admin: Admin, id: number, now: Date): Promise<AccountChange<IssuedPasswordLink> | null> {
  return writeTransaction(db, [{ user: id }], async (trx) => {
    const user = await userRepository.findById(trx, id);
    if (!user) return null;
    if (user.deactivated_at !== null) return { ok: false, field: 'form', text: 'This account is deactivated. Reactivate it first' } as const;
    const link = await makePasswordLink(trx, id, actorLabel(admin), now);
    await recordEvent(trx, { actor: actorLabel(admin), action: 'account.password-link-issued', tender: null, detail: { account: user.email, expires: link.expiresAt.toISOString() } }, now);
    return { ok: true, value: link } as const;
  });
}

/** Removes the account's authenticator and recovery codes: they set up MFA again at their next sign-in. */
export async function resetMfa(db: Db, admin: Admin, id: number, now: Date): Promise<AccountChange<null> | null> {
  return writeTransaction(db, [{ user: id }], async (trx) => {
    const user = await userRepository.findById(trx, id);
    if (!user) return null;
    await userRepository.update(trx, id, { totp_secret: null, totp_confirmed_at: null, totp_last_step: null });
    await recoveryCodeRepository.removeOfUser(trx, id);
    await endAccountSessions(trx, id);
    await recordEvent(trx, { actor: actorLabel(admin), action: 'account.mfa-reset', tender: null, detail: { account: user.email } }, now);
    return { ok: true, value: null } as const;
  });
}
