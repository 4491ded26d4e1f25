// The practice round (calibration): a member scores made-up answers on the scoring pages, then
// reads the reference scores and reasons beside their own; staff see only "practice done"; the
// commissioner's setting is audited; practice and training time count as involvement time.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import type { PracticeAnswer } from '../../../src/engine';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { formOn, panelAgent, scoringTender, SC } from '../../helpers/scoring';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type TestApp } from '../../helpers/web';

type Agent = request.Agent;

/** Practice answers carried by the tender pack's own (inline) rubric. */
const PRACTICE: PracticeAnswer[] = [
  {
    criterion: 'co-production',
    answer: 'We send a survey once a year.\n\nThe manager reads it.',
    referenceScore: 1,
    why: { plain: 'A survey only. People do not share decisions.', formal: 'Consultation only; no shared decisions or payment.' },
  },
  {
    criterion: 'safety',
    answer: 'A named safeguarding lead trains every worker each year.',
    referenceScore: 3,
    why: { plain: 'A clear lead and yearly training.', formal: 'Clear process and training; little on learning from incidents.' },
  },
];

const text = (res: request.Response, selector = 'main') => load(res.text)(selector).text().replace(/\s+/g, ' ').trim();
const events = (t: TestApp, action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();

async function practise(agent: Agent, item: number, form: Record<string, string>) {
  const hidden = await formOn(agent, `/panel/practice/${item}`);
  return agent.post(`/panel/practice/${item}`).type('form').send(encode({ ...hidden, ...form }));
}

async function memberRow(t: TestApp, key: string) {
  return t.db
    .selectFrom('panel_members')
    .innerJoin('tenders', 'tenders.id', 'panel_members.tender_id')
    .selectAll('panel_members')
    .where('tenders.reference', '=', SC)
    .where('panel_members.key', '=', key)
    .executeTakeFirstOrThrow();
}

/** The member does the whole round: the first answer 3 with a reason, the second "I cannot score this". */
async function doRound(t: TestApp, agent: Agent): Promise<request.Response> {
  const first = await practise(agent, 1, { choice: '3', reason: 'They ask people, but only once a year.', action: 'continue' });
  assert.equal(first.status, 303);
  assert.equal(first.headers['location'], '/panel/practice/2');
  t.clock.now = new Date(t.clock.now.getTime() + 7 * 60_000);
  const second = await practise(agent, 2, { choice: 'abstain', reason: 'I do not know enough about safeguarding.', action: 'continue' });
  assert.equal(second.status, 303);
  assert.equal(second.headers['location'], '/panel/practice/compare');
  return agent.get('/panel/practice/compare');
}

describe('web: the practice round', function () {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await scoringTender(t, SC, (pack) => {
      (pack.tender.rubric as { practice?: unknown }).practice = PRACTICE;
    });
  });
  afterEach(async () => t.close());

  it('lets a member practise on the scoring pages, then shows the reference scores and reasons beside their own, as learning', async () => {
    const sam = await panelAgent(t, 'm1');
    // Offered by default: the start page says so, and the practice starts from there.
    const start = await sam.get('/panel');
    assert.match(text(start, '#practice-offer'), /Practise first, if you like.*2 made-up answers.*only you see your practice scores/);
    const intro = await sam.get('/panel/practice');
    assert.equal(intro.status, 200);
    assert.match(text(intro), /It is not a test.*There are no marks/);
    assert.equal(load(intro.text)('a.govuk-button--start').attr('href'), '/panel/practice/1');

    // The same page as a real score: the criterion, the layout switch, the scale as radios, the reason box.
    const page = await sam.get('/panel/practice/1');
    const $ = load(page.text);
    assert.equal($('h1').text().trim(), 'Working with people who use the service');
    assert.match($('.govuk-caption-l').text(), /Practice – answer 1 of 2/);
    assert.deepEqual($('#bid-response p').map((_i, p) => $(p).text()).get(), ['We send a survey once a year.', 'The manager reads it.']);
    assert.deepEqual($('input[name="choice"]').map((_i, el) => $(el).attr('value')).get(), ['4', '3', '2', '1', '0', 'abstain']);
    assert.equal($('textarea#reason').length, 1);
    assert.equal($('form[action="/panel/layout"]').length, 1);
    // Sam's access needs include easy read: the plain question leads.
    assert.match(text(page), /What this is about How will you plan the service together/);

    // "Save and continue" needs a score and a reason, as for real; the error summary links to the box.
    const missing = await practise(sam, 1, { choice: '3', reason: '', action: 'continue' });
    assert.equal(missing.status, 400);
    assert.equal(load(missing.text)('.govuk-error-summary a').attr('href'), '#reason');
    assert.match(text(missing, '.govuk-error-summary'), /Write the reason for your score/);
    // The reference scores are not shown before the round is done.
    assert.equal((await sam.get('/panel/practice/compare')).headers['location'], '/panel/practice');

    const compare = await doRound(t, sam);
    assert.equal(compare.status, 200);
    const c = load(compare.text);
    assert.equal(c('h1').text().trim(), 'Your practice scores and ours');
    assert.equal(c('#practice-1 .app-practice-mine').text().trim(), '3 – Good');
    assert.equal(c('#practice-1 .app-practice-reference').text().trim(), '1 – Poor');
    assert.match(text(compare, '#practice-1'), /They ask people, but only once a year\..*A survey only\. People do not share decisions\./);
    assert.match(text(compare, '#practice-1 .app-practice-apart'), /Your score is 2 points higher\. People often see an answer differently: read our reasons and think about what each of us noticed\./);
    assert.equal(c('#practice-2 .app-practice-mine').text().trim(), 'I cannot score this');
    assert.match(text(compare, '#practice-2'), /A clear lead and yearly training\./);
    // Easy read: the plain reasons only; learning, never a test.
    assert.doesNotMatch(text(compare), /Consultation only/);
    assert.doesNotMatch(text(compare), /\bwrong\b|\bcorrect\b|\bmarks?\b(?! a)|\bfail|\bpass(ed)?\b/i);
    // The standard layout also has the evaluators' wording, folded away.
    const form = await formOn(sam, '/panel/practice/compare');
    await sam.post('/panel/layout').type('form').send(encode({ _csrf: form['_csrf']!, layout: 'standard', returnTo: '/panel/practice/compare' }));
    assert.match(text(await sam.get('/panel/practice/compare'), '#practice-1 details'), /Consultation only; no shared decisions or payment\./);

    // Done: the practice answers are kept as they were, to read; the start page points to them.
    assert.equal((await sam.get('/panel/practice/1')).headers['location'], '/panel/practice/compare');
    assert.match(text(await sam.get('/panel'), '#practice-offer'), /You have done the practice/);
    const { id } = await memberRow(t, 'm1');
    const stored = await t.db.selectFrom('practice_scores').select(['item', 'score', 'abstain', 'entered_by']).orderBy('item').execute();
    assert.deepEqual(stored, [
      { item: 1, score: 3, abstain: 0, entered_by: `panel:${id}` },
      { item: 2, score: null, abstain: 1, entered_by: `panel:${id}` },
    ]);
    // Practice scores are not real scores.
    assert.deepEqual(await t.db.selectFrom('scores').select('id').where('member_id', '=', id).execute(), []);
  });

  it('counts practice time as involvement time, like scoring time, and records it when the round is done', async () => {
    const sam = await panelAgent(t, 'm1');
    t.clock.now = new Date(t.clock.now.getTime() + 5 * 60_000);
    await doRound(t, sam);
    const member = await memberRow(t, 'm1');
    // 5 minutes from signing in to the first save, 7 to the second; scoring time is untouched.
    assert.equal(member.practice_seconds, 12 * 60);
    assert.equal(member.scoring_seconds, 0);
    assert.notEqual(member.practice_done_at, null);
    const entries = await t.db.selectFrom('involvement_entries').select(['kind', 'activity', 'minutes', 'note', 'entered_by']).execute();
    assert.deepEqual(entries, [{ kind: 'reading', activity: 'practice', minutes: 12, note: 'The practice round', entered_by: `panel:${member.id}` }]);
    const contribution = await sam.get('/panel/contribution');
    assert.match(text(contribution, '#entries'), /Practice scoring The practice round 12 minutes/);
    assert.match(text(contribution, '#due'), /Your time so far is 12 minutes/);
    const done = await events(t, 'practice.done');
    assert.deepEqual(done.map((e) => JSON.parse(e.detail) as unknown), [{ member: 'm1', minutes: 12, enteredBy: `panel:${member.id}` }]);
  });

  it('lets a member record a training session as involvement time', async () => {
    const sam = await panelAgent(t, 'm1');
    const _csrf = await csrfToken(sam, '/panel/contribution/time');
    const added = await sam
      .post('/panel/contribution')
      .type('form')
      .send(encode({ _csrf, form: 'time', kind: 'training', 'onDate-day': '20', 'onDate-month': '11', 'onDate-year': '2026', hours: '1', minutes: '30', note: 'Scoring training' }));
    assert.equal(added.status, 303);
    const stored = await t.db.selectFrom('involvement_entries').select(['kind', 'activity', 'minutes']).execute();
    assert.deepEqual(stored, [{ kind: 'meeting', activity: 'training', minutes: 90 }]);
    const page = await sam.get('/panel/contribution');
    assert.match(text(page, '#entries'), /A training session Scoring training 1 hour 30 minutes/);
    assert.match(text(page, '#due'), /Your time so far is 1 hour 30 minutes/);
    const form = load((await sam.get('/panel/contribution/time')).text);
    assert.deepEqual(form('input[name="kind"]').map((_i, el) => form(el).attr('value')).get(), ['reading', 'meeting', 'practice', 'training']);
  });

  it('never shows a member\'s practice scores to staff: they see only "practice done"', async () => {
    const sam = await panelAgent(t, 'm1');
    await doRound(t, sam);
    const secret = 'They ask people, but only once a year.';
    for (const account of [ACCOUNTS.owner, ACCOUNTS.facilitator, ACCOUNTS.procurement, ACCOUNTS.otherCommissioner]) {
      const staff = await signedIn(t.app, account.email);
      for (const url of ['/panel/practice', '/panel/practice/compare', '/panel/practice/1']) {
        const res = await staff.get(url);
        assert.equal(res.status, 403, `${account.email} ${url}`);
        assert.ok(!res.text.includes(secret));
      }
      const _csrf = await csrfToken(staff, '/tenders');
      const post = await staff.post('/panel/practice/1').type('form').send(encode({ _csrf, choice: '0', reason: 'changed by staff', version: '0', action: 'continue' }));
      assert.equal(post.status, 403);
    }
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const panel = await owner.get(`/tenders/${SC}/panel`);
    assert.equal(text(panel, '#member-m1 .app-practice-status dd'), 'Practice done');
    assert.equal(text(panel, '#member-m2 .app-practice-status dd'), 'Practice not done yet');
    assert.ok(!panel.text.includes(secret));
    assert.doesNotMatch(text(panel, '#member-m1'), /Good|Poor|I cannot score this/);
    // Nor in the audit trail: it records that a practice score was saved, never the score or reason.
    const saved = await events(t, 'practice.saved');
    assert.equal(saved.length, 2);
    for (const e of saved) assert.deepEqual(Object.keys(JSON.parse(e.detail) as object).sort(), ['enteredBy', 'item', 'member']);
  });

  it('lets the commissioner choose off, offered or expected, audited; expected asks kindly and never blocks', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const settingUrl = `/tenders/${SC}/practice`;
    const page = await owner.get(settingUrl);
    assert.equal(page.status, 200);
    assert.match(text(page, '#practice-count'), /2 practice answers/);
    assert.equal(load(page.text)('input[name="mode"]:checked').attr('value'), 'offered');
    const _csrf = await csrfToken(owner, settingUrl);

    const bad = await owner.post(settingUrl).type('form').send(encode({ _csrf, mode: 'always' }));
    assert.equal(bad.status, 400);
    assert.equal(load(bad.text)('.govuk-error-summary a').attr('href'), '#mode');
    assert.match(text(bad, '.govuk-error-summary'), /Choose whether the practice round is off, offered or expected/);

    const set = await owner.post(settingUrl).type('form').send(encode({ _csrf, mode: 'expected' }));
    assert.equal(set.status, 303);
    assert.equal((await owner.post(settingUrl).type('form').send(encode({ _csrf, mode: 'expected' }))).status, 303);
    const audited = await events(t, 'tender.practice-set');
    assert.deepEqual(audited.map((e) => [e.actor, e.tender_ref, JSON.parse(e.detail) as unknown]), [['commissioner:owner@council.example', SC, { old: 'offered', new: 'expected' }]]);
    assert.match(text(await owner.get(`/tenders/${SC}/panel`), '#practice-setting'), /Expected: members are asked to practise first, and may still go on without/);

    // Expected: asked first, kindly, and the member may still go straight to their scores.
    const sam = await panelAgent(t, 'm1');
    const start = await sam.get('/panel');
    assert.match(text(start, '#practice-offer'), /First, a short practice.*we would like you to try.*If you would rather not, you can still go on to your scores/);
    assert.match(text(await sam.get('/panel/practice'), '#practice-expected'), /would like you to try this practice.*that is fine/);
    assert.equal((await sam.get('/panel/conflicts')).status, 200);
    const form = await formOn(sam, '/panel/conflicts');
    assert.equal((await sam.post('/panel/conflicts').type('form').send(encode({ _csrf: form['_csrf']!, anyConflict: 'no' }))).status, 303);
    assert.equal((await sam.get('/panel/tasks')).status, 200);

    // Off: no practice pages and no offer.
    assert.equal((await owner.post(settingUrl).type('form').send(encode({ _csrf, mode: 'off' }))).status, 303);
    assert.equal((await sam.get('/panel/practice')).status, 404);
    assert.equal(load((await sam.get('/panel')).text)('#practice-offer').length, 0);

    // Another commissioner cannot see the tender, so cannot change it.
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    const otherToken = await csrfToken(other, '/tenders');
    assert.equal((await other.post(settingUrl).type('form').send(encode({ _csrf: otherToken, mode: 'offered' }))).status, 404);
    assert.equal((await events(t, 'tender.practice-set')).length, 2);
  });

  it('offers a published rubric\'s practice answers on a tender made from it', async () => {
    await scoringTender(t, 'PUB-1', (pack) => {
      pack.tender.rubric = 'home-care-outcomes';
      pack.bids = pack.bids.map((b) => ({ ...b, responses: {} }));
    });
    const member = await panelAgent(t, 'm2', 'PUB-1');
    const intro = await member.get('/panel/practice');
    assert.equal(intro.status, 200);
    assert.match(text(intro), /You score 3 short answers/);
    const first = load((await member.get('/panel/practice/1')).text);
    assert.equal(first('h1').text().trim(), 'Designing, delivering and reviewing the service together');
    assert.match(first('#bid-response').text(), /A made-up answer/);
  });

  it('refuses a tender pack whose own rubric has a practice answer for a criterion it lacks, naming the place', async () => {
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: 'BAD-1' });
    (pack.tender.rubric as { practice?: unknown }).practice = [{ ...PRACTICE[0], criterion: 'safty', referenceScore: 9 }];
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'bad.yaml', actor: 'test', now: t.clock.now });
    assert.equal(imported.ok, false);
    const problems = imported.ok ? [] : imported.problems.map((p) => `${p.path}: ${p.message}`);
    assert.ok(problems.some((p) => /practice\[0\]\.criterion: is "safty", not a criterion of this rubric; expected one of "co-production", "safety"/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /practice\[0\]\.referenceScore: is 9, off the scale; expected a whole number from 0 to 4/.test(p)), problems.join('\n'));
  });
});
