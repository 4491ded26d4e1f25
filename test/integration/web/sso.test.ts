// Single sign-on against a real OpenID Provider (oidc-provider) started here on 127.0.0.1: no
// mocks. A good sign-in; a wrong state, a replayed code, a wrong nonce, an expired or wrongly
// signed ID token, an unknown email, an unverified email and a deactivated account each refused
// with a plain page and an audit event.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { ACCOUNTS, ADMIN, csrfToken, testApp, type TestApp } from '../../helpers/web';
import { CLIENT, PUBLIC_URL, signInAtProvider, startProvider, type TestProvider } from '../../helpers/oidc';

const refusals = async (t: TestApp) =>
  (await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'user.sso-refused').orderBy('seq').execute()).map(
    (e) => JSON.parse(e.detail) as { reason: string; email?: string; error?: string; claim?: string },
  );

/** The plain refusal page: its heading and words saying to start again, with no one signed in. */
function assertPlainRefusal(res: request.Response, label: string): void {
  const $ = load(res.text);
  assert.equal($('h1').text().trim(), 'You could not be signed in', label);
  assert.match($('main').text(), /Start again/, label);
  assert.equal($('form[action="/sign-out"]').length, 0, `${label}: no one is signed in`);
}

describe('web: single sign-on (OpenID Connect)', function () {
  this.timeout(120_000);
  let op: TestProvider;
  let t: TestApp;
  const env = (issuer: string, more: Record<string, string> = {}) => ({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    PUBLIC_URL,
    OIDC_ROLE_CLAIM: 'roles',
    OIDC_ROLE_MAP: 'Tender.Admins=admin,Tender.Buyers=procurement',
    ...more,
  });

  before(async () => {
    op = await startProvider((login) => ({
      // An Entra-like account: no email_verified, its domain verified by xms_edov.
      ...(login.startsWith('entra') ? { email_verified: undefined, xms_edov: true } : { email_verified: !login.startsWith('unverified') }),
      roles: login.startsWith('procurement') ? ['Tender.Buyers'] : [],
    }));
  });
  after(() => op.close());
  afterEach(() => t.close());

  /** Starts a sign-in; returns the agent and the provider's authorisation URL. */
  async function start(agent: request.Agent): Promise<string> {
    const res = await agent.get('/sign-in/sso');
    assert.equal(res.status, 303);
    const url = new URL(res.headers['location'] as string);
    assert.equal(url.origin, op.issuer);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    for (const p of ['state', 'nonce', 'code_challenge']) assert.ok(url.searchParams.get(p), p);
    return url.href;
  }

  it('signs in an active account with the verified email, PKCE, state and nonce checked, and audits it', async () => {
    t = await testApp({ env: env(op.issuer) });
    const agent = request.agent(t.app);
    const callback = await signInAtProvider(await start(agent), ACCOUNTS.owner.email);
    const res = await agent.get(callback);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/');
    assert.equal((await agent.get('/tenders')).status, 200);
    const [event] = await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('action', '=', 'user.signed-in').execute();
    assert.equal(event!.actor, `commissioner:${ACCOUNTS.owner.email}`);
    assert.deepEqual(JSON.parse(event!.detail), { method: 'oidc' });

    // Sign-out ends the app's session and offers the provider's sign-out.
    const token = await csrfToken(agent, '/tenders');
    const out = await agent.post('/sign-out').type('form').send({ _csrf: token });
    assert.equal(out.status, 200);
    const link = new URL(load(out.text)('main a').first().attr('href')!);
    assert.equal(link.origin, op.issuer);
    assert.ok(link.searchParams.get('id_token_hint'));
    assert.equal(link.searchParams.get('post_logout_redirect_uri'), `${PUBLIC_URL}/sign-in`);
    assert.equal((await agent.get('/tenders')).status, 303);
  });

  it('takes Entra ID’s xms_edov as a verified email (Entra gives no email_verified)', async () => {
    t = await testApp({ env: env(op.issuer) });
    await t.db.updateTable('users').set({ email: 'entra.person@council.example' }).where('email', '=', ACCOUNTS.facilitator.email).execute();
    const agent = request.agent(t.app);
    assert.equal((await agent.get(await signInAtProvider(await start(agent), 'entra.person@council.example'))).status, 303);
    assert.equal((await agent.get('/tenders')).status, 200);
  });

  it('maps the role claim to the app’s role, audited', async () => {
    t = await testApp({ env: env(op.issuer) });
    const agent = request.agent(t.app);
    // The procurement account's provider gives Tender.Buyers: it stays procurement. Make it a facilitator first.
    await t.db.updateTable('users').set({ role: 'facilitator' }).where('email', '=', ACCOUNTS.procurement.email).execute();
    assert.equal((await agent.get(await signInAtProvider(await start(agent), ACCOUNTS.procurement.email))).status, 303);
    assert.equal((await t.db.selectFrom('users').select('role').where('email', '=', ACCOUNTS.procurement.email).executeTakeFirstOrThrow()).role, 'procurement');
    const [event] = await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('action', '=', 'account.role-changed').execute();
    assert.deepEqual(JSON.parse(event!.detail), { account: ACCOUNTS.procurement.email, from: 'facilitator', to: 'procurement', claim: 'roles' });
  });

  it('keeps the admin role of the last active admin whatever the role claim says, audited with the reason; applies it once another admin is active', async () => {
    t = await testApp({ env: env(op.issuer) });
    const role = async () => (await t.db.selectFrom('users').select('role').where('email', '=', ACCOUNTS.procurement.email).executeTakeFirstOrThrow()).role;
    // The procurement account's provider gives Tender.Buyers (procurement). Make it the only active admin.
    await t.db.updateTable('users').set({ role: 'admin' }).where('email', '=', ACCOUNTS.procurement.email).execute();
    await t.db.updateTable('users').set({ deactivated_at: '2026-01-01T00:00:00.000Z' }).where('email', '=', ADMIN.email).execute();
    const agent = request.agent(t.app);
    assert.equal((await agent.get(await signInAtProvider(await start(agent), ACCOUNTS.procurement.email))).status, 303);
    assert.equal(await role(), 'admin', 'still an admin');
    assert.equal((await agent.get('/accounts')).status, 200, 'signed in as an admin');
    const kept = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'account.role-kept').execute();
    assert.deepEqual(kept.map((e) => JSON.parse(e.detail)), [{ account: ACCOUNTS.procurement.email, role: 'admin', claimed: 'procurement', claim: 'roles', reason: 'last-admin' }]);
    assert.equal((await t.db.selectFrom('audit_events').select('seq').where('action', '=', 'account.role-changed').execute()).length, 0);
    // With another admin active again, the claim applies at the next sign-in.
    await t.db.updateTable('users').set({ deactivated_at: null }).where('email', '=', ADMIN.email).execute();
    const again = request.agent(t.app);
    assert.equal((await again.get(await signInAtProvider(await start(again), ACCOUNTS.procurement.email))).status, 303);
    assert.equal(await role(), 'procurement');
  });

  it('refuses a wrong state, a replayed code and a wrong nonce, with a plain page and an audit event', async () => {
    t = await testApp({ env: env(op.issuer) });
    // Wrong state.
    const a = request.agent(t.app);
    const callbackA = await signInAtProvider(await start(a), ACCOUNTS.owner.email);
    const tampered = callbackA.replace(/state=[^&]+/, 'state=not-the-state');
    const wrongState = await a.get(tampered);
    assert.equal(wrongState.status, 400);
    assertPlainRefusal(wrongState, 'wrong state');
    assert.equal((await a.get('/tenders')).status, 303);

    // A code used once, then sent again with a new login's state: the provider refuses it.
    const b = request.agent(t.app);
    const callbackB = await signInAtProvider(await start(b), ACCOUNTS.owner.email);
    assert.equal((await b.get(callbackB)).status, 303);
    const c = request.agent(t.app);
    const stateC = new URL(await start(c)).searchParams.get('state')!;
    const replay = await c.get(callbackB.replace(/state=[^&]+/, `state=${stateC}`));
    assert.equal(replay.status, 400);
    assertPlainRefusal(replay, 'replayed code');
    assert.equal((await c.get('/tenders')).status, 303);
    // The same callback sent again in the same browser: nothing left to check it against, and no
    // sign-in in progress, so nothing to audit.
    const again = await b.get(callbackB);
    assert.equal(again.status, 400);
    assertPlainRefusal(again, 'callback sent again');

    // A wrong nonce: the ID token carries the nonce of another request.
    const d = request.agent(t.app);
    const authD = new URL(await start(d));
    authD.searchParams.set('nonce', 'another-nonce');
    const wrongNonce = await d.get(await signInAtProvider(authD.href, ACCOUNTS.owner.email));
    assert.equal(wrongNonce.status, 400);
    assertPlainRefusal(wrongNonce, 'wrong nonce');
    assert.equal((await d.get('/tenders')).status, 303);

    const events = await refusals(t);
    assert.deepEqual(
      events.map((r) => r.reason),
      ['failed-check', 'failed-check', 'failed-check'],
    );
    // Each names what failed: the state, the provider's refusal of the used code, the nonce.
    assert.match(events[0]!.error!, /state/i);
    assert.match(events[1]!.error!, /invalid_grant|grant/i);
    assert.equal(events[2]!.claim, 'nonce');
  });

  it('writes no audit event and stores no session for a callback with no sign-in in progress, however often it comes', async () => {
    t = await testApp({ env: env(op.issuer) });
    const audit = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const sessions = async () => Number((await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const [eventsBefore, sessionsBefore] = [await audit(), await sessions()];
    // No cookie at all, 30 times.
    for (let i = 0; i < 30; i++) {
      const res = await request(t.app).get(`/sign-in/sso/callback?code=x${i}&state=y${i}`);
      assert.equal(res.status, 400);
      if (i === 0) assertPlainRefusal(res, 'no cookie');
    }
    // A browser holding a session (a sign-in form's token) but no sign-in started, 10 times.
    const agent = request.agent(t.app);
    assert.equal((await agent.get('/sign-in')).status, 200);
    for (let i = 0; i < 10; i++) assert.equal((await agent.get(`/sign-in/sso/callback?code=x${i}&state=y${i}`)).status, 400);
    assert.equal(await audit(), eventsBefore, 'no audit event');
    assert.equal(await sessions(), sessionsBefore + 1, 'only the sign-in form’s session');

    // A sign-in that was started and fails is still audited.
    const started = request.agent(t.app);
    const auth = new URL(await start(started));
    assert.equal((await started.get(`/sign-in/sso/callback?code=not-a-code&state=${auth.searchParams.get('state')!}`)).status, 400);
    assert.deepEqual(
      (await refusals(t)).map((r) => r.reason),
      ['failed-check'],
    );
  });

  it('refuses an unknown email, an unverified one and a deactivated account, each with a plain page and an audit event', async () => {
    t = await testApp({ env: env(op.issuer) });
    await t.db.updateTable('users').set({ deactivated_at: t.clock.now.toISOString() }).where('email', '=', ACCOUNTS.facilitator.email).execute();
    const cases: [string, RegExp][] = [
      ['nobody@council.example', /no account for the email address/],
      ['unverified@council.example', /did not confirm your email address/],
      [ACCOUNTS.facilitator.email, /has been deactivated/],
    ];
    for (const [login, words] of cases) {
      const agent = request.agent(t.app);
      const res = await agent.get(await signInAtProvider(await start(agent), login));
      assert.equal(res.status, 403, login);
      assert.match(load(res.text)('main').text(), words);
      assert.equal((await agent.get('/tenders')).status, 303);
    }
    assert.deepEqual(
      (await refusals(t)).map((r) => [r.email, r.reason]),
      [
        ['nobody@council.example', 'unknown-email'],
        ['unverified@council.example', 'unverified-email'],
        [ACCOUNTS.facilitator.email, 'deactivated'],
      ],
    );
  });

  it('stores at most 20 logins in flight per address in 15 minutes, so an anonymous client cannot fill the sessions table', async () => {
    t = await testApp({ env: env(op.issuer) });
    const sessions = async () => Number((await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await sessions();
    const answers: number[] = [];
    for (let i = 0; i < 25; i++) answers.push((await request(t.app).get('/sign-in/sso')).status);
    assert.deepEqual(answers.slice(0, 20), Array(20).fill(303));
    assert.deepEqual(answers.slice(20), Array(5).fill(429));
    assert.equal((await sessions()) - before, 20);
  });

  it('with LOCAL_PASSWORDS=off, offers only the organisation’s sign-in and refuses passwords', async () => {
    t = await testApp({ env: env(op.issuer, { LOCAL_PASSWORDS: 'off' }) });
    const agent = request.agent(t.app);
    const page = await agent.get('/sign-in');
    const $ = load(page.text);
    assert.equal($('a[href="/sign-in/sso"]').length, 1);
    assert.equal($('#password').length, 0);
    assert.equal(await t.db.selectFrom('sessions').select('sid').executeTakeFirst(), undefined, 'no form, so no token and no session stored');
    // No password form, so no token for it: refused before the password is even read.
    const res = await agent.post('/sign-in').type('form').send({ email: ACCOUNTS.owner.email, password: 'x' });
    assert.ok([403, 404].includes(res.status), String(res.status));
    assert.equal((await agent.get('/tenders')).status, 303);
  });
  it('confirms it is you with a fresh login at the provider (prompt=login, max_age=0) before finalising 16 minutes later', async () => {
    t = await testApp({ env: env(op.issuer) });
    const agent = request.agent(t.app);
    assert.equal((await agent.get(await signInAtProvider(await start(agent), ACCOUNTS.owner.email))).status, 303);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60 * 1000);
    const page = await agent.get('/tenders/HW-2026-01/state');
    const outstanding = String(load(page.text)('input[name=outstanding]').val());
    const form = { _csrf: await csrfToken(agent, '/tenders/HW-2026-01/state'), to: 'finalised', reason: 'The panel agreed the flagged score stands; summaries read at the meeting.', outstanding };
    const asked = await agent.post('/tenders/HW-2026-01/state').type('form').send(form);
    assert.equal(asked.headers['location'], '/sign-in/confirm?return=%2Ftenders%2FHW-2026-01%2Fstate');
    const confirmPage = load((await agent.get(asked.headers['location']!)).text);
    assert.equal(confirmPage('input[name=password]').length, 0, 'no password for a single sign-on session');
    const button = confirmPage('main a.govuk-button').attr('href')!;
    assert.equal(button, '/sign-in/confirm/sso?return=%2Ftenders%2FHW-2026-01%2Fstate');
    const toProvider = await agent.get(button);
    const url = new URL(toProvider.headers['location'] as string);
    assert.equal(url.origin, op.issuer);
    assert.equal(url.searchParams.get('prompt'), 'login');
    assert.equal(url.searchParams.get('max_age'), '0');
    const back = await agent.get(await signInAtProvider(url.href, ACCOUNTS.owner.email));
    assert.equal(back.status, 303);
    assert.equal(back.headers['location'], '/tenders/HW-2026-01/state');
    const [event] = await t.db.selectFrom('audit_events').select(['actor', 'detail', 'tender_ref']).where('action', '=', 'user.reauthenticated').execute();
    assert.deepEqual([event!.actor, JSON.parse(event!.detail), event!.tender_ref], [`commissioner:${ACCOUNTS.owner.email}`, { method: 'sso' }, null]);
    const done = await agent.post('/tenders/HW-2026-01/state').type('form').send({ ...form, _csrf: await csrfToken(agent, '/tenders/HW-2026-01/state') });
    assert.equal(done.headers['location'], '/tenders/HW-2026-01');
  });
  it('refuses an expired ID token with a plain page and an audit event', async () => {
    // The client's clock two hours on (oidc-provider's ID tokens last one hour): the token the
    // provider signs now has expired by the client's clock. Tests only can set this.
    t = await testApp({ env: env(op.issuer), ssoClockSkewSeconds: 2 * 60 * 60 });
    const agent = request.agent(t.app);
    const res = await agent.get(await signInAtProvider(await start(agent), ACCOUNTS.owner.email));
    assert.equal(res.status, 400);
    assertPlainRefusal(res, 'expired');
    assert.match(load(res.text)('main').text(), /could not be checked/);
    const [refusal] = await refusals(t);
    assert.equal(refusal!.reason, 'failed-check');
    assert.equal((refusal as { claim?: string }).claim, 'exp');
    assert.equal((await agent.get('/tenders')).status, 303);
  });

  it('refuses a wrongly signed ID token (signed with a key the provider does not publish), with a plain page and an audit event', async () => {
    // The provider publishes, under the id of its signing key, another key: its ID token's
    // signature does not check against the published keys, as a forged token's would not.
    // Everything else about the token is right (issuer, audience, nonce, times).
    op.publishOtherKey(true);
    try {
      t = await testApp({ env: env(op.issuer) });
      const agent = request.agent(t.app);
      const res = await agent.get(await signInAtProvider(await start(agent), ACCOUNTS.owner.email));
      assert.equal(res.status, 400);
      assertPlainRefusal(res, 'wrongly signed');
      assert.match(load(res.text)('main').text(), /could not be checked/);
      assert.equal((await agent.get('/tenders')).status, 303);
      const events = await refusals(t);
      assert.equal(events.length, 1);
      assert.equal(events[0]!.reason, 'failed-check');
      assert.match(events[0]!.error!, /signature/i);
      assert.equal((await t.db.selectFrom('audit_events').select('seq').where('action', '=', 'user.signed-in').execute()).length, 0);
    } finally {
      op.publishOtherKey(false);
    }
    // The same provider publishing its real key: the same sign-in works (so the refusal above
    // was the signature, nothing else).
    await t.close();
    t = await testApp({ env: env(op.issuer) });
    const agent = request.agent(t.app);
    assert.equal((await agent.get(await signInAtProvider(await start(agent), ACCOUNTS.owner.email))).status, 303);
    assert.equal((await agent.get('/tenders')).status, 200);
  });
});
