// Panel members' invitation links: a link that works signs the member in to their own tender,
// and every link that does not work (stopped, expired, replaced, made up) is refused in plain words.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { load } from 'cheerio';
import request from 'supertest';
import { issueInvitations, revokeInvitationAs } from '../../../src/services/invitations';
import { staffActor } from '../../../src/services/actors';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { placesHolding } from '../../helpers/database-peek';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = 'HW-2026-01';
const DAY_MS = 24 * 60 * 60 * 1000;

const sessionCookie = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('session='))?.split(';')[0];

/** Makes a link through the service (as the CLI does) and returns its path. */
async function linkFor(t: TestApp, key: string, reference = HW): Promise<string> {
  const outcome = await issueInvitations(t.db, reference, [key], 'test', t.clock.now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.links[0]!.path;
}

/** A second tender, owned by the same commissioner, whose panel has the same keys (m1, m2, m3). */
async function importSecondTender(t: TestApp, reference: string, title: string, state = 'draft'): Promise<void> {
  const pack = handWorkedPack();
  Object.assign(pack.tender, { reference, title, state });
  pack.panel = pack.panel.map((m) => ({ ...m, name: `${String(m['name'])} (second)` }));
  const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'second.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
}

function assertNotWorkingPage(res: request.Response, status: number, heading: RegExp): void {
  assert.equal(res.status, status);
  const $ = load(res.text);
  assert.match($('h1').text(), heading);
  assert.match($('main').text(), /ask the person who invited you for a new link/i);
}

describe('web: invitation links for panel members', () => {
  let t: TestApp;
  const start = new Date('2026-11-23T10:00:00Z');
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('signs the member in with a new session id and lands on their panel page', async () => {
    const path = await linkFor(t, 'm1');
    const agent = request.agent(t.app);
    const before = sessionCookie(await agent.get('/sign-in'));
    assert.ok(before);
    const res = await agent.get(path);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/panel');
    assert.equal(res.headers['cache-control'], 'no-store');
    const after = sessionCookie(res);
    assert.ok(after);
    assert.notEqual(after, before);

    const home = await agent.get('/panel');
    assert.equal(home.status, 200);
    const $ = load(home.text);
    assert.equal($('h1').text().trim(), 'Hand-worked example tender');
    assert.match($('main').text(), /Hello Sam Okafor/);
    assert.match($('main').text(), /works until 22 January 2027/);
    assert.match($('main').text(), /Test owner, who runs this tender/);
    assert.equal($('form[action="/sign-out"] button').first().text().trim(), 'Sign out');
    // No prices, no organisations, no other members.
    assert.doesNotMatch(home.text, /£|Priya Shah|Tom Reid/);
    // The old session id signs nobody in.
    assert.match((await request(t.app).get('/panel').set('Cookie', before)).text, /Use your invitation link/);
  });

  it('records the sign-in in the audit trail, without the token', async () => {
    const path = await linkFor(t, 'm2');
    await request(t.app).get(path);
    const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'panel.signed-in').executeTakeFirstOrThrow();
    assert.equal(event.tender_ref, HW);
    assert.equal(JSON.parse(event.detail).member, 'm2');
    assert.ok(!event.detail.includes(path.slice('/invite/'.length)));
  });

  it('refuses a stopped link with status 410 and a plain page', async () => {
    const path = await linkFor(t, 'm1');
    const owner = await staffActor(t.db, (await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow()).id);
    const tender = await t.db.selectFrom('tenders').selectAll().where('reference', '=', HW).executeTakeFirstOrThrow();
    assert.deepEqual(await revokeInvitationAs(t.db, owner, tender, 'm1', t.clock.now), { stopped: 1 });
    assertNotWorkingPage(await request(t.app).get(path), 410, /This link does not work/);
  });

  it('refuses an expired link with status 410, saying it has expired', async () => {
    const path = await linkFor(t, 'm1');
    t.clock.now = new Date(start.getTime() + 59 * DAY_MS);
    assert.equal((await request(t.app).get(path)).status, 303, 'still works on day 59');
    t.clock.now = new Date(start.getTime() + 60 * DAY_MS);
    const res = await request(t.app).get(path);
    assertNotWorkingPage(res, 410, /This link has expired/);
    assert.doesNotMatch(res.text, /does not work/);
  });

  it('refuses a made-up or damaged link with 404 and the same page, never saying which', async () => {
    const forged = await request(t.app).get(`/invite/${randomBytes(32).toString('base64url')}`);
    assertNotWorkingPage(forged, 404, /This link does not work/);
    const path = await linkFor(t, 'm1');
    for (const damaged of [path.slice(0, -1), `${path}x`, '/invite/abc', `/invite/${'%00'.repeat(43)}`]) {
      const res = await request(t.app).get(damaged);
      assertNotWorkingPage(res, 404, /This link does not work/);
      assert.equal(load(res.text)('main').text(), load(forged.text)('main').text(), damaged);
    }
  });

  it('refuses the old link once a new one is made, and lets the new one in', async () => {
    const old = await linkFor(t, 'm3');
    const fresh = await linkFor(t, 'm3');
    assertNotWorkingPage(await request(t.app).get(old), 410, /This link does not work/);
    assert.equal((await request(t.app).get(fresh)).status, 303);
  });

  it('keeps a member to their own tender: a link for one tender never shows another', async () => {
    await importSecondTender(t, 'HW-2026-02', 'Second tender for day services');
    const agent = request.agent(t.app);
    await agent.get(await linkFor(t, 'm1', 'HW-2026-02'));
    const home = await agent.get('/panel');
    assert.equal(load(home.text)('h1').text().trim(), 'Second tender for day services');
    assert.match(home.text, /Sam Okafor \(second\)/);
    assert.doesNotMatch(home.text, /Hand-worked example tender/);
    // A panel member is not staff: no tender pages, no invitation pages.
    assert.equal((await agent.get(`/tenders/${HW}`)).status, 403);
    assert.equal((await agent.get('/tenders/HW-2026-02')).status, 403);
    assert.equal((await agent.get('/tenders/HW-2026-02/panel/m1/invitation')).status, 403);
    // Stopping m1's link in one tender leaves m1 of the other tender alone.
    const other = await linkFor(t, 'm1', HW);
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(owner, '/tenders/HW-2026-02/panel/m1/invitation');
    assert.equal((await owner.post('/tenders/HW-2026-02/panel/m1/invitation/revoke').type('form').send({ _csrf: token })).status, 303);
    assert.equal((await request(t.app).get(other)).status, 303);
  });

  it('stores only the SHA-256 hash of the token: the database never holds the token', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(owner, `/tenders/${HW}/panel/m1/invitation`);
    const page = await owner.post(`/tenders/${HW}/panel/m1/invitation`).type('form').send({ _csrf: token });
    const secret = /\/invite\/([A-Za-z0-9_-]{43})/.exec(load(page.text)('#invitation-link').text())?.[1];
    assert.ok(secret, 'the page shows the link');
    assert.equal(Buffer.from(secret, 'base64url').length, 32, '256 bits');
    await request(t.app).get(`/invite/${secret}`);
    const rows = await t.db.selectFrom('invitations').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.token_hash, createHash('sha256').update(secret).digest('hex'));
    assert.deepEqual(await placesHolding(t.temp, secret), [], 'the token is stored');
  });

  it('signs the member out of /panel once their link is stopped', async () => {
    const agent = request.agent(t.app);
    await agent.get(await linkFor(t, 'm2'));
    assert.equal((await agent.get('/panel')).status, 200);
    await linkFor(t, 'm2'); // a new link replaces the one they used
    const res = await agent.get('/panel');
    assert.equal(res.status, 410);
    assert.match(load(res.text)('h1').text(), /Your link no longer works/);
    assert.doesNotMatch(res.text, /Signed in as/);
    assert.match((await agent.get('/panel')).text, /Use your invitation link/);
  });

  it('tells a signed-out visitor of /panel to use their link, and refuses staff', async () => {
    const res = await request(t.app).get('/panel');
    assert.equal(res.status, 200);
    assert.match(load(res.text)('h1').text(), /Use your invitation link/);
    assert.match(res.text, /ask the person who invited you for a new link/);
    const staff = await signedIn(t.app, ACCOUNTS.facilitator.email);
    assert.equal((await staff.get('/panel')).status, 403);
  });
});

describe('web: guessing invitation links', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('pauses links from one address after 30 that do not work in 15 minutes', async () => {
    const good = await linkFor(t, 'm1');
    // Links that work do not count towards the limit.
    for (let i = 0; i < 5; i += 1) assert.equal((await request(t.app).get(good)).status, 303);
    for (let i = 0; i < 30; i += 1) assert.equal((await request(t.app).get(`/invite/${randomBytes(32).toString('base64url')}`)).status, 404);
    const res = await request(t.app).get(`/invite/${randomBytes(32).toString('base64url')}`);
    assert.equal(res.status, 429);
    assert.match(load(res.text)('h1').text(), /Too many tries/);
    assert.equal((await request(t.app).get(good)).status, 429, 'even a good link waits');
  });
});
