// Fresh PostgreSQL databases for the tests, when the integration tier runs on PostgreSQL
// (TEST_DATABASE=postgres, TEST_POSTGRES_URL = a superuser URL of a throw-away cluster; see
// scripts/postgres-cluster.sh and test/run-tiers.ts).
//
// Every test gets a database of its own, as it gets a new file on SQLite. Migrating takes about
// half a second, so each process migrates one template database once and every test's database is
// a copy of it (CREATE DATABASE … TEMPLATE, about a tenth of that). A test that must start from
// nothing (migrations step by step) asks for an empty one. The server-level statements go through
// `psql` (no pool is left open on the server's own database); a database is dropped in the
// background.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths';

export const onPostgres = (): boolean => process.env['TEST_DATABASE'] === 'postgres';

function serverUrl(): URL {
  const url = process.env['TEST_POSTGRES_URL'];
  if (!url) throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL, a superuser URL such as postgres://postgres@127.0.0.1:5432/postgres');
  return new URL(url);
}

const urlOf = (name: string): string => {
  const url = serverUrl();
  url.pathname = `/${name}`;
  return url.toString();
};

function psql(statement: string): void {
  execFileSync('psql', ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '-d', serverUrl().toString(), '-c', statement], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const prefix = `t${process.pid}_${Date.now().toString(36)}`;
let made = 0;
let template: string | undefined;

/** The migrated template of this process, made on first use with the app's own `migrate` command. */
function migratedTemplate(): string {
  if (template) return template;
  const name = `${prefix}_template`;
  psql(`CREATE DATABASE ${name}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), 'migrate'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: urlOf(name) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  template = name;
  process.once('exit', () => {
    try {
      psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch {
      // The cluster is already gone (a throw-away one stopped first): nothing to tidy.
    }
  });
  return name;
}

export interface PostgresDatabase {
  name: string;
  url: string;
  drop(): void;
}

/** A new database: a copy of the migrated template, or empty (`migrated: false`). */
export function makePostgresDatabase(options: { migrated?: boolean } = {}): PostgresDatabase {
  made += 1;
  const name = `${prefix}_${made}`;
  psql(options.migrated === false ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${migratedTemplate()}`);
  return {
    name,
    url: urlOf(name),
    drop() {
      // In the background: connections a test left open are ended (FORCE); nothing waits on it.
      const dropping = spawn('psql', ['--no-psqlrc', '--quiet', '-d', serverUrl().toString(), '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore', detached: true });
      dropping.on('error', () => undefined);
      dropping.unref();
    },
  };
}
