// Commissioners and facilitators make and stop panel members' invitation links: the link is
// shown once, every change is audited, and only staff who may see the tender get in.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { verifyAuditChain } from '../../../src/services/audit';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const PAGE = '/tenders/HW-2026-01/panel/m1/invitation';

async function issue(agent: request.Agent, page = PAGE): Promise<request.Response> {
  const token = await csrfToken(agent, page);
  return agent.post(page).type('form').send({ _csrf: token });
}

async function revoke(agent: request.Agent, page = PAGE): Promise<request.Response> {
  const token = await csrfToken(agent, page);
  return agent.post(`${page}/revoke`).type('form').send({ _csrf: token });
}

const linkOf = (res: request.Response): string => {
  const path = /\/invite\/[A-Za-z0-9_-]{43}/.exec(load(res.text)('#invitation-link').text())?.[0];
  if (!path) throw new Error(`no link on the page (status ${res.status})`);
  return path;
};

describe('web: making and stopping invitation links', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const events = (action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
  const invitationCount = async () => (await t.db.selectFrom('invitations').select('id').execute()).length;

  it('shows the owner the member, that no link is made yet, and a button to make one', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await owner.get(PAGE);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.equal($('h1').text().trim(), 'Invitation link for Sam Okafor');
    assert.match($('.govuk-summary-list').text(), /No link made yet/);
    assert.equal($(`form[action="${PAGE}"] button`).text().trim(), 'Make a link');
    assert.equal($(`form[action="${PAGE}/revoke"]`).length, 0);
    assert.equal($('.app-tender-nav a[aria-current="page"]').text(), 'Panel');
  });

  it('shows a new link once, in full, and the link signs the member in', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await issue(owner);
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const $ = load(res.text);
    assert.match($('h1').text(), /New link for Sam Okafor/);
    assert.match($('#invitation-link').text().trim(), /^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
    assert.match($('main').text(), /works until 22 January 2027/);
    assert.match($('main').text(), /You will not see it again/);
    assert.equal((await request(t.app).get(linkOf(res))).headers['location'], '/panel');
    // The member's page now says the link works, and never shows it again.
    const page = await owner.get(PAGE);
    assert.match(load(page.text)('.govuk-summary-list').text(), /Works until 22 January 2027/);
    assert.ok(!page.text.includes(linkOf(res)));
    assert.match(load(page.text)('.govuk-warning-text').text(), /stops the current link working/);
    assert.equal(load(page.text)(`form[action="${PAGE}"] button`).text().trim(), 'Make a new link');
  });

  it('audits each new link (and the link it replaces) without the token or its hash', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const first = linkOf(await issue(owner));
    const second = linkOf(await issue(owner));
    assert.equal((await request(t.app).get(first)).status, 410);
    const issued = await events('invitation.issued');
    assert.equal(issued.length, 2);
    const hashes = (await t.db.selectFrom('invitations').select('token_hash').execute()).map((r) => r.token_hash);
    for (const event of issued) {
      assert.equal(event.actor, `commissioner:${ACCOUNTS.owner.email}`);
      assert.equal(event.tender_ref, 'HW-2026-01');
      for (const secret of [first, second, ...hashes].map((s) => s.replace('/invite/', ''))) assert.ok(!event.detail.includes(secret));
    }
    assert.deepEqual(
      issued.map((e) => {
        const { member, stoppedEarlierLinks, expires } = JSON.parse(e.detail) as Record<string, unknown>;
        return { member, stoppedEarlierLinks, expires };
      }),
      [
        { member: 'm1', stoppedEarlierLinks: 0, expires: '2027-01-22T10:00:00.000Z' },
        { member: 'm1', stoppedEarlierLinks: 1, expires: '2027-01-22T10:00:00.000Z' },
      ],
    );
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  it('lets a facilitator stop a link: the link is refused, the member signed out, and it is audited', async () => {
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const link = linkOf(await issue(facilitator));
    const member = request.agent(t.app);
    await member.get(link);
    assert.equal((await member.get('/panel')).status, 200);

    const res = await revoke(facilitator);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], `${PAGE}?stopped=1`);
    const page = await facilitator.get(res.headers['location'] as string);
    assert.match(load(page.text)('.govuk-notification-banner').text(), /The link for Sam Okafor no longer works/);
    assert.match(load(page.text)('.govuk-summary-list').text(), /Stopped on 23 November 2026/);
    assert.equal((await request(t.app).get(link)).status, 410);
    assert.equal((await member.get('/panel')).status, 410);

    const [event, ...more] = await events('invitation.revoked');
    assert.equal(more.length, 0);
    assert.equal(event!.actor, `facilitator:${ACCOUNTS.facilitator.email}`);
    assert.deepEqual(JSON.parse(event!.detail), { member: 'm1', stopped: 1 });
    // Stopping again changes nothing and writes nothing.
    assert.equal((await revoke(facilitator)).status, 303);
    assert.equal((await events('invitation.revoked')).length, 1);
  });

  it('keeps procurement out (403), and answers 404 to another commissioner', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await issue(owner);
    for (const [account, status] of [
      [ACCOUNTS.procurement, 403],
      [ACCOUNTS.otherCommissioner, 404],
    ] as const) {
      const agent = await signedIn(t.app, account.email);
      const token = await csrfToken(agent, '/tenders');
      assert.equal((await agent.get(PAGE)).status, status, account.email);
      assert.equal((await agent.post(PAGE).type('form').send({ _csrf: token })).status, status, account.email);
      assert.equal((await agent.post(`${PAGE}/revoke`).type('form').send({ _csrf: token })).status, status, account.email);
    }
    assert.equal(await invitationCount(), 1);
    assert.equal((await t.db.selectFrom('invitations').select('revoked_at').executeTakeFirstOrThrow()).revoked_at, null);
  });

  it('sends signed-out people to sign in, and refuses a form without its CSRF token', async () => {
    const anonymous = request.agent(t.app);
    assert.equal((await anonymous.get(PAGE)).headers['location'], '/sign-in');
    const token = await csrfToken(anonymous, '/sign-in');
    for (const url of [PAGE, `${PAGE}/revoke`]) {
      const res = await anonymous.post(url).type('form').send({ _csrf: token });
      assert.equal(res.status, 303);
      assert.equal(res.headers['location'], '/sign-in');
    }
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    assert.equal((await owner.post(PAGE).type('form').send({})).status, 403);
    assert.equal(await invitationCount(), 0);
  });

  it('answers 404 for a member who is not on this tender, even one on another tender', async () => {
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: 'HW-2026-02', title: 'Second tender', state: 'draft' });
    pack.panel.push({ key: 'm9', name: 'Only on the second tender', perspective: 'professional' });
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'second.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    assert.ok(imported.ok);
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    assert.equal((await owner.get('/tenders/HW-2026-02/panel/m9/invitation')).status, 200);
    for (const key of ['m9', 'nobody', '%20']) {
      const page = `/tenders/HW-2026-01/panel/${key}/invitation`;
      const token = await csrfToken(owner, '/tenders');
      assert.equal((await owner.get(page)).status, 404, key);
      assert.equal((await owner.post(page).type('form').send({ _csrf: token })).status, 404, key);
      assert.equal((await owner.post(`${page}/revoke`).type('form').send({ _csrf: token })).status, 404, key);
    }
    assert.equal((await owner.get('/tenders/NO-SUCH/panel/m1/invitation')).status, 404);
    assert.equal(await invitationCount(), 0);
  });

  it('makes a new link once the tender is finalised (scoring closed: for the outcome, survey and claim), and still stops one', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const first = linkOf(await issue(owner));
    await t.db.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', 'HW-2026-01').execute();
    const page = await owner.get(PAGE);
    assert.match(load(page.text)('#finished-link').text(), /finalised, so scoring is closed/);
    assert.equal(load(page.text)(`form[action="${PAGE}"]`).length, 1);
    const link = linkOf(await issue(owner));
    assert.equal(await invitationCount(), 2);
    assert.equal((await request(t.app).get(first)).status, 410, 'the new link replaced the first');
    assert.equal((await revoke(owner)).status, 303);
    assert.equal((await request(t.app).get(link)).status, 410);
  });
});
