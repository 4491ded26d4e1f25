// The app as a deployer runs it, in its own process (`node src/server.ts`, production settings),
// on a test's database, and a tender open for scoring with members who each score every bid on
// every criterion. For tests that need the server apart from the test: several instances on one
// database, one killed, or a database lock the test holds while the server waits on it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../src/data/database';
import { loadDataFile } from '../../src/services/data-files';
import { issueInvitations } from '../../src/services/invitations';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { freePort } from './npm-start';
import { REPO_ROOT, RUBRICS_DIR } from './paths';

/** One session secret for every instance, as instances behind one load balancer share it. */
const SECRET = 'app-instance-session-secret-0123456789abcdef';

export interface Instance {
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

/**
 * `node src/server.ts`, as `npm start` runs it, on the given database; resolves once it listens.
 * Its log is dropped unless APP_INSTANCE_LOG names a level (then it goes to stderr, by port).
 */
export async function startInstance(url: string): Promise<Instance> {
  const port = await freePort();
  const log = process.env['APP_INSTANCE_LOG'];
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: url, SESSION_SECRET: SECRET, TRUST_PROXY: '1', LOG_LEVEL: log ?? 'silent', RUBRICS_DIR };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'server.ts')], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the instance stopped (exit ${code}) before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('is running at')) resolve();
      if (log) process.stderr.write(`[${port}] ${line}\n`);
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, exited };
}

export interface ScoringTender {
  /** Each member's invitation link (a path), in the order of their keys `load1`, `load2`…. */
  invites: string[];
  /** Every cell a member scores. */
  cells: { bid: string; criterion: string }[];
}

/** The demo tender as `reference`, open for scoring, with `members` more members (`load1`…) invited. */
export async function scoringTenderOf(url: string, reference: string, members: number): Promise<ScoringTender> {
  const db = await openDatabase(url);
  try {
    const loaded = await loadDataFile(path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml'));
    if (!loaded.ok) throw new Error('the demo pack did not load');
    const pack = loaded.data as { tender: Record<string, unknown>; bids: { key: string }[]; panel: Record<string, unknown>[] };
    pack.tender['reference'] = reference;
    pack.tender['state'] = 'scoring';
    const keys = Array.from({ length: members }, (_, i) => `load${i + 1}`);
    keys.forEach((key, i) => pack.panel.push({ key, name: `Member ${i + 1}`, perspective: i % 2 === 0 ? 'lived-experience' : 'professional' }));
    const now = new Date();
    const imported = await importPack(db, rubricLibrary(RUBRICS_DIR), pack, { file: reference, actor: 'test', now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const issued = await issueInvitations(db, reference, keys, 'test', now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    const rubric = JSON.parse((await db.selectFrom('tenders').select('rubric_json').where('reference', '=', reference).executeTakeFirstOrThrow()).rubric_json) as {
      sections: { criteria: { id: string }[] }[];
    };
    const criteria = rubric.sections.flatMap((s) => s.criteria.map((c) => c.id));
    return { invites: issued.links.map((l) => l.path), cells: pack.bids.flatMap((b) => criteria.map((criterion) => ({ bid: b.key, criterion }))) };
  } finally {
    await db.destroy();
  }
}
