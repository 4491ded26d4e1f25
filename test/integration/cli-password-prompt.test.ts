// `user add` typed at a terminal: the password is asked for, not shown as it is typed, ends at
// Enter (no Ctrl-D), Backspace takes a character back, and Ctrl-C adds no one. The command runs as
// its own process in a real pseudo-terminal (util-linux's `script`, part of every Debian system).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PASSWORD } from '../helpers/cli';
import { withDatabase } from '../helpers/database-peek';
import { REPO_ROOT } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';
import { openDatabase } from '../../src/data/database';
import { verifyPassword } from '../../src/services/passwords';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');

interface Typed {
  code: number | null;
  /** What the terminal showed, prompt and echo included. */
  screen: string;
}

/** Runs `user add` in a terminal, types `keys` once the prompt is shown, and returns what the terminal showed. */
function typeAtPrompt(databaseUrl: string, email: string, keys: string): Promise<Typed> {
  const command = [TSX, MAIN, 'user', 'add', '--email', email, '--name', 'Ann Example', '--role', 'commissioner'].map((a) => `'${a}'`).join(' ');
  const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' };
  const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let typed = false;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      if (!typed && screen.includes('Password: ')) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    child.on('close', (code) => resolve({ code, screen }));
  });
}

describe('user add at a terminal (CLI)', function () {
  this.timeout(60_000);
  const db = useTempDatabase('each');
  // Migrated first, so "no one was added" is read from a users table and not from its absence.
  beforeEach(async () => (await openDatabase(db.url)).destroy());
  const hashOf = (email: string) =>
    withDatabase(db.url, (d) => d.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirst());

  it('asks for the password, does not show it, takes Enter as its end and Backspace as taking a character back', async () => {
    const run = await typeAtPrompt(db.url, 'ann@council.gov.uk', `${PASSWORD}x\u007f\r`);
    assert.equal(run.code, 0, run.screen);
    assert.match(run.screen, /Password: /);
    assert.ok(!run.screen.includes(PASSWORD), `the password was shown: ${JSON.stringify(run.screen)}`);
    assert.match(run.screen, /Added ann@council\.gov\.uk as commissioner\./);
    const row = await hashOf('ann@council.gov.uk');
    assert.equal(await verifyPassword(PASSWORD, row!.password_hash), true);
  });

  it('adds no one when the person stops with Ctrl-C, and says so (exit 1)', async () => {
    const run = await typeAtPrompt(db.url, 'ann@council.gov.uk', `${PASSWORD.slice(0, 4)}\u0003`);
    assert.equal(run.code, 1, run.screen);
    assert.match(run.screen, /Stopped at the password prompt: no account was added\./);
    assert.equal(await hashOf('ann@council.gov.uk'), undefined);
  });
});
