// What a panel member may not do, and what is recorded about who did what: conflicts of
// interest take a bid off the list; a facilitator's entries say so; a member reaches nothing
// outside their own assigned, non-conflicted bids and criteria.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { cellUrl, formOn, panelAgent, SC, scoringTender } from '../../helpers/scoring';
import { ACCOUNTS, encode, signedIn, testApp, type TestApp } from '../../helpers/web';

type Agent = request.Agent;

/** The form's value for each organisation, found by its name on the page (never the bid's code). */
const SUPPLIERS: Record<string, string> = { A: 'Alder Care', B: 'Birch Support' };

/** Declares, ticking organisations by their bids' keys (A, B); any other key is sent as it is. */
async function declare(agent: Agent, form: Record<string, string | string[]>) {
  const page = load((await agent.get('/panel/conflicts')).text);
  const valueOf = (key: string) => page('input[name="organisations"]').filter((_i, el) => page(el).next('label').text().trim() === SUPPLIERS[key]).attr('value') ?? key;
  const sent: Record<string, string | string[]> = { _csrf: String(page('input[name="_csrf"]').val()), ...form };
  if (form['organisations'] !== undefined) sent['organisations'] = ([] as string[]).concat(form['organisations']).map(valueOf);
  return agent.post('/panel/conflicts').type('form').send(encode(sent));
}

async function events(t: TestApp, action: string) {
  const rows = await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

describe('web: panel scoring rules', function () {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await scoringTender(t);
  });
  afterEach(async () => t.close());

  it('takes a declared conflict’s bid off the member’s list, removes its drafts, and tells the commissioner', async () => {
    const agent = await panelAgent(t, 'm2');
    assert.equal((await declare(agent, { anyConflict: 'yes' })).status, 400, 'yes needs an organisation');
    assert.equal((await declare(agent, { anyConflict: 'yes', organisations: ['Z'] })).status, 400, 'only organisations in the list');
    assert.equal((await declare(agent, {})).status, 400, 'an answer is needed');
    assert.equal((await declare(agent, { anyConflict: 'no' })).status, 303);
    // A draft for bid A, then a conflict with Alder Care (bid A) found later.
    const fields = await formOn(agent, cellUrl('A', 'safety'));
    await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...fields, choice: '2', reason: 'draft', action: 'later' }));
    const res = await declare(agent, { anyConflict: 'yes', organisations: ['A'] });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/panel/tasks?conflicts=1');
    const tasks = load((await agent.get('/panel/tasks')).text);
    assert.deepEqual(tasks('h2.govuk-heading-m').map((_i, el) => tasks(el).text().trim()).get(), ['Birch Support']);
    assert.equal((await agent.get(cellUrl('A', 'safety'))).status, 404);
    assert.equal((await agent.get('/panel/pack')).text.includes('Alder Care'), false, 'not in the printed pack either');
    const drafts = await t.db.selectFrom('scores').innerJoin('panel_members as m', 'm.id', 'scores.member_id').innerJoin('tenders', 'tenders.id', 'm.tender_id').select('scores.id').where('m.key', '=', 'm2').where('tenders.reference', '=', SC).execute();
    assert.equal(drafts.length, 0);
    const [none, some] = await events(t, 'conflicts.declared');
    assert.equal(none!.detail['answer'], 'no');
    assert.deepEqual(none!.detail['newConflicts'], []);
    assert.equal(none!.detail['conflictsOnFile'], 0);
    assert.equal(some!.detail['answer'], 'yes');
    assert.deepEqual(some!.detail['newConflicts'], ['A']);
    assert.equal(some!.detail['conflictsOnFile'], 1);
    assert.equal(some!.detail['draftsRemoved'], 1);
    assert.doesNotMatch(JSON.stringify(some), /Alder|Priya/, 'no names in the audit trail');

    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const panel = load((await owner.get(`/tenders/${SC}/panel`)).text);
    assert.match(panel('#member-m2').text(), /Declared a link with 1 organisation, so does not score its bid[\s\S]*Bid A: Alder Care/);
    assert.match(panel('#member-m1').text(), /Not declared yet/);
    assert.match((await owner.get(`/tenders/${SC}`)).text, /1 conflict of interest has been declared/);
    // The bid is no longer owed by m2: not in their progress, nor in "still needed" on the results.
    assert.match(panel('#member-m2').text().replace(/\s+/g, ' '), /0 of 2 scores submitted/);
    const results = load((await owner.get(`/tenders/${SC}/results`)).text);
    const m2Name = (await t.db.selectFrom('panel_members').innerJoin('tenders', 'tenders.id', 'panel_members.tender_id').select('name').where('key', '=', 'm2').where('reference', '=', SC).executeTakeFirstOrThrow()).name;
    const owedBy = (bid: string) => results(`#awaited-scores [data-bid="${bid}"]`).text();
    assert.ok(results('#awaited-scores [data-bid="A"]').length > 0 && results('#awaited-scores [data-bid="B"]').length > 0);
    assert.match(owedBy('B'), new RegExp(m2Name), 'm2 still owes bid B');
    assert.doesNotMatch(owedBy('A'), new RegExp(m2Name), 'but not bid A');
  });

  it('asks about conflicts only once scoring has opened, and refuses a No with organisations ticked', async () => {
    await scoringTender(t, 'SC-DRAFT', (pack) => {
      pack.tender['state'] = 'draft';
    });
    const early = await panelAgent(t, 'm1', 'SC-DRAFT');
    assert.equal((await early.get('/panel/conflicts')).headers['location'], '/panel');
    const fields = await formOn(early, '/panel');
    const res = await early.post('/panel/conflicts').type('form').send(encode({ _csrf: fields['_csrf']!, anyConflict: 'no' }));
    assert.equal(res.status, 400);
    assert.match(res.text, /Scoring has not started yet/);
    const agent = await panelAgent(t, 'm1');
    const mixed = await declare(agent, { anyConflict: 'no', organisations: ['A'] });
    assert.equal(mixed.status, 400);
    assert.match(load(mixed.text)('.govuk-error-summary').text(), /You answered No but ticked some organisations/);
    const ticked = (html: string) => {
      const $ = load(html);
      return $('input[name="organisations"]:checked').map((_i, el) => $(el).next('label').text().trim()).get();
    };
    assert.deepEqual(ticked(mixed.text), ['Alder Care'], 'the ticked box stays ticked, so the member can see what the message means');
    const unanswered = await declare(agent, { organisations: ['A'] });
    assert.equal(unanswered.status, 400);
    assert.deepEqual(ticked(unanswered.text), ['Alder Care']);
    // The page pairs no name with its bid's code (the tender may be anonymised).
    assert.deepEqual(load(mixed.text)('input[name="organisations"]').map((_i, el) => load(mixed.text)(el).attr('value')).get(), ['org-1', 'org-2']);
    // A damaged form (a key no list has, or hundreds of them) gets plain words.
    for (const organisations of [['x'.repeat(65)], Array.from({ length: 501 }, (_, i) => `k${i}`)]) {
      const damaged = await declare(agent, { anyConflict: 'yes', organisations });
      assert.equal(damaged.status, 400);
      assert.match(load(damaged.text)('.govuk-error-summary').text(), /Choose organisations from the list/);
      assert.doesNotMatch(damaged.text, /Too big|expected/);
    }
    const declared = await t.db.selectFrom('panel_members').select('conflicts_declared_at').where('conflicts_declared_at', 'is not', null).execute();
    assert.equal(declared.length, 0);
  });

  it('refuses a new conflict for a bid whose scores the member has already sent', async () => {
    const agent = await panelAgent(t, 'm2');
    await declare(agent, { anyConflict: 'no' });
    for (const [bid, criterion] of [['A', 'co-production'], ['A', 'safety'], ['B', 'co-production'], ['B', 'safety']] as const) {
      const fields = await formOn(agent, cellUrl(bid, criterion));
      await agent.post(cellUrl(bid, criterion)).type('form').send(encode({ ...fields, choice: '2', reason: 'ok', action: 'continue' }));
    }
    const fields = await formOn(agent, '/panel/check');
    assert.equal((await agent.post('/panel/submit').type('form').send(encode({ _csrf: fields['_csrf']! }))).status, 303);
    const res = await declare(agent, { anyConflict: 'yes', organisations: ['B'] });
    assert.equal(res.status, 400);
    assert.match(load(res.text)('.govuk-error-summary').text(), /already sent your scores for Birch Support/);
  });

  it('records a facilitator’s entries as “entered by facilitator X with member Y”, shown to the member and in the audit', async () => {
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const support = `/tenders/${SC}/panel/m1/support`;
    const page = load((await facilitator.get(support)).text);
    assert.match(page('h1').text(), /Enter scores with Sam Okafor/);
    const csrf = String(page('input[name="_csrf"]').val());
    assert.equal((await facilitator.post(support).type('form').send(encode({ _csrf: csrf }))).status, 400, 'the member’s agreement is confirmed first');
    assert.equal((await facilitator.post(support).type('form').send(encode({ _csrf: csrf, agreed: 'yes' }))).headers['location'], '/panel');
    assert.match((await facilitator.get('/panel')).text, /You are entering scores with Sam Okafor/);
    await declare(facilitator, { anyConflict: 'no' });
    const fields = await formOn(facilitator, cellUrl('A', 'safety'));
    await facilitator.post(cellUrl('A', 'safety')).type('form').send(encode({ ...fields, choice: '3', reason: 'Sam said the lead is clear', action: 'later' }));

    const stored = await t.db.selectFrom('scores').select(['entered_by', 'score']).where('rationale', '=', 'Sam said the lead is clear').executeTakeFirstOrThrow();
    assert.equal(stored.entered_by, `facilitator:${ACCOUNTS.facilitator.email}`);
    const [saved] = await events(t, 'score.saved');
    assert.equal(saved!.actor, `facilitator:${ACCOUNTS.facilitator.email}`);
    assert.equal(saved!.detail['withMember'], 'm1');
    assert.equal(saved!.detail['member'], 'm1');
    assert.equal((await events(t, 'facilitator.supporting'))[0]!.detail['member'], 'm1');

    const member = await panelAgent(t, 'm1');
    const seen = load((await member.get(cellUrl('A', 'safety'))).text);
    assert.match(seen('.govuk-inset-text').text(), /last saved by Test facilitator \(a facilitator\) with you/);

    // Stopping facilitator mode: the panel pages are closed to the facilitator again.
    const stopCsrf = (await formOn(facilitator, '/panel/tasks'))['_csrf']!;
    assert.equal((await facilitator.post('/panel/support/stop').type('form').send(encode({ _csrf: stopCsrf }))).status, 303);
    assert.equal((await facilitator.get('/panel/tasks')).status, 403);
  });

  it('refuses a score form with a field sent twice, leaving the saved score and reason as they were', async () => {
    const agent = await panelAgent(t, 'm2');
    await declare(agent, { anyConflict: 'no' });
    const fields = await formOn(agent, cellUrl('A', 'safety'));
    await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...fields, choice: '4', reason: 'Clear safeguarding lead', action: 'later' }));
    const saved = () =>
      t.db
        .selectFrom('scores')
        .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
        .innerJoin('tenders', 'tenders.id', 'scores.tender_id')
        .select(['scores.score', 'scores.rationale', 'scores.version'])
        .where('m.key', '=', 'm2')
        .where('tenders.reference', '=', SC)
        .execute();
    const before = await saved();
    assert.deepEqual(before, [{ score: 4, rationale: 'Clear safeguarding lead', version: 1 }]);
    const twiceOver: Record<string, string[]>[] = [{ choice: ['4', '4'] }, { reason: ['Clear safeguarding lead', 'x'] }, { version: ['1', '1'] }];
    for (const twice of twiceOver) {
      const form = { ...(await formOn(agent, cellUrl('A', 'safety'))), choice: '4', reason: 'Clear safeguarding lead', action: 'later', ...twice };
      const res = await agent.post(cellUrl('A', 'safety')).type('form').send(encode(form));
      assert.equal(res.status, 400, `${Object.keys(twice)[0]} sent twice`);
      assert.match(load(res.text)('.govuk-error-summary').text(), /The form was not complete\. Go back to the page and try again/);
    }
    assert.deepEqual(await saved(), before);
  });

  it('refuses a score of “-0” with a clear message, saving nothing, and takes 0', async () => {
    const agent = await panelAgent(t, 'm2');
    await declare(agent, { anyConflict: 'no' });
    const scores = () =>
      t.db
        .selectFrom('scores')
        .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
        .innerJoin('tenders', 'tenders.id', 'scores.tender_id')
        .select(['scores.score'])
        .where('m.key', '=', 'm2')
        .where('tenders.reference', '=', SC)
        .execute();
    for (const choice of ['-0', '-00']) {
      const form = { ...(await formOn(agent, cellUrl('A', 'safety'))), choice, reason: 'Nothing on training', action: 'later' };
      const res = await agent.post(cellUrl('A', 'safety')).type('form').send(encode(form));
      assert.equal(res.status, 400, choice);
      const $ = load(res.text);
      assert.equal($('.govuk-error-summary a').first().text().trim(), 'Choose a score from the list: “-0” is not a score on the scale (0 has no minus sign)');
      assert.equal($('.govuk-error-summary a').first().attr('href'), '#choice');
    }
    assert.deepEqual(await scores(), []);
    const form = { ...(await formOn(agent, cellUrl('A', 'safety'))), choice: '0', reason: 'Nothing on training', action: 'later' };
    assert.equal((await agent.post(cellUrl('A', 'safety')).type('form').send(encode(form))).status, 303);
    const saved = await scores();
    assert.equal(saved.length, 1);
    assert.ok(Object.is(saved[0]!.score, 0), 'stored as 0, never -0');
  });

  it('takes “Send my scores” pressed twice (or in two tabs) as sent, not as an error', async () => {
    const agent = await panelAgent(t, 'm2');
    await declare(agent, { anyConflict: 'no' });
    for (const [bid, criterion] of [['A', 'co-production'], ['A', 'safety'], ['B', 'co-production'], ['B', 'safety']] as const) {
      const fields = await formOn(agent, cellUrl(bid, criterion));
      await agent.post(cellUrl(bid, criterion)).type('form').send(encode({ ...fields, choice: '3', reason: 'Clear examples.', action: 'continue' }));
    }
    const token = (await formOn(agent, '/panel/check'))['_csrf']!;
    const answers = await Promise.all([0, 1].map(() => agent.post('/panel/submit').type('form').send(encode({ _csrf: token }))));
    assert.deepEqual(
      answers.map((a) => [a.status, a.headers['location']]),
      [
        [303, '/panel/sent'],
        [303, '/panel/sent'],
      ],
    );
    assert.equal((await events(t, 'scores.submitted')).length, 1, 'sent once');
  });

  it('lets a member reach nothing but their own work: 0 of the attempts allowed', async () => {
    // m3 scores co-production only, and bid A only; a second tender has its own panel.
    await t.db.deleteFrom('member_criteria').where('criterion', '=', 'safety').where('member_id', 'in', t.db.selectFrom('panel_members').select('id').where('key', '=', 'm3')).execute();
    const m3Id = (await t.db.selectFrom('panel_members').innerJoin('tenders', 'tenders.id', 'panel_members.tender_id').select('panel_members.id').where('key', '=', 'm3').where('reference', '=', SC).executeTakeFirstOrThrow()).id;
    const bidB = (await t.db.selectFrom('bids').innerJoin('tenders', 'tenders.id', 'bids.tender_id').select('bids.id').where('key', '=', 'B').where('reference', '=', SC).executeTakeFirstOrThrow()).id;
    await t.db.deleteFrom('member_bids').where('member_id', '=', m3Id).where('bid_id', '=', bidB).execute();
    await scoringTender(t, 'SC-OTHER', (pack) => {
      pack.bids = [{ ...pack.bids[0]!, key: 'Q', supplier: 'Quince Homes' }];
    });
    const agent = await panelAgent(t, 'm3');
    await declare(agent, { anyConflict: 'no' });
    const fields = await formOn(agent, cellUrl('A', 'co-production'));
    const attempts: [string, string][] = [
      ['GET', cellUrl('A', 'safety')], // criterion not assigned
      ['POST', cellUrl('A', 'safety')],
      ['GET', cellUrl('B', 'co-production')], // bid not assigned
      ['POST', cellUrl('B', 'co-production')],
      ['GET', cellUrl('Q', 'co-production')], // another tender's bid
      ['GET', cellUrl('A', 'no-such-criterion')],
      ['GET', `/tenders/${SC}`],
      ['GET', `/tenders/${SC}/bids/prices`],
      ['GET', `/tenders/${SC}/bids/A`],
      ['GET', `/tenders/${SC}/results`],
      ['GET', `/tenders/${SC}/results/workbook.xlsx`],
      ['GET', `/tenders/${SC}/moderation`],
      ['GET', `/tenders/${SC}/panel`],
      ['GET', `/tenders/${SC}/panel/m2/pack`],
      ['GET', `/tenders/${SC}/summaries`],
      ['GET', `/tenders/SC-OTHER`],
      ['GET', `/tenders/SC-OTHER/panel/m3/pack`],
      ['GET', `/tenders/${SC}/involvement`],
      ['GET', `/tenders/${SC}/panel/m1/support`],
    ];
    const allowed: string[] = [];
    for (const [method, url] of attempts) {
      const res = method === 'GET' ? await agent.get(url) : await agent.post(url).type('form').send(encode({ ...fields, choice: '3', reason: 'x', action: 'later' }));
      if (![403, 404].includes(res.status) && !(res.status === 303 && res.headers['location'] === '/sign-in')) allowed.push(`${method} ${url} → ${res.status}`);
    }
    console.log(`      (member authorisation: ${attempts.length} attempts, ${allowed.length} allowed)`);
    assert.deepEqual(allowed, []);
    // And another member's scores never show: m2's reason is not on any of m3's pages.
    const m2 = await panelAgent(t, 'm2');
    await declare(m2, { anyConflict: 'no' });
    const m2Form = await formOn(m2, cellUrl('A', 'co-production'));
    await m2.post(cellUrl('A', 'co-production')).type('form').send(encode({ ...m2Form, choice: '4', reason: 'Secret reason of m2', action: 'continue' }));
    for (const url of ['/panel', '/panel/tasks', cellUrl('A', 'co-production'), '/panel/check', '/panel/pack', '/panel/contribution']) {
      assert.doesNotMatch((await agent.get(url)).text, /Secret reason of m2/, url);
    }
    assert.equal((await t.db.selectFrom('scores').select('id').where('member_id', '=', m3Id).execute()).length, 0, 'nothing written by the refused posts');
  });
});

describe('web: a score sent back in moderation', () => {
  it('lets the member change only the re-opened score, send it again, and keeps the first one on record', async () => {
    const t = await testApp();
    try {
      // The hand-worked tender is in moderation with every score sent; m1's B/safety (an abstention) is re-opened.
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const reopen = '/tenders/HW-2026-01/moderation/members/m1/reopen';
      const csrf = (await formOn(owner, reopen))['_csrf']!;
      const sent = await owner.post(reopen).type('form').send(encode({ _csrf: csrf, cells: 'B:safety', reason: 'Sam asked to look again' }));
      assert.equal(sent.status, 303);

      const agent = await panelAgent(t, 'm1', 'HW-2026-01');
      assert.match((await agent.get('/panel')).text, /asked you to look again/);
      const late = await declare(agent, { anyConflict: 'yes', organisations: ['B'] });
      assert.equal(late.status, 400, 'a score sent back is still a score sent: no conflict can remove it now');
      await declare(agent, { anyConflict: 'no' });
      assert.equal((await agent.get(cellUrl('A', 'safety'))).text.includes('name="reason"'), false, 'a score not re-opened stays locked');
      const fields = await formOn(agent, cellUrl('B', 'safety'));
      const saved = await agent.post(cellUrl('B', 'safety')).type('form').send(encode({ ...fields, choice: '2', reason: 'Now I understand it', action: 'continue' }));
      assert.equal(saved.status, 303);
      const check = await formOn(agent, '/panel/check');
      assert.equal((await agent.post('/panel/submit').type('form').send(encode({ _csrf: check['_csrf']! }))).status, 303);

      const now = await t.db.selectFrom('scores').innerJoin('panel_members as m', 'm.id', 'scores.member_id').innerJoin('bids', 'bids.id', 'scores.bid_id')
        .select(['scores.score', 'scores.abstain', 'scores.status']).where('m.key', '=', 'm1').where('bids.key', '=', 'B').where('scores.criterion', '=', 'safety').where('m.tender_id', '=', 1).executeTakeFirstOrThrow();
      assert.deepEqual(now, { score: 2, abstain: 0, status: 'submitted' });
      const kept = await t.db.selectFrom('score_reopenings').select(['abstain', 'rationale']).executeTakeFirstOrThrow();
      assert.deepEqual(kept, { abstain: 1, rationale: 'I did not understand this answer.' });
    } finally {
      await t.close();
    }
  });
});
