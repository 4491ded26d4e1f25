// One audit hash chain per tender, plus one for system events (accounts, sign-in), so that
// appending to one tender's chain never waits on another's. Each chain's head (its last event's
// number and hash) is a row of its own, moved in the same transaction as the append: the row a
// writer locks, and the mark that shows whether events were cut off the end of a chain.
//
// Events written before this migration keep the single chain they were written in (chain null,
// numbered by `seq`); its head is recorded here, so it still verifies, and it takes no new events.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('chain', 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('chain_seq', 'integer').execute();
  await db.schema.createIndex('audit_events_chain_seq').on('audit_events').columns(['chain', 'chain_seq']).unique().execute();
  await db.schema.createIndex('audit_events_tender_ref').on('audit_events').column('tender_ref').execute();

  await db.schema
    .createTable('audit_chains')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('head', 'text', (c) => c.notNull())
    .execute();

  // The chain every event shared until now: its head, so that cutting events off its end shows.
  await sql`INSERT INTO audit_chains (chain, seq, head)
    SELECT 'all', seq, hash FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('016-audit-chains cannot be undone: restore a backup taken before it instead');
}
