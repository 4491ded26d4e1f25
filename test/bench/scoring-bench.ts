// The panel's scoring page and score saves under load (the README's "Quality bars"), measured with autocannon in
// one run, against the middleware floor and a bare Express "hello" route:
// - scoringPageVsHello: requests per second of the scoring page (GET
//   /panel/bids/A/criteria/independence, a signed-in member who has declared no conflicts, a
//   2,000-character bid answer, their own draft saved) over those of GET /hello;
// - scoringPageP99Ms: the scoring page's 99th percentile latency at 32 connections;
// - scoreSaveVsHello: autosaves (session, CSRF check, validation, a transaction with its audit
//   event; every one writes a new version) per second over hello's.
// - scoringPageVsFloor, scoreSaveVsFloor: the same over the middleware floor's (below), which is
//   what a page behind the app's middleware could reach at most;
// - mixedPageP99Ms: the 99th percentile latency at 32 connections of a mix where every fourth
//   request is an autosave and the others are the score page (the p99 of all of them, saves
//   included, so it is no kinder than the pages' own);
// - middlewareFloorVsHello (context): a bare Express app with only the middleware the README's "Technology" names,
//   configured as the app configures it (helmet with the CSP nonce, express-session over the
//   database store, csrf-sync), answering a fixed page as long as the score page, over hello: the
//   most any page behind that middleware could reach here, before any database read or template.
// - middlewareFloorP99Ms (context): that floor's own p99 at 32 connections, in the same run (every
//   page behind the middleware does at least the floor's work). scoringPageP99VsFloor and
//   mixedPageP99VsFloor are the page's and the mix's p99 over it.
// Each server runs alone in a child process with NODE_ENV=production (scoring-server.ts); this
// process runs autocannon. Every target gets the same settings: 32 connections, one 5 s warm-up,
// then two interleaved 10 s runs; the better run of each counts. Only 2xx answers count as
// served; more than 1% of anything else stops the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cellPath, PROXY_HEADERS, savedCells, ScoreSaves, signIn } from './scoring-client';
import { BENCH_CELLS, BENCH_MEMBER, RESPONSE_CHARS } from './scoring-fixture';
import type { ServerReady } from './scoring-server';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scoring-server.ts');
export const LOAD = { connections: 32, warmUpSeconds: 5, measureSeconds: 10, runs: 2 };

interface Server {
  base: string;
  ready: ServerReady;
  child: ChildProcess;
}

async function startServer(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, ...args], { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${args[0]} server stopped (exit ${code}) before listening`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as ServerReady));
  });
  return { base: `http://127.0.0.1:${ready.port}`, ready, child };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.stdin!.end();
  await exited;
}

interface Load {
  rps: number;
  p99Ms: number;
  non2xx: number;
  all: number;
}

async function load(name: string, options: autocannon.Options, seconds: number): Promise<Load> {
  const result = await autocannon({ ...options, connections: LOAD.connections, duration: seconds });
  const all = result['2xx'] + result.non2xx + result.errors + result.timeouts;
  if (all === 0 || (result.non2xx + result.errors + result.timeouts) / all > 0.01) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers ${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors, ${result.timeouts} timeouts of ${all} requests`);
  }
  return { rps: result['2xx'] / result.duration, p99Ms: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts, all };
}

/** The pages measured are the real ones: hello's word, and the score page with the bid's answer and the form. Returns the page's length in bytes. */
async function checkPages(helloBase: string, appBase: string, cookie: string): Promise<number> {
  const word = await (await fetch(`${helloBase}/hello`)).text();
  const page = await fetch(`${appBase}${cellPath('A', 'independence')}`, { headers: { ...PROXY_HEADERS, cookie } });
  const html = await page.text();
  const answer = (/<div class="app-bid-response" id="bid-response">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '');
  if (word !== 'hello' || page.status !== 200 || answer.length < RESPONSE_CHARS * 0.9 || !html.includes('name="reason"')) {
    throw new Error(`not the pages to measure: hello said "${word}", the score page answered ${page.status} with ${answer.length} characters of answer`);
  }
  return Buffer.byteLength(html);
}

/** A session on the floor server: its first answer sets the cookie (the CSRF token is stored). */
async function floorCookie(base: string): Promise<string> {
  const first = await fetch(`${base}/floor`, { headers: PROXY_HEADERS });
  const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('__Host-session='));
  if (first.status !== 200 || !cookie) throw new Error(`the floor server answered ${first.status} without a session cookie`);
  return cookie;
}

export interface ScoringFigures {
  scoringPageVsFloor: number;
  scoringPageP99Ms: number;
  mixedPageP99Ms: number;
  scoreSaveVsFloor: number;
  scoringPageVsHello: number;
  scoreSaveVsHello: number;
  helloRps: number;
  scoringPageRps: number;
  scoreSaveRps: number;
  scoreSaveNon2xx: number;
  middlewareFloorVsHello: number;
  middlewareFloorRps: number;
  middlewareFloorP99Ms: number;
  scoringPageP99VsFloor: number;
  mixedPageP99VsFloor: number;
  mixedRps: number;
}

export async function benchScoring(): Promise<ScoringFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-scoring-'));
  const servers: Server[] = [];
  try {
    const hello = await startServer(['hello']);
    servers.push(hello);
    const app = await startServer(['app', dir]);
    servers.push(app);
    const session = await signIn(app.base, app.ready.invite!);
    const pageBytes = await checkPages(hello.base, app.base, session.cookie);
    const floor = await startServer(['floor', dir, String(pageBytes)]);
    servers.push(floor);
    const floorSession = await floorCookie(floor.base);
    const saves = new ScoreSaves(session, BENCH_MEMBER);
    const refresh = async () => saves.useCells(await savedCells(`sqlite:${path.join(dir, 'bench.sqlite')}`, BENCH_MEMBER, BENCH_CELLS));
    const targets = {
      hello: () => ({ url: `${hello.base}/hello`, headers: { ...PROXY_HEADERS, cookie: session.cookie } }),
      page: () => ({ url: `${app.base}${cellPath('A', 'independence')}`, headers: { ...PROXY_HEADERS, cookie: session.cookie } }),
      floor: () => ({ url: `${floor.base}/floor`, headers: { ...PROXY_HEADERS, cookie: floorSession } }),
      save: async () => {
        await refresh();
        return { url: app.base, requests: [saves.request()] };
      },
      // Each connection sends page, page, page, save, and again: a quarter of the requests are saves.
      mixed: async () => {
        await refresh();
        const page = { method: 'GET' as const, path: cellPath('A', 'independence'), headers: { ...PROXY_HEADERS, cookie: session.cookie } };
        return { url: app.base, requests: [page, page, page, saves.request()] };
      },
    };
    const runs: Record<keyof typeof targets, Load[]> = { hello: [], page: [], save: [], floor: [], mixed: [] };
    // Saves first, so the page shows the member's own draft, as it would part-way through.
    for (const name of ['hello', 'save', 'page', 'floor', 'mixed'] as const) await load(name, await targets[name](), LOAD.warmUpSeconds);
    for (let run = 0; run < LOAD.runs; run++) {
      for (const name of ['hello', 'page', 'save', 'floor', 'mixed'] as const) runs[name].push(await load(name, await targets[name](), LOAD.measureSeconds));
    }
    const best = (loads: Load[]) => Math.max(...loads.map((l) => l.rps));
    const bestP99 = (loads: Load[]) => Math.min(...loads.map((l) => l.p99Ms));
    const { written, unchanged } = saves.tally;
    if (unchanged > (written + unchanged) * 0.01) throw new Error(`${unchanged} of ${written + unchanged} score saves wrote nothing`);
    return {
      scoringPageVsFloor: best(runs.page) / best(runs.floor),
      scoringPageP99Ms: bestP99(runs.page),
      mixedPageP99Ms: bestP99(runs.mixed),
      scoreSaveVsFloor: best(runs.save) / best(runs.floor),
      scoringPageVsHello: best(runs.page) / best(runs.hello),
      scoreSaveVsHello: best(runs.save) / best(runs.hello),
      helloRps: best(runs.hello),
      scoringPageRps: best(runs.page),
      scoreSaveRps: best(runs.save),
      scoreSaveNon2xx: runs.save.reduce((n, l) => n + l.non2xx, 0),
      middlewareFloorVsHello: best(runs.floor) / best(runs.hello),
      middlewareFloorRps: best(runs.floor),
      middlewareFloorP99Ms: bestP99(runs.floor),
      scoringPageP99VsFloor: bestP99(runs.page) / bestP99(runs.floor),
      mixedPageP99VsFloor: bestP99(runs.mixed) / bestP99(runs.floor),
      mixedRps: best(runs.mixed),
    };
  } finally {
    for (const server of servers) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx test/bench/scoring-bench.ts`: this benchmark alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchScoring());
