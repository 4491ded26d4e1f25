import type { Kysely } from 'kysely';
import type { AuditChainRow, AuditEventRow, Database, NewAuditEvent } from './schema';

export const auditRepository = {
  /** The head of one chain: its last event's number in the chain and hash. */
  async head(db: Kysely<Database>, chain: string): Promise<AuditChainRow | undefined> {
    return db.selectFrom('audit_chains').selectAll().where('chain', '=', chain).executeTakeFirst();
  },
  async chains(db: Kysely<Database>): Promise<AuditChainRow[]> {
    return db.selectFrom('audit_chains').selectAll().orderBy('chain').execute();
  },
  /**
   * Moves a chain's head from `from` (null: the chain is new) to the appended event. Returns false
   * when another writer moved it first, so the caller's transaction must not go on.
   */
  async moveHead(db: Kysely<Database>, chain: string, from: number | null, to: { seq: number; head: string }): Promise<boolean> {
    if (from === null) {
      const inserted = await db.insertInto('audit_chains').values({ chain, ...to }).onConflict((c) => c.column('chain').doNothing()).executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    }
    const updated = await db.updateTable('audit_chains').set(to).where('chain', '=', chain).where('seq', '=', from).executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  },
  async insert(db: Kysely<Database>, event: NewAuditEvent): Promise<number> {
    const row = await db.insertInto('audit_events').values(event).returning('seq').executeTakeFirstOrThrow();
    return row.seq;
  },
  /** One chain's events in order, a page at a time; `null` is the single chain every event shared before migration 016. */
  async chainPage(db: Kysely<Database>, chain: string | null, after: number, limit: number): Promise<AuditEventRow[]> {
    if (chain === null) return db.selectFrom('audit_events').selectAll().where('chain', 'is', null).where('seq', '>', after).orderBy('seq').limit(limit).execute();
    return db.selectFrom('audit_events').selectAll().where('chain', '=', chain).where('chain_seq', '>', after).orderBy('chain_seq').limit(limit).execute();
  },
  async count(db: Kysely<Database>): Promise<number> {
    const row = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async forTender(db: Kysely<Database>, reference: string): Promise<AuditEventRow[]> {
    return db.selectFrom('audit_events').selectAll().where('tender_ref', '=', reference).orderBy('seq').execute();
  },
};
