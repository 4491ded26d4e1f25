// A real database for each test (or each suite), with a temporary folder beside it for the test's
// own files (packs, exports): a SQLite file in that folder, or, when the tier runs on PostgreSQL
// (TEST_DATABASE=postgres), a fresh PostgreSQL database (already migrated unless asked for an
// empty one; see postgres-databases.ts). The CLI reads its configuration from process.env, so
// DATABASE_URL (and RUBRICS_DIR, so the published rubrics are found from any working directory)
// are set here and put back afterwards.
//
// Tests reach the database through `url` (the app's own connection; test/helpers/database-peek.ts
// for looking behind the app's back), never through a file, so the same test runs on every
// database the app supports. Only tests of SQLite itself (test/integration/sqlite/) ask for the
// file, with sqliteFile().
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUBRICS_DIR } from './paths';
import { makePostgresDatabase } from './postgres-databases';

export type TempDatabaseKind = 'sqlite' | 'postgres';

export interface TempDatabase {
  /** The temporary folder; tests may write pack files here too. */
  dir: string;
  /** The database, as in DATABASE_URL. */
  url: string;
  /** Which database `url` names. */
  kind: TempDatabaseKind;
  /**
   * The SQLite file (it does not exist until something opens the database), for tests of SQLite
   * itself; throws when the test database is not SQLite.
   */
  sqliteFile(): string;
  /** Removes the database and the folder and restores the environment. */
  cleanup(): Promise<void>;
}

const VARIABLES = ['DATABASE_URL', 'RUBRICS_DIR'] as const;

/** The database under test: TEST_DATABASE=postgres or sqlite (the default). */
export function testDatabaseKind(): TempDatabaseKind {
  const wanted = process.env['TEST_DATABASE'] ?? 'sqlite';
  if (wanted !== 'sqlite' && wanted !== 'postgres') throw new Error(`TEST_DATABASE is "${wanted}"; expected sqlite or postgres`);
  return wanted;
}

interface MadeDatabase {
  url: string;
  file?: string;
  drop(): Promise<void>;
}

export interface TempDatabaseOptions {
  /**
   * Start from nothing, not even the migrations (tests that migrate step by step, or that watch
   * the first open). A SQLite file is always new; a PostgreSQL one is otherwise a migrated copy.
   */
  empty?: boolean;
}

/** A new database of the kind under test. */
async function newDatabase(kind: TempDatabaseKind, dir: string, options: TempDatabaseOptions): Promise<MadeDatabase> {
  if (kind === 'postgres') {
    const made = makePostgresDatabase({ migrated: !options.empty });
    return { url: made.url, drop: async () => made.drop() };
  }
  const file = path.join(dir, 'app.sqlite');
  return { url: `sqlite:${file}`, file, drop: async () => undefined };
}

/** Makes the folder and the database and points the environment at them. Call cleanup() when done. */
export async function makeTempDatabase(prefix = 'tender-eval-', options: TempDatabaseOptions = {}): Promise<TempDatabase> {
  const kind = testDatabaseKind();
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  let made: MadeDatabase;
  try {
    made = await newDatabase(kind, dir, options);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  process.env['DATABASE_URL'] = made.url;
  process.env['RUBRICS_DIR'] = RUBRICS_DIR;
  return {
    dir,
    url: made.url,
    kind,
    sqliteFile() {
      if (made.file === undefined) throw new Error(`this test works on the SQLite file, but the test database is ${kind}; tests of SQLite itself belong in test/integration/sqlite/`);
      return made.file;
    },
    async cleanup() {
      for (const name of VARIABLES) {
        const value = saved[name];
        if (value === undefined) Reflect.deleteProperty(process.env, name);
        else process.env[name] = value;
      }
      try {
        await made.drop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Registers mocha hooks giving the enclosing `describe` a temporary database: a new one for every
 * test (`each`, the default) or one shared by the suite (`all`). The returned object is filled in
 * by the hooks, so read its fields inside tests and hooks, not at load time.
 */
export function useTempDatabase(scope: 'each' | 'all' = 'each', options: TempDatabaseOptions = {}): TempDatabase {
  let current: TempDatabase | undefined;
  const need = (): TempDatabase => {
    if (!current) throw new Error('the temporary database is only there inside tests and hooks');
    return current;
  };
  const setUp = async () => {
    current = await makeTempDatabase(undefined, options);
  };
  const tearDown = async () => {
    const done = current;
    current = undefined;
    await done?.cleanup();
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
    get url() {
      return need().url;
    },
    get kind() {
      return need().kind;
    },
    sqliteFile: () => need().sqliteFile(),
    cleanup: tearDown,
  };
}
