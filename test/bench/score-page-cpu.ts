// `tsx test/bench/score-page-cpu.ts [requests]`: the CPU time one score page GET costs, measured
// in one process (the app and its client together) so that other work on a shared machine does
// not change it much: the bench tender (scoring-fixture.ts) served by the real app configured for
// production, BENCH_MEMBER signed in with a draft saved, then `requests` sequential GETs of the
// benchmark's page over HTTP. Prints the CPU time per request (user + system, of the whole
// process, so the client's share is included) and, for comparison, the same for the middleware
// floor page (scoring-server.ts's `floor`) with a page of the same length.
// Run with `node --cpu-prof --import tsx test/bench/score-page-cpu.ts` to see where it goes.
// Also: PAGE_ONLY=1 skips the floor; PRINT_WINDOW=1 prints (on stderr) the monotonic-clock window
// of the measured requests and renders, in µs, to pick a profile's samples; DUMP_HTML=file writes
// the page with its nonce and CSRF token blanked, to compare the HTML of two versions of the code.
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/data/database';
import { formToken } from '../../src/middleware/csrf';
import { csrfChecks, platformSettings, securityHeaders, sessions } from '../../src/middleware/platform';
import { rubricLibrary } from '../../src/services/rubric-library';
import { writerThread } from '../../src/services/score-saves/writer-thread';
import { buildAssets } from '../../src/views/assets';
import { RUBRICS_DIR } from '../helpers/paths';
import { cellPath, PROXY_HEADERS, signIn } from './scoring-client';
import { addBenchTender } from './scoring-fixture';

const REQUESTS = Number(process.argv[2] ?? 2000);
const SECRET = 'bench-session-secret-0123456789abcdef';

function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

type Engine = (file: string, options: object, done: (error: Error | null, html?: string) => void) => void;
interface Captured {
  engine: Engine;
  file?: string;
  options?: object;
  html?: string;
}

/** Wraps the app's view engine to keep the score page's last render (its file, options and HTML). */
function captureRender(app: express.Express): Captured {
  const engines = (app as unknown as { engines: Record<string, Engine> }).engines;
  const engine = engines['.hbs']!;
  const captured: Captured = { engine };
  engines['.hbs'] = (file, options, done) => {
    engine(file, options, (error, html) => {
      if (file.endsWith(`${path.sep}score.hbs`)) Object.assign(captured, { file, options, html });
      done(error, html);
    });
  };
  return captured;
}

/** CPU milliseconds of the score page's render alone (template and layout), run `count` times with the options captured. */
async function renderCpu(captured: Captured, count: number): Promise<number> {
  const { engine, file, options } = captured;
  if (!file || !options) throw new Error('the score page was not rendered');
  const once = () => new Promise<string>((resolve, reject) => engine(file, options, (error, html) => (error ? reject(error) : resolve(html!))));
  if ((await once()) !== captured.html) throw new Error('the same options rendered different HTML');
  for (let i = 0; i < count / 10; i++) await once();
  const start = process.cpuUsage();
  const from = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once();
  const used = process.cpuUsage(start);
  if (process.env['PRINT_WINDOW'] === '1') console.error(JSON.stringify({ renderWindow: [String(from / 1000n), String(process.hrtime.bigint() / 1000n)] }));
  return (used.user + used.system) / 1000 / count;
}

/** CPU milliseconds per request over `count` sequential GETs (after `count / 10` to warm up). */
async function cpuPerRequest(url: string, cookie: string, count: number): Promise<{ cpuMs: number; wallMs: number; bytes: number }> {
  let bytes = 0;
  const get = async () => {
    const answer = await fetch(url, { headers: { ...PROXY_HEADERS, cookie } });
    const body = await answer.text();
    if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
    bytes = Buffer.byteLength(body);
  };
  for (let i = 0; i < count / 10; i++) await get();
  const start = process.cpuUsage();
  const startWall = performance.now();
  const from = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await get();
  const used = process.cpuUsage(start);
  // The window in the monotonic clock (µs), to pick a --cpu-prof profile's samples of these requests.
  if (process.env['PRINT_WINDOW'] === '1') console.error(JSON.stringify({ window: [String(from / 1000n), String(process.hrtime.bigint() / 1000n)] }));
  return { cpuMs: (used.user + used.system) / 1000 / count, wallMs: (performance.now() - startWall) / count, bytes };
}

const dir = mkdtempSync(path.join(tmpdir(), 'score-page-cpu-'));
const servers: Server[] = [];
try {
  const file = path.join(dir, 'bench.sqlite');
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: `sqlite:${file}`, RUBRICS_DIR, SESSION_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const db = await openDatabase(config.databaseUrl);
  const invite = await addBenchTender(db, rubricLibrary(config.rubricsDir), new Date());
  const scoreSaves = writerThread(file);
  await scoreSaves.ready;
  const app = createApp({ db, config, rubrics: rubricLibrary(config.rubricsDir), assets: buildAssets(), logger: pino({ level: 'silent' }), now: () => new Date(), scoreSaves });
  const captured = captureRender(app);
  const served = await listen(app);
  servers.push(served.server);
  const session = await signIn(served.base, invite);
  // The member's own draft on the page, as in the benchmark.
  const body = new URLSearchParams({ _csrf: session.csrfToken, choice: '3', reason: 'The answer gives real examples from their work now and a plan for this contract.', version: '0', action: 'later' });
  const saved = await fetch(`${served.base}${cellPath('A', 'independence')}`, { method: 'POST', body, redirect: 'manual', headers: { ...PROXY_HEADERS, cookie: session.cookie } });
  if (saved.status !== 303) throw new Error(`the draft save answered ${saved.status}`);

  const page = await cpuPerRequest(`${served.base}${cellPath('A', 'independence')}`, session.cookie, REQUESTS);
  const render = await renderCpu(captured, REQUESTS);
  // The page with its per-request values (nonce, CSRF token) blanked, to compare two versions of the code.
  const dump = process.env['DUMP_HTML'];
  if (dump) {
    const { cspNonce, csrfToken } = captured.options as { cspNonce: string; csrfToken: string };
    const escaped = (text: string) => text.replaceAll('=', '&#x3D;');
    writeFileSync(dump, captured.html!.replaceAll(escaped(cspNonce), 'NONCE').replaceAll(csrfToken, 'TOKEN'));
  }

  if (process.env['PAGE_ONLY'] === '1') {
    console.log(JSON.stringify({ requests: REQUESTS, pageBytes: page.bytes, pageCpuMs: page.cpuMs, renderCpuMs: render, pageWallMs: page.wallMs }));
    await scoreSaves.close();
    process.exit(0);
  }
  const floorDb = await openDatabase(`sqlite:${path.join(dir, 'floor.sqlite')}`);
  const floorApp = express();
  platformSettings(floorApp);
  floorApp.set('trust proxy', 1);
  const fixed = `<!DOCTYPE html>${'x'.repeat(Math.max(0, page.bytes - 15))}`;
  floorApp.use(securityHeaders(), sessions({ db: floorDb, config, now: () => new Date() }), csrfChecks());
  floorApp.get('/floor', (req, res) => {
    formToken(req);
    res.type('html').send(fixed);
  });
  const floor = await listen(floorApp);
  servers.push(floor.server);
  const first = await fetch(`${floor.base}/floor`, { headers: PROXY_HEADERS });
  const floorCookie = first.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('__Host-session='))!;
  const bare = await cpuPerRequest(`${floor.base}/floor`, floorCookie, REQUESTS);

  console.log(JSON.stringify({ requests: REQUESTS, pageBytes: page.bytes, pageCpuMs: page.cpuMs, renderCpuMs: render, floorCpuMs: bare.cpuMs, pageOverFloorCpuMs: page.cpuMs - bare.cpuMs, pageWallMs: page.wallMs, floorWallMs: bare.wallMs }));
  await scoreSaves.close();
} finally {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
