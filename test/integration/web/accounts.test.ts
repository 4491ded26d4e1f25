// Account administration by an admin: add with a set-password link, change role, deactivate
// (sessions end at once) and reactivate, each on the audit chain; set-password links work once.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { verifyAuditChain } from '../../../src/services/audit';
import { ACCOUNTS, ADMIN, csrfToken, PASSWORD, signedIn, testApp, type TestApp } from '../../helpers/web';

const idOf = async (t: TestApp, email: string): Promise<number> => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

const events = async (t: TestApp, action: string) =>
  t.db.selectFrom('audit_events').select(['actor', 'tender_ref', 'detail']).where('action', '=', action).execute();

/** The path of the link shown on a link-issued page. */
const linkPath = (html: string): string => new URL(load(html)('#password-link').text().trim()).pathname;

async function signIn(t: TestApp, email: string, password: string): Promise<request.Response> {
  const agent = request.agent(t.app);
  const token = await csrfToken(agent, '/sign-in');
  return agent.post('/sign-in').type('form').send({ _csrf: token, email, password });
}

describe('web: accounts (admin)', () => {
  let t: TestApp;
  let admin: request.Agent;
  let token: string;
  beforeEach(async () => {
    t = await testApp();
    admin = await signedIn(t.app, ADMIN.email);
    token = await csrfToken(admin, '/accounts');
  });
  afterEach(() => t.close());

  it('lists every account with its role and status', async () => {
    const res = await admin.get('/accounts');
    assert.equal(res.status, 200);
    const rows = load(res.text)('tbody tr').map((_i, tr) => load(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.equal(rows.length, 5);
    assert.ok(rows.some((r) => r.includes(ACCOUNTS.procurement.email) && r.includes('Procurement') && r.includes('Active')));
  });

  it('adds an account with no password, and its one-time link sets one (then signs in)', async () => {
    const res = await admin.post('/accounts/new').type('form').send({ _csrf: token, name: 'Nia Evans', email: 'Nia.Evans@council.example', role: 'facilitator' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const path = linkPath(res.text);
    assert.match(path, /^\/set-password\/[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.selectFrom('password_links').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.ok(!stored[0]!.token_hash.includes(path.split('/')[2]!), 'only a hash of the token is stored');
    assert.equal((await signIn(t, 'nia.evans@council.example', '')).status, 400, 'no password yet');

    const person = request.agent(t.app);
    const page = await person.get(path);
    assert.equal(page.status, 200);
    const csrf = load(page.text)('main input[name="_csrf"]').val() as string;
    const short = await person.post(path).type('form').send({ _csrf: csrf, password: 'short', confirm: 'short' });
    assert.equal(short.status, 400);
    assert.equal(load(short.text)('.govuk-error-summary a').attr('href'), '#password');
    const differ = await person.post(path).type('form').send({ _csrf: csrf, password: 'kettle orbit meadow lamp', confirm: 'kettle orbit meadow' });
    assert.equal(load(differ.text)('.govuk-error-summary a').attr('href'), '#confirm');
    const set = await person.post(path).type('form').send({ _csrf: csrf, password: 'kettle orbit meadow lamp', confirm: 'kettle orbit meadow lamp' });
    assert.equal(set.status, 303);
    assert.equal(set.headers['location'], '/sign-in?password-set=1');
    assert.equal((await signIn(t, 'nia.evans@council.example', 'kettle orbit meadow lamp')).status, 303);

    // Used once: the link no longer works, on either method.
    const again = await person.get(path);
    assert.equal(again.status, 410);
    assert.match(load(again.text)('h1').text(), /has been used/);
    assert.equal((await person.post(path).type('form').send({ _csrf: csrf, password: 'another long password', confirm: 'another long password' })).status, 410);
    assert.deepEqual((await events(t, 'account.added')).map((e) => [e.actor, e.tender_ref, JSON.parse(e.detail)]), [['admin:admin@council.example', null, { account: 'nia.evans@council.example', role: 'facilitator' }]]);
    assert.equal((await events(t, 'account.password-set')).length, 1);
  });

  it('refuses an email that already has an account, and empty fields, on the form', async () => {
    const dup = await admin.post('/accounts/new').type('form').send({ _csrf: token, name: 'X', email: ACCOUNTS.owner.email.toUpperCase(), role: 'commissioner' });
    assert.equal(dup.status, 400);
    assert.match(load(dup.text)('.govuk-error-summary').text(), /already has an account/);
    const empty = await admin.post('/accounts/new').type('form').send({ _csrf: token });
    assert.deepEqual(load(empty.text)('.govuk-error-summary a').map((_i, a) => load(a).root().find('a').attr('href')).get(), ['#name', '#email', '#role']);
  });

  it('a set-password link expires after 3 days, and a newer one stops the older', async () => {
    const id = await idOf(t, ACCOUNTS.procurement.email);
    const first = linkPath((await admin.post(`/accounts/${id}/password-link`).type('form').send({ _csrf: token })).text);
    const second = linkPath((await admin.post(`/accounts/${id}/password-link`).type('form').send({ _csrf: token })).text);
    assert.equal((await request(t.app).get(first)).status, 410);
    assert.equal((await request(t.app).get(second)).status, 200);
    t.clock.now = new Date(t.clock.now.getTime() + 3 * 24 * 60 * 60 * 1000 + 1000);
    const expired = await request(t.app).get(second);
    assert.equal(expired.status, 410);
    assert.match(load(expired.text)('h1').text(), /has expired/);
    assert.equal((await request(t.app).get(`/set-password/${'x'.repeat(43)}`)).status, 404);
    assert.equal((await events(t, 'account.password-link-issued')).length, 2);
  });

  it('changes a role, audited; the person’s next request has the new role', async () => {
    const person = await signedIn(t.app, ACCOUNTS.procurement.email);
    const id = await idOf(t, ACCOUNTS.procurement.email);
    const res = await admin.post(`/accounts/${id}/role`).type('form').send({ _csrf: token, role: 'commissioner' });
    assert.equal(res.status, 303);
    assert.equal((await person.get('/tenders/new')).status, 200, 'now a commissioner');
    const [event] = await events(t, 'account.role-changed');
    assert.deepEqual(JSON.parse(event!.detail), { account: ACCOUNTS.procurement.email, from: 'procurement', to: 'commissioner' });
  });

  it('deactivating ends the account’s sessions at once and stops sign-in; reactivating lets them in again', async () => {
    const person = await signedIn(t.app, ACCOUNTS.facilitator.email);
    assert.equal((await person.get('/tenders')).status, 200);
    const id = await idOf(t, ACCOUNTS.facilitator.email);
    const sessionsOf = async () => (await t.db.selectFrom('sessions').select('data').execute()).filter((s) => JSON.parse(s.data).userId === id).length;
    assert.equal(await sessionsOf(), 1);
    assert.equal((await admin.post(`/accounts/${id}/deactivate`).type('form').send({ _csrf: token })).status, 303);
    assert.equal(await sessionsOf(), 0, 'deleted in the same transaction');
    assert.equal((await person.get('/tenders')).status, 303);
    assert.equal((await signIn(t, ACCOUNTS.facilitator.email, PASSWORD)).status, 400);
    assert.equal((await admin.post(`/accounts/${id}/reactivate`).type('form').send({ _csrf: token })).status, 303);
    assert.equal((await signIn(t, ACCOUNTS.facilitator.email, PASSWORD)).status, 303);
    assert.equal((await events(t, 'account.deactivated')).length, 1);
    assert.equal((await events(t, 'account.reactivated')).length, 1);
  });

  it('checks the account on every request too: a session the store still holds no longer works', async () => {
    const person = await signedIn(t.app, ACCOUNTS.owner.email);
    const id = await idOf(t, ACCOUNTS.owner.email);
    await t.db.updateTable('users').set({ deactivated_at: t.clock.now.toISOString() }).where('id', '=', id).execute();
    assert.equal((await person.get('/tenders')).status, 303);
  });

  it('refuses to change or deactivate the admin’s own account, in words', async () => {
    const id = await idOf(t, ADMIN.email);
    const res = await admin.post(`/accounts/${id}/deactivate`).type('form').send({ _csrf: token });
    assert.equal(res.status, 400);
    assert.match(load(res.text)('.govuk-error-summary').text(), /cannot deactivate your own account/);
    assert.equal((await admin.post(`/accounts/${id}/role`).type('form').send({ _csrf: token, role: 'commissioner' })).status, 400);
    assert.equal((await admin.get('/accounts')).status, 200, 'still an admin');
  });

  it('gives every other role 403 on every account page, and an admin 403 on tenders', async () => {
    const id = await idOf(t, ACCOUNTS.owner.email);
    for (const account of Object.values(ACCOUNTS)) {
      const agent = await signedIn(t.app, account.email);
      const csrf = await csrfToken(agent, '/tenders');
      for (const path of ['/accounts', '/accounts/new', `/accounts/${id}`]) assert.equal((await agent.get(path)).status, 403, `${account.email} GET ${path}`);
      for (const action of ['new', `${id}/role`, `${id}/deactivate`, `${id}/reactivate`, `${id}/password-link`, `${id}/mfa-reset`]) {
        assert.equal((await agent.post(`/accounts/${action}`).type('form').send({ _csrf: csrf, role: 'admin' })).status, 403, `${account.email} POST ${action}`);
      }
    }
    assert.equal((await admin.get('/tenders')).status, 403);
    assert.equal((await admin.get('/')).headers['location'], '/accounts');
  });

  it('puts every admin action on the audit chain, as the admin’s, and keeps the chain intact', async () => {
    const id = await idOf(t, ACCOUNTS.owner.email);
    const before = await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    await admin.post('/accounts/new').type('form').send({ _csrf: token, name: 'Nia Evans', email: 'nia.evans@council.example', role: 'facilitator' });
    await admin.post(`/accounts/${id}/role`).type('form').send({ _csrf: token, role: 'facilitator' });
    await admin.post(`/accounts/${id}/deactivate`).type('form').send({ _csrf: token });
    await admin.post(`/accounts/${id}/reactivate`).type('form').send({ _csrf: token });
    await admin.post(`/accounts/${id}/password-link`).type('form').send({ _csrf: token });
    await admin.post(`/accounts/${id}/mfa-reset`).type('form').send({ _csrf: token });
    const chain = await verifyAuditChain(t.db);
    assert.ok(chain.ok);
    const added = await t.db
      .selectFrom('audit_events')
      .select(['seq', 'action', 'actor', 'tender_ref', 'detail'])
      .where('seq', '>', Number(before.seq ?? 0))
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      added.map((e) => [e.action, e.actor, e.tender_ref, (JSON.parse(e.detail) as { account: string }).account]),
      [
        ['account.added', `admin:${ADMIN.email}`, null, 'nia.evans@council.example'],
        ['account.role-changed', `admin:${ADMIN.email}`, null, ACCOUNTS.owner.email],
        ['account.deactivated', `admin:${ADMIN.email}`, null, ACCOUNTS.owner.email],
        ['account.reactivated', `admin:${ADMIN.email}`, null, ACCOUNTS.owner.email],
        ['account.password-link-issued', `admin:${ADMIN.email}`, null, ACCOUNTS.owner.email],
        ['account.mfa-reset', `admin:${ADMIN.email}`, null, ACCOUNTS.owner.email],
      ],
    );
    // On the chain: each links to the one before (consecutive numbers, checked by verifyAuditChain above).
    assert.deepEqual(added.map((e) => e.seq - added[0]!.seq), [0, 1, 2, 3, 4, 5]);
  });
});
