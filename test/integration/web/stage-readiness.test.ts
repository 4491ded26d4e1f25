// Readiness before every stage change, through the web app: the demo tender as it stands cannot
// be finalised (bid E has no final score), moving on past what is outstanding takes a written
// reason (refused when empty or short, or when the list changed meanwhile, and then nothing
// changes), and a reason given is audited, stored and shown on the results page and in the
// workbook's Summary sheet. Also "I have reviewed this summary" (more in summary-reviews.test.ts).
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { addTender, events } from '../../helpers/bid-tenders';
import { readWorkbook, tableOf } from '../../helpers/export-workbooks';
import { addDemoTender, DEMO, postReview } from '../../helpers/readiness';
import { ACCOUNTS, confirmItIsYou, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = 'HW-2026-01';
const REASON = 'The panel met on 2 December and agreed the flagged scores stand as aggregated.';

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}


describe('web: readiness before every stage change', () => {
  let t: TestApp;
  let owner: request.Agent;
  beforeEach(async () => {
    t = await testApp();
    await addDemoTender(t);
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  afterEach(() => t.close());

  const stateOf = async (reference: string) => (await t.db.selectFrom('tenders').select('state').where('reference', '=', reference).executeTakeFirstOrThrow()).state;
  const overrides = async () => t.db.selectFrom('stage_overrides').selectAll().execute();
  const page = async (reference: string) => load((await owner.get(`/tenders/${reference}/state`)).text);
  const items = ($: ReturnType<typeof load>, list = '#outstanding') =>
    $(`${list} li`)
      .map((_i, li) => ({ kind: $(li).attr('data-kind'), text: $(li).text().trim(), href: $(li).find('a').attr('href') }))
      .get();
  async function post(reference: string, fields: Record<string, string>) {
    const $ = await page(reference);
    const form = { _csrf: await csrfToken(owner, `/tenders/${reference}`), to: String($('input[name=to]').val()), outstanding: String($('input[name=outstanding]').val()), ...fields };
    return owner.post(`/tenders/${reference}/state`).type('form').send(form);
  }

  it('will not finalise the demo tender as it stands, and lists what is missing with links', async () => {
    // Closing scoring: members have not sent everything, so it takes a reason.
    const closing = items(await page(DEMO));
    assert.ok(closing.some((i) => i.kind === 'not-sent'), JSON.stringify(closing));
    assert.ok(closing.every((i) => i.href?.startsWith(`/tenders/${DEMO}/`)));
    assert.equal((await post(DEMO, { reason: REASON })).status, 303);
    assert.equal(await stateOf(DEMO), 'moderation');

    const $ = await page(DEMO);
    assert.match($('main').text(), /The tender cannot move on yet/);
    const blocking = items($);
    const e = blocking.find((i) => i.kind === 'no-final-score');
    assert.ok(e, JSON.stringify(blocking));
    assert.match(e.text, /^Bid E \(.+\) has no final score for “Social value: fair work, local jobs and a greener service”/);
    assert.equal(e.href, `/tenders/${DEMO}/moderation/E/social-value`);
    assert.equal($('#outstanding').attr('data-blocking'), 'true');
    assert.equal($('form textarea, form input[name=confirm]').length, 0, 'no form to move on');
    // The others are listed too, to be put right or passed over once nothing blocks.
    const also = items($, '#also-outstanding').map((i) => i.kind);
    assert.ok(also.includes('flagged') && also.includes('summary'), also.join());

    // Sending the form anyway (a stale page) moves nothing and records nothing.
    const forced = await owner
      .post(`/tenders/${DEMO}/state`)
      .type('form')
      .send({ _csrf: await csrfToken(owner, `/tenders/${DEMO}`), to: 'finalised', outstanding: '0'.repeat(32), reason: REASON });
    assert.equal(forced.status, 400);
    assert.match(load(forced.text)('#outstanding').text(), /Bid E/);
    assert.equal(await stateOf(DEMO), 'moderation');
    assert.equal((await t.db.selectFrom('finalisations').selectAll().execute()).length, 0);
    assert.deepEqual(
      (await overrides()).map((o) => o.to_state),
      ['moderation'],
    );
  });

  it('refuses to move on past outstanding items without a reason of 20 characters or more, changing nothing', async () => {
    const before = await events(t, DEMO);
    for (const [reason, message] of [
      ['', /Enter why the tender should move on to moderation/],
      ['   ', /Enter why the tender should move on to moderation/],
      ['Because I said so', /at least 20 characters/],
    ] as const) {
      const res = await post(DEMO, { reason });
      assert.equal(res.status, 400);
      const $ = load(res.text);
      assert.match($('title').text(), /^Error:/);
      assert.match($('.govuk-error-summary').text(), message);
      assert.equal($('.govuk-error-summary a').attr('href'), '#reason');
      assert.equal($('textarea#reason').length, 1, 'the reason box stays, with what was typed');
      assert.equal($('textarea#reason').text().trim(), reason.trim());
    }
    assert.equal(await stateOf(DEMO), 'scoring');
    assert.equal((await overrides()).length, 0);
    assert.equal((await events(t, DEMO)).length, before.length, 'nothing audited');
  });

  it('leaves out members who left the panel: they owe no scores', async () => {
    const before = items(await page(DEMO)).filter((i) => i.kind === 'not-sent');
    assert.ok(before.some((i) => i.text.startsWith('Eileen Parry (lived experience) has not sent')));
    await t.db.updateTable('panel_members').set({ withdrawn_at: t.clock.now.toISOString(), withdrawn_reason: 'Moved away', withdrawn_by: 'test' }).where('name', '=', 'Eileen Parry').execute();
    const after = items(await page(DEMO)).filter((i) => i.kind === 'not-sent');
    assert.deepEqual(after.map((i) => i.text), before.filter((i) => !i.text.startsWith('Eileen Parry')).map((i) => i.text));
  });

  it('shows the page again when what is outstanding changed meanwhile, instead of passing over an item unseen', async () => {
    const $ = await page(DEMO);
    const seen = String($('input[name=outstanding]').val());
    // A member's sent score is sent back to draft in another tab: one more thing outstanding.
    const demo = await t.db.selectFrom('tenders').select('id').where('reference', '=', DEMO).executeTakeFirstOrThrow();
    const score = await t.db.selectFrom('scores').select('id').where('tender_id', '=', demo.id).where('status', '=', 'submitted').orderBy('id').executeTakeFirstOrThrow();
    await t.db.updateTable('scores').set({ status: 'draft' }).where('id', '=', score.id).execute();
    const res = await owner
      .post(`/tenders/${DEMO}/state`)
      .type('form')
      .send({ _csrf: await csrfToken(owner, `/tenders/${DEMO}`), to: 'moderation', outstanding: seen, reason: REASON });
    assert.equal(res.status, 400);
    const again = load(res.text);
    assert.match(again('.govuk-error-summary').text(), /What is outstanding changed while you were reading this page/);
    assert.equal(again('.govuk-error-summary a').attr('href'), '#outstanding');
    assert.notEqual(String(again('input[name=outstanding]').val()), seen);
    assert.equal(again('textarea#reason').text().trim(), REASON, 'the reason is kept');
    assert.equal(await stateOf(DEMO), 'scoring');
    assert.equal((await overrides()).length, 0);
  });

  it('records a reason given with the items outstanding, in the audit event and stage_overrides, and shows it on the results page and in the workbook', async () => {
    const outstanding = items(await page(HW)).map((i) => i.text.replace(/\. [^.]+$/, ''));
    assert.ok(outstanding.length > 0);
    assert.equal((await post(HW, { reason: `  ${REASON}\r\n` })).status, 303);
    assert.equal(await stateOf(HW), 'finalised');

    const [stored] = await overrides();
    assert.ok(stored);
    assert.deepEqual([stored.from_state, stored.to_state, stored.reason, stored.recorded_by], ['moderation', 'finalised', REASON, `commissioner:${ACCOUNTS.owner.email}`]);
    assert.deepEqual(JSON.parse(stored.outstanding), outstanding);
    const [event] = await events(t, HW, 'tender.state-changed');
    assert.deepEqual(event?.detail['override'], { outstanding, reason: REASON });
    assert.equal(event?.detail['to'], 'finalised');
    assert.match(String(event?.detail['resultsSha256']), /^[0-9a-f]{64}$/, 'finalising still records the results');

    for (const who of ['owner', 'procurement', 'facilitator'] as const) {
      const agent = who === 'owner' ? owner : await signedIn(t.app, ACCOUNTS[who].email);
      const $ = load((await agent.get(`/tenders/${HW}/results`)).text);
      const section = $('[data-override="0"]');
      assert.equal(section.find('h3').text(), 'From moderation to finalised', who);
      assert.equal(section.find('[data-field=reason]').text(), REASON);
      assert.deepEqual(section.find('[data-field=outstanding] li').map((_i, li) => $(li).text()).get(), outstanding);
      assert.equal(section.find('[data-field=by]').text(), 'Test owner (commissioner)');
      assert.equal(section.find('[data-field=at]').text(), '23 November 2026 at 10:00');
    }

    const res = await owner.get(`/tenders/${HW}/results/workbook.xlsx`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    const sheet = (await readWorkbook(res.body as Buffer)).getWorksheet('Summary')!;
    const rows = tableOf(sheet, 'From');
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.deepEqual(
      ['From', 'To', 'Outstanding', 'Reason', 'By', 'When (UTC)'].map((h) => row.get(h)),
      ['moderation', 'finalised', outstanding.join('\n'), REASON, `commissioner:${ACCOUNTS.owner.email}`, '2026-11-23T10:00:00.000Z'],
    );
    for (const h of ['Outstanding', 'Reason']) assert.equal(typeof row.cell(h).value, 'string', `${h} is a text cell`);
  });

  it('keeps a reason that names an amount of money from those who may not see prices', async () => {
    const money = 'Agreed: the £5,000 gap between B and C does not change the outcome.';
    assert.equal((await post(HW, { reason: money })).status, 303);
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const shown = load((await facilitator.get(`/tenders/${HW}/results`)).text)('[data-override="0"] [data-field=reason]').text();
    assert.doesNotMatch(shown, /£/);
    assert.equal(shown, 'words that name an amount of money (prices are not shown)');
    assert.equal(load((await owner.get(`/tenders/${HW}/results`)).text)('[data-override="0"] [data-field=reason]').text(), money);
    const panelCopy = await owner.get(`/tenders/${HW}/results/workbook.xlsx?copy=panel`).buffer(true).parse(binary);
    assert.equal(panelCopy.status, 200);
    const [row] = tableOf((await readWorkbook(panelCopy.body as Buffer)).getWorksheet('Summary')!, 'From');
    assert.equal(row?.get('Reason'), 'words that name an amount of money (prices are not shown)');
  });

  it('knows an amount of money without a pound sign: GBP, "pounds", or a figure equal to a bid’s price', async () => {
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const shown = async () => load((await facilitator.get(`/tenders/${HW}/results`)).text)('[data-override="0"] [data-field=reason]').text();
    // Bid D's price is 50,000: each of these names it, or an amount, without a "£".
    for (const [i, words] of ['Accepted: the Damson bid of GBP 50,000 is within budget.', 'Accepted: the Damson bid of 50,000 is within budget.', 'Accepted: the Damson bid of 50k is within budget.', 'Accepted: about 12 thousand pounds apart, no change.'].entries()) {
      await t.db.deleteFrom('stage_overrides').execute();
      await t.db.insertInto('stage_overrides').values({ tender_id: (await t.db.selectFrom('tenders').select('id').where('reference', '=', HW).executeTakeFirstOrThrow()).id, from_state: 'moderation', to_state: 'finalised', outstanding: '[]', reason: words, recorded_by: 'test', recorded_at: t.clock.now.toISOString() }).execute();
      assert.equal(await shown(), 'words that name an amount of money (prices are not shown)', `reason ${i}: ${words}`);
    }
    // A figure that is no price (a count of scores, a date) is shown as written.
    await t.db.updateTable('stage_overrides').set({ reason: 'Agreed on 2 December: the 4 scores not sent do not change the outcome.' }).execute();
    assert.equal(await shown(), 'Agreed on 2 December: the 4 scores not sent do not change the outcome.');
  });

  it('will not finalise with a tie for first place: no single winner, and no reason passes over it', async () => {
    // Bids A and B scored alike, at the same price: the same total and quality, so tied first.
    await addTender(t, 'HW-TIE', 'moderation', {
      change: (pack) => {
        pack.bids = pack.bids.slice(0, 2).map((b) => ({ ...b, price: 100000 }));
        pack.scores = (['A', 'B'] as const).flatMap((bid) =>
          (['m1', 'm2'] as const).flatMap((member) => [
            { member, bid, criterion: 'co-production', score: 3, rationale: 'Some real involvement.' },
            { member, bid, criterion: 'safety', score: 3, rationale: 'A clear safeguarding lead.' },
          ]),
        );
      },
    });
    const blocking = items(await page('HW-TIE')).filter((i) => i.kind === 'tied-first');
    assert.equal(blocking.length, 1, 'the tie is listed');
    assert.match(blocking[0]!.text, /^Bids A \(Alder Care\) and B \(Birch Support\) are tied first, with the same total and the same quality score, so there is no single winner/);
    assert.equal(blocking[0]!.href, '/tenders/HW-TIE/moderation');
    const refused = await post('HW-TIE', { reason: REASON });
    assert.notEqual(refused.status, 303);
    assert.equal(await stateOf('HW-TIE'), 'moderation');
    assert.match(load((await owner.get('/tenders/HW-TIE')).text)('.govuk-task-list').text(), /Bids A \(Alder Care\) and B \(Birch Support\) are tied first/);

    // A consensus score agreed at moderation settles it: nothing about a tie is listed any more.
    const moderate = '/tenders/HW-TIE/moderation/A/safety';
    const consensus = new URLSearchParams([['_csrf', await csrfToken(owner, moderate)], ['score', '4'], ['rationale', 'On discussion the panel agreed the safeguarding plan is excellent.'], ['attendees', 'm1'], ['attendees', 'm2'], ['replaces', 'none']]);
    assert.equal((await owner.post(moderate).type('form').send(consensus.toString())).status, 303);
    assert.deepEqual(items(await page('HW-TIE')).filter((i) => i.kind === 'tied-first'), []);
  });

  it('keeps the confirmation tick when nothing is outstanding', async () => {
    const hw = await t.db.selectFrom('tenders').select('id').where('reference', '=', HW).executeTakeFirstOrThrow();
    // Everything put right: a consensus for the flagged score, the rate set, every summary reviewed.
    await t.db.updateTable('tenders').set({ hourly_rate: '15.00' }).where('id', '=', hw.id).execute();
    const flagged = items(await page(HW)).filter((i) => i.kind === 'flagged');
    for (const f of flagged) {
      const [, bid, criterion] = /moderation\/([^/]+)\/([^/]+)$/.exec(f.href!)!;
      const bidRow = await t.db.selectFrom('bids').select('id').where('tender_id', '=', hw.id).where('key', '=', bid!).executeTakeFirstOrThrow();
      await t.db
        .insertInto('consensus')
        .values({ tender_id: hw.id, bid_id: bidRow.id, criterion: criterion!, score: 3, rationale: 'Agreed at the meeting after reading the answer again.', attendees: '["m1"]', recorded_by: 'test', recorded_at: t.clock.now.toISOString() })
        .execute();
    }
    // Reviewed after the consensus scores (a review of a summary that has changed since is stale).
    t.clock.now = new Date('2026-11-23T10:20:00Z');
    const summaries = items(await page(HW)).filter((i) => i.kind === 'summary');
    for (const s of summaries) {
      const res = await postReview(owner, s.href!);
      assert.equal(res.headers['location'], s.href);
    }
    const $ = await page(HW);
    assert.equal($('#outstanding').text().trim(), 'Nothing is outstanding.', JSON.stringify(items($)));
    assert.equal($('input[name=confirm]').length, 1);
    assert.equal($('textarea').length, 0);
    // The clock moved on past 15 minutes since signing in: finalising asks the owner to confirm it is them.
    assert.match(String((await post(HW, { confirm: 'yes' })).headers['location']), /^\/sign-in\/confirm\?/);
    assert.equal(await stateOf(HW), 'moderation');
    await confirmItIsYou(t.app, owner, ACCOUNTS.owner.email);
    const unticked = await post(HW, {});
    assert.equal(unticked.status, 400);
    assert.equal(load(unticked.text)('.govuk-error-summary a').attr('href'), '#confirm');
    assert.equal((await post(HW, { confirm: 'yes' })).status, 303);
    assert.equal(await stateOf(HW), 'finalised');
    assert.equal((await overrides()).length, 0);
    const [event] = await events(t, HW, 'tender.state-changed');
    assert.equal(event?.detail['override'], undefined);
  });
});

describe('web: "I have reviewed this summary"', () => {
  let t: TestApp;
  let owner: request.Agent;
  before(async () => {
    t = await testApp();
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  const summaryItems = async () =>
    load((await owner.get(`/tenders/${HW}/state`)).text)('li[data-kind=summary]')
      .map((_i, li) => load(li).text())
      .get();

  it('records the review, audited, takes it off the list before finalising, and asks again once the summary changes', async () => {
    const url = `/tenders/${HW}/summaries/A`;
    assert.ok((await summaryItems()).some((text) => text.includes('bid A (Alder Care) has not been reviewed')));
    const before = load((await owner.get(url)).text);
    assert.equal(before('[data-review]').attr('data-review'), 'not-reviewed');
    assert.equal(before('form[action$="/review"] button').text().trim(), 'I have reviewed this summary');

    const res = await postReview(owner, url);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], url);
    const after = load((await owner.get(url)).text);
    assert.match(after('.govuk-notification-banner').text(), /You have reviewed the assessment summary for bid A/);
    assert.equal(after('[data-review]').text(), 'Reviewed by Test owner (commissioner) on 23 November 2026 at 10:00.');
    assert.equal(after('form[action$="/review"]').length, 0);
    const [event] = await events(t, HW, 'summary.reviewed');
    assert.deepEqual(event, { action: 'summary.reviewed', actor: `commissioner:${ACCOUNTS.owner.email}`, detail: { bid: 'A' } });
    assert.ok(!(await summaryItems()).some((text) => text.includes('bid A ')));
    const list = load((await owner.get(`/tenders/${HW}/summaries`)).text);
    assert.equal(list('#bid-A [data-field=review]').text(), 'Reviewed');
    assert.equal(list('#bid-B [data-field=review]').text(), 'Not reviewed');

    // Changing its explanations makes the review stale: the summary says something else now.
    const explain = async (text: (recorded: string) => string) => {
      const edit = load((await owner.get(`${url}/edit`)).text);
      const form: Record<string, string> = { _csrf: String(edit('input[name=_csrf]').val()) };
      edit('textarea, input[type=hidden]').each((_i, el) => {
        const name = edit(el).attr('name')!;
        if (name !== '_csrf') form[name] = edit(el).is('textarea') ? edit(el).text() : String(edit(el).val());
      });
      const first = Object.keys(form).find((k) => k.startsWith('explanation-'))!;
      form[first] = text(form[first]!);
      assert.equal((await owner.post(`${url}/edit`).type('form').send(form)).status, 303);
    };
    await explain(() => 'The panel found the answer clear and specific, with dates.');
    assert.ok((await summaryItems()).some((text) => text.includes('bid A (Alder Care) was reviewed before it changed: review it again')));
    assert.equal(load((await owner.get(`/tenders/${HW}/summaries`)).text)('#bid-A [data-field=review]').text(), 'Reviewed before it changed');
    // Back to the panel's own record (an empty box), the summary says again what was reviewed.
    await explain(() => '');
    assert.ok(!(await summaryItems()).some((text) => text.includes('bid A ')));
  });

  it('marks a review stale when the bid’s scores change after it', async () => {
    const url = `/tenders/${HW}/summaries/B`;
    assert.equal((await postReview(owner, url)).status, 303);
    const hw = await t.db.selectFrom('tenders').select('id').where('reference', '=', HW).executeTakeFirstOrThrow();
    const b = await t.db.selectFrom('bids').select('id').where('tender_id', '=', hw.id).where('key', '=', 'B').executeTakeFirstOrThrow();
    // A consensus score recorded for bid B after the review.
    await t.db
      .insertInto('consensus')
      .values({ tender_id: hw.id, bid_id: b.id, criterion: 'safety', score: 3, rationale: 'Agreed later at the meeting.', attendees: '["m1"]', recorded_by: 'test', recorded_at: '2026-11-23T10:30:00.000Z' })
      .execute();
    assert.ok((await summaryItems()).some((text) => text.includes('bid B (Birch Support) was reviewed before it changed: review it again')));
    const $ = load((await owner.get(url)).text);
    assert.match($('.govuk-warning-text').last().text(), /but the summary has changed since then/);
    assert.equal($('form[action$="/review"]').length, 1, 'it can be reviewed again');
  });

  it('is refused outside moderation (409), and to procurement (403)', async () => {
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    const url = `/tenders/${HW}/summaries/C`;
    assert.equal((await procurement.post(`${url}/review`).type('form').send({ _csrf: await csrfToken(procurement, url) })).status, 403);
    await t.db.updateTable('tenders').set({ state: 'scoring' }).where('reference', '=', HW).execute();
    assert.equal((await owner.post(`${url}/review`).type('form').send({ _csrf: await csrfToken(owner, url) })).status, 409);
    assert.equal((await events(t, HW, 'summary.reviewed')).filter((e) => e.detail['bid'] === 'C').length, 0);
  });
});

describe('web: the tender overview’s task list, from draft to award', () => {
  let t: TestApp;
  let owner: request.Agent;
  before(async () => {
    t = await testApp();
    await addDemoTender(t);
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  /** Each task: its title, status text, link and hint. */
  async function tasks(agent: request.Agent, reference: string) {
    const $ = load((await agent.get(`/tenders/${reference}`)).text);
    return new Map(
      $('.govuk-task-list__item')
        .map((_i, li) => {
          const title = $(li).find('.govuk-task-list__name-and-hint > a, .govuk-task-list__name-and-hint > div').first().text().trim();
          return [[title, { status: $(li).find('.govuk-task-list__status').text().trim(), href: $(li).find('a').attr('href') ?? null, hint: $(li).find('.govuk-task-list__hint').text().trim() }]];
        })
        .get() as [string, { status: string; href: string | null; hint: string }][],
    );
  }

  it('opens a new tender on the first steps, with what cannot start yet unlinked', async () => {
    const created = await owner.post('/tenders').type('form').send({ _csrf: await csrfToken(owner, '/tenders/new'), reference: 'NEW-1', title: 'New', rubric: 'home-care-outcomes', aggregation: 'mean', anonymise: 'yes', lightTouch: 'yes' });
    assert.equal(created.status, 303);
    const list = await tasks(owner, 'NEW-1');
    assert.deepEqual([...list.keys()], [
      'Add bids',
      'Set up the panel and what each member scores',
      'Set the timetable',
      'Issue invitation links',
      'Open scoring',
      'Scores sent by the panel',
      'Close scoring and start moderation',
      'Agree scores at moderation',
      'Review the assessment summaries',
      'Enter prices',
      'Finalise the evaluation',
    ]);
    assert.deepEqual(list.get('Add bids'), { status: 'Not yet started', href: '/tenders/NEW-1/bids', hint: '' });
    assert.equal(list.get('Set the timetable')?.href, '/tenders/NEW-1/timetable');
    assert.equal(list.get('Set the timetable')?.status, 'Not yet started');
    for (const title of ['Open scoring', 'Issue invitation links', 'Finalise the evaluation']) {
      assert.equal(list.get(title)?.status, 'Cannot start yet', title);
      assert.equal(list.get(title)?.href, null, `${title} has no link`);
    }
  });

  it('shows the demo tender part-way through scoring, driven by the same checks as moving on', async () => {
    const list = await tasks(owner, DEMO);
    assert.equal(list.get('Add bids')?.status, 'Completed');
    assert.equal(list.get('Open scoring')?.status, 'Completed');
    const sent = list.get('Scores sent by the panel')!;
    assert.equal(sent.status, 'In progress');
    assert.match(sent.hint, /^\d+ of \d+ scores sent$/);
    assert.equal(list.get('Close scoring and start moderation')?.href, `/tenders/${DEMO}/state`);
    assert.equal(list.get('Set the hourly rate for paid members')?.status, 'Incomplete');
    assert.equal(list.get('Review the assessment summaries')?.status, 'Cannot start yet');
    assert.equal(list.get('Finalise the evaluation')?.status, 'Cannot start yet');
  });

  it('at moderation: finalising blocked while a score is missing, and ready once nothing blocks', async () => {
    await t.db.updateTable('tenders').set({ state: 'moderation' }).where('reference', '=', DEMO).execute();
    const blocked = (await tasks(owner, DEMO)).get('Finalise the evaluation')!;
    assert.equal(blocked.status, 'Cannot start yet');
    assert.match(blocked.hint, /Bid E .* has no final score/);
    const hw = await tasks(owner, HW);
    assert.deepEqual(hw.get('Finalise the evaluation'), { status: 'Not yet started', href: `/tenders/${HW}/state`, hint: '' });
    assert.equal(hw.get('Agree scores at moderation')?.status, 'In progress');
    assert.equal(hw.get('Review the assessment summaries')?.status, 'Not yet started');
    // Moderation has begun with 4 scores never sent: they stay "Incomplete" (and are not counted).
    assert.deepEqual(hw.get('Scores sent by the panel'), { status: 'Incomplete', href: `/tenders/${HW}/results#still-needed`, hint: '20 of 24 scores sent' });
  });

  it('is the commissioner’s: other staff see the tender without it', async () => {
    for (const who of ['procurement', 'facilitator'] as const) {
      const agent = await signedIn(t.app, ACCOUNTS[who].email);
      const $ = load((await agent.get(`/tenders/${HW}`)).text);
      assert.equal($('.govuk-task-list').length, 0, who);
      assert.equal($('table caption').first().text(), 'Bids', `${who}: the bids table is still there`);
    }
  });
});
