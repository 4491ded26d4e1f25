// The two servers of the scoring benchmark, each run alone in a child process (started by
// scoring-bench.ts with NODE_ENV=production), listening on a free port of 127.0.0.1:
// - `hello`: a bare Express app with one route, GET /hello answering "hello";
// - `app <dir>`: the real app from createApp, configured for production (secure session cookie
//   behind one proxy, view cache, pino silent), over a real SQLite file database in <dir>
//   holding the bench tender: `instance sqlite:<dir>/bench.sqlite setup`.
// - `instance <url> <setup|join>`: the real app as `npm start` runs it on the database at <url>
//   (SQLite or PostgreSQL): `setup` adds the bench tender and gives its invitation, `join` serves
//   the same database as a second instance (the same session secret, so a cookie works on both).
// - `floor <dir> <bytes>`: a bare Express app with only the middleware the README's "Technology" names, exactly as
//   the app configures it (src/middleware/platform.ts: CSP nonce and helmet, the body parser,
//   express-session over the database store in <dir>, csrf-sync), answering GET /floor with a
//   fixed page of <bytes> bytes: what those pieces cost before any page work.
// When listening, prints one JSON line: { port, invite? } (invite: BENCH_MEMBER's link path).
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Express } from 'express';
import pino from 'pino';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { databaseKind, openDatabase, sqlitePath } from '../../src/data/database';
import { formToken } from '../../src/middleware/csrf';
import { csrfChecks, platformSettings, securityHeaders, sessions } from '../../src/middleware/platform';
import { rubricLibrary } from '../../src/services/rubric-library';
import { writerThread } from '../../src/services/score-saves/writer-thread';
import { buildAssets } from '../../src/views/assets';
import { RUBRICS_DIR } from '../helpers/paths';
import { addBenchTender } from './scoring-fixture';

export interface ServerReady {
  port: number;
  invite?: string;
}

function helloApp(): Express {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.send('hello');
  });
  return app;
}

/** The app on a database URL, score saves as src/server.ts commits them (writer thread on SQLite, the pool on PostgreSQL). */
async function instanceApp(url: string, role: string): Promise<{ app: Express; invite: string | undefined }> {
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, RUBRICS_DIR, SESSION_SECRET: 'bench-session-secret-0123456789abcdef', LOG_LEVEL: 'silent' });
  const db = await openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  const rubrics = rubricLibrary(config.rubricsDir);
  const invite = role === 'setup' ? await addBenchTender(db, rubrics, new Date()) : undefined;
  const file = databaseKind(url) === 'sqlite' ? sqlitePath(url) : null;
  const scoreSaves = file ? writerThread(file) : undefined;
  await scoreSaves?.ready;
  const app = createApp({ db, config, rubrics, assets: buildAssets(), logger: pino({ level: 'silent' }), now: () => new Date(), ...(scoreSaves ? { scoreSaves } : {}) });
  return { app, invite };
}

async function floorApp(dir: string, bytes: number): Promise<Express> {
  const url = `sqlite:${path.join(dir, 'floor.sqlite')}`;
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, RUBRICS_DIR, SESSION_SECRET: 'bench-session-secret-0123456789abcdef', LOG_LEVEL: 'silent' });
  const db = await openDatabase(config.databaseUrl);
  const app = express();
  platformSettings(app);
  app.set('trust proxy', 1);
  const page = `<!DOCTYPE html>${'x'.repeat(Math.max(0, bytes - 15))}`;
  app.use(securityHeaders(), sessions({ db, config, now: () => new Date() }), csrfChecks());
  // Like the sign-in page, the page has a form, so even a first visit gets a token (and a session).
  app.get('/floor', (req, res) => {
    formToken(req);
    res.type('html').send(page);
  });
  return app;
}

const [kind, dir, bytes] = process.argv.slice(2);
const built =
  kind === 'hello'
    ? { app: helloApp(), invite: undefined }
    : kind === 'floor'
      ? { app: await floorApp(dir!, Number(bytes)), invite: undefined }
      : kind === 'instance'
        ? await instanceApp(dir!, bytes!)
        : await instanceApp(`sqlite:${path.join(dir!, 'bench.sqlite')}`, 'setup');
const server = built.app.listen(0, '127.0.0.1', () => {
  const ready: ServerReady = { port: (server.address() as AddressInfo).port, ...(built.invite ? { invite: built.invite } : {}) };
  console.log(JSON.stringify(ready));
});
// The benchmark ends this process by closing its standard input.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
