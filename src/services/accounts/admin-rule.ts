// There is always an active admin: an admin never changes their own role or deactivates themselves,
// and a change that could take away an admin is made only by an account that is, inside the same
// transaction, still an active admin. Such changes hold `ADMIN_RULE` (write-transaction.ts), so
// two admins demoting or deactivating each other at the same moment take turns: the second finds
// their own account already changed and is refused, leaving the first admin in place.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { userRepository } from '../../data/user-repository';

export const NO_LONGER_ADMIN =
  'You cannot change accounts now: your own account was deactivated or given another role a moment ago by another admin. At least one admin always stays active';

/** The refusal's words when the acting admin, read again now, is not an active admin; else null. */
export async function actingAdminRefusal(trx: Kysely<Database>, adminId: number): Promise<string | null> {
  const self = await userRepository.findById(trx, adminId);
  return self && self.deactivated_at === null && self.role === 'admin' ? null : NO_LONGER_ADMIN;
}

/** Active admins other than `exceptId`: none means that account is the last admin. */
export async function otherActiveAdmins(trx: Kysely<Database>, exceptId: number): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
