// State that several app instances on one database must share: the rate limits (sign-in,
// invitation links and codes, kept words) and leases, which let one instance at a time do a job
// (pruning expired rows, loading the demo). Additive: two new tables, plain types, composite or
// text primary keys, so the same migration runs on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    /** Which limit (sign-in-address, invitation-address, …). */
    .addColumn('name', 'text', (c) => c.notNull())
    /** A hash of the client's key (an address or an account), never the key itself. */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    /** When the window ends (ISO 8601, UTC); the row counts for nothing after it. */
    .addColumn('resets_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_hits_pk', ['name', 'key'])
    .execute();
  await db.schema.createIndex('rate_limit_hits_resets_at').on('rate_limit_hits').column('resets_at').execute();
  await db.schema
    .createTable('maintenance_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    /** The instance holding the lease (host, process and a random part). */
    .addColumn('holder', 'text', (c) => c.notNull())
    /** When the lease ends (ISO 8601, UTC); after it another instance may take it. */
    .addColumn('until', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
