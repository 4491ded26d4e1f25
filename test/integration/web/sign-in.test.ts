// Staff sign-in: the session, its id, sign-out on the server, timeouts and the rate limit.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { ACCOUNTS, csrfToken, currentCode, PASSWORD, signedIn, testApp, type TestApp } from '../../helpers/web';

const sessionCookie = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('session='))?.split(';')[0];

describe('web: staff sign-in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('sends a signed-out person to the sign-in page', async () => {
    const res = await request(t.app).get('/tenders');
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/sign-in');
  });

  it('signs in with the right password and goes to the page first asked for', async () => {
    const agent = request.agent(t.app);
    await agent.get('/tenders/HW-2026-01');
    const token = await csrfToken(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email: ACCOUNTS.owner.email, password: PASSWORD });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/sign-in/code', 'then the code from the app');
    assert.equal((await agent.get('/tenders/HW-2026-01')).status, 303, 'not signed in with the password alone');
    const codeToken = await csrfToken(agent, '/sign-in/code');
    const code = await agent.post('/sign-in/code').type('form').send({ _csrf: codeToken, code: await currentCode(t.app, ACCOUNTS.owner.email) });
    assert.equal(code.status, 303);
    assert.equal(code.headers['location'], '/tenders/HW-2026-01');
    assert.equal((await agent.get('/tenders/HW-2026-01')).status, 200);
  });

  it('gives a new session id at sign-in', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/sign-in');
    const before = sessionCookie(page);
    assert.ok(before, 'a session before signing in (it holds the CSRF token)');
    const token = load(page.text)('input[name="_csrf"]').val() as string;
    const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email: ACCOUNTS.owner.email, password: PASSWORD });
    const after = sessionCookie(res);
    assert.ok(after);
    assert.notEqual(after, before);
    // The old session id no longer signs anyone in.
    const replay = await request(t.app).get('/tenders').set('Cookie', before);
    assert.equal(replay.status, 303);
  });

  it('ends the session on the server at sign-out, so the old cookie no longer works', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const page = await agent.get('/tenders');
    const cookie = sessionCookie(page) ?? (page.request as unknown as { cookies: string }).cookies;
    const token = load(page.text)('input[name="_csrf"]').first().val() as string;
    const stored = async () => Number((await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const sessionsBefore = await stored();
    const out = await agent.post('/sign-out').type('form').send({ _csrf: token });
    assert.equal(out.status, 303);
    assert.equal(await stored(), sessionsBefore - 1);
    assert.equal((await agent.get('/tenders')).status, 303);
    if (cookie) assert.equal((await request(t.app).get('/tenders').set('Cookie', cookie)).status, 303);
  });

  it('refuses a wrong password with a message linked to the field, and keeps the email typed', async () => {
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email: ACCOUNTS.owner.email, password: 'not the password' });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('.govuk-error-summary').text(), /email address or password is not right/);
    assert.equal($('.govuk-error-summary a').attr('href'), '#email');
    assert.equal($('#email').val(), ACCOUNTS.owner.email);
    assert.match($('title').text(), /^Error: /);
  });

  it('asks for both fields when they are left blank', async () => {
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email: '', password: '' });
    assert.equal(res.status, 400);
    const links = load(res.text)('.govuk-error-summary a').map((_i, a) => load(a).root().find('a').attr('href')).get();
    assert.deepEqual(links, ['#email', '#password']);
  });

  it('answers 429 with a plain page after 10 wrong passwords for one account', async () => {
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email: ACCOUNTS.procurement.email, password: `wrong ${i}` });
      statuses.push(res.status);
      if (res.status === 429) assert.match(res.text, /Too many tries to sign in/);
    }
    assert.deepEqual(statuses, [...Array(10).fill(400), 429]);
  });

  it('signs a person out after 30 idle minutes, and after 12 hours however busy', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const start = t.clock.now.getTime();
    t.clock.now = new Date(start + 29 * 60 * 1000);
    assert.equal((await agent.get('/tenders')).status, 200);
    t.clock.now = new Date(start + 29 * 60 * 1000 + 31 * 60 * 1000);
    assert.equal((await agent.get('/tenders')).status, 303, 'idle for 31 minutes');

    const busy = await signedIn(t.app, ACCOUNTS.owner.email);
    const signedInAt = t.clock.now.getTime();
    for (let minutes = 20; minutes <= 12 * 60; minutes += 20) {
      t.clock.now = new Date(signedInAt + minutes * 60 * 1000);
      assert.equal((await busy.get('/tenders')).status, 200, `active at ${minutes} minutes`);
    }
    t.clock.now = new Date(signedInAt + (12 * 60 + 10) * 60 * 1000);
    assert.equal((await busy.get('/tenders')).status, 303, 'past 12 hours');
  });
});
