// An anonymous client cannot make the server store sessions without limit (the README's
// "Sessions" and "Signed out while typing"): a visit stores a session only when it is shown a form
// (sign-in, the panel's code), never for a redirect, a 404 or a HEAD; a session holding only that
// form's token is new for the kept-words limit; kept words keep only a real score page's path; and
// the sessions those forms store are limited per address.
// Counted in the sessions table of the real database (SQLite, or PostgreSQL with TEST_DATABASE).
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { KEEPS_PER_WINDOW, KEPT_MAX } from '../../../src/features/scoring/kept-score';
import { FORM_SESSIONS_PER_WINDOW } from '../../../src/middleware/form-sessions';
import { cellUrl, SC, scoringTender } from '../../helpers/scoring';
import { encode, testApp, type TestApp } from '../../helpers/web';
import { allRoutes } from './routes';

const rows = async (t: TestApp) => {
  const row = await t.db
    .selectFrom('sessions')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.fn('length', ['data'])).as('bytes')])
    .executeTakeFirstOrThrow();
  return { rows: Number(row.n), bytes: Number(row.bytes ?? 0) };
};
const keptSessions = async (t: TestApp) => (await t.db.selectFrom('sessions').select('data').where('data', 'like', '%keptScore%').execute()).map((r) => r.data);

/** The session cookie a response set ("session=…"), if any. */
const sessionCookie = (res: request.Response): string | undefined =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('session='))
    ?.split(';')[0];

describe('web: anonymous requests store no session they do not need', function () {
  // About 1,500 requests in the first test: minutes on PostgreSQL on a shared, busy machine.
  this.timeout(300_000);
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await scoringTender(t);
  });
  afterEach(() => t.close());

  it('every GET route, 6 times with no cookie, and HEAD: only the pages showing the sign-in and code forms store a session', async () => {
    const gets = allRoutes(t.app)
      .filter((r) => r.startsWith('GET '))
      .map((r) => r.slice(4));
    assert.ok(gets.includes('/sign-in/code') && gets.includes('/set-password/:token'));
    const concrete = (route: string) => route.replace(':reference', SC).replace(':token', 'bogus-token').replace(/:[a-zA-Z]+/g, 'x');
    const storing: string[] = [];
    for (const route of gets) {
      for (const method of ['GET', 'HEAD'] as const) {
        const before = (await rows(t)).rows;
        for (let i = 0; i < 6; i++) {
          const req = request(t.app);
          await (method === 'GET' ? req.get(concrete(route)) : req.head(concrete(route)));
        }
        const added = (await rows(t)).rows - before;
        if (added > 0) storing.push(`${method} ${route} ${added}`);
      }
    }
    assert.deepEqual(storing.sort(), ['GET /code 6', 'GET /sign-in 6'], `${gets.length} GET routes, 6 GETs and 6 HEADs each`);
    // The reviewer's cases, by name: each answers as before and stores nothing.
    const before = await rows(t);
    for (const [path, status] of [
      ['/sign-in/code', 303],
      ['/sign-in/set-up-app', 303],
      ['/sign-in/confirm', 303],
      ['/set-password/bogus-token', 404],
    ] as const) {
      const res = await request(t.app).get(path);
      assert.equal(res.status, status, path);
      assert.equal(sessionCookie(res), undefined, `${path}: no session cookie`);
    }
    const head = await request(t.app).head('/sign-in');
    assert.equal(head.status, 200);
    assert.equal(sessionCookie(head), undefined, 'HEAD /sign-in: no session cookie');
    assert.deepEqual(await rows(t), before);
  });

  it('a session holding only a sign-in form’s token is new for kept words: one address keeps words in at most KEEPS_PER_WINDOW of them', async () => {
    const answers: boolean[] = [];
    for (let i = 0; i < KEEPS_PER_WINDOW + 10; i++) {
      const page = await request(t.app).get('/sign-in');
      const cookie = sessionCookie(page);
      assert.ok(cookie, 'the sign-in form stores its token');
      const res = await request(t.app)
        .post(cellUrl('A', 'safety'))
        .set('Cookie', cookie)
        .set('Sec-Fetch-Site', 'same-origin')
        .type('form')
        .send(encode({ _csrf: 'x', memberId: '2', version: '0', choice: '3', reason: `Words ${i} `.padEnd(KEPT_MAX + 1_000, 'x'), action: 'continue' }));
      assert.equal(res.status, 401);
      answers.push(/The same score will open with your words filled in/.test(res.text));
    }
    assert.equal((await keptSessions(t)).length, KEEPS_PER_WINDOW);
    assert.deepEqual(answers, [...Array<boolean>(KEEPS_PER_WINDOW).fill(true), ...Array<boolean>(10).fill(false)], 'told the truth about keeping');
  });

  it('keeps nothing for a path that is no real score page (7,000-character keys), and kept words take at most about 5,000 characters', async () => {
    const before = await rows(t);
    for (let i = 0; i < 5; i++) {
      const cookie = sessionCookie(await request(t.app).get('/sign-in'))!;
      const res = await request(t.app)
        .post(cellUrl('B'.repeat(7_000), 'c'.repeat(7_000)))
        .set('Cookie', cookie)
        .set('Sec-Fetch-Site', 'same-origin')
        .type('form')
        .send(encode({ _csrf: 'x', memberId: '2', version: '0', choice: '3', reason: 'r'.repeat(6_000), action: 'continue' }));
      assert.ok(res.status < 500, String(res.status));
    }
    assert.equal((await keptSessions(t)).length, 0, 'nothing kept');
    const after = await rows(t);
    assert.equal(after.rows - before.rows, 5, 'only the five sign-in pages’ sessions');
    assert.ok(after.bytes - before.bytes < 5 * 1_000, `the five sessions hold their tokens only (${after.bytes - before.bytes} bytes)`);

    // A real score page's path with the longest keys: kept, and the session stays near 5,000 characters.
    const longest = cellUrl('B'.repeat(64), 'c'.repeat(64));
    const cookie = sessionCookie(await request(t.app).get('/sign-in'))!;
    const res = await request(t.app)
      .post(longest)
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(encode({ _csrf: 'x', memberId: '2', version: '0', choice: '3', reason: 'r'.repeat(6_000), action: 'continue' }));
    assert.match(res.text, /The same score will open with your words filled in/);
    assert.equal(load(res.text)('#kept-reason').text(), 'r'.repeat(6_000), 'shown in full, to copy');
    const [kept] = await keptSessions(t);
    assert.ok(kept);
    assert.equal((JSON.parse(kept) as { keptScore: { path: string } }).keptScore.path, longest);
    assert.ok(kept.length < KEPT_MAX + 1_000, `${kept.length} characters stored`);
  });

  it('one address makes at most FORM_SESSIONS_PER_WINDOW new sessions from the sign-in and code forms; a browser with its session, and other addresses, still get them', async () => {
    await t.close();
    t = await testApp({ env: { TRUST_PROXY: '1' } });
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    const before = (await rows(t)).rows;
    const statuses: number[] = [];
    for (let i = 0; i < FORM_SESSIONS_PER_WINDOW + 5; i++) statuses.push((await request(t.app).get(i % 2 === 0 ? '/sign-in' : '/code').set(from('203.0.113.7'))).status);
    assert.deepEqual(statuses, [...Array<number>(FORM_SESSIONS_PER_WINDOW).fill(200), ...Array<number>(5).fill(429)]);
    assert.equal((await rows(t)).rows - before, FORM_SESSIONS_PER_WINDOW, 'one session per form shown, none after');
    const paused = await request(t.app).get('/code').set(from('203.0.113.7'));
    assert.equal(paused.status, 429);
    assert.equal(load(paused.text)('h1').text().trim(), 'Too many visits from your connection');
    assert.equal(sessionCookie(paused), undefined);
    // HEAD stores nothing, so it is not refused either.
    assert.equal((await request(t.app).head('/sign-in').set(from('203.0.113.7'))).status, 200);

    // Another address still gets the form, and a browser holding its session opens it again (and signs in).
    const agent = request.agent(t.app);
    const first = await agent.get('/sign-in').set(from('203.0.113.9'));
    assert.equal(first.status, 200);
    for (let i = 0; i < FORM_SESSIONS_PER_WINDOW + 5; i++) assert.equal((await agent.get('/sign-in').set(from('203.0.113.9'))).status, 200);
    assert.equal((await rows(t)).rows - before, FORM_SESSIONS_PER_WINDOW + 1, 'the same session, opened again');
  });
});
