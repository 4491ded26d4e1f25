// Security that every route shares: headers on every response, CSRF on every POST route.
import assert from 'node:assert/strict';
import type { Express } from 'express';
import { allRoutes } from './routes';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, testAssets, type TestApp } from '../../helpers/web';

/** Every POST route the app has, found by walking its routers, so a new route cannot be missed. */
const postRoutes = (app: Express): string[] => allRoutes(app).filter((r) => r.startsWith('POST ')).map((r) => r.slice('POST '.length));

/** A concrete URL for a route path, with the hand-worked tender's values for its parameters. */
const concrete = (routePath: string) => routePath.replace(':reference', 'HW-2026-01').replace(/:[a-zA-Z]+/g, 'x');

describe('web: security on every route', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  for (const [what, path] of [
    ['a page', '/sign-in'],
    ['a 404', '/no-such-page'],
    ['the stylesheet', '/styles/app.css'],
    ['a GOV.UK asset', '/assets/images/favicon.svg'],
    ['our own static file', '/public/favicon.svg'],
  ] as const) {
    it(`sends the security headers on ${what}, and no X-Powered-By`, async () => {
      const res = await request(t.app).get(path);
      assert.ok([200, 404].includes(res.status), `${path} answered ${res.status}`);
      assert.match(res.headers['content-security-policy'] ?? '', /default-src 'self'/);
      assert.match(res.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['strict-transport-security']);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['x-powered-by'], undefined);
    });
  }

  it('marks the session cookie HttpOnly and SameSite=Lax', async () => {
    const res = await request(t.app).get('/sign-in');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('session='));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });

  it('stores no session for anonymous visits to pages without a form, and one for the sign-in form', async () => {
    const count = async () => Number((await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const path of ['/panel', '/glossary', '/no-such-page', '/', '/i/not-a-link']) {
      for (let i = 0; i < 5; i++) await request(t.app).get(path);
    }
    assert.equal(await count(), before, '25 anonymous visits stored nothing');
    const signIn = await request(t.app).get('/sign-in');
    assert.match(signIn.text, /name="_csrf" value="[^"]{20,}"/);
    assert.equal(await count(), before + 1);
  });

  describe('CSRF', () => {
    const routes = () => postRoutes(t.app);

    it('finds the POST routes by walking the router', () => {
      assert.ok(routes().includes('/sign-in'));
      assert.ok(routes().includes('/sign-out'));
    });

    it('refuses every POST route without a token or with a wrong one', async () => {
      const agent = await signedIn(t.app, ACCOUNTS.owner.email);
      await csrfToken(agent, '/tenders');
      let checked = 0;
      for (const route of routes()) {
        for (const token of [undefined, 'not-the-token']) {
          const res = await agent.post(concrete(route)).type('form').send(token === undefined ? {} : { _csrf: token });
          assert.equal(res.status, 403, `${route} with ${token ?? 'no'} token answered ${res.status}`);
          assert.match(res.text, /The form has expired/);
          // The same as a file upload (multipart).
          const multipart = agent.post(concrete(route)).field('_csrf', token ?? '').field('x', 'y');
          assert.equal((await multipart).status, 403, `${route} as multipart with ${token ?? 'no'} token`);
          checked += 2;
        }
      }
      console.log(`      (CSRF: ${routes().length} POST routes, ${checked} refused requests)`);
      // Still signed in: a refused form changes nothing.
      assert.equal((await agent.get('/tenders')).status, 200);
    });
  });
});

describe('web: a form too large to read', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('answers 413 with a plain page, never a 500', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/new');
    const res = await agent.post('/tenders').type('form').send({ _csrf: token, title: 'x'.repeat(1_100_000) });
    assert.equal(res.status, 413);
    assert.match(res.text, /Too much was sent at once/);
  });

  it('answers 413 with the same page for more than 20,000 fields, never a 500', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/new');
    const body = `_csrf=${encodeURIComponent(token)}&${Array.from({ length: 20_001 }, (_, i) => `f${i}=1`).join('&')}`;
    const res = await agent.post('/tenders').type('form').send(body);
    assert.equal(res.status, 413);
    assert.match(res.text, /more than 20,000 answers or ticked boxes/);
  });
});

describe('web: cookies in production', () => {
  it('names the session cookie __Host-session and marks it Secure behind an HTTPS proxy', async () => {
    const t = await testApp();
    try {
      const config = { ...loadConfig({ NODE_ENV: 'production', DATABASE_URL: t.temp.url, SESSION_SECRET: 'x'.repeat(40) }) };
      const app = createApp({ db: t.db, config, rubrics: rubricLibrary(RUBRICS_DIR), assets: testAssets(), logger: pino({ level: 'silent' }), now: () => t.clock.now });
      const res = await request(app).get('/sign-in').set('X-Forwarded-Proto', 'https');
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-session='));
      assert.ok(cookie, 'a __Host- cookie');
      assert.match(cookie, /; Secure/);
      assert.match(cookie, /; Path=\//);
      assert.doesNotMatch(cookie, /Domain=/);
    } finally {
      await t.close();
    }
  });

  it('refuses to start in production without a session secret', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }, { serving: true }), /SESSION_SECRET: is missing/);
  });
});
