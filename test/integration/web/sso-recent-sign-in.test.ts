// Single sign-on and "a recent sign-in" (finalising, account changes), against a real OpenID
// Provider (oidc-provider) on 127.0.0.1. A sign-in is recent from when the person signed in at the
// provider (the ID token's auth_time), not from when the app was told: a provider whose own session
// is still live answers a sign-in without asking anything, and that proves nothing new. Time passes
// for everyone here (the app's clock and the real one the provider and openid-client read).
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { ACCOUNTS, csrfToken, testApp, type TestApp } from '../../helpers/web';
import { CLIENT, moveRealClock, providerBrowser, PUBLIC_URL, signInAtProvider, startProvider, type ProviderBrowser, type TestProvider } from '../../helpers/oidc';

const MINUTE = 60 * 1000;
const STATE_PAGE = '/tenders/HW-2026-01/state';
const CONFIRM = '/sign-in/confirm?return=%2Ftenders%2FHW-2026-01%2Fstate';

describe('web: single sign-on and a recent sign-in', function () {
  this.timeout(120_000);
  let op: TestProvider;
  let opWithoutAuthTime: TestProvider;
  let t: TestApp;
  let putClockBack: (() => void) | null = null;
  const env = (issuer: string) => ({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, PUBLIC_URL });

  before(async () => {
    op = await startProvider();
    opWithoutAuthTime = await startProvider(() => ({}), { authTime: false });
  });
  after(async () => {
    await op.close();
    await opWithoutAuthTime.close();
  });
  afterEach(async () => {
    putClockBack?.();
    putClockBack = null;
    await t.close();
  });

  /** Minutes pass, for the app, the provider and openid-client alike. */
  const later = (minutes: number): void => {
    t.clock.now = new Date(t.clock.now.getTime() + minutes * MINUTE);
    const back = moveRealClock(minutes * MINUTE);
    const before = putClockBack;
    putClockBack = () => {
      back();
      before?.();
    };
  };

  const stateOf = async () => (await t.db.selectFrom('tenders').select('state').where('reference', '=', 'HW-2026-01').executeTakeFirstOrThrow()).state;
  const reauthenticated = async () => (await t.db.selectFrom('audit_events').select('seq').where('action', '=', 'user.reauthenticated').execute()).length;

  async function finalise(agent: request.Agent): Promise<request.Response> {
    const page = await agent.get(STATE_PAGE);
    const outstanding = String(load(page.text)('input[name=outstanding]').val());
    const form = { _csrf: await csrfToken(agent, STATE_PAGE), to: 'finalised', reason: 'The panel agreed the flagged score stands; summaries read at the meeting.', outstanding };
    return agent.post(STATE_PAGE).type('form').send(form);
  }

  /** A plain sign-in with the organisation's account (GET /sign-in/sso), in the given browser. */
  async function ssoSignIn(agent: request.Agent, browser: ProviderBrowser): Promise<request.Response> {
    const start = await agent.get('/sign-in/sso');
    assert.equal(start.status, 303);
    return agent.get(await signInAtProvider(start.headers['location'] as string, ACCOUNTS.owner.email, browser));
  }

  it('finalises without asking within 15 minutes of signing in at the provider', async () => {
    t = await testApp({ env: env(op.issuer) });
    const agent = request.agent(t.app);
    assert.equal((await ssoSignIn(agent, providerBrowser())).status, 303);
    later(14);
    const res = await finalise(agent);
    assert.equal(res.headers['location'], '/tenders/HW-2026-01');
    assert.equal(await stateOf(), 'finalised');
  });

  it('does not count a sign-in the provider answered from its own session (no password asked) as recent: finalising still asks to confirm', async () => {
    t = await testApp({ env: env(op.issuer) });
    const agent = request.agent(t.app);
    const browser = providerBrowser();
    assert.equal((await ssoSignIn(agent, browser)).status, 303);
    assert.ok(browser.prompts.includes('login'), 'the first time, the provider asks the person to sign in');
    later(16);
    assert.equal((await finalise(agent)).headers['location'], CONFIRM);
    // Instead of confirming: a plain sign-in again. The provider's session is live, so it asks nothing.
    browser.prompts.length = 0;
    const back = await ssoSignIn(agent, browser);
    assert.equal(back.status, 303);
    assert.deepEqual(browser.prompts, [], 'the provider showed no page');
    assert.equal((await agent.get('/tenders')).status, 200, 'signed in');
    const again = await finalise(agent);
    assert.equal(again.headers['location'], CONFIRM, 'still asked to confirm it is them');
    assert.equal(await stateOf(), 'moderation');
    assert.equal(await reauthenticated(), 0);
  });

  it('refuses a confirmation that the provider answered without signing the person in again (an old auth_time), changing nothing', async () => {
    t = await testApp({ env: env(op.issuer) });
    const agent = request.agent(t.app);
    const browser = providerBrowser();
    assert.equal((await ssoSignIn(agent, browser)).status, 303);
    later(16);
    assert.equal((await finalise(agent)).headers['location'], CONFIRM);
    const toProvider = new URL((await agent.get('/sign-in/confirm/sso?return=%2Ftenders%2FHW-2026-01%2Fstate')).headers['location'] as string);
    assert.equal(toProvider.searchParams.get('max_age'), '0');
    // A provider that ignores prompt=login and max_age answers from its own session.
    toProvider.searchParams.delete('prompt');
    toProvider.searchParams.delete('max_age');
    browser.prompts.length = 0;
    const back = await agent.get(await signInAtProvider(toProvider.href, ACCOUNTS.owner.email, browser));
    assert.deepEqual(browser.prompts, [], 'the provider asked nothing');
    assert.equal(back.status, 400);
    assert.equal(load(back.text)('h1').text().trim(), 'You could not be signed in');
    const [refusal] = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'user.sso-refused').execute();
    assert.equal((JSON.parse(refusal!.detail) as { claim?: string }).claim, 'auth_time');
    assert.equal(await reauthenticated(), 0);
    assert.equal((await finalise(agent)).headers['location'], CONFIRM);
    assert.equal(await stateOf(), 'moderation');
  });

  it('with a provider that says when the person signed in only when asked: a plain sign-in is not recent, a confirmation is', async () => {
    t = await testApp({ env: env(opWithoutAuthTime.issuer) });
    const agent = request.agent(t.app);
    assert.equal((await ssoSignIn(agent, providerBrowser())).status, 303);
    assert.equal((await finalise(agent)).headers['location'], CONFIRM, 'no auth_time: not known to be recent');
    const toProvider = (await agent.get('/sign-in/confirm/sso?return=%2Ftenders%2FHW-2026-01%2Fstate')).headers['location'] as string;
    const back = await agent.get(await signInAtProvider(toProvider, ACCOUNTS.owner.email));
    assert.equal(back.headers['location'], STATE_PAGE);
    assert.equal(await reauthenticated(), 1);
    assert.equal((await finalise(agent)).headers['location'], '/tenders/HW-2026-01');
    assert.equal(await stateOf(), 'finalised');
  });
});
