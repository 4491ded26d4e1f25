// The panel during scoring (issue 13): a member who drops out is withdrawn with a reason and their
// scores are left out of the results exactly as if they had never been sent (checked against the
// engine on the same input); a replacement member added and assigned during scoring scores, and
// their scores count; contact details and access needs can be kept right until finalising, with
// no personal details in the audit trail.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { evaluateTender } from '../../../src/engine';
import { tenderInput, tenderResults } from '../../../src/services/results/results';
import { tenderRepository } from '../../../src/data/tender-repository';
import { events } from '../../helpers/bid-tenders';
import { readWorkbook, tableOf } from '../../helpers/export-workbooks';
import { postReview } from '../../helpers/readiness';
import { cellUrl, formOn, panelAgent, SC, scoringTender } from '../../helpers/scoring';
import { issueInvitations } from '../../../src/services/invitations';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

type Agent = request.Agent;
const PANEL = `/tenders/${SC}/panel`;
const RESULTS = `/tenders/${SC}/results`;

/** supertest collects a binary body into a Buffer with this parser. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * m1 (lived experience) favours bid A; m2 and m3 (professionals) favour bid B: leaving m1 out
 * moves the figures. No one has sent bid B's co-production score yet (m1 has a draft of it).
 */
const SENT = [
  ['m1', 'A', 'co-production', 4],
  ['m1', 'A', 'safety', 4],
  ['m1', 'B', 'safety', 2],
  ['m2', 'A', 'co-production', 2],
  ['m2', 'A', 'safety', 2],
  ['m2', 'B', 'safety', 3],
  ['m3', 'A', 'co-production', 1],
  ['m3', 'A', 'safety', 2],
  ['m3', 'B', 'safety', 4],
] as const;

async function post(agent: Agent, url: string, form: Form): Promise<request.Response> {
  const fields = await formOn(agent, url);
  return agent.post(url).type('form').send(encode({ ...fields, ...form }));
}

/** Posts a form with a token from the tenders page (for forms that a page does not offer). */
async function postDirect(agent: Agent, url: string, form: Form): Promise<request.Response> {
  return agent.post(url).type('form').send(encode({ ...form, _csrf: await csrfToken(agent, '/tenders') }));
}

async function declareNone(agent: Agent): Promise<void> {
  const res = await post(agent, '/panel/conflicts', { anyConflict: 'no' });
  assert.equal(res.status, 303);
}

async function score(agent: Agent, bid: string, criterion: string, choice: string, reason: string, action = 'continue'): Promise<request.Response> {
  return post(agent, cellUrl(bid, criterion), { choice, reason, action });
}

const scoresOf = (t: TestApp, key: string) =>
  t.db
    .selectFrom('scores')
    .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
    .innerJoin('tenders', 'tenders.id', 'm.tender_id')
    .select(['scores.status', 'scores.score', 'scores.criterion'])
    .where('m.key', '=', key)
    .where('tenders.reference', '=', SC)
    .execute();

/** A member of the scoring tender as stored. */
const memberRow = (t: TestApp, key: string) =>
  t.db
    .selectFrom('panel_members as m')
    .innerJoin('tenders', 'tenders.id', 'm.tender_id')
    .selectAll('m')
    .where('m.key', '=', key)
    .where('tenders.reference', '=', SC)
    .executeTakeFirstOrThrow();

describe('web: the panel changing during scoring', function () {
  this.timeout(120_000);
  let t: TestApp;
  let owner: Agent;
  let sam: Agent;

  beforeEach(async () => {
    t = await testApp();
    await scoringTender(t, SC, (pack) => {
      pack.scores = SENT.map(([member, bid, criterion, value]) => ({ member, bid, criterion, score: value, rationale: 'Sent before.' }));
    });
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    // Sam (m1) is signed in and has a draft of the one score not yet sent.
    sam = await panelAgent(t, 'm1');
    await declareNone(sam);
    assert.equal((await score(sam, 'B', 'co-production', '4', 'A draft, not sent.', 'later')).status, 303);
  });
  afterEach(() => t.close());

  const withdraw = (reason: string) => post(owner, `${PANEL}/m1/withdraw`, { reason });

  it('leaves a withdrawn member’s sent scores out of the results exactly as the engine does without them', async () => {
    const tender = (await tenderRepository.findByReference(t.db, SC))!;
    const everyone = await tenderInput(t.db, tender);
    const before = await tenderResults(t.db, SC);
    assert.deepEqual(before!.robustness.leaveOneOut.map((l) => l.member), ['m1', 'm2', 'm3']);

    const res = await withdraw('Moved away');
    assert.equal(res.status, 303);

    const after = await tenderResults(t.db, SC);
    const expected = evaluateTender({ ...everyone, scores: everyone.scores.filter((s) => s.member !== 'm1') });
    assert.deepEqual(after, expected);
    assert.notDeepEqual(after!.bids, before!.bids, 'the figures moved');
    assert.deepEqual(after!.robustness.leaveOneOut.map((l) => l.member), ['m2', 'm3'], 'only members still counted are left out in turn');
    // Their scores are still stored, sent and draft alike.
    assert.deepEqual((await scoresOf(t, 'm1')).map((s) => s.status).sort(), ['draft', 'submitted', 'submitted', 'submitted']);
  });

  it('records the withdrawal once with the reason, stops the links, and says who was left out and why', async () => {
    const awaited = (html: string) => load(html)('#awaited-scores li').map((_i, el) => load(el).text()).get();
    assert.deepEqual(awaited((await owner.get(RESULTS)).text), ['Sam Okafor (lived experience): a draft is saved, not yet submitted', 'Priya Shah (professional)', 'Tom Reid (professional)']);

    const page = load((await owner.get(`${PANEL}/m1/withdraw`)).text);
    assert.match(page('main').text(), /the 3 scores they sent stay on record, but are not counted in the results \(the results say why\)/);
    assert.match(page('main').text(), /their 1 unsent draft is not counted/);
    await withdraw('Moved away');

    const recorded = await events(t, SC, 'panel.member-withdrawn');
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]!.actor, `commissioner:${ACCOUNTS.owner.email}`);
    assert.deepEqual(recorded[0]!.detail, { member: 'm1', perspective: 'lived-experience', reason: 'Moved away', stage: 'scoring', scoresNotCounted: 3, draftsNotCounted: 1, linksStopped: 1 });
    const links = await t.db.selectFrom('invitations').select('revoked_at').where('member_id', '=', (await memberRow(t, 'm1')).id).execute();
    assert.ok(links.every((l) => l.revoked_at !== null));

    const $ = load((await owner.get(RESULTS)).text);
    assert.match($('#members-left-out').text(), /Scores of Sam Okafor \(lived experience\) are not counted: withdrew from the panel on 23 November 2026: Moved away\./);
    assert.deepEqual(awaited((await owner.get(RESULTS)).text), ['Priya Shah (professional)', 'Tom Reid (professional)'], 'a withdrawn member owes nothing, and their draft is not waited for');

    const panel = load((await owner.get(PANEL)).text);
    const card = panel('#member-m1').text().replace(/\s+/g, ' ');
    assert.match(card, /Withdrawn Withdrew from the panel on 23 November 2026: Moved away\./);
    assert.match(card, /3 scores sent, not counted/);
    assert.equal(panel('#member-m1 a[href$="/withdraw"], #member-m1 a[href$="/assign"], #member-m1 a[href$="/invitation"]').length, 0);
    assert.match(panel('#panel-mix').text(), /0 with lived experience, 2 professionals\. 1 member has been withdrawn\./);

    // The tender's progress: Sam owes nothing; the other two have sent 6 of their 8.
    const overview = load((await owner.get(`/tenders/${SC}`)).text);
    assert.match(overview('main').text(), /Scores in\s*6 of 8/);
    assert.match(overview('main').text(), /Withdrawn: owes no scores/);

    // A second withdrawal writes nothing.
    const again = await postDirect(owner, `${PANEL}/m1/withdraw`, { reason: 'Again' });
    assert.equal(again.status, 409);
    assert.match(again.text, /Sam Okafor has already been withdrawn from the panel/);
    assert.equal((await events(t, SC, 'panel.member-withdrawn')).length, 1);
  });

  it('stops a withdrawn member scoring: their session, new links, and a facilitator with them', async () => {
    const csrf = (await formOn(sam, cellUrl('B', 'co-production')))['_csrf']!;
    await withdraw('Moved away');

    for (const url of ['/panel/tasks', '/panel']) {
      const res = await sam.get(url);
      assert.equal(res.status, 403, url);
      const $ = load(res.text);
      assert.equal($('h1').text().trim(), 'You are no longer on this panel');
      assert.match($('main').text(), /contact Test owner, who runs this evaluation/);
    }
    const saved = await sam.post(cellUrl('B', 'co-production')).type('form').send(encode({ _csrf: csrf, choice: '1', reason: 'Changed my mind.', version: '1', action: 'continue' }));
    assert.notEqual(saved.status, 303);
    assert.deepEqual((await scoresOf(t, 'm1')).find((s) => s.status === 'draft')!.score, 4, 'nothing saved');
    assert.equal((await sam.post('/panel/submit').type('form').send(encode({ _csrf: csrf }))).status, 403);
    // A score posted from the page they had open (same origin, as a browser sends it) is not kept for later: they are told why.
    const kept = await sam.post(cellUrl('B', 'co-production')).set('Sec-Fetch-Site', 'same-origin').type('form').send(encode({ _csrf: csrf, choice: '1', reason: 'Typed after.', version: '1', action: 'continue' }));
    assert.equal(kept.status, 403);
    assert.equal(load(kept.text)('h1').text().trim(), 'You are no longer on this panel');
    assert.doesNotMatch(kept.text, /Typed after/);

    // No new link can be made for them, and a facilitator cannot enter scores with them: only help
    // them claim payment (test/integration/web/claims.test.ts), after which scoring still refuses.
    const invitation = load((await owner.get(`${PANEL}/m1/invitation`)).text);
    assert.match(invitation('main').text(), /Sam Okafor has been withdrawn from the panel, so no new link can be made/);
    assert.equal((await post(owner, `${PANEL}/m1/invitation`, {})).status, 409);
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const support = load((await facilitator.get(`${PANEL}/m1/support`)).text);
    assert.equal(support('h1').text().trim(), 'Help Sam Okafor claim payment');
    assert.equal((await post(facilitator, `${PANEL}/m1/support`, { agreed: 'yes' })).headers['location'], '/panel/claim');
    const scorePage = await facilitator.get(cellUrl('B', 'co-production'));
    assert.equal(scorePage.status, 403);
    assert.equal(load(scorePage.text)('h1').text().trim(), 'Sam Okafor is no longer on this panel');
  });

  it('tells a withdrawn member who opens their link that they are no longer on the panel, and makes no new links for them', async () => {
    const issued = await issueInvitations(t.db, SC, ['m1'], 'test', t.clock.now);
    assert.ok(issued.ok);
    await withdraw('Moved away');
    const opened = await request.agent(t.app).get(issued.links[0]!.path);
    assert.equal(opened.status, 403);
    assert.equal(load(opened.text)('h1').text().trim(), 'You are no longer on this panel');
    assert.deepEqual(await issueInvitations(t.db, SC, ['m1'], 'test', t.clock.now), { ok: false, withdrawnMembers: ['m1'] });
    const everyone = await issueInvitations(t.db, SC, [], 'test', t.clock.now);
    assert.ok(everyone.ok);
    assert.deepEqual(everyone.links.map((l) => l.key), ['m2', 'm3'], 'links for everyone leave out the withdrawn member');
  });

  it('refuses a withdrawal with no reason, with the error summary linking to the box, and writes nothing', async () => {
    const res = await withdraw('   ');
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('title').text(), /^Error: Withdraw Sam Okafor from the panel/);
    assert.equal($('.govuk-error-summary a').attr('href'), '#reason');
    assert.match($('.govuk-error-summary').text(), /Enter why they are leaving the panel/);
    assert.match($('#reason-error').text(), /Enter why they are leaving the panel/);
    assert.equal((await events(t, SC, 'panel.member-withdrawn')).length, 0);
    assert.equal((await memberRow(t, 'm1')).withdrawn_at, null);
  });

  it('counts the scores of a replacement added and assigned during scoring', async () => {
    await withdraw('Moved away');
    const added = await post(owner, `${PANEL}/add`, { name: 'Jo Ade', perspective: 'lived-experience', accessNeeds: 'easy-read' });
    assert.equal(added.status, 303);
    assert.match(added.headers['location']!, /done=added&member=m4/);
    const assigned = await post(owner, `${PANEL}/m4/assign`, { criteria: ['co-production', 'safety'], bids: ['A', 'B'] });
    assert.equal(assigned.status, 303);
    const [addEvent] = await events(t, SC, 'panel.member-added');
    assert.equal(addEvent!.detail['stage'], 'scoring');

    const jo = await panelAgent(t, 'm4');
    await declareNone(jo);
    for (const [bid, criterion, value] of [['A', 'co-production', '3'], ['A', 'safety', '3'], ['B', 'co-production', '1'], ['B', 'safety', '2']] as const) {
      assert.equal((await score(jo, bid, criterion, value, 'My reason.')).status, 303);
    }
    const fields = await formOn(jo, '/panel/check');
    const sent = await jo.post('/panel/submit').type('form').send(encode(fields));
    assert.equal(sent.status, 303);

    const results = await tenderResults(t.db, SC);
    const a = results!.bids.find((b) => b.key === 'A')!;
    assert.ok(a.criteria['co-production']!.scores.some((s) => s.member === 'm4' && s.score === 3), 'the replacement’s score counts');
    assert.ok(!a.criteria['co-production']!.scores.some((s) => s.member === 'm1'), 'the withdrawn member’s does not');
    assert.ok(results!.robustness.leaveOneOut.some((l) => l.member === 'm4'));
    const $ = load((await owner.get(PANEL)).text);
    assert.match($('#member-m4').text().replace(/\s+/g, ' '), /4 of 4 scores submitted/);
  });

  it('keeps contact details and access needs editable at scoring, with only the field names in the audit trail', async () => {
    const form = load((await owner.get(`${PANEL}/m2/change`)).text);
    assert.equal(form('input[name="name"]').length, 0, 'the name cannot change after draft');
    assert.equal(form('input[name="perspective"]').length, 0);
    assert.match(form('main').text(), /their name and perspective cannot change/);
    const res = await post(owner, `${PANEL}/m2/change`, { contact: '07700 900123', accessNeeds: ['supporter', 'large-print'], accessNotes: 'Supporter: Kim Lee. Breaks every 30 minutes.', name: 'Somebody Else', perspective: 'lived-experience' });
    assert.equal(res.status, 303);
    const stored = await memberRow(t, 'm2');
    assert.equal(stored.contact, '07700 900123');
    assert.deepEqual(JSON.parse(stored.access_needs), ['supporter', 'large-print']);
    assert.equal(stored.access_notes, 'Supporter: Kim Lee. Breaks every 30 minutes.');
    assert.equal(stored.name, 'Priya Shah', 'a posted name is ignored after draft');
    assert.equal(stored.perspective, 'professional');
    const changed = await events(t, SC, 'panel.member-changed');
    assert.equal(changed.length, 1);
    assert.deepEqual(changed[0]!.detail, { member: 'm2', changed: ['contact', 'accessNeeds', 'accessNotes'], stage: 'scoring' });
    const trail = JSON.stringify(changed[0]!.detail);
    assert.doesNotMatch(trail, /07700|Kim Lee|supporter|large-print|Breaks/, 'no contact or access values in the append-only trail');

    // Bad input gets the error summary, not a 5xx.
    const bad = await post(owner, `${PANEL}/m2/change`, { contact: 'not a contact', accessNeeds: 'other', accessNotes: '' });
    assert.equal(bad.status, 400);
    const $ = load(bad.text);
    assert.deepEqual($('.govuk-error-summary a').map((_i, el) => $(el).attr('href')).get(), ['#contact', '#accessNotes']);
  });

  it('refuses changes and withdrawals once the tender is finalised', async () => {
    await t.db.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', SC).execute();
    for (const [url, form] of [
      [`${PANEL}/m2/change`, { contact: 'a@b.example' }],
      [`${PANEL}/m1/withdraw`, { reason: 'Moved away' }],
      [`${PANEL}/add`, { name: 'Jo', perspective: 'professional' }],
      [`${PANEL}/m2/assign`, { criteria: 'safety', bids: 'A' }],
    ] as [string, Form][]) {
      assert.equal((await owner.get(url)).status, 409, `GET ${url}`);
      assert.equal((await postDirect(owner, url, form)).status, 409, `POST ${url}`);
    }
    assert.equal((await events(t, SC)).filter((e) => /^panel\.member-/.test(e.action)).length, 0);
  });

  it('marks the withdrawn member in the workbook: their scores not counted, and withdrawn on the panel sheet', async () => {
    await withdraw('Moved away');
    const res = await owner.get(`${RESULTS}/workbook.xlsx`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    const workbook = await readWorkbook(res.body as Buffer);
    const scores = tableOf(workbook.getWorksheet('Scores')!, 'Member');
    const sams = scores.filter((r) => r.get('Member') === 'm1');
    assert.deepEqual(sams.map((r) => r.get('Status')).sort(), [
      'draft (not counted)',
      'submitted (not counted: withdrew from the panel on 23 November 2026: Moved away)',
      'submitted (not counted: withdrew from the panel on 23 November 2026: Moved away)',
      'submitted (not counted: withdrew from the panel on 23 November 2026: Moved away)',
    ]);
    assert.ok(scores.filter((r) => r.get('Member') === 'm2').every((r) => r.get('Status') === 'submitted'));
    const panel = tableOf(workbook.getWorksheet('Panel and involvement')!, 'Member');
    const onPanel = new Map(panel.map((r) => [r.get('Member'), r.get('On the panel')]));
    assert.equal(onPanel.get('m1'), 'No: withdrew from the panel on 23 November 2026: Moved away; their scores are not counted');
    assert.equal(onPanel.get('m2'), 'Yes');
  });

  it('leaves a withdrawn member’s scores out of moderation’s figures, marked, and refuses to re-open them', async () => {
    await withdraw('Moved away');
    const $ = load((await owner.get(`/tenders/${SC}/moderation/A/co-production`)).text);
    assert.match($('#member-score-m1').text(), /Sam Okafor \(withdrawn from the panel: not counted\)/);
    assert.equal($('#member-score-m1 a[href*="/reopen"]').length, 0);
    // Sam gave 4, Priya 2 and Tom 1: the figures are those of Priya and Tom only, as in the results.
    const figures = $('.govuk-summary-list__row').filter((_i, el) => /From the panel’s scores|Final score/.test($(el).text())).map((_i, el) => $(el).find('dd').text().trim()).get();
    assert.equal(figures.length, 2);
    assert.ok(figures.every((f) => f.startsWith('1.50 ')), figures.join(' | '));
    assert.equal((await tenderResults(t.db, SC))!.bids.find((b) => b.key === 'A')!.criteria['co-production']!.final, 1.5);
    const reopen = await postDirect(owner, `/tenders/${SC}/moderation/members/m1/reopen`, { cells: 'all', reason: 'Check their score please.' });
    assert.notEqual(reopen.status, 303);
    assert.equal((await scoresOf(t, 'm1')).filter((s) => s.status === 'submitted').length, 3, 'nothing re-opened');
  });
  it('keeps a withdrawn member out of the bidders’ summaries, of who attended moderation, and makes a reviewed summary stale', async () => {
    const sam = await memberRow(t, 'm1');
    await t.db.updateTable('scores').set({ rationale: 'Words of Sam alone about this bid.' }).where('member_id', '=', sam.id).where('status', '=', 'submitted').execute();
    await t.db.updateTable('tenders').set({ state: 'moderation' }).where('reference', '=', SC).execute();
    const summary = `/tenders/${SC}/summaries/A`;
    assert.match((await owner.get(summary)).text, /Words of Sam alone/, 'before: their reason explains the score');
    const reviewed = await postReview(owner, summary);
    assert.equal(reviewed.status, 303);
    const reviewState = async () => load((await owner.get(`/tenders/${SC}/summaries`)).text)('#bid-A [data-field=review]').text();
    assert.equal(await reviewState(), 'Reviewed');

    assert.equal((await withdraw('Moved away')).status, 303);
    assert.doesNotMatch((await owner.get(summary)).text, /Words of Sam alone/, 'after: a score not counted explains nothing to the bidder');
    assert.equal(await reviewState(), 'Reviewed before it changed', 'bid A’s summary says something else, so its review no longer holds');

    const cell = `/tenders/${SC}/moderation/A/co-production`;
    const $ = load((await owner.get(cell)).text);
    assert.equal($('input[name="attendees"][value="m1"]').length, 0, 'not offered as attending');
    const rationale = 'The panel agreed the plan is sound but the budget for involvement is thin.';
    const consensusRows = () => t.db.selectFrom('consensus').select('id').execute();
    const stored = (await consensusRows()).length;
    const refused = await post(owner, cell, { score: '3', rationale, attendees: ['m1', 'm2'], replaces: 'none' } as unknown as Form);
    assert.equal(refused.status, 400);
    assert.match(refused.text, /Choose who attended from the list of panel members/);
    assert.equal((await consensusRows()).length, stored, 'nothing recorded');
  });
});
