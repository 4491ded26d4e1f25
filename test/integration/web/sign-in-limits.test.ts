// Sign-in limits that fit an office: only failed tries count, per address and per account; the
// address is read as TRUST_PROXY says.
import assert from 'node:assert/strict';
import request from 'supertest';
import { ACCOUNTS, csrfToken, currentCode, PASSWORD, testApp, type TestApp } from '../../helpers/web';

async function tryToSignIn(t: TestApp, email: string, password: string, forwardedFor?: string): Promise<request.Response> {
  const agent = request.agent(t.app);
  const token = await csrfToken(agent, '/sign-in');
  const post = agent.post('/sign-in').type('form');
  if (forwardedFor) post.set('X-Forwarded-For', forwardedFor);
  return post.send({ _csrf: token, email, password });
}

describe('web: sign-in limits', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('lets 20 colleagues in a row sign in from one address, and the next one too', async function () {
    // 21 whole sign-ins, each hashing a password: slow on a busy machine.
    this.timeout(300_000);
    t = await testApp();
    const emails = Object.values(ACCOUNTS).map((a) => a.email);
    // Each signs in all the way: the password, then the code from their app (both steps count by address).
    const signIn = async (email: string): Promise<number> => {
      const agent = request.agent(t.app);
      const token = await csrfToken(agent, '/sign-in');
      const password = await agent.post('/sign-in').type('form').send({ _csrf: token, email, password: PASSWORD });
      if (password.status !== 303) return password.status;
      const codeToken = await csrfToken(agent, '/sign-in/code');
      const code = await agent.post('/sign-in/code').type('form').send({ _csrf: codeToken, code: await currentCode(t.app, email) });
      if (code.status !== 303) return code.status;
      return (await agent.get('/tenders')).status;
    };
    for (let i = 0; i < 20; i++) assert.equal(await signIn(emails[i % emails.length]!), 200, `sign-in ${i + 1}`);
    assert.equal(await signIn(ACCOUNTS.owner.email), 200, 'the 21st');
  });

  it('pauses an address after 10 failed tries, whichever accounts they were for, with a plain page', async () => {
    t = await testApp();
    const emails = Object.values(ACCOUNTS).map((a) => a.email);
    for (let i = 0; i < 10; i++) assert.equal((await tryToSignIn(t, emails[i % emails.length]!, `wrong ${i}`)).status, 400);
    const paused = await tryToSignIn(t, ACCOUNTS.owner.email, PASSWORD);
    assert.equal(paused.status, 429);
    assert.match(paused.text, /Signing in has failed 10 times in 15 minutes/);
    assert.match(paused.text, /Only tries that fail are counted/);
  });

  it('counts failures only: 9 failed tries between successful ones leave the account open', async () => {
    t = await testApp();
    for (let i = 0; i < 9; i++) {
      assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, `wrong ${i}`)).status, 400);
      assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, PASSWORD)).status, 303);
    }
    assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, PASSWORD)).status, 303);
    assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, 'wrong again')).status, 400, 'the tenth failure is still answered');
    assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, PASSWORD)).status, 429, 'then the account is paused');
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set (the address cannot be chosen by the client)', async () => {
    t = await testApp();
    for (let i = 0; i < 10; i++) await tryToSignIn(t, `nobody${i}@council.example`, 'wrong', `203.0.113.${i}`);
    assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, PASSWORD, '203.0.113.99')).status, 429);
  });

  it('with TRUST_PROXY=1, reads the address the proxy gives: one office paused, another not', async () => {
    t = await testApp({ env: { TRUST_PROXY: '1' } });
    for (let i = 0; i < 10; i++) await tryToSignIn(t, `nobody${i}@council.example`, 'wrong', '203.0.113.7');
    assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, PASSWORD, '203.0.113.7')).status, 429);
    assert.equal((await tryToSignIn(t, ACCOUNTS.owner.email, PASSWORD, '198.51.100.4')).status, 303);
  });
});
