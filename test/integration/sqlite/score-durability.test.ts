// Saves committed together (group commit on the writer thread) are each durable: the app runs in a
// child process as the server runs it (production settings, a SQLite file, score saves on the
// writer thread with synchronous=FULL); a burst of concurrent autosaves is fired at it and the
// process is killed with SIGKILL as soon as the first saves are acknowledged, mid-burst. The
// database, opened again, holds every acknowledged save with its words and version, and its audit
// chain verifies. Nothing here measures a time.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../../src/data/database';
import { verifyAuditChain } from '../../../src/services/audit';
import { cellPath, PROXY_HEADERS, signIn } from '../../bench/scoring-client';
import { BENCH_CELLS, BENCH_MEMBER } from '../../bench/scoring-fixture';
import type { ServerReady } from '../../bench/scoring-server';
import { REPO_ROOT } from '../../helpers/paths';
import { useTempDatabase } from '../../helpers/temp-db';

const SERVER = path.join(REPO_ROOT, 'test', 'bench', 'scoring-server.ts');

function startApp(dir: string): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, 'app', dir], { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the app stopped (exit ${code}) before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, ready: JSON.parse(line) as ServerReady }));
  });
}

interface Acknowledged {
  bid: string;
  criterion: string;
  reason: string;
  version: number;
}

describe('durability: saves committed together survive kill -9', function () {
  this.timeout(180_000);
  const temp = useTempDatabase();

  it('keeps every acknowledged save of a burst cut short by SIGKILL, and the audit chain verifies', async () => {
    const { child, ready } = await startApp(temp.dir);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const base = `http://127.0.0.1:${ready.port}`;
    const acknowledged: Acknowledged[] = [];
    let failed = 0;
    try {
      const session = await signIn(base, ready.invite!);
      // Every cell of the member at once: 60 saves in flight, committed in groups by the writer.
      const burst = BENCH_CELLS.map(async ({ bid, criterion }, i) => {
        const reason = `Burst save ${i}: the answer names the outcome for ${bid} and how it will be measured.`;
        const body = new URLSearchParams({ _csrf: session.csrfToken, choice: String(i % 6), reason, version: '0', action: 'autosave', memberId: '' });
        try {
          const answer = await fetch(`${base}${cellPath(bid, criterion)}`, {
            method: 'POST',
            body: body.toString(),
            headers: { ...PROXY_HEADERS, cookie: session.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          });
          const json = (await answer.json()) as { saved: boolean; version: number };
          if (answer.status === 200 && json.saved) {
            acknowledged.push({ bid, criterion, reason, version: json.version });
            // Mid-burst: as soon as the first saves are acknowledged.
            if (acknowledged.length === 1) child.kill('SIGKILL');
          } else failed++;
        } catch {
          // The connection died with the process: not acknowledged.
        }
      });
      await Promise.all(burst);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    assert.equal(failed, 0, 'a save was answered but refused');
    assert.ok(acknowledged.length >= 1, 'no save was acknowledged before the kill');

    const file = path.join(temp.dir, 'bench.sqlite');
    const sqlite = new SQLite(file, { readonly: true });
    try {
      const find = sqlite.prepare(
        'SELECT s.rationale, s.version FROM scores s JOIN bids b ON b.id = s.bid_id JOIN panel_members m ON m.id = s.member_id WHERE m.key = ? AND b.key = ? AND s.criterion = ?',
      );
      for (const save of acknowledged) {
        const row = find.get(BENCH_MEMBER, save.bid, save.criterion) as { rationale: string; version: number } | undefined;
        assert.deepEqual(row, { rationale: save.reason, version: save.version }, `the acknowledged save of ${save.bid}/${save.criterion} is missing`);
      }
      const events = sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'score.saved'").get() as { n: number };
      assert.ok(events.n >= acknowledged.length, 'an acknowledged save has no audit event');
    } finally {
      sqlite.close();
    }
    const db = await openDatabase(`sqlite:${file}`);
    try {
      const chain = await verifyAuditChain(db);
      assert.equal(chain.ok, true, JSON.stringify(chain));
    } finally {
      await db.destroy();
    }
  });
});
