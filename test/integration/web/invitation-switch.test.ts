// Staff who open a panel member's link while signed in are asked first; the member's session that
// follows is a new one and never carries the staff identity.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { issueInvitations } from '../../../src/services/invitations';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

async function linkFor(t: TestApp, key: string): Promise<string> {
  const outcome = await issueInvitations(t.db, 'HW-2026-01', [key], 'test', t.clock.now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.links[0]!.path;
}

const storedSessions = async (t: TestApp): Promise<string[]> => (await t.db.selectFrom('sessions').select('data').execute()).map((r) => r.data);

describe('web: a panel link opened by signed-in staff', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('asks before replacing the staff session, and changes nothing until they confirm', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const link = await linkFor(t, 'm1');
    const ask = await agent.get(link);
    assert.equal(ask.status, 200);
    const $ = load(ask.text);
    assert.equal($('h1').text().trim(), 'Open a panel member’s link?');
    assert.match($('main').text(), /signs you out of your staff account/);
    assert.equal($('main form').attr('method'), 'post');
    assert.equal($('main form').attr('action'), link);
    assert.ok($('main form input[name="_csrf"]').val());
    assert.equal(ask.headers['cache-control'], 'no-store');
    // Still the facilitator: nothing happened yet.
    assert.equal((await agent.get('/tenders')).status, 200);
    assert.equal((await t.db.selectFrom('audit_events').select('seq').where('action', '=', 'panel.signed-in').execute()).length, 0);
  });

  it('on confirming, ends the staff session and starts the member’s, which holds no staff identity', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const link = await linkFor(t, 'm1');
    const ask = await agent.get(link);
    const token = load(ask.text)('main input[name="_csrf"]').val() as string;
    const staffSessions = (await storedSessions(t)).filter((d) => d.includes('"userId"'));
    assert.equal(staffSessions.length, 1);

    const res = await agent.post(link).type('form').send({ _csrf: token });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/panel');
    assert.equal((await agent.get('/panel')).status, 200);
    assert.equal((await agent.get('/tenders')).status, 403, 'a panel member, no longer staff');
    const after = await storedSessions(t);
    assert.equal(after.filter((d) => d.includes('"userId"')).length, 0, 'no session holds the staff account any more');
    assert.equal(after.filter((d) => d.includes('"memberId"')).length, 1);
  });

  it('refuses a made-up link to staff as to anyone, without asking', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.get(`/invite/${'A'.repeat(43)}`);
    assert.equal(res.status, 404);
    assert.equal((await agent.get('/tenders')).status, 200);
  });

  it('signs a signed-out visitor straight in, as before', async () => {
    const link = await linkFor(t, 'm2');
    const res = await request(t.app).get(link);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/panel');
  });
});
