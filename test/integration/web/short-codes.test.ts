// Invitation short codes at /code: a code signs the member in exactly as their link does (a new
// session, their start page, the audit trail), typed in any letter case with or without dashes;
// a wrong code gets an error summary and signs no one in; guessing is limited with links; and a
// code stops working whenever its link does (stopped, replaced, expired, member withdrawn).
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { staffActor } from '../../../src/services/actors';
import { issueInvitations, revokeInvitationAs, type IssuedLink } from '../../../src/services/invitations';
import { withdrawMember } from '../../../src/services/panel-membership';
import { CODE_ALPHABET, CODE_BITS, hashShortCode, newShortCode, readTypedCode } from '../../../src/services/short-codes';
import { placesHolding } from '../../helpers/database-peek';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = 'HW-2026-01';
const DAY_MS = 24 * 60 * 60 * 1000;

async function issue(t: TestApp, key: string): Promise<IssuedLink> {
  const outcome = await issueInvitations(t.db, HW, [key], 'test', t.clock.now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.links[0]!;
}

/** Opens /code as a browser would (which gives the form its token) and sends the code typed. */
async function typeCode(agent: request.Agent, code: string): Promise<request.Response> {
  const token = await csrfToken(agent, '/code');
  return agent.post('/code').type('form').send({ _csrf: token, code });
}

const memberSessions = async (t: TestApp): Promise<number> => (await t.db.selectFrom('sessions').select('data').execute()).filter((r) => r.data.includes('"memberId"')).length;

/** The form shown again with one error, in the summary (linking to the field) and at the field. */
function assertCodeError(res: request.Response, status: number, message: RegExp): void {
  assert.equal(res.status, status);
  const $ = load(res.text);
  assert.match($('title').text(), /^Error: Type the code from your letter/);
  const summary = $('.govuk-error-summary a[href="#code"]');
  assert.equal(summary.length, 1);
  assert.match(summary.text(), message);
  assert.match($('#code-error').text(), message);
  assert.equal($('input#code').attr('aria-describedby')?.includes('code-error'), true);
  assert.equal(res.headers['cache-control'], 'no-store');
}

const owner = async (t: TestApp) => staffActor(t.db, (await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow()).id);
const tenderRow = (t: TestApp) => t.db.selectFrom('tenders').selectAll().where('reference', '=', HW).executeTakeFirstOrThrow();

describe('short codes', () => {
  it('are 12 characters from 28 with no look-alikes, at least 50 bits, grouped for reading aloud', () => {
    assert.ok(CODE_BITS >= 50, `${CODE_BITS} bits`);
    for (const c of '01OILAEU') assert.ok(!CODE_ALPHABET.includes(c), c);
    const codes = Array.from({ length: 200 }, newShortCode);
    for (const code of codes) assert.match(code, /^[2-9B-DF-HJKMNP-TV-Z]{4}-[2-9B-DF-HJKMNP-TV-Z]{4}-[2-9B-DF-HJKMNP-TV-Z]{4}$/);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('are read as typed: any letter case, spaces, dashes or none', () => {
    for (const typed of ['kq4t-9wxm-7rbd', 'KQ4T 9WXM 7RBD', 'kq4t9wxm7rbd', ' KQ4T – 9WXM – 7RBD ']) assert.deepEqual(readTypedCode(typed), { ok: true, code: 'KQ4T-9WXM-7RBD' }, typed);
    assert.deepEqual(readTypedCode('  '), { ok: false, problem: 'empty' });
    assert.deepEqual(readTypedCode('KQ4T-9WXM-7RB'), { ok: false, problem: 'length', typed: 11 });
    assert.deepEqual(readTypedCode('KQ0T-9WXM-7RBO'), { ok: false, problem: 'characters', wrong: ['0', 'O'] });
  });
});

describe('web: signing in with a short code at /code', () => {
  let t: TestApp;
  const start = new Date('2026-11-23T10:00:00Z');
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('shows a plain form with its own token, and no account bar', async () => {
    const res = await request(t.app).get('/code');
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.equal($('h1 label[for="code"]').text().trim(), 'Type the code from your letter');
    assert.match($('#code-hint').text(), /12 letters and numbers, like KQ4T-9WXM-7RBD/);
    assert.equal($('form[action="/code"] input[name="_csrf"]').length, 1);
    assert.ok($('form[action="/code"] input[name="_csrf"]').val());
    assert.equal($('input#code').attr('autocomplete'), 'off');
  });

  it('signs the member in with a new session id and lands on their start page, as their link does', async () => {
    const link = await issue(t, 'm1');
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/code');
    const before = (await t.db.selectFrom('sessions').select('sid').execute()).map((r) => r.sid);
    assert.equal(before.length, 1, 'the form stored its token');
    // Typed in small letters, with spaces for the dashes.
    const res = await agent.post('/code').type('form').send({ _csrf: token, code: ` ${link.code.toLowerCase().replace(/-/g, ' ')} ` });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/panel');
    assert.equal(res.headers['cache-control'], 'no-store');
    const after = (await t.db.selectFrom('sessions').select('sid').execute()).map((r) => r.sid);
    assert.ok(!after.includes(before[0]!), 'a new session id');
    const home = await agent.get('/panel');
    assert.equal(home.status, 200);
    assert.match(load(home.text)('main').text(), /Hello Sam Okafor/);
    const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'panel.signed-in').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(event.detail), { member: 'm1', invitation: 1, with: 'code' });
    assert.ok(!event.detail.includes(link.code.slice(0, 4)));
  });

  it('refuses a wrong code with an error summary and signs no one in', async () => {
    await issue(t, 'm1');
    const agent = request.agent(t.app);
    const res = await typeCode(agent, 'BCDF-GHJK-MNPQ');
    assertCodeError(res, 404, /This code does not work\. Check each letter and number against your letter/);
    assert.equal(load(res.text)('input#code').val(), 'BCDF-GHJK-MNPQ', 'what was typed is kept to correct');
    assert.equal(await memberSessions(t), 0);
    assert.equal((await t.db.selectFrom('audit_events').select('seq').where('action', '=', 'panel.signed-in').execute()).length, 0);
    assert.match((await agent.get('/panel')).text, /Use your invitation link/);
  });

  it('says plainly what is wrong with a code that cannot be one', async () => {
    const agent = request.agent(t.app);
    assertCodeError(await typeCode(agent, ''), 400, /Type the code from your letter/);
    assertCodeError(await typeCode(agent, 'KQ4T-9WXM-7RB'), 400, /You typed 11 letters and numbers\. The code has 12/);
    assertCodeError(await typeCode(agent, 'KQ4T-9WXM-7RBO'), 400, /The code cannot have “O” in it/);
    assert.equal(await memberSessions(t), 0);
  });

  it('refuses a form without its CSRF token', async () => {
    const link = await issue(t, 'm1');
    const res = await request(t.app).post('/code').type('form').send({ code: link.code });
    assert.equal(res.status, 403);
    assert.equal(await memberSessions(t), 0);
  });

  it('stops working when its link is stopped, and ends the session it started', async () => {
    const link = await issue(t, 'm2');
    const agent = request.agent(t.app);
    assert.equal((await typeCode(agent, link.code)).status, 303);
    assert.equal((await agent.get('/panel')).status, 200);
    assert.deepEqual(await revokeInvitationAs(t.db, await owner(t), await tenderRow(t), 'm2', t.clock.now), { stopped: 1 });
    assert.equal((await agent.get('/panel')).status, 410, 'signed out with the link');
    assertCodeError(await typeCode(request.agent(t.app), link.code), 410, /This code does not work/);
  });

  it('stops working when a new link is made, and the new code works', async () => {
    const old = await issue(t, 'm3');
    const fresh = await issue(t, 'm3');
    assert.notEqual(old.code, fresh.code);
    assertCodeError(await typeCode(request.agent(t.app), old.code), 410, /This code does not work/);
    assert.equal((await typeCode(request.agent(t.app), fresh.code)).status, 303);
  });

  it('stops working when its link expires, saying it has expired', async () => {
    const link = await issue(t, 'm1');
    t.clock.now = new Date(start.getTime() + 59 * DAY_MS);
    assert.equal((await typeCode(request.agent(t.app), link.code)).status, 303, 'still works on day 59');
    t.clock.now = new Date(start.getTime() + 60 * DAY_MS);
    assertCodeError(await typeCode(request.agent(t.app), link.code), 410, /This code has expired/);
  });

  it('tells a withdrawn member they are no longer on the panel, and signs them in nowhere', async () => {
    const link = await issue(t, 'm1');
    const member = await t.db.selectFrom('panel_members').selectAll().where('key', '=', 'm1').executeTakeFirstOrThrow();
    const withdrawn = await withdrawMember(t.db, await owner(t), await tenderRow(t), member, 'Moved away from the area', t.clock.now);
    assert.ok(withdrawn.ok, JSON.stringify(withdrawn));
    const res = await typeCode(request.agent(t.app), link.code);
    assert.equal(res.status, 403);
    assert.match(load(res.text)('h1').text(), /You are no longer on this panel/);
    assert.equal(await memberSessions(t), 0);
  });

  it('asks signed-in staff first, changes nothing until they confirm, then starts the member’s session', async () => {
    const link = await issue(t, 'm1');
    const staff = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const ask = await typeCode(staff, link.code);
    assert.equal(ask.status, 200);
    const $ = load(ask.text);
    assert.equal($('h1').text().trim(), 'Use a panel member’s code?');
    assert.match($('main').text(), /signs you out of your staff account/);
    assert.equal($('main form').attr('action'), '/code');
    assert.equal($('main form input[name="code"]').val(), link.code);
    assert.equal((await staff.get('/tenders')).status, 200, 'still the facilitator');
    assert.equal(await memberSessions(t), 0);

    const res = await staff.post('/code').type('form').send({ _csrf: $('main input[name="_csrf"]').val(), code: link.code, confirm: 'yes' });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/panel');
    assert.equal((await staff.get('/tenders')).status, 403, 'a panel member now');
    const sessions = (await t.db.selectFrom('sessions').select('data').execute()).map((r) => r.data);
    assert.equal(sessions.filter((d) => d.includes('"userId"')).length, 0);
    assert.equal(sessions.filter((d) => d.includes('"memberId"')).length, 1);
  });

  it('refuses a wrong code to signed-in staff on the form, without asking', async () => {
    await issue(t, 'm1');
    const staff = await signedIn(t.app, ACCOUNTS.owner.email);
    assertCodeError(await typeCode(staff, 'BCDF-GHJK-MNPQ'), 404, /This code does not work/);
    assert.equal((await staff.get('/tenders')).status, 200);
  });

  it('stores only a slow hash of the code on its link’s row: the database never holds the code', async () => {
    const staff = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(staff, `/tenders/${HW}/panel/m1/invitation`);
    const page = load((await staff.post(`/tenders/${HW}/panel/m1/invitation`).type('form').send({ _csrf: token })).text);
    const code = page('#short-code').text().trim();
    assert.match(code, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    assert.match(page('main').text(), /type this code at http:\/\/127\.0\.0\.1(:\d+)?\/code/);
    const rows = await t.db.selectFrom('invitations').select(['code_hash']).execute();
    assert.deepEqual(rows, [{ code_hash: await hashShortCode(code) }]);
    for (const written of [code, code.replace(/-/g, '')]) assert.deepEqual(await placesHolding(t.temp, written), [], `the code ${written} is stored`);
    assert.equal((await typeCode(request.agent(t.app), code)).status, 303);
  });
});

describe('web: guessing short codes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('pauses codes from one address after 30 that do not work in 15 minutes (429), even a good one', async () => {
    const good = await issue(t, 'm1');
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/code');
    const send = (code: string) => agent.post('/code').type('form').send({ _csrf: token, code });
    // Codes that work do not count towards the limit.
    for (let i = 0; i < 3; i += 1) assert.equal((await typeCode(request.agent(t.app), good.code)).status, 303);
    for (let i = 0; i < 30; i += 1) assert.equal((await send(newShortCode())).status, 404);
    const res = await send(newShortCode());
    assert.equal(res.status, 429);
    assert.match(load(res.text)('h1').text(), /Too many tries/);
    assert.equal((await send(good.code)).status, 429, 'even a good code waits');
  });

  it('counts links and codes together', async () => {
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/code');
    for (let i = 0; i < 15; i += 1) assert.equal((await agent.get(`/invite/${'A'.repeat(43)}`)).status, 404);
    for (let i = 0; i < 15; i += 1) assert.equal((await agent.post('/code').type('form').send({ _csrf: token, code: newShortCode() })).status, 404);
    assert.equal((await agent.post('/code').type('form').send({ _csrf: token, code: newShortCode() })).status, 429);
    assert.equal((await agent.get(`/invite/${'A'.repeat(43)}`)).status, 429);
  });
});
