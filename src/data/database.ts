// Opens the database named by DATABASE_URL and applies migrations: the embedded SQLite file (WAL,
// synchronous=FULL, foreign keys, busy timeout) for `sqlite:PATH`, or PostgreSQL through a `pg`
// pool for `postgres://…`. One set of migrations serves both; what the two spell differently is in
// ./dialect.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Migration,
  type MigrationProvider,
  type SqliteDialectConfig,
} from 'kysely';
import * as initial from './migrations/001-initial';
import * as web from './migrations/002-web';
import * as moderation from './migrations/003-moderation';
import * as summaries from './migrations/004-summaries';
import * as finalisations from './migrations/005-finalisations';
import * as scoring from './migrations/006-scoring';
import * as evaluationSafety from './migrations/007-evaluation-safety';
import * as identity from './migrations/008-identity';
import * as notices from './migrations/009-notices';
import * as summaryDates from './migrations/010-summary-dates';
import * as providerSelection from './migrations/011-provider-selection';
import * as shortCodes from './migrations/012-short-codes';
import * as messages from './migrations/013-messages';
import * as practice from './migrations/014-practice';
import * as claims from './migrations/015-claims';
import * as auditChains from './migrations/016-audit-chains';
import * as advances from './migrations/017-advances';
import * as caseAndOrder from './migrations/018-case-and-order';
import * as sharedState from './migrations/019-shared-state';
import * as panelPageIndexes from './migrations/020-panel-page-indexes';
import * as summaryReviewContent from './migrations/021-summary-review-content';
import * as surveyAnswersRandomOrder from './migrations/022-survey-answers-random-order';
import * as sessionGeneration from './migrations/023-session-generation';
import type { Database } from './schema';

const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-web': web,
  '003-moderation': moderation,
  '004-summaries': summaries,
  '005-finalisations': finalisations,
  '006-scoring': scoring,
  '007-evaluation-safety': evaluationSafety,
  '008-identity': identity,
  '009-notices': notices,
  '010-summary-dates': summaryDates,
  '011-provider-selection': providerSelection,
  '012-short-codes': shortCodes,
  '013-messages': messages,
  '014-practice': practice,
  '015-claims': claims,
  '016-audit-chains': auditChains,
  '017-advances': advances,
  '018-case-and-order': caseAndOrder,
  '019-shared-state': sharedState,
  '020-panel-page-indexes': panelPageIndexes,
  '021-summary-review-content': summaryReviewContent,
  '022-survey-answers-random-order': surveyAnswersRandomOrder,
  '023-session-generation': sessionGeneration,
};

/** Every migration, in order (exported for tests that migrate step by step). */
export const provider: MigrationProvider = { getMigrations: async () => migrations };

export type Db = Kysely<Database>;

/**
 * Kysely's SQLite adapter takes no lock for migrations, so two connections opening a new file at
 * once would both try to create the tables. This one holds SQLite's write lock (BEGIN IMMEDIATE)
 * from reading the migration state to the last migration; the other connection waits (busy
 * timeout), then finds the migrations done.
 */
class MigrationLockingAdapter extends SqliteAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`BEGIN IMMEDIATE`.execute(db);
  }
  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`COMMIT`.execute(db);
  }
}

/**
 * Every transaction starts with SQLite's write lock (BEGIN IMMEDIATE). A deferred BEGIN reads
 * first and asks for the lock at its first write; if another process committed in between, that
 * request fails at once (SQLITE_BUSY) instead of waiting. Every write transaction here reads
 * before it writes (the tender's state, the audit chain's head), so two processes doing so at
 * once must queue for the lock (busy timeout) from the start.
 * The score writer thread (a second connection) relies on it too.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class AppSqliteDialect extends SqliteDialect {
  constructor(private readonly appConfig: SqliteDialectConfig) {
    super(appConfig);
  }
  override createAdapter(): DialectAdapter {
    return new MigrationLockingAdapter();
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.appConfig);
  }
}

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

export type DatabaseKind = 'sqlite' | 'postgres';

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Which database DATABASE_URL names. */
export function databaseKind(url: string): DatabaseKind {
  if (POSTGRES_URL.test(url)) return 'postgres';
  sqlitePath(url);
  return 'sqlite';
}

/** `sqlite:PATH` or `sqlite::memory:`; returns the file path for better-sqlite3. */
export function sqlitePath(url: string): string {
  if (POSTGRES_URL.test(url)) {
    throw new DatabaseUrlError('This works on a SQLite database file, and DATABASE_URL points at PostgreSQL; for PostgreSQL use its own tools (pg_dump, pg_restore, amcheck)');
  }
  const match = /^sqlite:(.+)$/.exec(url);
  if (!match) throw new DatabaseUrlError(`DATABASE_URL is "${url}"; expected sqlite:PATH, such as sqlite:data/app.sqlite, or postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  return match[1]!;
}

/**
 * Kysely asks better-sqlite3 to prepare every query it runs, and preparing costs about as much as
 * running a small query; so each SQL text keeps its prepared statement for this connection (a new
 * one is prepared while the kept one is still being iterated). Measured: about 40% less database
 * time per page (README, "Tests and benchmarks").
 */
function reusingStatements(sqlite: SQLite.Database): SQLite.Database {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (!statement || statement.busy) {
      statement = prepare(source);
      if (statements.size >= 1000) statements.clear();
      statements.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
  return sqlite;
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return reusingStatements(sqlite);
}

/** Applies the migrations not yet applied; returns their names (none when the database is up to date). */
export async function migrate(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    // The driver's error is kept as the cause, with its code (which names a refused connection or login).
    const which = failed ? `database migration ${failed.migrationName}` : 'the database migrations';
    throw Object.assign(new Error(`${which} failed: ${(error as Error | undefined)?.message ?? 'unknown error'}`, { cause: error }), {
      code: (error as { code?: unknown } | undefined)?.code,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** PostgreSQL's bigint (count(*), sums) as a JS number, as SQLite gives it; every count here is far below 2^53. */
const postgresTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface ConnectOptions {
  /** PostgreSQL only: the most connections this process keeps open (default 10). */
  poolSize?: number;
}

function openPostgres(url: string, options: ConnectOptions): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: postgresTypes });
  // A pooled connection that drops while idle (the server restarted, the database was dropped)
  // is removed by the pool and reported here; the next query takes a new one. Without a listener
  // the report would end the process.
  pool.on('error', (error) => process.emitWarning(`a pooled PostgreSQL connection closed: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens without migrating (tests that migrate step by step). */
export function connectDatabase(url: string, options: ConnectOptions = {}): Db {
  if (databaseKind(url) === 'postgres') return openPostgres(url, options);
  return new Kysely<Database>({ dialect: new AppSqliteDialect({ database: openSqlite(sqlitePath(url)) }) });
}

/** Opens and migrates the database named by DATABASE_URL. */
export async function openDatabase(url: string, options: ConnectOptions = {}): Promise<Db> {
  const db = connectDatabase(url, options);
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw databaseKind(url) === 'postgres' && isConnectionError(error) ? unreachable(url, error as Error) : error;
  }
  return db;
}

/**
 * Errors of reaching or logging in to PostgreSQL, not of a query: by code only (a network error
 * such as ECONNREFUSED or ENOTFOUND; SQLSTATE class 28, a refused login; 3D000, no such database;
 * 57P03, not accepting connections yet).
 */
function isConnectionError(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return /^E[A-Z]+$/.test(code) || code.startsWith('28') || code === '3D000' || code === '57P03';
}

/** Names the server and database, never the password. */
function unreachable(url: string, error: Error): DatabaseUrlError {
  const reason = error.cause instanceof Error ? error.cause.message : error.message;
  const { hostname, port, pathname, username } = new URL(url);
  const where = `${username || 'the default user'} at ${hostname}:${port || '5432'}, database ${decodeURIComponent(pathname.slice(1)) || '(default)'}`;
  return new DatabaseUrlError(`Could not open the PostgreSQL database DATABASE_URL names (${where}): ${reason}. Check that PostgreSQL is running there and that the address, user, password and database name are right`);
}
