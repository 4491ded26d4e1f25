// The audit trail: one event per change, written in the same transaction as the change. Events
// form one hash chain per tender and one for system events (accounts, sign-in): each event is
// chained to the one before it in its chain (SHA-256 over the previous hash and the canonical
// event), and each chain's head is recorded, so an event edited, removed or added behind the
// application's back is found by `verifyAuditChain`, which names the chain and the event.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { auditRepository } from '../data/audit-repository';
import type { AuditChainRow, AuditEventRow, Database } from '../data/schema';
import { lockAuditChain } from '../data/write-transaction';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  tender: string | null;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The single chain every event shared before per-tender chains; it takes no new events. */
export const SHARED_CHAIN = 'all';
export const SYSTEM_CHAIN = 'system';

/** The chain an event belongs to: its tender's, or the system chain for accounts and sign-in. */
export const chainOf = (tender: string | null): string => (tender === null ? SYSTEM_CHAIN : `tender:${tender}`);

/** What a chain is called in messages: "tender HW-2026-01", "system events". */
export function chainName(chain: string): string {
  if (chain === SYSTEM_CHAIN) return 'system events';
  if (chain === SHARED_CHAIN) return 'events before per-tender chains';
  return chain.replace(/^tender:/, 'tender ');
}

type HashedFields = Pick<AuditEventRow, 'seq' | 'chain' | 'chain_seq' | 'at' | 'actor' | 'action' | 'tender_ref' | 'detail'>;

/**
 * SHA-256 over the previous hash and the canonical event. An event of a per-tender or system
 * chain is hashed with its chain and its number in the chain; an event of the shared chain from
 * before migration 016 with its `seq`, as it was written.
 */
function hashEvent(prevHash: string, event: HashedFields): string {
  const common = { at: event.at, actor: event.actor, action: event.action, tender: event.tender_ref, detail: event.detail };
  const body = canonicalJson(event.chain === null ? { seq: event.seq, ...common } : { chain: event.chain, seq: event.chain_seq, ...common });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

export class AuditChainMovedError extends Error {
  override name = 'AuditChainMovedError';
}

export interface Appended {
  /** The event's hash: the chain's new head. */
  hash: string;
  /** The event's number in the whole trail and in its chain. */
  seq: number;
  chainSeq: number;
  chain: string;
}

/**
 * Appends one event to its chain. Call inside the transaction that makes the change. The chain is
 * locked before its head is read (write-transaction.ts: on PostgreSQL an advisory lock per chain,
 * so tenders never wait on each other; on SQLite the transaction's write lock), and the head row
 * moves only from the head this append read, so two writers can never append the same number.
 */
export async function appendEvent(trx: Kysely<Database>, entry: AuditEntry, at: Date): Promise<Appended> {
  const chain = chainOf(entry.tender);
  await lockAuditChain(trx, chain);
  const head = await auditRepository.head(trx, chain);
  const prevHash = head?.head ?? GENESIS_HASH;
  const event = {
    chain,
    chain_seq: (head?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    tender_ref: entry.tender,
    detail: canonicalJson(entry.detail),
  };
  const hash = hashEvent(prevHash, { ...event, seq: 0 });
  if (!(await auditRepository.moveHead(trx, chain, head?.seq ?? null, { seq: event.chain_seq, head: hash }))) {
    throw new AuditChainMovedError(`another change to ${chainName(chain)} was recorded at the same moment; try again`);
  }
  const seq = await auditRepository.insert(trx, { ...event, prev_hash: prevHash, hash });
  return { hash, seq, chainSeq: event.chain_seq, chain };
}

/** Appends one event and returns its hash. Call inside the transaction that makes the change. */
export async function recordEvent(trx: Kysely<Database>, entry: AuditEntry, at: Date): Promise<string> {
  return (await appendEvent(trx, entry, at)).hash;
}

/** A chain's head as it stands inside the caller's transaction (the genesis hash for a chain with no events). */
export async function chainHead(trx: Kysely<Database>, tender: string | null): Promise<{ chain: string; seq: number; head: string }> {
  const chain = chainOf(tender);
  // Locked as for an append, so the head read is the head until the caller's transaction ends.
  await lockAuditChain(trx, chain);
  const head = await auditRepository.head(trx, chain);
  return { chain, seq: head?.seq ?? 0, head: head?.head ?? GENESIS_HASH };
}

export interface ChainSummary {
  chain: string;
  events: number;
  head: string;
}

export type ChainCheck =
  | { ok: true; events: number; chains: ChainSummary[] }
  | { ok: false; events: number; chain: string; seq: number; action: string; reason: string };

type ChainResult = { ok: true; summary: ChainSummary } | { ok: false; events: number; seq: number; action: string; reason: string };

/** Walks one chain from its first event to the head recorded for it. */
async function verifyChain(db: Kysely<Database>, recorded: AuditChainRow): Promise<ChainResult> {
  const shared = recorded.chain === SHARED_CHAIN;
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let events = 0;
  let lastAction = '';
  const key = shared ? null : recorded.chain;
  for (let page = await auditRepository.chainPage(db, key, 0, 1000); page.length > 0; page = await auditRepository.chainPage(db, key, expected - 1, 1000)) {
    for (const event of page) {
      const number = shared ? event.seq : event.chain_seq!;
      const broken = (reason: string): ChainResult => ({ ok: false, events, seq: number, action: event.action, reason });
      if (number !== expected) return broken(`event ${expected} is missing (the next event is ${number})`);
      if (event.prev_hash !== prevHash) return broken('its link to the previous event does not match: an earlier event was changed or removed');
      if (hashEvent(prevHash, event) !== event.hash) return broken('its contents do not match its hash: the event was changed');
      if (number > recorded.seq) return broken(`it comes after the chain's recorded head (event ${recorded.seq}): it was added behind the application's back`);
      prevHash = event.hash;
      lastAction = event.action;
      expected += 1;
      events += 1;
    }
  }
  if (events < recorded.seq) return { ok: false, events, seq: events + 1, action: lastAction ? `after ${lastAction}` : 'the first event', reason: `event ${events + 1} is missing: the chain's recorded head is event ${recorded.seq}, so events were removed from its end` };
  if (prevHash !== recorded.head) return { ok: false, events, seq: recorded.seq, action: lastAction, reason: "its hash is not the chain's recorded head: the head or the event was changed" };
  return { ok: true, summary: { chain: recorded.chain, events, head: prevHash } };
}

/** Checks every chain, each to its recorded head, and that no event sits outside a chain. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainCheck> {
  const chains: ChainSummary[] = [];
  let events = 0;
  for (const recorded of await auditRepository.chains(db)) {
    const result = await verifyChain(db, recorded);
    if (!result.ok) return { ok: false, events: result.events, chain: recorded.chain, seq: result.seq, action: result.action, reason: result.reason };
    chains.push(result.summary);
    events += result.summary.events;
  }
  const stored = await auditRepository.count(db);
  if (stored !== events) {
    return { ok: false, events, chain: 'unknown', seq: 0, action: 'unknown', reason: `${stored - events} event${stored - events === 1 ? ' is' : 's are'} in no recorded chain: added behind the application's back` };
  }
  return { ok: true, events, chains };
}
