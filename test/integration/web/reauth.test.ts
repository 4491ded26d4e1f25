// Confirming it is you: finalising a tender and administering accounts need a sign-in in the last
// 15 minutes; an older one is sent to /sign-in/confirm first and nothing changes until then.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { stringify } from 'yaml';
import { handWorkedPack } from '../../helpers/packs';
import { ACCOUNTS, ADMIN, confirmItIsYou, csrfToken, currentCode, PASSWORD, signedIn, testApp, type TestApp } from '../../helpers/web';

const MINUTE = 60 * 1000;

describe('web: confirming it is you before finalising or changing accounts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const later = (minutes: number): void => {
    t.clock.now = new Date(t.clock.now.getTime() + minutes * MINUTE);
  };
  const stateOf = async (reference: string) => (await t.db.selectFrom('tenders').select('state').where('reference', '=', reference).executeTakeFirstOrThrow()).state;
  const events = async (action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

  async function finalise(agent: request.Agent) {
    const page = await agent.get('/tenders/HW-2026-01/state');
    const outstanding = String(load(page.text)('input[name=outstanding]').val());
    const token = await csrfToken(agent, '/tenders/HW-2026-01/state');
    return agent.post('/tenders/HW-2026-01/state').type('form').send({ _csrf: token, to: 'finalised', reason: 'The panel agreed the flagged score stands; summaries read at the meeting.', outstanding });
  }

  async function confirm(agent: request.Agent, email: string, fields: { password?: string; code?: string } = {}) {
    const token = await csrfToken(agent, '/sign-in/confirm?return=/');
    return agent
      .post('/sign-in/confirm')
      .type('form')
      .send({ _csrf: token, return: '/tenders/HW-2026-01/state', password: fields.password ?? PASSWORD, code: fields.code ?? (await currentCode(t.app, email)) });
  }

  it('finalises directly within 15 minutes of signing in', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    later(14);
    const res = await finalise(agent);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/tenders/HW-2026-01');
    assert.equal(await stateOf('HW-2026-01'), 'finalised');
  });

  it('sends a 16-minute-old sign-in to confirm first, changing nothing; after password and code it finalises', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    later(16);
    const res = await finalise(agent);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/sign-in/confirm?return=%2Ftenders%2FHW-2026-01%2Fstate');
    assert.equal(await stateOf('HW-2026-01'), 'moderation');
    assert.equal((await events('tender.state-changed')).length, 0);
    const page = await agent.get(res.headers['location']!);
    assert.equal(page.status, 200);
    assert.match(load(page.text)('main').text(), /For your security, confirm it is you before you finalise a tender or change accounts/);
    assert.equal(load(page.text)('input[name=return]').val(), '/tenders/HW-2026-01/state');
    const sessionBefore = agent.jar.getCookie('session', { domain: '127.0.0.1', path: '/', secure: false, script: false })?.value;
    const confirmed = await confirm(agent, ACCOUNTS.owner.email);
    assert.equal(confirmed.status, 303);
    // Back to the form's page, not replaying the POST: the person presses the button again.
    assert.equal(confirmed.headers['location'], '/tenders/HW-2026-01/state');
    assert.equal(await stateOf('HW-2026-01'), 'moderation');
    const sessionAfter = agent.jar.getCookie('session', { domain: '127.0.0.1', path: '/', secure: false, script: false })?.value;
    assert.ok(sessionBefore);
    assert.notEqual(sessionAfter, sessionBefore, 'a new session id');
    const [event] = await events('user.reauthenticated');
    assert.ok(event);
    assert.equal(event.tender_ref, null);
    assert.equal(event.actor, `commissioner:${ACCOUNTS.owner.email}`);
    assert.equal((await finalise(agent)).status, 303);
    assert.equal(await stateOf('HW-2026-01'), 'finalised');
  });

  it('refuses a wrong password or code with an error summary, and keeps the return path local', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    later(20);
    const wrongPassword = await confirm(agent, ACCOUNTS.owner.email, { password: 'not my password' });
    assert.equal(wrongPassword.status, 400);
    assert.equal(load(wrongPassword.text)('.govuk-error-summary a').attr('href'), '#password');
    const wrongCode = await confirm(agent, ACCOUNTS.owner.email, { code: '000000' === (await currentCode(t.app, ACCOUNTS.owner.email)) ? '111111' : '000000' });
    assert.equal(wrongCode.status, 400);
    assert.equal(load(wrongCode.text)('.govuk-error-summary a').attr('href'), '#code');
    const empty = await confirm(agent, ACCOUNTS.owner.email, { password: '', code: '' });
    assert.equal(empty.status, 400);
    assert.equal(load(empty.text)('.govuk-error-summary a').length, 2);
    assert.equal((await events('user.reauthenticated')).length, 0);
    assert.equal((await finalise(agent)).headers['location'], '/sign-in/confirm?return=%2Ftenders%2FHW-2026-01%2Fstate');
    // Another site as the way back is replaced by the home page.
    const page = await agent.get('/sign-in/confirm?return=//elsewhere.example/');
    assert.equal(load(page.text)('input[name=return]').val(), '/');
  });

  it('asks an admin to confirm before changing an account after 15 minutes, and not before', async () => {
    const admin = await signedIn(t.app, ADMIN.email);
    const facilitator = await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.facilitator.email).executeTakeFirstOrThrow();
    const deactivate = async () => admin.post(`/accounts/${facilitator.id}/deactivate`).type('form').send({ _csrf: await csrfToken(admin, `/accounts/${facilitator.id}`) });
    const deactivated = async () => (await t.db.selectFrom('users').select('deactivated_at').where('id', '=', facilitator.id).executeTakeFirstOrThrow()).deactivated_at;
    later(16);
    const res = await deactivate();
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], `/sign-in/confirm?return=%2Faccounts%2F${facilitator.id}`);
    assert.equal(await deactivated(), null);
    const token = await csrfToken(admin, '/sign-in/confirm?return=/');
    const confirmed = await admin.post('/sign-in/confirm').type('form').send({ _csrf: token, return: `/accounts/${facilitator.id}`, password: PASSWORD, code: await currentCode(t.app, ADMIN.email) });
    assert.equal(confirmed.headers['location'], `/accounts/${facilitator.id}`);
    const again = await deactivate();
    assert.equal(again.status, 303);
    assert.equal(again.headers['location'], `/accounts/${facilitator.id}?done=deactivated`);
    assert.notEqual(await deactivated(), null);
    // Adding an account comes back to the form for a new one.
    later(16);
    const add = await admin.post('/accounts/new').type('form').send({ _csrf: await csrfToken(admin, '/accounts/new'), name: 'New', email: 'new@council.example', role: 'facilitator' });
    assert.equal(add.headers['location'], '/sign-in/confirm?return=%2Faccounts%2Fnew');
  });
  it('pauses confirming after 5 wrong tries in 15 minutes (429), like the code step', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    later(16);
    for (let i = 0; i < 5; i++) assert.equal((await confirm(agent, ACCOUNTS.owner.email, { password: 'not my password' })).status, 400);
    const paused = await confirm(agent, ACCOUNTS.owner.email);
    assert.equal(paused.status, 429);
    const $ = load(paused.text);
    // It says what happened for the factor that was wrong: the password, not codes.
    assert.equal($('h1').text().trim(), 'Too many wrong tries to confirm it is you');
    assert.match($('main').text(), /5 times in 15 minutes, and the password you typed was not right/);
    assert.match($('main').text(), /forgotten your password/);
    assert.doesNotMatch($('main').text(), /code/);
    assert.match($('main').text(), /Nothing has been changed/);
    assert.equal($('main a[href="/tenders/HW-2026-01/state"]').length, 1, 'a way back to the page');
    assert.equal((await events('user.reauthenticated')).length, 0);
  });

  it('says the code was wrong when codes were, with what to do about codes', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    later(16);
    const wrongCode = async () => ('000000' === (await currentCode(t.app, ACCOUNTS.owner.email)) ? '111111' : '000000');
    for (let i = 0; i < 5; i++) assert.equal((await confirm(agent, ACCOUNTS.owner.email, { code: await wrongCode() })).status, 400);
    const paused = load((await confirm(agent, ACCOUNTS.owner.email)).text)('main').text();
    assert.match(paused, /and the code you typed was not right/);
    assert.match(paused, /recovery codes/);
    assert.doesNotMatch(paused, /password/);
  });

  it('says the password or the code was wrong when both were', async () => {
    const wrongCode = async () => ('000000' === (await currentCode(t.app, ACCOUNTS.otherCommissioner.email)) ? '111111' : '000000');
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    later(16);
    for (let i = 0; i < 4; i++) assert.equal((await confirm(other, ACCOUNTS.otherCommissioner.email, { code: await wrongCode() })).status, 400);
    assert.equal((await confirm(other, ACCOUNTS.otherCommissioner.email, { password: 'not my password' })).status, 400);
    const both = await confirm(other, ACCOUNTS.otherCommissioner.email);
    assert.equal(both.status, 429);
    assert.match(load(both.text)('main').text(), /and the password or the code you typed was not right/);
  });

  it('asks to confirm before every account change after 15 minutes, changing nothing, and lets each through after', async () => {
    const admin = await signedIn(t.app, ADMIN.email);
    const id = (await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.facilitator.email).executeTakeFirstOrThrow()).id;
    const changes: [string, Record<string, string>, string][] = [
      ['/accounts/new', { name: 'New Person', email: 'new.person@council.example', role: 'facilitator' }, '/accounts/new'],
      [`/accounts/${id}/role`, { role: 'procurement' }, `/accounts/${id}`],
      [`/accounts/${id}/password-link`, {}, `/accounts/${id}`],
      [`/accounts/${id}/mfa-reset`, {}, `/accounts/${id}`],
      [`/accounts/${id}/deactivate`, {}, `/accounts/${id}`],
      [`/accounts/${id}/reactivate`, {}, `/accounts/${id}`],
    ];
    const accountEvents = async () => (await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'account.%').execute()).length;
    later(16);
    for (const [path, form, formPage] of changes) {
      const res = await admin.post(path).type('form').send({ _csrf: await csrfToken(admin, formPage), ...form });
      assert.equal(res.status, 303, path);
      assert.equal(res.headers['location'], `/sign-in/confirm?return=${encodeURIComponent(formPage)}`, path);
    }
    assert.equal(await accountEvents(), 0, 'nothing changed');
    assert.equal(await t.db.selectFrom('users').select('id').where('email', '=', 'new.person@council.example').executeTakeFirst(), undefined);
    await confirmItIsYou(t.app, admin, ADMIN.email);
    for (const [path, form, formPage] of changes) {
      const res = await admin.post(path).type('form').send({ _csrf: await csrfToken(admin, formPage), ...form });
      assert.ok(res.status === 303 || res.status === 200, `${path}: ${res.status}`);
      assert.ok(!String(res.headers['location'] ?? '').startsWith('/sign-in/confirm'), path);
    }
    assert.equal(await accountEvents(), changes.length);
  });

  describe('uploading a tender pack that arrives finalised (importing it finalises the tender)', () => {
    const upload = async (agent: request.Agent, reference: string, state: string) => {
      const pack = handWorkedPack();
      pack.tender.reference = reference;
      (pack.tender as Record<string, unknown>)['state'] = state;
      const token = await csrfToken(agent, '/tenders/upload');
      return agent.post('/tenders/upload').field('_csrf', token).attach('pack', Buffer.from(stringify(pack)), 'pack.yaml');
    };
    const imported = async (reference: string) => t.db.selectFrom('tenders').select('state').where('reference', '=', reference).executeTakeFirst();

    it('asks a 16-minute-old sign-in to confirm first, importing nothing; after confirming, the upload finalises', async () => {
      const agent = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
      later(16);
      const res = await upload(agent, 'UP-2026-09', 'finalised');
      assert.equal(res.status, 303);
      assert.equal(res.headers['location'], '/sign-in/confirm?return=%2Ftenders%2Fupload');
      assert.equal(await imported('UP-2026-09'), undefined);
      assert.equal((await t.db.selectFrom('audit_events').select('seq').where('tender_ref', '=', 'UP-2026-09').execute()).length, 0, 'no event for it');
      await confirmItIsYou(t.app, agent, ACCOUNTS.otherCommissioner.email);
      const again = await upload(agent, 'UP-2026-09', 'finalised');
      assert.equal(again.status, 303, again.text.slice(0, 300));
      assert.equal(again.headers['location'], '/tenders/UP-2026-09');
      assert.equal((await imported('UP-2026-09'))?.state, 'finalised');
    });

    it('imports a pack that is not finalised without asking, however old the sign-in', async () => {
      const agent = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
      later(16);
      const res = await upload(agent, 'UP-2026-08', 'moderation');
      assert.equal(res.headers['location'], '/tenders/UP-2026-08');
      assert.equal((await imported('UP-2026-08'))?.state, 'moderation');
    });
  });
});
