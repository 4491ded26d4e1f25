// Single sign-on when the organisation's identity provider cannot be reached (nothing listens at
// OIDC_ISSUER): a plain 503 page that says so and what to do, never the error page, and nothing stored.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { freePort } from '../../helpers/npm-start';
import { CLIENT, PUBLIC_URL } from '../../helpers/oidc';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

describe('web: single sign-on with the identity provider unreachable', function () {
  this.timeout(120_000);
  let t: TestApp;
  afterEach(() => t.close());
  const env = async (more: Record<string, string> = {}) => ({
    OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    PUBLIC_URL,
    ...more,
  });
  const sessions = async () => Number((await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('says the sign-in service cannot be reached, to try again, and offers password sign-in', async () => {
    t = await testApp({ env: await env() });
    const res = await request(t.app).get('/sign-in/sso');
    assert.equal(res.status, 503);
    const $ = load(res.text);
    assert.equal($('h1').text().trim(), 'Your organisation’s sign-in service cannot be reached');
    assert.match($('main').text(), /not a problem with your account/);
    assert.equal($('main a:contains("try again")').attr('href'), '/sign-in/sso');
    assert.equal($('main a[href="/sign-in"]').text().trim(), 'sign in with your email address and password');
    assert.doesNotMatch($('main').text(), /Sorry, something went wrong/);
    assert.equal(await sessions(), 0, 'no login in flight stored');
    // The sign-in page itself still works.
    assert.equal((await request(t.app).get('/sign-in')).status, 200);
  });

  it('offers no password sign-in when passwords are off', async () => {
    t = await testApp({ env: await env({ LOCAL_PASSWORDS: 'off' }) });
    const res = await request(t.app).get('/sign-in/sso');
    assert.equal(res.status, 503);
    assert.equal(load(res.text)('main a[href="/sign-in"]').length, 0);
  });

  it('confirming it is you: the same page, saying nothing has changed, with the way back to the confirm page', async () => {
    t = await testApp({ env: await env() });
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.get('/sign-in/confirm/sso?return=%2Ftenders%2FHW-2026-01%2Fstate');
    assert.equal(res.status, 503);
    const $ = load(res.text);
    assert.equal($('h1').text().trim(), 'Your organisation’s sign-in service cannot be reached');
    assert.match($('main').text(), /Nothing has been changed\. You are still signed in\./);
    assert.equal($('main a:contains("try again")').attr('href'), '/sign-in/confirm?return=%2Ftenders%2FHW-2026-01%2Fstate');
    assert.equal((await agent.get('/tenders')).status, 200, 'still signed in');
    assert.equal((await t.db.selectFrom('audit_events').select('seq').where('action', '=', 'user.reauthenticated').execute()).length, 0);
  });
});
