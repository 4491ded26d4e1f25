import type { Kysely } from 'kysely';
import type { AuditEventRow, Database, NewAuditEvent } from './schema';

export const auditRepository = {
  async last(db: Kysely<Database>): Promise<AuditEventRow | undefined> {
    return db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  },
  async insert(db: Kysely<Database>, event: NewAuditEvent): Promise<number> {
    const row = await db.insertInto('audit_events').values(event).returning('seq').executeTakeFirstOrThrow();
    return row.seq;
  },
  async page(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AuditEventRow[]> {
    return db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  },
  async forTender(db: Kysely<Database>, reference: string): Promise<AuditEventRow[]> {
    return db.selectFrom('audit_events').selectAll().where('tender_ref', '=', reference).orderBy('seq').execute();
  },
};
