// The panel's scoring journey in the web app (issue 4): declaration, task list, score pages,
// drafts, check and submit, and the rules that keep scores independent and nothing lost.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { scoringTender, panelAgent, formOn, cellUrl, SC } from '../../helpers/scoring';
import { encode, testApp, type TestApp } from '../../helpers/web';

async function scoresOf(t: TestApp, memberKey: string) {
  return t.db
    .selectFrom('scores')
    .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
    .innerJoin('bids', 'bids.id', 'scores.bid_id')
    .innerJoin('tenders', 'tenders.id', 'scores.tender_id')
    .select(['bids.key as bid', 'scores.criterion', 'scores.score', 'scores.abstain', 'scores.rationale', 'scores.status', 'scores.version', 'scores.entered_by'])
    .where('m.key', '=', memberKey)
    .where('tenders.reference', '=', SC)
    .orderBy('bids.key')
    .orderBy('scores.criterion')
    .execute();
}

const auditCount = async (t: TestApp) => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function declareNone(agent: Awaited<ReturnType<typeof panelAgent>>): Promise<void> {
  const form = await formOn(agent, '/panel/conflicts');
  const res = await agent.post('/panel/conflicts').type('form').send(encode({ _csrf: form['_csrf']!, anyConflict: 'no' }));
  assert.equal(res.status, 303);
}

async function score(agent: Awaited<ReturnType<typeof panelAgent>>, bid: string, criterion: string, choice: string, reason: string, action = 'continue') {
  const form = await formOn(agent, cellUrl(bid, criterion));
  return agent.post(cellUrl(bid, criterion)).type('form').send(encode({ ...form, choice, reason, action }));
}

describe('web: the panel scoring journey', function () {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await scoringTender(t);
  });
  afterEach(async () => t.close());

  it('shows the start page in plain words, then asks about conflicts before any bid is shown', async () => {
    const agent = await panelAgent(t, 'm1');
    const start = load((await agent.get('/panel')).text);
    assert.match(start('main').text(), /You have 4 scores to give, for 2 bids/);
    assert.match(start('main').text(), /ask Test owner, who runs this tender/);
    assert.equal(start('a.govuk-button--start').attr('href'), '/panel/conflicts');
    // No bid before the declaration: the task list and score pages send the member to it.
    for (const url of ['/panel/tasks', cellUrl('A', 'safety'), '/panel/check']) {
      const res = await agent.get(url);
      assert.equal(res.status, 303, url);
      assert.equal(res.headers['location'], '/panel/conflicts');
    }
    const page = load((await agent.get('/panel/conflicts')).text);
    assert.deepEqual(page('input[name="organisations"]').map((_i, el) => page(el).next('label').text().trim()).get(), ['Alder Care', 'Birch Support']);
    assert.match(page('main').text(), /someone close to you, gets support from one of these organisations/);
  });

  it('goes from the task list to submitted scores, with progress, and then locks them', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    let tasks = load((await agent.get('/panel/tasks')).text);
    assert.equal(tasks('#progress').text().trim(), '0 of 4 scored');
    assert.equal(tasks('.govuk-task-list__item').length, 4);

    const first = await score(agent, 'A', 'co-production', '3', 'They pay people to sit on the design group.');
    assert.equal(first.status, 303);
    assert.equal(first.headers['location'], cellUrl('A', 'safety'), 'save and continue goes to the next score');
    await score(agent, 'A', 'safety', '2', 'Some detail on training.');
    assert.match(load((await agent.get('/panel')).text)('main').text(), /You have finished 2 of 4\. For most people, the 2 left take about 20 to 40 minutes\./);
    await score(agent, 'B', 'co-production', 'abstain', 'I do not know enough about this.');
    const last = await score(agent, 'B', 'safety', '4', 'Clear lead and learning.');
    assert.equal(last.headers['location'], '/panel/check', 'after the last score, the check page');

    tasks = load((await agent.get('/panel/tasks')).text);
    assert.equal(tasks('#progress').text().trim(), '4 of 4 scored');
    const ready = load((await agent.get('/panel')).text);
    assert.match(ready('main').text(), /You have finished all your scores\. Check them and send them/);
    assert.equal(ready('main a.govuk-button').attr('href'), '/panel/check');
    const check = load((await agent.get('/panel/check')).text);
    assert.match(check('main').text(), /3 – Good/);
    assert.match(check('main').text(), /I cannot score this/);
    assert.match(check('main').text(), /They pay people to sit on the design group\./);
    assert.equal(check('a[href="/panel/bids/A/criteria/safety"]').text().includes('Change'), true);

    const form = await formOn(agent, '/panel/check');
    const sent = await agent.post('/panel/submit').type('form').send(encode({ _csrf: form['_csrf']! }));
    assert.equal(sent.status, 303);
    assert.equal(sent.headers['location'], '/panel/sent');
    assert.match((await agent.get('/panel/sent')).text, /Your scores have been sent/);
    const start = load((await agent.get('/panel')).text);
    assert.match(start('main').text(), /You have sent all 4 scores\. Thank you\. There is nothing more to do until the panel meets/);
    assert.doesNotMatch(start('main').text(), /Carry on|How long it takes/);
    const stored = await scoresOf(t, 'm2');
    assert.deepEqual(stored.map((s) => [s.bid, s.criterion, s.score, s.abstain, s.status]), [
      ['A', 'co-production', 3, 0, 'submitted'],
      ['A', 'safety', 2, 0, 'submitted'],
      ['B', 'co-production', null, 1, 'submitted'],
      ['B', 'safety', 4, 0, 'submitted'],
    ]);

    // Locked: the page shows the score without a form, and a post changes nothing.
    const locked = load((await agent.get(cellUrl('A', 'safety'))).text);
    assert.equal(locked('textarea[name="reason"]').length, 0);
    assert.match(locked('main').text(), /You have sent this score, so you cannot change it/);
    const before = await auditCount(t);
    const again = await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...form, version: '2', choice: '0', reason: 'changed', action: 'continue' }));
    assert.equal(again.status, 409);
    assert.deepEqual(await scoresOf(t, 'm2'), stored);
    assert.equal(await auditCount(t), before);
  });

  it('shows the outcome, question, guidance and the bid’s answer, and never a price or another member’s score', async () => {
    await t.db.updateTable('bids').set({ price: '987654.32' }).execute();
    const other = await panelAgent(t, 'm3');
    await declareNone(other);
    await score(other, 'A', 'co-production', '1', 'A very unusual reason from another member.');
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const res = await agent.get(cellUrl('A', 'co-production'));
    const $ = load(res.text);
    assert.equal($('h1').text().trim(), 'Working with people who use the service');
    assert.match($('main').text(), /People shape the service they use/);
    assert.match($('main').text(), /How will you design and review the service/);
    assert.match($('main').text(), /Real power sharing/);
    assert.ok($('#bid-response').text().trim().length > 20, 'the bid’s answer is shown');
    assert.equal($('input[name="choice"]').length, 6, '5 points on the scale and “I cannot score this”');
    assert.doesNotMatch(res.text, /987,654|987654|£/);
    assert.doesNotMatch(res.text, /very unusual reason|Tom Reid|average/i);
  });

  it('refuses to finish a score without a choice and a reason, saying what is missing, and writes nothing', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const before = await auditCount(t);
    const res = await score(agent, 'A', 'safety', '', '   ');
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.deepEqual($('.govuk-error-summary__list a').map((_i, el) => [[$(el).text().trim(), $(el).attr('href')]]).get(), [
      ['Choose a score, or “I cannot score this”', '#choice'],
      ['Write the reason for your score', '#reason'],
    ]);
    assert.equal((await score(agent, 'A', 'safety', '9', 'Out of range')).status, 400);
    assert.equal((await score(agent, 'A', 'safety', 'abstain', '')).text.includes('Write why you cannot score this'), true);
    assert.equal((await score(agent, 'A', 'safety', '2', 'x'.repeat(5001))).status, 400);
    assert.deepEqual(await scoresOf(t, 'm2'), []);
    assert.equal(await auditCount(t), before);
  });

  it('keeps a draft with only a reason, and resumes it after signing out and back in', async () => {
    let agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const later = await score(agent, 'B', 'safety', '', 'Half a thought about their training', 'later');
    assert.equal(later.status, 303);
    assert.equal(later.headers['location'], '/panel/tasks?saved=B%2Fsafety');
    assert.match(load((await agent.get(later.headers['location'])).text)('.govuk-notification-banner').text(), /Your reason for .* is saved\. You have not chosen a score for it yet/);
    const form = await formOn(agent, '/panel/tasks');
    await agent.post('/sign-out').type('form').send(encode({ _csrf: form['_csrf']! }));
    assert.equal((await agent.get('/panel/tasks')).headers['location'], '/panel');

    agent = await panelAgent(t, 'm2');
    const tasks = load((await agent.get('/panel/tasks')).text);
    assert.match(tasks('main').text(), /In progress/);
    const page = load((await agent.get(cellUrl('B', 'safety'))).text);
    assert.equal(page('textarea[name="reason"]').text(), 'Half a thought about their training');
    assert.equal(page('input[name="version"]').val(), '1');
    const stored = await scoresOf(t, 'm2');
    assert.deepEqual(stored.map((s) => [s.score, s.abstain, s.status]), [[null, 0, 'draft']]);
  });

  it('gives two tabs one save and a conflict page with both versions, never a silent overwrite', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const tab1 = await formOn(agent, cellUrl('A', 'safety'));
    const tab2 = await formOn(agent, cellUrl('A', 'safety'));
    const one = await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...tab1, choice: '3', reason: 'From the first tab', action: 'later' }));
    assert.equal(one.status, 303);
    const two = await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...tab2, choice: '1', reason: 'From the second tab', action: 'later' }));
    assert.equal(two.status, 409);
    const $ = load(two.text);
    assert.match($('h1').text(), /changed on another screen/);
    assert.match($('main').text(), /The saved version[\s\S]*3 – Good[\s\S]*From the first tab/);
    assert.match($('main').text(), /Your version[\s\S]*1 – Poor[\s\S]*From the second tab/);
    assert.deepEqual((await scoresOf(t, 'm2')).map((s) => [s.score, s.rationale, s.version]), [[3, 'From the first tab', 1]]);

    // "Keep my version" saves the second tab's words over version 1, on purpose.
    const keep = Object.fromEntries($('form[action="/panel/bids/A/criteria/safety"] input[type="hidden"]').map((_i, el) => [[$(el).attr('name'), $(el).attr('value') ?? '']]).get() as [string, string][]);
    const mine = await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...keep, action: 'mine' }));
    assert.equal(mine.status, 303);
    assert.deepEqual((await scoresOf(t, 'm2')).map((s) => [s.score, s.rationale, s.version]), [[1, 'From the second tab', 2]]);
  });

  it('autosaves drafts as JSON with JavaScript on, and reports a conflict the same way', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const form = await formOn(agent, cellUrl('A', 'safety'));
    const auto = await agent.post(cellUrl('A', 'safety')).set('Accept', 'application/json').type('form').send(encode({ ...form, choice: '2', reason: 'Typing…', action: 'autosave' }));
    assert.equal(auto.status, 200);
    assert.deepEqual(auto.body, { saved: true, version: 1 });
    const same = await agent.post(cellUrl('A', 'safety')).set('Accept', 'application/json').type('form').send(encode({ ...form, version: '1', choice: '2', reason: 'Typing…', action: 'autosave' }));
    assert.deepEqual(same.body, { saved: false, version: 1 }, 'nothing changed: no new version, no audit event');
    const stale = await agent.post(cellUrl('A', 'safety')).set('Accept', 'application/json').type('form').send(encode({ ...form, choice: '4', reason: 'Old tab', action: 'autosave' }));
    assert.equal(stale.status, 409);
    assert.deepEqual(stale.body, { saved: false, problem: 'conflict' });
  });

  it('keeps a reason typed after the session ended, and gives it back after signing in again', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const form = await formOn(agent, cellUrl('A', 'safety'));
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60 * 1000);
    const late = await agent
      .post(cellUrl('A', 'safety'))
      .set('Origin', 'http://127.0.0.1')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(encode({ ...form, choice: '3', reason: 'A long reason I typed slowly', action: 'continue' }));
    assert.equal(late.status, 401);
    assert.match(late.text, /You have been signed out/);
    assert.equal(load(late.text)('#kept-reason').text(), 'A long reason I typed slowly');
    assert.deepEqual(await scoresOf(t, 'm2'), [], 'nothing saved without a session');

    // The same browser opens its link again: the words come back on that score page, once.
    const { issueInvitations } = await import('../../../src/services/invitations');
    const issued = await issueInvitations(t.db, SC, ['m2'], 'test', t.clock.now);
    assert.ok(issued.ok);
    const back = await agent.get(issued.links[0]!.path);
    assert.equal(back.headers['location'], cellUrl('A', 'safety'), 'signing in again leads back to the kept words');
    const page = load((await agent.get(cellUrl('A', 'safety'))).text);
    assert.match(page('.govuk-notification-banner').text(), /We kept what you typed/);
    assert.equal(page('textarea[name="reason"]').text(), 'A long reason I typed slowly');
    assert.equal(page('input[name="choice"][value="3"]').attr('checked'), 'checked');
    assert.equal(load((await agent.get(cellUrl('A', 'safety'))).text)('textarea[name="reason"]').text(), '', 'given back once');
  });

  it('keeps the words only as long as the new session: 30 idle minutes', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const form = await formOn(agent, cellUrl('A', 'safety'));
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60 * 1000);
    const late = await agent.post(cellUrl('A', 'safety')).set('Sec-Fetch-Site', 'same-origin').type('form').send(encode({ ...form, choice: '3', reason: 'Words from yesterday', action: 'later' }));
    assert.equal(late.status, 401);
    assert.match(late.text, /Words from yesterday/, 'shown at once, to copy');
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60 * 1000);
    const { issueInvitations } = await import('../../../src/services/invitations');
    const issued = await issueInvitations(t.db, SC, ['m2'], 'test', t.clock.now);
    assert.ok(issued.ok);
    await agent.get(issued.links[0]!.path);
    const page = await agent.get(cellUrl('A', 'safety'));
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Words from yesterday|We kept what you typed/);
  });

  it('keeps the words of a form whose token is out of date (the link opened again in another tab)', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const form = await formOn(agent, cellUrl('A', 'safety'));
    const res = await agent
      .post(cellUrl('A', 'safety'))
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(encode({ ...form, _csrf: 'an-old-token', choice: '1', reason: 'Typed in the old tab', action: 'later' }));
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], cellUrl('A', 'safety'));
    const page = load((await agent.get(cellUrl('A', 'safety'))).text);
    assert.equal(page('textarea[name="reason"]').text(), 'Typed in the old tab');
    assert.deepEqual(await scoresOf(t, 'm2'), [], 'kept to check and save, not saved behind the member’s back');
    const auto = await agent.post(cellUrl('A', 'safety')).set('Sec-Fetch-Site', 'same-origin').set('Accept', 'application/json').type('form').send(encode({ ...form, _csrf: 'old', reason: 'x', action: 'autosave' }));
    assert.deepEqual([auto.status, auto.body], [409, { saved: false, problem: 'expired' }]);
  });

  it('does not give kept words to a different member on the same browser, nor keep a cross-site post', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const form = await formOn(agent, cellUrl('A', 'safety'));
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60 * 1000);
    const crossSite = await agent.post(cellUrl('A', 'safety')).set('Sec-Fetch-Site', 'cross-site').type('form').send(encode({ ...form, choice: '3', reason: 'Planted', action: 'continue' }));
    assert.equal(crossSite.status, 403, 'a cross-site post is refused as usual');
    await agent.post(cellUrl('A', 'safety')).set('Sec-Fetch-Site', 'same-origin').type('form').send(encode({ ...form, choice: '3', reason: 'Private words of m2', action: 'continue' }));
    const { issueInvitations } = await import('../../../src/services/invitations');
    const issued = await issueInvitations(t.db, SC, ['m3'], 'test', t.clock.now);
    assert.ok(issued.ok);
    const signIn = await agent.get(issued.links[0]!.path);
    assert.equal(signIn.headers['location'], '/panel', 'm3 goes to their own start page, not to m2’s score page');
    const stored = await t.db.selectFrom('sessions').select('data').execute();
    assert.equal(stored.filter((row) => row.data.includes('Private words of m2')).length, 0, 'm2’s words are not carried into m3’s session');
    await declareNone(agent);
    const page = await agent.get(cellUrl('A', 'safety'));
    assert.doesNotMatch(page.text, /Private words of m2/);
  });

  it('uses easy read by default for a member who needs it, and lets anyone switch', async () => {
    const m1 = await panelAgent(t, 'm1');
    await declareNone(m1);
    let $ = load((await m1.get(cellUrl('A', 'safety'))).text);
    assert.match($('main').text(), /What this is about/);
    assert.match($('main').text(), /They told us a lot/, 'plain meanings of the scale');
    assert.ok($('main').hasClass('app-large-text'));
    const form = await formOn(m1, cellUrl('A', 'safety'));
    const switched = await m1.post('/panel/layout').type('form').send(encode({ _csrf: form['_csrf']!, layout: 'standard', returnTo: cellUrl('A', 'safety') }));
    assert.equal(switched.headers['location'], cellUrl('A', 'safety'));
    $ = load((await m1.get(cellUrl('A', 'safety'))).text);
    assert.match($('main').text(), /What good looks like/);
    assert.match($('main').text(), /Good evidence/);
    const away = await m1.post('/panel/layout').type('form').send(encode({ _csrf: form['_csrf']!, layout: 'standard', returnTo: 'https://elsewhere.example/' }));
    assert.equal(away.headers['location'], '/panel/tasks', 'never sends anyone off the site');

    const m2 = await panelAgent(t, 'm2');
    await declareNone(m2);
    $ = load((await m2.get(cellUrl('A', 'safety'))).text);
    assert.match($('main').text(), /What good looks like/);
  });

  it('closes unsent drafts when the tender moves on to moderation', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    const form = await formOn(agent, cellUrl('A', 'safety'));
    await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...form, choice: '2', reason: 'draft', action: 'later' }));
    const page = await formOn(agent, cellUrl('A', 'safety'));
    await t.db.updateTable('tenders').set({ state: 'moderation' }).where('reference', '=', SC).execute();
    const res = await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...page, choice: '4', reason: 'too late', action: 'continue' }));
    assert.equal(res.status, 409);
    assert.match(load(res.text)('main').text(), /Scoring has closed/);
    assert.deepEqual((await scoresOf(t, 'm2')).map((s) => [s.score, s.rationale, s.status]), [[2, 'draft', 'draft']]);
    // The member is told plainly: nothing was sent, so nothing counted; no "carry on".
    const start = load((await agent.get('/panel')).text)('main').text().replace(/\s+/g, ' ');
    assert.match(start, /Scoring has closed The panel is now talking about the scores together\. You sent 0 of your 4 scores: the ones you did not send were not counted/);
    assert.doesNotMatch(start, /How long it takes|Carry on/);
    const tasks = load((await agent.get('/panel/tasks')).text);
    assert.deepEqual([...new Set(tasks('.govuk-task-list__status').map((_i, el) => tasks(el).text().trim()).get())], ['Not sent: not counted']);
  });

  it('counts time spent scoring from saves, up to 20 minutes for each gap', async () => {
    const agent = await panelAgent(t, 'm2');
    await declareNone(agent);
    t.clock.now = new Date(t.clock.now.getTime() + 5 * 60 * 1000);
    await score(agent, 'A', 'safety', '2', 'Five minutes in', 'later');
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 60 * 1000);
    const again = await panelAgent(t, 'm2');
    t.clock.now = new Date(t.clock.now.getTime() + 3 * 60 * 1000);
    await score(again, 'A', 'co-production', '3', 'Three more minutes', 'later');
    const member = await t.db.selectFrom('panel_members').innerJoin('tenders', 'tenders.id', 'panel_members.tender_id').select('scoring_seconds').where('key', '=', 'm2').where('tenders.reference', '=', SC).executeTakeFirstOrThrow();
    assert.equal(member.scoring_seconds, 8 * 60);
  });
});
