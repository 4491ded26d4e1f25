// Every write of the app runs here: one transaction that names what it serialises on, so two app
// instances doing the same thing at once take turns instead of both reading "not done yet" and
// both writing.
// - SQLite: every transaction already begins with the database's write lock (BEGIN IMMEDIATE, see
//   database.ts), so whole writes take turns; nothing more is done.
// - PostgreSQL (READ COMMITTED): the transaction first takes a transaction-scoped advisory lock
//   (`pg_advisory_xact_lock`) for each name, in one fixed order (sorted by key), so two writes
//   naming the same thing wait for each other and two writes can never wait for each other in a
//   circle. The locks go at commit or rollback.
// A lock's key is the first 8 bytes of SHA-256 over "tender-evaluation:<name>" (such as
// "tender-evaluation:tender:42"), read as a signed 64-bit integer: the same in every instance and
// every PostgreSQL version (unlike hashtext, which is 32 bits and internal), and in a space of 2^64,
// so an unrelated lock sharing a key is vanishingly rare (and would only make two writes wait).
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { dialectOf } from './dialect';
import type { Database } from './schema';

/**
 * What a write serialises on:
 * - `{ tender }`: anything staff change under a tender (its state, bids, panel, moderation,
 *   claims, messages); taken alone, so it waits for every other write under the tender;
 * - `{ member, tender }`: a panel member's own work (score saves, "Send my scores", their claim):
 *   the member alone, sharing the tender with the other members' work, so members wait for each
 *   other only to append to the tender's audit chain, while a change of the tender (moving it on,
 *   re-opening scores) waits for them;
 * - `{ reference }`: a tender reference not yet created (in any letter case);
 * - `{ user }`: one staff account's changes; `{ email }`: an account not yet created (any case);
 * - `ADMIN_RULE`: any change that could take away an admin (a role changed, an account
 *   deactivated, a role from single sign-on), so two admins changing each other at once take turns
 *   and the second sees the first's change before checking that an active admin is left.
 */
export type WriteLock = { tender: number } | { member: number; tender: number } | { reference: string } | { user: number } | { email: string } | { admins: 'all' };

/** Serialises every change that could leave no active admin (see `WriteLock`). */
export const ADMIN_RULE: WriteLock = { admins: 'all' };

/**
 * A write whose only shared state is the audit trail (a sign-in recorded, a refusal): the append
 * locks its own chain (`lockAuditChain`), so nothing more is named.
 */
export const AUDIT_ONLY: readonly WriteLock[] = [];

type Mode = 'shared' | 'exclusive';

/** The key of a lock's name: the first 64 bits of SHA-256, signed, as PostgreSQL's bigint. */
export function lockKey(name: string): bigint {
  return createHash('sha256').update(`tender-evaluation:${name}`).digest().readBigInt64BE(0);
}

/** The names a lock stands for, each with its mode. */
function namesOf(lock: WriteLock): [string, Mode][] {
  if ('member' in lock) return [[`member:${lock.member}`, 'exclusive'], [`tender:${lock.tender}`, 'shared']];
  if ('tender' in lock) return [[`tender:${lock.tender}`, 'exclusive']];
  if ('reference' in lock) return [[`reference:${lock.reference.trim().toLowerCase()}`, 'exclusive']];
  if ('user' in lock) return [[`user:${lock.user}`, 'exclusive']];
  if ('admins' in lock) return [['admins', 'exclusive']];
  return [[`email:${lock.email.trim().toLowerCase()}`, 'exclusive']];
}

/**
 * The advisory locks to take, in the order to take them: by key, each once, exclusive when any
 * lock asks for it exclusively (taking it shared and then exclusive could wait on itself).
 */
export function lockPlan(locks: readonly WriteLock[]): { key: bigint; mode: Mode }[] {
  const modes = new Map<bigint, Mode>();
  for (const [name, mode] of locks.flatMap(namesOf)) {
    const key = lockKey(name);
    if (modes.get(key) !== 'exclusive') modes.set(key, mode);
  }
  return [...modes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, mode]) => ({ key, mode }));
}

async function takeLocks(trx: Kysely<Database>, locks: readonly WriteLock[]): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  for (const { key, mode } of lockPlan(locks)) {
    const take = mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${key.toString()}::bigint)` : sql`select pg_advisory_xact_lock(${key.toString()}::bigint)`;
    await take.execute(trx);
  }
}

/**
 * Runs `work` in one transaction holding `locks` from its start: read, check and write inside
 * `work`, with the audit event, and what was read stays true until the commit.
 */
export async function writeTransaction<T>(db: Kysely<Database>, locks: readonly WriteLock[], work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await takeLocks(trx, locks);
    return work(trx);
  });
}

/**
 * Locks one audit chain until the caller's transaction ends, before its head is read: appends to
 * the chain take turns, appends to other chains (other tenders) do not wait. On SQLite the
 * transaction's write lock already does this.
 */
export async function lockAuditChain(trx: Kysely<Database>, chain: string): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${lockKey(`audit-chain:${chain}`).toString()}::bigint)`.execute(trx);
}
