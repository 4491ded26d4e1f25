// Two instances of the app on one database, as behind a load balancer: the rate limits are
// counted in the database, so tries spread over both instances add up.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { openDatabase, type Db } from '../../../src/data/database';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, PASSWORD, testApp, testAssets, type TestApp } from '../../helpers/web';

/** The instances share the session secret, as several instances must. */
const SESSION_SECRET = 'two-instances-share-this-secret-0123456789';

interface Instances {
  t: TestApp;
  apps: [Express, Express];
  secondDb: Db;
}

async function twoInstances(env: Record<string, string> = {}): Promise<Instances> {
  const t = await testApp({ env: { SESSION_SECRET, ...env } });
  // The second instance: its own connection to the same database, its own app and limiters.
  const secondDb = await openDatabase(t.temp.url);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.temp.url, RUBRICS_DIR, SESSION_SECRET, ...env });
  const second = createApp({ db: secondDb, config, rubrics: rubricLibrary(RUBRICS_DIR), assets: testAssets(), logger: pino({ level: 'silent' }), now: () => t.clock.now });
  return { t, apps: [t.app, second], secondDb };
}

async function tryToSignIn(app: Express, email: string, password: string, forwardedFor?: string): Promise<number> {
  const agent = request.agent(app);
  const token = await csrfToken(agent, '/sign-in');
  const post = agent.post('/sign-in').type('form');
  if (forwardedFor) post.set('X-Forwarded-For', forwardedFor);
  return (await post.send({ _csrf: token, email, password })).status;
}

describe('web: two instances on one database', () => {
  let two: Instances;
  afterEach(async () => {
    await two.secondDb.destroy();
    await two.t.close();
  });

  it('pauses an address after 10 failed sign-ins spread over both instances, on either', async () => {
    two = await twoInstances();
    const emails = Object.values(ACCOUNTS).map((a) => a.email);
    for (let i = 0; i < 10; i += 1) assert.equal(await tryToSignIn(two.apps[i % 2]!, emails[i % emails.length]!, `wrong ${i}`), 400, `try ${i + 1}`);
    assert.equal(await tryToSignIn(two.apps[0], ACCOUNTS.owner.email, PASSWORD), 429, 'the first instance');
    assert.equal(await tryToSignIn(two.apps[1], ACCOUNTS.owner.email, PASSWORD), 429, 'the second instance');
  });

  it('pauses an account after 10 failed sign-ins from 10 addresses spread over both instances', async () => {
    two = await twoInstances({ TRUST_PROXY: '1' });
    for (let i = 0; i < 10; i += 1) assert.equal(await tryToSignIn(two.apps[i % 2]!, ACCOUNTS.owner.email, `wrong ${i}`, `203.0.113.${i}`), 400, `try ${i + 1}`);
    assert.equal(await tryToSignIn(two.apps[1], ACCOUNTS.facilitator.email, PASSWORD, '198.51.100.3'), 303, 'another account is not paused');
    assert.equal(await tryToSignIn(two.apps[0], ACCOUNTS.owner.email, PASSWORD, '198.51.100.1'), 429);
    assert.equal(await tryToSignIn(two.apps[1], ACCOUNTS.owner.email, PASSWORD, '198.51.100.2'), 429);
  });

  it('pauses invitation links from an address after 30 that do not work, spread over both instances', async () => {
    two = await twoInstances();
    const guess = (app: Express) => request(app).get(`/invite/${randomBytes(32).toString('base64url')}`);
    for (let i = 0; i < 30; i += 1) assert.equal((await guess(two.apps[i % 2]!)).status, 404, `guess ${i + 1}`);
    assert.equal((await guess(two.apps[0])).status, 429);
    assert.equal((await guess(two.apps[1])).status, 429);
  });
});
