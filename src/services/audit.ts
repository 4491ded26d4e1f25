// The audit trail: one event per change, written in the same transaction as the change, each
// hash-chained to the one before (SHA-256 over the previous hash and the canonical event), so an
// event edited or removed behind the application's back is found by `verifyAuditChain`.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { auditRepository } from '../data/audit-repository';
import type { AuditEventRow, Database } from '../data/schema';

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

function hashEvent(prevHash: string, event: Pick<AuditEventRow, 'seq' | 'at' | 'actor' | 'action' | 'tender_ref' | 'detail'>): string {
  const body = canonicalJson({ seq: event.seq, at: event.at, actor: event.actor, action: event.action, tender: event.tender_ref, detail: event.detail });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** Appends one event. Call inside the transaction that makes the change. */
export async function recordEvent(trx: Kysely<Database>, entry: AuditEntry, at: Date): Promise<string> {
  const last = await auditRepository.last(trx);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const event = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    tender_ref: entry.tender,
    detail: canonicalJson(entry.detail),
  };
  const hash = hashEvent(prevHash, event);
  await auditRepository.insert(trx, { ...event, prev_hash: prevHash, hash });
  return hash;
}

export type ChainCheck =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; seq: number; action: string; reason: string };

export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let events = 0;
  for (let page = await auditRepository.page(db, 0, 1000); page.length > 0; page = await auditRepository.page(db, expectedSeq - 1, 1000)) {
    for (const event of page) {
      const broken = (reason: string): ChainCheck => ({ ok: false, events, seq: event.seq, action: event.action, reason });
      if (event.seq !== expectedSeq) return broken(`event ${expectedSeq} is missing (the next event is ${event.seq})`);
      if (event.prev_hash !== prevHash) return broken('its link to the previous event does not match: an earlier event was changed or removed');
      if (hashEvent(prevHash, event) !== event.hash) return broken('its contents do not match its hash: the event was changed');
      prevHash = event.hash;
      expectedSeq += 1;
      events += 1;
    }
  }
  return { ok: true, events, head: prevHash };
}
