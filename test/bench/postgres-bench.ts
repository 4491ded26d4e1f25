// Score saves on PostgreSQL, measured in one run beside SQLite:
// - pgSaveVsSqliteSave: autosaves per second of one app instance on PostgreSQL over one on a SQLite
//   file (its writer thread, synchronous=FULL), same machine, same load;
// - twoInstancesVsOne: autosaves per second of two app instances on one PostgreSQL database (the
//   load split between them) over one instance taking it all.
// The PostgreSQL cluster is a throw-away one started here (scripts/postgres-cluster.sh) with its
// durable defaults: fsync, synchronous_commit and full_page_writes on, so a save is answered only
// once its commit is on disk, as on SQLite. Every app runs alone in a child process with
// NODE_ENV=production (scoring-server.ts `instance`). Each target gets a 5 s warm-up and two
// interleaved 10 s runs at 32 connections in all; the better run counts. Only written saves count;
// more than 1% of anything else stops the benchmark.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { REPO_ROOT } from '../helpers/paths';
import { savedCells, ScoreSaves, signIn, type PanelSession } from './scoring-client';
import { BENCH_CELLS, BENCH_MEMBER } from './scoring-fixture';
import { LOAD } from './scoring-bench';
import type { ServerReady } from './scoring-server';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scoring-server.ts');
const CLUSTER = path.join(REPO_ROOT, 'scripts', 'postgres-cluster.sh');

interface Instance {
  base: string;
  ready: ServerReady;
  child: ChildProcess;
}

async function startInstance(url: string, role: 'setup' | 'join'): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, 'instance', url, role], { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${role} instance stopped (exit ${code}) before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ServerReady));
  });
  return { base: `http://127.0.0.1:${ready.port}`, ready, child };
}

async function stopInstance(instance: Instance): Promise<void> {
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.stdin!.end();
  await exited;
}

let savers = 0;

/** Saves per second through the given instances at once, the connections and the cells split between them. */
async function saveLoad(url: string, session: PanelSession, instances: Instance[], seconds: number): Promise<number> {
  // Saves still in flight when the last run stopped are answered after it: let them commit first,
  // or their cells' versions read here would be one behind (a conflict, not a save).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const cells = await savedCells(url, BENCH_MEMBER, BENCH_CELLS);
  const share = Math.ceil(cells.length / instances.length);
  const loads = instances.map((instance, i) => {
    const saves = new ScoreSaves(session, BENCH_MEMBER, `${++savers}.`);
    saves.useCells(cells.slice(i * share, (i + 1) * share));
    return { saves, run: autocannon({ url: instance.base, requests: [saves.request()], connections: LOAD.connections / instances.length, duration: seconds }) };
  });
  const results = await Promise.all(loads.map((l) => l.run));
  let written = 0;
  let all = 0;
  for (const [i, result] of results.entries()) {
    written += loads[i]!.saves.tally.written;
    all += result['2xx'] + result.non2xx + result.errors + result.timeouts;
  }
  if (all === 0 || (all - written) / all > 0.01) {
    const answers = results.map((r) => `${JSON.stringify(r.statusCodeStats)}, ${r.errors} errors, ${r.timeouts} timeouts`).join('; ');
    throw new Error(`${url.split(':')[0]} on ${instances.length} instance(s): only ${written} of ${all} saves were written (${answers})`);
  }
  return written / Math.max(...results.map((r) => r.duration));
}

export interface PostgresFigures {
  pgSaveVsSqliteSave: number;
  twoInstancesVsOne: number;
  pgSaveRps: number;
  pgTwoInstancesSaveRps: number;
  sqliteSaveRps: number;
}

export async function benchPostgres(): Promise<PostgresFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-postgres-'));
  // A folder of its own: the script hands it to the postgres user.
  const clusterDir = mkdtempSync(path.join(tmpdir(), 'bench-postgres-cluster-'));
  const instances: Instance[] = [];
  let clusterStarted = false;
  try {
    const server = new URL(execFileSync(CLUSTER, ['start', clusterDir], { encoding: 'utf8' }).trim());
    clusterStarted = true;
    execFileSync('psql', ['--no-psqlrc', '--quiet', '-d', server.toString(), '-c', 'CREATE DATABASE bench']);
    server.pathname = '/bench';
    const pgUrl = server.toString();
    const sqliteUrl = `sqlite:${path.join(dir, 'bench.sqlite')}`;

    const sqlite = await startInstance(sqliteUrl, 'setup');
    instances.push(sqlite);
    const pgFirst = await startInstance(pgUrl, 'setup');
    instances.push(pgFirst);
    const pgSecond = await startInstance(pgUrl, 'join');
    instances.push(pgSecond);
    const sqliteSession = await signIn(sqlite.base, sqlite.ready.invite!);
    const pgSession = await signIn(pgFirst.base, pgFirst.ready.invite!);

    const targets = {
      sqlite: (s: number) => saveLoad(sqliteUrl, sqliteSession, [sqlite], s),
      pgOne: (s: number) => saveLoad(pgUrl, pgSession, [pgFirst], s),
      pgTwo: (s: number) => saveLoad(pgUrl, pgSession, [pgFirst, pgSecond], s),
    };
    const runs: Record<keyof typeof targets, number[]> = { sqlite: [], pgOne: [], pgTwo: [] };
    for (const name of ['sqlite', 'pgOne', 'pgTwo'] as const) await targets[name](LOAD.warmUpSeconds);
    for (let run = 0; run < LOAD.runs; run++) {
      for (const name of ['sqlite', 'pgOne', 'pgTwo'] as const) runs[name].push(await targets[name](LOAD.measureSeconds));
    }
    const best = (rates: number[]) => Math.max(...rates);
    return {
      pgSaveVsSqliteSave: best(runs.pgOne) / best(runs.sqlite),
      twoInstancesVsOne: best(runs.pgTwo) / best(runs.pgOne),
      pgSaveRps: best(runs.pgOne),
      pgTwoInstancesSaveRps: best(runs.pgTwo),
      sqliteSaveRps: best(runs.sqlite),
    };
  } finally {
    for (const instance of instances) await stopInstance(instance);
    if (clusterStarted) execFileSync(CLUSTER, ['stop', clusterDir]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(clusterDir, { recursive: true, force: true });
  }
}

// `tsx test/bench/postgres-bench.ts`: this benchmark alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchPostgres());
