// A real, empty database for each test (or each suite): a SQLite file in a temporary folder, or,
// when the tier runs on PostgreSQL (TEST_DATABASE=postgres), a fresh PostgreSQL database (already
// migrated unless asked for an empty one; see postgres-databases.ts). The CLI reads its
// configuration from process.env, so DATABASE_URL (and RUBRICS_DIR, so the published rubrics are
// found from any working directory) are set here and put back afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUBRICS_DIR } from './paths';
import { makePostgresDatabase, onPostgres } from './postgres-databases';

export interface TempDatabase {
  /** The temporary folder; tests may write pack files here too. */
  dir: string;
  /** The SQLite file. It does not exist until something opens the database. */
  file: string;
  /** `sqlite:<file>`, as in DATABASE_URL. */
  url: string;
  /** Removes the folder and restores the environment. */
  cleanup(): void;
}

const VARIABLES = ['DATABASE_URL', 'RUBRICS_DIR'] as const;

/** Makes the folder and points the environment at it. Call cleanup() when done. */
export function makeTempDatabase(prefix = 'tender-eval-', options: { empty?: boolean } = {}): TempDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, 'app.sqlite');
  const postgres = onPostgres() ? makePostgresDatabase({ migrated: !options.empty }) : null;
  const url = postgres?.url ?? `sqlite:${file}`;
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  process.env['DATABASE_URL'] = url;
  process.env['RUBRICS_DIR'] = RUBRICS_DIR;
  return {
    dir,
    file,
    url,
    cleanup() {
      for (const name of VARIABLES) {
        const value = saved[name];
        if (value === undefined) Reflect.deleteProperty(process.env, name);
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
      postgres?.drop();
    },
  };
}

/**
 * Registers mocha hooks giving the enclosing `describe` a temporary database: a new one for every
 * test (`each`, the default) or one shared by the suite (`all`). The returned object is filled in
 * by the hooks, so read its fields inside tests and hooks, not at load time.
 */
export function useTempDatabase(scope: 'each' | 'all' = 'each'): TempDatabase {
  let current: TempDatabase | undefined;
  const need = (): TempDatabase => {
    if (!current) throw new Error('the temporary database is only there inside tests and hooks');
    return current;
  };
  const setUp = () => {
    current = makeTempDatabase();
  };
  const tearDown = () => {
    current?.cleanup();
    current = undefined;
  };
  if (scope === 'all') {
    before(setUp);
    after(tearDown);
  } else {
    beforeEach(setUp);
    afterEach(tearDown);
  }
  return {
    get dir() {
      return need().dir;
    },
    get file() {
      return need().file;
    },
    get url() {
      return need().url;
    },
    cleanup: tearDown,
  };
}
