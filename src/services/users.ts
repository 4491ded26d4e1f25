// Staff accounts (commissioner, procurement, facilitator, and admin, who looks after accounts).
// Panel members are not accounts: they sign in with a personal invitation link.
import { z } from 'zod';
import type { Db } from '../data/database';
import { unlessTaken, UNIQUE_KEYS } from '../data/unique-violation';
import { userRepository } from '../data/user-repository';
import { writeTransaction } from '../data/write-transaction';
import { check, type Problem } from '../engine';
import { recordEvent } from './audit';
import { hashPassword } from './passwords';

/** The roles that work on tenders. */
export const STAFF_ROLES = ['commissioner', 'procurement', 'facilitator'] as const;
/** Every role an account can have: the tender roles and admin (accounts only, no tenders). */
export const ACCOUNT_ROLES = [...STAFF_ROLES, 'admin'] as const;

const NewUserSchema = z.object({
  email: z.email({ error: 'is not an email address; expected something like name@council.gov.uk' }),
  name: z.string().trim().min(1),
  role: z.enum(ACCOUNT_ROLES),
  password: z.string().min(12, { error: 'is shorter than 12 characters; expected at least 12 (a few unrelated words work well)' }).max(200),
});

export type AddUser = { ok: true; id: number } | { ok: false; problems: Problem[] };

/** The fields as typed by a person (the CLI, a form); checked here before anything is written. */
export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
}

export async function addUser(db: Db, input: NewUser, actor: string, now: Date): Promise<AddUser> {
  const checked = check(NewUserSchema, input);
  if (!checked.ok) return checked;
  const user = checked.value;
  const taken = (): AddUser => ({ ok: false, problems: [{ path: 'email', message: `${user.email} already has an account; expected a new email address` }] });
  if (await userRepository.findByEmail(db, user.email)) return taken();
  const passwordHash = await hashPassword(user.password);
  // Checked again inside the transaction, which holds the email's lock (the password's slow hash is made before it).
  return unlessTaken(UNIQUE_KEYS.userEmail, taken, () =>
    writeTransaction(db, [{ email: user.email }], async (trx): Promise<AddUser> => {
      if (await userRepository.findByEmail(trx, user.email)) return taken();
      const id = await userRepository.insert(trx, { email: user.email, name: user.name, role: user.role, password_hash: passwordHash, created_at: now.toISOString() });
      await recordEvent(trx, { actor, action: 'user.added', tender: null, detail: { email: user.email.toLowerCase(), role: user.role } }, now);
      return { ok: true, id };
    }),
  );
}
