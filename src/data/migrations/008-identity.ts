// Staff identity: an `admin` role, accounts that can be deactivated, TOTP for local accounts with
// recovery codes (stored as hashes), and one-time set-password links (stored as hashes).
import { sql, type Kysely } from 'kysely';
import { autoId, dialectOf } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') await widenUsersInPlace(db);
  else await rebuildUsersTable(db);

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('password_links')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}

const ROLES = sql`role in ('commissioner', 'procurement', 'facilitator', 'admin')`;

/** PostgreSQL changes a CHECK and adds columns in place (the column's CHECK was named users_role_check). */
async function widenUsersInPlace(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropConstraint('users_role_check').execute();
  await db.schema.alterTable('users').addCheckConstraint('users_role_check', ROLES).execute();
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_confirmed_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

async function rebuildUsersTable(db: Kysely<unknown>): Promise<void> {
  // SQLite cannot change a CHECK constraint in place, so `users` is made again with `admin` among
  // its roles. `tenders.owner_id` refers to it by name: the rows are kept aside in a temporary
  // table, the old table dropped and the new one filled with the same ids, with foreign keys
  // checked at commit (every owner has its row again by then).
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  await sql`CREATE TEMP TABLE users_kept AS SELECT * FROM users`.execute(db);
  await sql`DROP TABLE users`.execute(db);
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(ROLES))
    /** Empty until the person sets a password through a set-password link (or for SSO only). */
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** Set while the account is deactivated: it cannot sign in and its sessions have ended. */
    .addColumn('deactivated_at', 'text')
    /** The TOTP secret (base32), once set up; confirmed when the person typed a code from it. */
    .addColumn('totp_secret', 'text')
    .addColumn('totp_confirmed_at', 'text')
    /** The last 30-second step whose code was accepted: a code is never taken twice. */
    .addColumn('totp_last_step', 'integer')
    .execute();
  await sql`INSERT INTO users (id, email, name, role, password_hash, created_at) SELECT id, email, name, role, password_hash, created_at FROM users_kept`.execute(db);
  await sql`DROP TABLE users_kept`.execute(db);
}
