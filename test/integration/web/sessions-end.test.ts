// Ending sessions holds against requests still running. A password reset, an authenticator reset, a
// deactivation and signing out delete sessions while another request of the same session may be
// running, here on a second instance of the app (the session middleware over the same database),
// held open by the test until the session has been ended. When it finishes it writes its session
// as every request does; the deleted session must not come back. A deactivation also ends the
// account's unused set-password links, so reactivating brings none back. And each account counts
// the times its sessions were ended: a session of an earlier count, written back however, or a
// sign-in begun before (password given, code not yet), does not work.
import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { loadConfig } from '../../../src/config';
import { sessions } from '../../../src/middleware/platform';
import { issuePasswordLink, resetMfa, setActive } from '../../../src/services/accounts/accounts';
import { checkPasswordLink, setPasswordWithLink } from '../../../src/services/accounts/password-links';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, ADMIN, csrfToken, currentCode, PASSWORD, signedIn, testApp, type TestApp } from '../../helpers/web';

const SESSION_SECRET = 'sessions-end-test-secret-0123456789abcdef';

describe('web: ending sessions while their requests are still running', function () {
  this.timeout(120_000);
  let t: TestApp;
  let other: express.Express;
  let ownerId: number;
  let admin: { kind: 'staff'; id: number; email: string; name: string; role: 'admin' };
  /** The held request: `inside` when it has read its session, `gate` to let it finish. */
  let held: { inside: () => void; gate: Promise<void> } = { inside: () => undefined, gate: Promise.resolve() };

  beforeEach(async () => {
    t = await testApp({ env: { SESSION_SECRET } });
    // A second instance: the same session middleware, secret and database, with one slow page that
    // changes the session (as a page making a form's token does).
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.temp.url, RUBRICS_DIR, SESSION_SECRET });
    other = express();
    other.use(sessions({ db: t.db, config, now: () => t.clock.now }));
    other.get('/slow', async (req, res) => {
      req.session.easyRead = !req.session.easyRead;
      held.inside();
      await held.gate;
      res.send('done');
    });
    const owner = await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow();
    ownerId = owner.id;
    const a = await t.db.selectFrom('users').select(['id', 'email', 'name']).where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
    admin = { kind: 'staff', ...a, role: 'admin' };
  });
  afterEach(() => t.close());

  /** The owner signed in; returns their session cookie (as someone who stole it would hold it). */
  async function ownerCookie(): Promise<{ agent: request.Agent; cookie: string }> {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const value = agent.jar.getCookie('session', { domain: '127.0.0.1', path: '/', secure: false, script: false })?.value;
    assert.ok(value);
    return { agent, cookie: `session=${value}` };
  }

  /** Runs `end` while a request of the session is held open on the other instance, then lets it finish. */
  async function whileARequestRuns(cookie: string, end: () => Promise<unknown>): Promise<void> {
    let release: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      held = { inside: resolve, gate: new Promise<void>((r) => (release = r)) };
    });
    const running = request(other).get('/slow').set('Cookie', cookie).then((res) => res);
    await arrived;
    await end();
    release();
    assert.equal((await running).status, 200);
  }

  const sessionsOfOwner = async () => (await t.db.selectFrom('sessions').select('data').execute()).filter((s) => (JSON.parse(s.data) as { userId?: number }).userId === ownerId).length;
  const answer = async (cookie: string) => (await request(t.app).get('/tenders').set('Cookie', cookie)).status;

  it('a password reset with a set-password link ends the session for good', async () => {
    const { cookie } = await ownerCookie();
    assert.equal(await answer(cookie), 200);
    const link = await issuePasswordLink(t.db, admin, ownerId, t.clock.now);
    assert.ok(link?.ok);
    const token = link.value.path.split('/').pop()!;
    await whileARequestRuns(cookie, async () => assert.ok((await setPasswordWithLink(t.db, token, 'a brand new password for me', t.clock.now)).ok));
    assert.equal(await sessionsOfOwner(), 0, 'not written back');
    assert.equal(await answer(cookie), 303, 'signed out');
  });

  it('an authenticator reset ends the session for good', async () => {
    const { cookie } = await ownerCookie();
    await whileARequestRuns(cookie, () => resetMfa(t.db, admin, ownerId, t.clock.now));
    assert.equal(await sessionsOfOwner(), 0);
    assert.equal(await answer(cookie), 303);
  });

  it('a deactivation ends the session for good: after reactivating, the old session still does not work', async () => {
    const { cookie } = await ownerCookie();
    await whileARequestRuns(cookie, () => setActive(t.db, admin, ownerId, false, t.clock.now));
    assert.equal(await sessionsOfOwner(), 0);
    assert.equal(await answer(cookie), 303);
    assert.deepEqual(await setActive(t.db, admin, ownerId, true, t.clock.now), { ok: true, value: null });
    assert.equal(await answer(cookie), 303, 'still signed out after reactivation');
  });

  it('signing out ends the session for good, for anyone holding its cookie', async () => {
    const { agent, cookie } = await ownerCookie();
    const token = await csrfToken(agent, '/tenders');
    await whileARequestRuns(cookie, async () => assert.equal((await agent.post('/sign-out').type('form').send({ _csrf: token })).status, 303));
    assert.equal(await sessionsOfOwner(), 0);
    assert.equal(await answer(cookie), 303);
  });

  it('a request of a session still stored writes it as before', async () => {
    const { cookie } = await ownerCookie();
    await whileARequestRuns(cookie, async () => undefined);
    const [row] = (await t.db.selectFrom('sessions').select('data').execute()).filter((s) => (JSON.parse(s.data) as { userId?: number }).userId === ownerId);
    assert.equal((JSON.parse(row!.data) as { easyRead?: boolean }).easyRead, true, 'the change the request made is stored');
    assert.equal(await answer(cookie), 200);
  });

  /** The rows of the owner's sessions as they are now, to write back later as a lagging instance might. */
  const ownerRows = async () => (await t.db.selectFrom('sessions').selectAll().execute()).filter((r) => {
    const data = JSON.parse(r.data) as { userId?: number; pendingUserId?: number };
    return data.userId === ownerId || data.pendingUserId === ownerId;
  });

  it('a session written back after the account’s sessions ended still does not work (the account’s session count moved on)', async () => {
    const { cookie } = await ownerCookie();
    const rows = await ownerRows();
    assert.equal(rows.length, 1);
    await resetMfa(t.db, admin, ownerId, t.clock.now);
    // Written back whole, as a request still running on an instance with the old upsert would.
    await t.db.insertInto('sessions').values(rows).execute();
    assert.equal(await answer(cookie), 303);
  });

  it('a sign-in half-way through (password given, code not yet) cannot finish after a password reset', async () => {
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/sign-in');
    const signIn = await agent.post('/sign-in').type('form').send({ _csrf: token, email: ACCOUNTS.owner.email, password: PASSWORD });
    assert.equal(signIn.headers['location'], '/sign-in/code');
    const codeToken = await csrfToken(agent, '/sign-in/code');
    const pending = await ownerRows();
    assert.equal(pending.length, 1);
    const link = await issuePasswordLink(t.db, admin, ownerId, t.clock.now);
    assert.ok(link?.ok);
    assert.ok((await setPasswordWithLink(t.db, link.value.path.split('/').pop()!, 'a brand new password for me', t.clock.now)).ok);
    // The code step's request had read the half-way session before the reset deleted it.
    await t.db.insertInto('sessions').values(pending).execute();
    const code = await agent.post('/sign-in/code').type('form').send({ _csrf: codeToken, code: await currentCode(t.app, ACCOUNTS.owner.email) });
    assert.equal(code.headers['location'], '/sign-in');
    assert.equal((await agent.get('/tenders')).status, 303, 'not signed in');
  });

  it('deactivating stops unused set-password links: reactivating does not bring them back', async () => {
    const link = await issuePasswordLink(t.db, admin, ownerId, t.clock.now);
    assert.ok(link?.ok);
    const token = link.value.path.split('/').pop()!;
    assert.equal((await checkPasswordLink(t.db, token, t.clock.now)).ok, true);
    await setActive(t.db, admin, ownerId, false, t.clock.now);
    await setActive(t.db, admin, ownerId, true, t.clock.now);
    assert.deepEqual(await checkPasswordLink(t.db, token, t.clock.now), { ok: false, reason: 'expired' });
    assert.equal((await request(t.app).get(link.value.path)).status, 410);
    // A link made after reactivating works.
    const fresh = await issuePasswordLink(t.db, admin, ownerId, t.clock.now);
    assert.ok(fresh?.ok);
    assert.equal((await checkPasswordLink(t.db, fresh.value.path.split('/').pop()!, t.clock.now)).ok, true);
  });
});
