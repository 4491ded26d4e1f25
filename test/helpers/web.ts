// The web app for integration tests: createApp over a real, empty database of its own (SQLite in a temporary folder, or PostgreSQL with TEST_DATABASE=postgres),
// holding the hand-worked tender (owned by one commissioner) and one account per role.
import { load } from 'cheerio';
import { Secret, TOTP } from 'otpauth';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase, type Db } from '../../src/data/database';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { addUser } from '../../src/services/users';
import { buildAssets, type Assets } from '../../src/views/assets';
import { HAND_WORKED_PACK, RUBRICS_DIR } from './paths';
import { makeTempDatabase, type TempDatabase } from './temp-db';

export const PASSWORD = 'correct horse battery staple';

/**
 * The authenticator secret of every test account (base32): the accounts are made with their app
 * already set up, as after a first sign-in, so tests sign in with password + code. Setting up the
 * app is tested on its own (mfa.test.ts, the browser tests).
 */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const ACCOUNTS = {
  owner: { email: 'owner@council.example', role: 'commissioner' },
  otherCommissioner: { email: 'other@council.example', role: 'commissioner' },
  procurement: { email: 'procurement@council.example', role: 'procurement' },
  facilitator: { email: 'facilitator@council.example', role: 'facilitator' },
} as const;

/** The admin, who looks after accounts (kept apart from ACCOUNTS, whose roles work on tenders). */
export const ADMIN = { email: 'admin@council.example', role: 'admin' } as const;

let assets: Assets | undefined;
/** The stylesheet takes a second to compile, so tests share one. */
export const testAssets = (): Assets => (assets ??= buildAssets());

export interface TestApp {
  app: Express;
  db: Db;
  temp: TempDatabase;
  /** Moves the app's clock (for timeouts). */
  clock: { now: Date };
  close(): Promise<void>;
}

/** `env`: more environment for the app's configuration (like TRUST_PROXY). */
export async function testApp(options: { env?: Record<string, string>; ssoClockSkewSeconds?: number } = {}): Promise<TestApp> {
  const temp = await makeTempDatabase('tender-web-');
  const db = await openDatabase(temp.url);
  const now = new Date('2026-11-23T10:00:00Z');
  for (const [name, account] of Object.entries({ ...ACCOUNTS, admin: ADMIN })) {
    const added = await addUser(db, { email: account.email, name: `Test ${name}`, role: account.role, password: PASSWORD }, 'test', now);
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
    await db.updateTable('users').set({ totp_secret: TOTP_SECRET, totp_confirmed_at: now.toISOString() }).where('id', '=', added.id).execute();
  }
  const rubrics = rubricLibrary(RUBRICS_DIR);
  const loaded = await loadDataFile(HAND_WORKED_PACK);
  if (!loaded.ok) throw new Error('hand-worked pack unreadable');
  const imported = await importPack(db, rubrics, loaded.data, { file: HAND_WORKED_PACK, owner: ACCOUNTS.owner.email, actor: 'test', now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const clock = { now };
  const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: temp.url, RUBRICS_DIR, ...options.env }) };
  const app = createApp({ db, config, rubrics, assets: testAssets(), logger: pino({ level: 'silent' }), now: () => clock.now, ...(options.ssoClockSkewSeconds ? { ssoClockSkewSeconds: options.ssoClockSkewSeconds } : {}) });
  apps.set(app, { db, clock });
  return {
    app,
    db,
    temp,
    clock,
    async close() {
      await db.destroy();
      await temp.cleanup();
    },
  };
}

/** The CSRF token from a page's form. */
export async function csrfToken(agent: request.Agent, url: string): Promise<string> {
  const page = await agent.get(url);
  const token = load(page.text)('input[name="_csrf"]').first().val();
  if (typeof token !== 'string' || token === '') throw new Error(`no CSRF token on ${url} (status ${page.status})`);
  return token;
}

/** The database and clock of each test app, so helpers given only the app can read them. */
const apps = new WeakMap<Express, { db: Db; clock: { now: Date } }>();

/** A code from an authenticator app holding `secret`, at the app's time. */
export const totpCode = (secret: string, at: Date): string => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });

/**
 * The code a person would type now for an account. A code is accepted once, so when this step's
 * code was taken (the same account signed in twice at the same test time) the clock moves on to
 * the next step, as the person would wait for the app's next code.
 */
export async function currentCode(app: Express, email: string): Promise<string> {
  const known = apps.get(app);
  if (!known) throw new Error('not a test app');
  const user = await known.db.selectFrom('users').select(['totp_secret', 'totp_last_step']).where('email', '=', email.toLowerCase()).executeTakeFirstOrThrow();
  if (!user.totp_secret) throw new Error(`${email} has no authenticator app set up`);
  const step = Math.floor(known.clock.now.getTime() / 30_000);
  if (user.totp_last_step !== null && user.totp_last_step >= step) known.clock.now = new Date((user.totp_last_step + 1) * 30_000);
  return totpCode(user.totp_secret, known.clock.now);
}

/** A supertest agent signed in as one of ACCOUNTS (or ADMIN): password, then a code from the app. */
export async function signedIn(app: Express, email: string): Promise<request.Agent> {
  const agent = request.agent(app);
  const token = await csrfToken(agent, '/sign-in');
  const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email, password: PASSWORD });
  if (res.status !== 303 || res.headers['location'] !== '/sign-in/code') throw new Error(`sign-in as ${email} failed: ${res.status} ${res.headers['location'] ?? ''}`);
  const codeToken = await csrfToken(agent, '/sign-in/code');
  const code = await agent.post('/sign-in/code').type('form').send({ _csrf: codeToken, code: await currentCode(app, email) });
  if (code.status !== 303) throw new Error(`the code for ${email} was refused: ${code.status}`);
  return agent;
}

/** Confirms it is them (password + code) on /sign-in/confirm, as finalising or account changes ask after 15 minutes. */
export async function confirmItIsYou(app: Express, agent: request.Agent, email: string): Promise<void> {
  const token = await csrfToken(agent, '/sign-in/confirm?return=/');
  const res = await agent.post('/sign-in/confirm').type('form').send({ _csrf: token, return: '/', password: PASSWORD, code: await currentCode(app, email) });
  if (res.status !== 303) throw new Error(`confirming it is ${email} failed: ${res.status}`);
}

/** A form's fields, a list for repeated fields (checkboxes). */
export type Form = Record<string, string | string[]>;

/** A form body as a browser sends it, repeating a name once per checked box. */
export function encode(form: Form): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of ([] as string[]).concat(value)) body.append(name, v);
  return body.toString();
}
