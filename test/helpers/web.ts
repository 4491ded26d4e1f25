// The web app for integration tests: createApp over a real SQLite database in a temporary folder,
// holding the hand-worked tender (owned by one commissioner) and one account per role.
import { load } from 'cheerio';
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
export async function testApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const temp = makeTempDatabase('tender-web-');
  const db = await openDatabase(temp.url);
  const now = new Date('2026-11-23T10:00:00Z');
  for (const [name, account] of Object.entries({ ...ACCOUNTS, admin: ADMIN })) {
    const added = await addUser(db, { email: account.email, name: `Test ${name}`, role: account.role, password: PASSWORD }, 'test', now);
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
  }
  const rubrics = rubricLibrary(RUBRICS_DIR);
  const loaded = await loadDataFile(HAND_WORKED_PACK);
  if (!loaded.ok) throw new Error('hand-worked pack unreadable');
  const imported = await importPack(db, rubrics, loaded.data, { file: HAND_WORKED_PACK, owner: ACCOUNTS.owner.email, actor: 'test', now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const clock = { now };
  const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: temp.url, RUBRICS_DIR, ...options.env }) };
  const app = createApp({ db, config, rubrics, assets: testAssets(), logger: pino({ level: 'silent' }), now: () => clock.now });
  return {
    app,
    db,
    temp,
    clock,
    async close() {
      await db.destroy();
      temp.cleanup();
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

/** A supertest agent signed in as one of ACCOUNTS. */
export async function signedIn(app: Express, email: string): Promise<request.Agent> {
  const agent = request.agent(app);
  const token = await csrfToken(agent, '/sign-in');
  const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email, password: PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return agent;
}

/** A form's fields, a list for repeated fields (checkboxes). */
export type Form = Record<string, string | string[]>;

/** A form body as a browser sends it, repeating a name once per checked box. */
export function encode(form: Form): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of ([] as string[]).concat(value)) body.append(name, v);
  return body.toString();
}
