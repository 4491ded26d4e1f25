// Ending every session of a staff account (a password set with a link, an authenticator reset, a
// deactivation), inside the caller's transaction: the rows are deleted, and the account's session
// count moves on, so a session of it written back later (a request still running, on any instance)
// or a sign-in half-way through (password given, code not yet) no longer works either.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { sessionRepository } from '../../data/session-repository';
import { userRepository } from '../../data/user-repository';

export async function endAccountSessions(trx: Kysely<Database>, userId: number): Promise<void> {
  await userRepository.nextSessionGeneration(trx, userId);
  await sessionRepository.removeOfUser(trx, userId);
}
