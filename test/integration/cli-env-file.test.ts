// A `.env` file in the working folder is read by the command line (and `npm start`), as
// .env.example says, with a variable set in the environment keeping its value; and commands such
// as `migrate` and the daily `remind` run in production without SESSION_SECRET, which only the web
// server needs. The command line runs as its own process here, as an operator runs it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');

describe('cli: a .env file in the working folder', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'env-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The environment of this process without the app's variables, plus `extra`. */
  const environment = (extra: Record<string, string> = {}) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['DATABASE_URL', 'NODE_ENV', 'SESSION_SECRET', 'TEST_DATABASE'].includes(k)) env[k] = v;
    return { ...env, ...extra };
  };
  const migrate = (env: Record<string, string>) => execFileSync(TSX, [MAIN, 'migrate'], { cwd: dir, env, encoding: 'utf8' });

  it('is read: migrate applies to the database it names, in production, with no session secret', () => {
    const file = path.join(dir, 'from-file.sqlite');
    writeFileSync(path.join(dir, '.env'), `# as copied from .env.example\nNODE_ENV=production\nDATABASE_URL=sqlite:${file}\n`);
    const out = migrate(environment());
    assert.match(out, new RegExp(`^Applied \\d+ migrations to sqlite:${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
    assert.ok(existsSync(file));
    assert.ok(!existsSync(path.join(dir, 'data')), 'nothing written to the default database');
  });

  it('gives way to a variable set in the environment', () => {
    const fromFile = path.join(dir, 'from-file.sqlite');
    const fromEnv = path.join(dir, 'from-env.sqlite');
    writeFileSync(path.join(dir, '.env'), `DATABASE_URL=sqlite:${fromFile}\n`);
    migrate(environment({ DATABASE_URL: `sqlite:${fromEnv}` }));
    assert.deepEqual([existsSync(fromEnv), existsSync(fromFile)], [true, false]);
  });
});
