// Commands that look after the database itself: migrations as a release step, the integrity and
// audit check, and backups of the embedded SQLite file taken and restored safely.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config';
import { connectDatabase, migrate, openDatabase, provider, sqlitePath } from '../data/database';
import {
  backupSqlite,
  copyForRestore,
  damagedMessage,
  discardCopy,
  fileIntegrityProblems,
  integrityProblems,
  putInPlace,
} from '../data/sqlite-maintenance';
import { dialectOf } from '../data/dialect';
import { chainName, verifyAuditChain, type ChainCheck } from '../services/audit';
import { servingInstances } from '../services/shared-state/heartbeat';
import { UsageError, type Io } from './cli-io';

const chainText = (check: ChainCheck): string => {
  if (!check.ok) {
    const where = check.chain === 'unknown' ? 'The audit trail is broken' : `The audit chain of ${chainName(check.chain)} is broken at event ${check.seq} (${check.action})`;
    return `${where}: ${check.reason}. ${check.events} event${check.events === 1 ? '' : 's'} before it ${check.events === 1 ? 'is' : 'are'} intact.`;
  }
  const lines = check.chains.map((c) => `  ${chainName(c.chain)}: ${c.events} event${c.events === 1 ? '' : 's'}, head ${c.head}`);
  return [`The audit chain is intact: ${check.events} event${check.events === 1 ? '' : 's'} in ${check.chains.length} chain${check.chains.length === 1 ? '' : 's'}.`, ...lines].join('\n');
};

export async function migrateCommand(io: Io): Promise<number> {
  const url = loadConfig().databaseUrl;
  const db = connectDatabase(url);
  try {
    const applied = await migrate(db);
    io.out(applied.length === 0 ? `The database (${url}) is up to date.` : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${url}: ${applied.join(', ')}.`);
    return 0;
  } finally {
    await db.destroy();
  }
}

/** The file's integrity first (a damaged file can still hold a chain that reads as intact), then the chain. */
export async function verifyAuditCommand(io: Io): Promise<number> {
  const url = loadConfig().databaseUrl;
  const db = await openDatabase(url);
  try {
    const problems = await integrityProblems(db);
    if (problems.length > 0) {
      io.out(damagedMessage(sqlitePath(url), problems));
      return 1;
    }
    // PostgreSQL has no whole-database check to run here: only the audit chain is checked there.
    if (dialectOf(db) === 'sqlite') io.out('The database file passed SQLite\'s integrity check.');
    const check = await verifyAuditChain(db);
    io.out(chainText(check));
    return check.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

export async function backupCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw new UsageError('backup needs --out FILE');
  const source = sqlitePath(loadConfig().databaseUrl);
  if (!existsSync(source)) {
    io.err(`There is no database at ${source} to back up.`);
    return 1;
  }
  if (path.resolve(values.out) === path.resolve(source)) {
    io.err('The backup cannot be written over the database itself; choose another file for --out.');
    return 1;
  }
  try {
    const { pages } = await backupSqlite(source, values.out);
    const problems = fileIntegrityProblems(values.out);
    if (problems.length > 0) {
      io.err(damagedMessage(values.out, problems));
      return 1;
    }
    io.out(`Backed up ${source} to ${values.out} (${pages} pages); the copy passed SQLite's integrity check.`);
    return 0;
  } catch (error) {
    io.err(`The backup could not be written to ${values.out}: ${(error as Error).message}.`);
    return 1;
  }
}

/** Names of migrations a database has applied that this release does not know (it came from a newer one). */
async function unknownMigrations(copy: string): Promise<string[] | 'not-ours'> {
  const db = connectDatabase(`sqlite:${copy}`);
  try {
    const known = new Set(Object.keys(await provider.getMigrations()));
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db).catch(() => ({ rows: null }));
    if (!rows) return 'not-ours';
    return rows.map((r) => r.name).filter((name) => !known.has(name));
  } finally {
    await db.destroy();
  }
}

async function chainOf(copy: string): Promise<ChainCheck> {
  const db = connectDatabase(`sqlite:${copy}`);
  try {
    return await verifyAuditChain(db);
  } finally {
    await db.destroy();
  }
}

/** The app instances serving on the database now, by their heartbeats (none in a database older than them). */
async function servingOn(url: string): Promise<string[]> {
  const db = connectDatabase(url);
  try {
    return await servingInstances(db, new Date());
  } catch (error) {
    if (/no such table: maintenance_leases/.test((error as Error).message)) return [];
    throw error;
  } finally {
    await db.destroy();
  }
}

/** The backup to restore: `restore FILE` or `restore --from FILE`, one of the two and one file. */
function backupFile(from: string | undefined, positionals: string[]): string {
  if (from !== undefined && positionals.length > 0) {
    throw new UsageError(`restore takes the backup file once: either restore FILE or restore --from FILE, not both (given --from ${from} and ${positionals.join(' ')})`);
  }
  if (positionals.length > 1) throw new UsageError(`restore takes one backup file, but was given ${positionals.length}: ${positionals.join(', ')}`);
  const file = from ?? positionals[0];
  if (!file) throw new UsageError('restore needs the backup file: restore FILE (or restore --from FILE)');
  return file;
}

/**
 * Restores a backup only after it passes every check a person would want: the file is a healthy
 * SQLite database, it is this app's, no newer release made it, and its audit chain verifies. The
 * checks run on a copy beside the database, so a refused backup changes nothing.
 */
export async function restoreCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { from: { type: 'string' }, replace: { type: 'boolean' } } });
  const from = backupFile(values.from, positionals);
  const target = sqlitePath(loadConfig().databaseUrl);
  if (!existsSync(from)) {
    io.err(`There is no backup at ${from}.`);
    return 1;
  }
  if (existsSync(target) && !values.replace) {
    io.err(`A database already exists at ${target}. Stop the app, then run the command again with --replace to put the backup in its place.`);
    return 1;
  }
  const serving = existsSync(target) ? await servingOn(loadConfig().databaseUrl) : [];
  if (serving.length > 0) {
    io.err(
      `The app is running on ${target} (${serving.length === 1 ? 'an instance' : `${serving.length} instances`}: ${serving.join(', ')}). ` +
        'Stop it first, then run restore again: a running app keeps the old file open, and what it saved after the restore would be lost. ' +
        `Nothing was restored. (An app that stopped without closing counts as running until a minute after its last heartbeat.)`,
    );
    return 1;
  }
  const problems = fileIntegrityProblems(from);
  if (problems.length > 0) {
    io.err(damagedMessage(from, problems).replace(/\nRestore it from a backup.*$/s, '\nNothing was restored.'));
    return 1;
  }
  const copy = await copyForRestore(from, target);
  try {
    const unknown = await unknownMigrations(copy);
    if (unknown === 'not-ours') {
      io.err(`${from} is an SQLite database but not one made by this app (it has no migration record). Nothing was restored.`);
      return 1;
    }
    if (unknown.length > 0) {
      io.err(`${from} was made by a newer release (it has migrations this one does not know: ${unknown.join(', ')}). Nothing was restored.`);
      return 1;
    }
    const check = await chainOf(copy);
    if (!check.ok) {
      io.err(`${chainText(check)} Nothing was restored.`);
      return 1;
    }
    putInPlace(copy, target);
    io.out(`Restored ${from} to ${target}: the file passed SQLite's integrity check and ${chainText(check).replace(/^The/, 'the')}`);
    return 0;
  } finally {
    discardCopy(copy);
  }
}
