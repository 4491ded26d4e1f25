// Two processes appending to the same tender's audit chain at once, as two app instances on one
// database would: every append succeeds, none shares a number, and the chain verifies.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { openDatabase } from '../../src/data/database';
import { cli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

interface Outcome {
  appended: number;
  errors: string[];
}

function appender(url: string, tender: string, count: number): { ready: Promise<void>; go: () => void; done: Promise<Outcome> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/append-events.ts', url, tender, String(count)], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) signalReady();
  });
  const done = new Promise<Outcome>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Outcome) : reject(new Error(`appender exited ${code}: ${out}`)))),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe('audit appends racing from two processes', function () {
  this.timeout(120_000);
  const temp = useTempDatabase('each');

  it('gives 50 appends to one chain from two processes 0 errors, 0 duplicate numbers and an intact chain', async () => {
    await (await openDatabase(temp.url)).destroy();
    const one = appender(temp.url, 'RACE-1', 25);
    const two = appender(temp.url, 'RACE-1', 25);
    // Both processes load before either starts: give them the go together.
    await Promise.all([one.ready, two.ready]);
    one.go();
    two.go();
    const outcomes = await Promise.all([one.done, two.done]);
    assert.deepEqual(outcomes.flatMap((o) => o.errors), []);
    assert.equal(outcomes[0]!.appended + outcomes[1]!.appended, 50);

    const db = await openDatabase(temp.url);
    try {
      const rows = await db.selectFrom('audit_events').select(['chain_seq']).where('chain', '=', 'tender:RACE-1').orderBy('chain_seq').execute();
      assert.deepEqual(rows.map((r) => r.chain_seq), Array.from({ length: 50 }, (_, i) => i + 1));
    } finally {
      await db.destroy();
    }
    const verify = await cli(['verify-audit']);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, /tender RACE-1: 50 events/);
  });
});
