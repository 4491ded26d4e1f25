// MFA for local accounts: an authenticator app set up at the first sign-in (QR code made on the
// server, the key as text, confirmed with a code), ten recovery codes shown once and stored
// hashed, codes never accepted twice, wrong codes limited, and an admin's reset.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { addUser } from '../../../src/services/users';
import { ACCOUNTS, ADMIN, csrfToken, currentCode, PASSWORD, signedIn, testApp, totpCode, type TestApp } from '../../helpers/web';

const NEW = { email: 'new.person@council.example', password: 'a new long password' };

async function passwordStep(t: TestApp, email: string, password = PASSWORD): Promise<{ agent: request.Agent; location: string }> {
  const agent = request.agent(t.app);
  const token = await csrfToken(agent, '/sign-in');
  const res = await agent.post('/sign-in').type('form').send({ _csrf: token, email, password });
  assert.equal(res.status, 303);
  return { agent, location: res.headers['location'] as string };
}

async function sendCode(agent: request.Agent, code: string): Promise<request.Response> {
  const token = await csrfToken(agent, '/sign-in/code');
  return agent.post('/sign-in/code').type('form').send({ _csrf: token, code });
}

const secretOnPage = (html: string): string => load(html)('#secret').text().replace(/\s/g, '');

describe('web: MFA for local accounts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('sets up an app at the first sign-in: a QR code made here, the key as text, confirmed with a code; then ten recovery codes once', async () => {
    assert.ok((await addUser(t.db, { email: NEW.email, name: 'New Person', role: 'facilitator', password: NEW.password }, 'test', t.clock.now)).ok);
    const { agent, location } = await passwordStep(t, NEW.email, NEW.password);
    assert.equal(location, '/sign-in/set-up-app');
    assert.equal((await agent.get('/tenders')).status, 303, 'not signed in yet');
    const page = await agent.get('/sign-in/set-up-app');
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    const $ = load(page.text);
    assert.equal($('.app-qr-code svg').length, 1, 'the QR code is an inline SVG');
    assert.doesNotMatch($('.app-qr-code').html() ?? '', /(src|href)=/, 'and loads nothing');
    const secret = secretOnPage(page.text);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal((await t.db.selectFrom('users').select('totp_secret').where('email', '=', NEW.email).executeTakeFirstOrThrow()).totp_secret, null, 'stored only once confirmed');

    const token = load(page.text)('main input[name="_csrf"]').val() as string;
    const wrong = await agent.post('/sign-in/set-up-app').type('form').send({ _csrf: token, code: '000000' === totpCode(secret, t.clock.now) ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    assert.equal(load(wrong.text)('.govuk-error-summary a').attr('href'), '#code');
    assert.equal(secretOnPage(wrong.text), secret, 'the same key is shown again');

    const done = await agent.post('/sign-in/set-up-app').type('form').send({ _csrf: token, code: totpCode(secret, t.clock.now) });
    assert.equal(done.status, 200);
    assert.equal(done.headers['cache-control'], 'no-store');
    const codes = load(done.text)('#recovery-codes li').map((_i, li) => load(li).text().trim()).get();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    codes.forEach((c) => assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/));
    const stored = await t.db.selectFrom('recovery_codes').select('code_hash').execute();
    assert.equal(stored.length, 10);
    for (const c of codes) assert.ok(!stored.some((s) => s.code_hash.includes(c.replace('-', ''))), 'stored hashed');
    assert.equal((await agent.get('/tenders')).status, 200, 'signed in now');
    const actions = (await t.db.selectFrom('audit_events').select('action').where('actor', 'like', '%new.person%').orderBy('seq').execute()).map((e) => e.action);
    assert.deepEqual(actions, ['user.mfa-set-up', 'user.signed-in']);
  });

  it('needs the code after the password: the password alone signs no one in, and the step ends after 10 minutes', async () => {
    const { agent, location } = await passwordStep(t, ACCOUNTS.owner.email);
    assert.equal(location, '/sign-in/code');
    assert.equal((await agent.get('/tenders')).status, 303);
    const token = await csrfToken(agent, '/sign-in/code');
    t.clock.now = new Date(t.clock.now.getTime() + 11 * 60 * 1000);
    const page = await agent.get('/sign-in/code');
    assert.equal(page.headers['location'], '/sign-in');
    const late = await agent.post('/sign-in/code').type('form').send({ _csrf: token, code: await currentCode(t.app, ACCOUNTS.owner.email) });
    assert.equal(late.status, 303);
    assert.equal(late.headers['location'], '/sign-in', 'back to the start');
    assert.equal((await agent.get('/tenders')).status, 303);
  });

  it('refuses a code used already, even within its 30 seconds, and says so', async () => {
    const code = totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', t.clock.now);
    const first = await passwordStep(t, ACCOUNTS.owner.email);
    assert.equal((await sendCode(first.agent, code)).status, 303);
    const second = await passwordStep(t, ACCOUNTS.owner.email);
    const replay = await sendCode(second.agent, code);
    assert.equal(replay.status, 400);
    assert.match(load(replay.text)('.govuk-error-summary').text(), /used already/);
    assert.equal((await second.agent.get('/tenders')).status, 303);
  });

  it('takes a recovery code once, instead of the app', async () => {
    assert.ok((await addUser(t.db, { email: NEW.email, name: 'New Person', role: 'procurement', password: NEW.password }, 'test', t.clock.now)).ok);
    const { agent } = await passwordStep(t, NEW.email, NEW.password);
    const page = await agent.get('/sign-in/set-up-app');
    const token = load(page.text)('main input[name="_csrf"]').val() as string;
    const done = await agent.post('/sign-in/set-up-app').type('form').send({ _csrf: token, code: totpCode(secretOnPage(page.text), t.clock.now) });
    const codes = load(done.text)('#recovery-codes li').map((_i, li) => load(li).text().trim()).get();

    const once = await passwordStep(t, NEW.email, NEW.password);
    const used = await sendCode(once.agent, ` ${codes[3]!.toUpperCase()} `);
    assert.equal(used.status, 303);
    assert.equal((await once.agent.get('/tenders')).status, 200);
    const twice = await passwordStep(t, NEW.email, NEW.password);
    assert.equal((await sendCode(twice.agent, codes[3]!)).status, 400);
    assert.equal((await sendCode(twice.agent, codes[4]!)).status, 303, 'another code still works');
    const events = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'user.recovery-code-used').execute();
    assert.deepEqual(events.map((e) => JSON.parse(e.detail)), [{ left: 9 }, { left: 8 }]);
  });

  it('pauses an account after 5 wrong codes in 15 minutes, even for the right code, with a plain page', async () => {
    const { agent } = await passwordStep(t, ACCOUNTS.procurement.email);
    for (let i = 0; i < 5; i++) assert.equal((await sendCode(agent, String(100000 + i))).status, 400);
    const paused = await sendCode(agent, await currentCode(t.app, ACCOUNTS.procurement.email));
    assert.equal(paused.status, 429);
    assert.match(load(paused.text)('h1').text(), /Too many wrong codes/);
    // Another account from the same address is not paused by it.
    await signedIn(t.app, ACCOUNTS.owner.email);
  });

  it('an admin’s reset removes the app and the recovery codes and ends the sessions: the next sign-in sets up again', async () => {
    const person = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const admin = await signedIn(t.app, ADMIN.email);
    const id = (await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.facilitator.email).executeTakeFirstOrThrow()).id;
    const token = await csrfToken(admin, `/accounts/${id}`);
    const reset = await admin.post(`/accounts/${id}/mfa-reset`).type('form').send({ _csrf: token });
    assert.equal(reset.status, 303);
    assert.equal((await person.get('/tenders')).status, 303, 'signed out');
    assert.equal((await passwordStep(t, ACCOUNTS.facilitator.email)).location, '/sign-in/set-up-app');
    const [event] = await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('action', '=', 'account.mfa-reset').execute();
    assert.equal(event!.actor, `admin:${ADMIN.email}`);
    assert.deepEqual(JSON.parse(event!.detail), { account: ACCOUNTS.facilitator.email });
  });
});
