// A real, empty database for each test (or each suite), with a temporary folder beside it for the
// test's own files (packs, exports). The CLI reads its configuration from process.env, so
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

/** A new, empty database of the kind under test. */
async function newDatabase(kind: TempDatabaseKind, dir: string): Promise<MadeDatabase> {
  if (kind === 'postgres') {
    // A fresh PostgreSQL database per TempDatabase is made by the PostgreSQL test harness.
    throw new Error('TEST_DATABASE=postgres needs the PostgreSQL test harness, which this version does not have');
  }
  const file = path.join(dir, 'app.sqlite');
  return { url: `sqlite:${file}`, file, drop: async () => undefined };
}

/** Makes the folder and the database and points the environment at them. Call cleanup() when done. */
export async function makeTempDatabase(prefix = 'tender-eval-'): Promise<TempDatabase> {
  const kind = testDatabaseKind();
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  let made: MadeDatabase;
  try {
    made = await newDatabase(kind, dir);
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
export function useTempDatabase(scope: 'each' | 'all' = 'each'): TempDatabase {
  let current: TempDatabase | undefined;
  const need = (): TempDatabase => {
    if (!current) throw new Error('the temporary database is only there inside tests and hooks');
    return current;
  };
  const setUp = async () => {
    current = await makeTempDatabase();
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
