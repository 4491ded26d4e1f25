// One-time set-password links: an admin makes one and passes it on (no email needed). The token
// holds 256 random bits and only its SHA-256 hash is stored; a link works once, for 3 days, and a
// newer link for the same account stops the older ones.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../data/database';
import { passwordLinkRepository } from '../../data/password-link-repository';
import type { Database } from '../../data/schema';
import { userRepository } from '../../data/user-repository';
import { writeTransaction } from '../../data/write-transaction';
import { recordEvent } from '../audit';
import { hashPassword } from '../passwords';
import { endAccountSessions } from './account-sessions';

export const PASSWORD_LINK_DAYS = 3;
export const PASSWORD_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedPasswordLink {
  path: string;
  expiresAt: Date;
}

/** Makes a link inside the caller's transaction (which records the audit event). */
export async function makePasswordLink(trx: Kysely<Database>, userId: number, issuedBy: string, now: Date): Promise<IssuedPasswordLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_DAYS * 24 * 60 * 60 * 1000);
  await passwordLinkRepository.expireUnused(trx, userId, now.toISOString());
  await passwordLinkRepository.insert(trx, { user_id: userId, token_hash: hashToken(token), issued_by: issuedBy, issued_at: now.toISOString(), expires_at: expiresAt.toISOString(), used_at: null });
  return { path: `/set-password/${token}`, expiresAt };
}

export type LinkCheck = { ok: true; linkId: number; userId: number; name: string; email: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Whether a link works, and whose it is; never changes anything. */
export async function checkPasswordLink(db: Db, token: string, now: Date): Promise<LinkCheck> {
  if (!PASSWORD_TOKEN_PATTERN.test(token)) return { ok: false, reason: 'unknown' };
  const link = await passwordLinkRepository.findByHash(db, hashToken(token));
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.used_at !== null) return { ok: false, reason: 'used' };
  if (link.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
  const user = await userRepository.findById(db, link.user_id);
  if (!user || user.deactivated_at !== null) return { ok: false, reason: 'unknown' };
  return { ok: true, linkId: link.id, userId: user.id, name: user.name, email: user.email };
}

/**
 * Sets the password and uses the link up, in one transaction with its audit event; the account's
 * sessions end (a reset is often because someone else may know the old password).
 */
export async function setPasswordWithLink(db: Db, token: string, password: string, now: Date): Promise<LinkCheck> {
  const seen = await checkPasswordLink(db, token, now);
  if (!seen.ok) return seen;
  const passwordHash = await hashPassword(password);
  return writeTransaction(db, [{ user: seen.userId }], async (trx) => {
    const link = await checkPasswordLink(trx, token, now);
    if (!link.ok) return link;
    if (!(await passwordLinkRepository.use(trx, link.linkId, now.toISOString()))) return { ok: false, reason: 'used' } as const;
    const user = (await userRepository.findById(trx, link.userId))!;
    await userRepository.update(trx, user.id, { password_hash: passwordHash });
    await endAccountSessions(trx, user.id);
    await recordEvent(trx, { actor: `${user.role}:${user.email}`, action: 'account.password-set', tender: null, detail: { account: user.email } }, now);
    return link;
  });
}
