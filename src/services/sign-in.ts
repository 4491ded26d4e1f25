// Staff sign-in by email and password, then a second factor. An unknown email costs the same time
// as a wrong password, so the answer does not tell which accounts exist.
import type { Db } from '../data/database';
import { userRepository } from '../data/user-repository';
import { AUDIT_ONLY, writeTransaction } from '../data/write-transaction';
import { recordEvent } from './audit';
import { verifyPassword } from './passwords';

// A hash of a random password nobody knows, checked when the email has no account.
const DECOY_HASH = 'scrypt$32768$8$1$ZX/Logu7HDK3BYYzwSx5Eg==$1e3uXpu59ITRQYkQfcbhumEQqUgPdKw5HLYMUjdMu5o=';

/** The password is right: the account, and whether its authenticator app is set up yet. */
/** `sessionGeneration`: the account's session count as the password was checked (see the users table). */
export async function authenticate(db: Db, email: string, password: string): Promise<{ id: number; mfaSetUp: boolean; sessionGeneration: number } | null> {
  const user = await userRepository.findByEmail(db, email);
  // A deactivated account, or one whose password was never set, signs in no more than an unknown one.
  if (!user || user.deactivated_at !== null || user.password_hash === '') {
    await verifyPassword(password, DECOY_HASH);
    return null;
  }
  if (!(await verifyPassword(password, user.password_hash))) return null;
  return { id: user.id, mfaSetUp: user.totp_confirmed_at !== null, sessionGeneration: user.session_generation };
}

/** Records a completed sign-in (both factors, or single sign-on) on the audit chain. */
export async function recordSignIn(db: Db, userId: number, method: string, now: Date): Promise<void> {
  const user = await userRepository.findById(db, userId);
  if (!user) return;
  await writeTransaction(db, AUDIT_ONLY, (trx) => recordEvent(trx, { actor: `${user.role}:${user.email}`, action: 'user.signed-in', tender: null, detail: { method } }, now));
}
