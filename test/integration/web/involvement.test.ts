// Reciprocity: a panel member (or a facilitator with them) records time and expenses and sees
// "Your contribution"; the commissioner sets the hourly rate and reads the per-member summary.
// Money is exact; bad input writes nothing; other tenders' people see and change nothing; a
// finalised tender refuses every change.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { issueInvitations } from '../../../src/services/invitations';
import { involvementSummary } from '../../../src/services/involvement';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

type Agent = request.Agent;
const HW = 'HW-2026-01';
const CONTRIBUTION = '/panel/contribution';
const SUMMARY = `/tenders/${HW}/involvement`;

/** A panel member of a tender, signed in with an invitation link. */
async function memberAgent(t: TestApp, key: string, reference = HW): Promise<Agent> {
  const issued = await issueInvitations(t.db, reference, [key], 'test', t.clock.now);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  const agent = request.agent(t.app);
  assert.equal((await agent.get(issued.links[0]!.path)).status, 303);
  return agent;
}

/**
 * The facilitator in facilitator mode with a member: their session gets the member, as the
 * facilitator-mode page does after they confirm the member agrees.
 */
async function facilitatorWith(t: TestApp, key: string, reference = HW): Promise<Agent> {
  const agent = await signedIn(t.app, ACCOUNTS.facilitator.email);
  const member = await t.db
    .selectFrom('panel_members')
    .innerJoin('tenders', 'tenders.id', 'panel_members.tender_id')
    .select('panel_members.id')
    .where('tenders.reference', '=', reference)
    .where('panel_members.key', '=', key)
    .executeTakeFirstOrThrow();
  const user = await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.facilitator.email).executeTakeFirstOrThrow();
  for (const row of await t.db.selectFrom('sessions').selectAll().execute()) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (data['userId'] === user.id) await t.db.updateTable('sessions').set({ data: JSON.stringify({ ...data, supportingMemberId: member.id }) }).where('sid', '=', row.sid).execute();
  }
  return agent;
}

async function post(agent: Agent, url: string, form: Form, tokenFrom: string): Promise<request.Response> {
  const _csrf = await csrfToken(agent, tokenFrom);
  return agent.post(url).type('form').send(encode({ ...form, _csrf }));
}

const addTime = (agent: Agent, form: Form) => post(agent, CONTRIBUTION, { form: 'time', ...form }, `${CONTRIBUTION}/time`);
const addExpense = (agent: Agent, form: Form) => post(agent, CONTRIBUTION, { form: 'expense', ...form }, `${CONTRIBUTION}/expense`);
const day = (d: string, m: string, y: string): Form => ({ 'onDate-day': d, 'onDate-month': m, 'onDate-year': y });
const setRate = (agent: Agent, rate: string, reference = HW) => post(agent, `/tenders/${reference}/involvement/rate`, { rate }, '/tenders');

const text = (res: request.Response, selector = 'main') => load(res.text)(selector).text().replace(/\s+/g, ' ').trim();
/** The "What you are due" list as label → value. */
const due = (res: request.Response) => {
  const $ = load(res.text);
  return Object.fromEntries($('#due .govuk-summary-list__row').map((_i, row) => [[$(row).find('dt').text().trim(), $(row).find('dd').text().trim()]]).get() as [string, string][]);
};
const counts = async (t: TestApp) => ({
  entries: Number((await t.db.selectFrom('involvement_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  events: Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});
const events = (t: TestApp, action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
const setScoringSeconds = (t: TestApp, key: string, seconds: number) =>
  t.db.updateTable('panel_members').set({ scoring_seconds: seconds }).where('key', '=', key).where('tender_id', '=', t.db.selectFrom('tenders').select('id').where('reference', '=', HW)).execute();

describe('web: reciprocity (time, expenses and the hourly rate)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('lets a member add time and an expense and see their totals, saying when the rate is not set', async () => {
    const sam = await memberAgent(t, 'm1');
    await setScoringSeconds(t, 'm1', 45 * 60);
    const empty = await sam.get(CONTRIBUTION);
    assert.equal(empty.status, 200);
    assert.equal(text(empty, 'h1'), 'Your contribution');
    assert.equal(text(empty, '#scoring-time'), '45 minutes');
    assert.match(text(empty), /You have not added any yet/);
    assert.match(text(empty, '#due'), /pay for each hour has not been set yet.*Your time so far is 45 minutes\. Your expenses so far are £0\.00/);

    const time = await addTime(sam, { kind: 'meeting', ...day('20', '11', '2026'), hours: '2', minutes: '35', note: 'Panel training' });
    assert.equal(time.status, 303);
    assert.equal(time.headers['location'], `${CONTRIBUTION}?done=time`);
    assert.equal((await addExpense(sam, { kind: 'travel', ...day('20', '11', '2026'), amount: '£1,234.5', note: 'Taxi' })).status, 303);
    assert.equal((await addExpense(sam, { kind: 'cover', ...day('23', '11', '2026'), amount: '0.05' })).status, 303);

    const page = await sam.get(`${CONTRIBUTION}?done=expense`);
    assert.match(text(page, '.govuk-notification-banner'), /Your expense was added/);
    const rows = load(page.text)('#entries tbody tr').map((_i, tr) => load(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.deepEqual(rows, ['20 November 2026 A meeting Panel training 2 hours 35 minutes', '20 November 2026 Travel Taxi £1,234.50', '23 November 2026 Carer or personal assistant cover £0.05']);
    assert.match(text(page, '#due'), /Your time so far is 3 hours 20 minutes\. Your expenses so far are £1,234\.55/);

    // The rate is set: 3 h 20 min at £12.60 is exactly £42.00, plus the expenses.
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    assert.equal((await setRate(owner, '12.60')).status, 303);
    const paid = await sam.get(CONTRIBUTION);
    assert.deepEqual(due(paid), { 'Your time': '3 hours 20 minutes', 'Pay for each hour': '£12.60', 'Pay for your time': '£42.00', 'Your expenses': '£1,234.55', 'Total due to you': '£1,276.55' });

    const stored = await t.db.selectFrom('involvement_entries').selectAll().orderBy('id').execute();
    assert.deepEqual(stored.map((e) => [e.kind, e.on_date, e.minutes, e.amount, e.entered_by]), [
      ['meeting', '2026-11-20', 155, null, 'panel:1'],
      ['travel', '2026-11-20', null, '1234.50', 'panel:1'],
      ['cover', '2026-11-23', null, '0.05', 'panel:1'],
    ]);
    const recorded = await events(t, 'involvement.recorded');
    assert.deepEqual(recorded.map((e) => [e.actor, e.tender_ref, JSON.parse(e.detail)]), [
      ['panel:1', HW, { member: 'm1', kind: 'meeting', minutes: 155, enteredBy: 'panel:1' }],
      ['panel:1', HW, { member: 'm1', kind: 'travel', amount: '1234.50', enteredBy: 'panel:1' }],
      ['panel:1', HW, { member: 'm1', kind: 'cover', amount: '0.05', enteredBy: 'panel:1' }],
    ]);
    assert.doesNotMatch(recorded.map((e) => e.detail).join(), /Taxi|training/);
  });

  it('works out money exactly: 1 h 1 min at £15 is £15.25, rounded to pence once per member', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    assert.equal((await setRate(owner, '15')).status, 303);
    await setScoringSeconds(t, 'm1', 61 * 60);
    // 20 minutes at £15.01 is £5.00333…: £5.00. The member's whole time is rounded, not each part.
    // (Priya takes part with lived experience here: professionals are not paid.)
    await t.db.updateTable('panel_members').set({ perspective: 'lived-experience' }).where('key', '=', 'm2').execute();
    await setScoringSeconds(t, 'm2', 20 * 60);
    const sam = await memberAgent(t, 'm1');
    assert.deepEqual(due(await sam.get(CONTRIBUTION)), { 'Your time': '1 hour 1 minute', 'Pay for each hour': '£15.00', 'Pay for your time': '£15.25', 'Your expenses': '£0.00', 'Total due to you': '£15.25' });
    assert.equal((await setRate(owner, '15.01')).status, 303);
    const priya = await memberAgent(t, 'm2');
    // 20 minutes of scoring and seven entries of 10 minutes: 1 h 30 min at £15.01 is £22.515, so £22.52.
    // Rounding each part would give £5.00 + 7 × £2.50 = £22.50.
    for (let i = 0; i < 7; i++) assert.equal((await addTime(priya, { kind: 'reading', ...day('1', '11', '2026'), minutes: '10' })).status, 303);
    const summary = await involvementSummary(t.db, (await t.db.selectFrom('tenders').select('id').where('reference', '=', HW).executeTakeFirstOrThrow()).id);
    assert.deepEqual(summary.get('m1'), { conflicts: 0, scoringMinutes: 61, otherMinutes: 0, expenses: '0.00', amountDue: '15.26' });
    assert.deepEqual(summary.get('m2'), { conflicts: 0, scoringMinutes: 20, otherMinutes: 70, expenses: '0.00', amountDue: '22.52' });
    assert.deepEqual(summary.get('m3'), { conflicts: 0, scoringMinutes: 0, otherMinutes: 0, expenses: '0.00', amountDue: '0.00' });
  });

  it('refuses each bad input with a clear message and writes nothing', async () => {
    const sam = await memberAgent(t, 'm1');
    const goodTime: Form = { kind: 'reading', ...day('20', '11', '2026'), hours: '1', minutes: '0', note: '' };
    const goodExpense: Form = { kind: 'travel', ...day('20', '11', '2026'), amount: '4.50', note: '' };
    const cases: [string, 'time' | 'expense', Form, string, string][] = [
      ['no kind', 'time', { kind: '' }, '#kind', 'Choose what the time was for'],
      ['an expense kind on the time form', 'time', { kind: 'travel' }, '#kind', 'Choose what the time was for'],
      ['no kind of expense', 'expense', { kind: 'made-up' }, '#kind', 'Choose what the expense was for'],
      ['a kind sent twice (a changed form)', 'time', { kind: ['reading', 'meeting'] }, '#kind', 'Send the form again from the page'],
      ['no date', 'time', day('', '', ''), '#onDate-day', 'Enter the date'],
      ['no month', 'time', day('20', '', '2026'), '#onDate-month', 'The date must include a month'],
      ['a two-figure year', 'time', day('20', '11', '26'), '#onDate-year', 'The year must include 4 numbers'],
      ['30 February', 'expense', day('30', '2', '2026'), '#onDate-day', 'The date must be a real date'],
      ['words for a date', 'expense', day('first', '11', '2026'), '#onDate-day', 'The date must be a real date'],
      ['tomorrow', 'time', day('24', '11', '2026'), '#onDate-day', 'The date must be today or in the past'],
      ['no time', 'time', { hours: '', minutes: '' }, '#hours', 'Enter how long it took, in hours and minutes'],
      ['no time at all', 'time', { hours: '0', minutes: '0' }, '#hours', 'The time must be more than 0 minutes'],
      ['more than 24 hours', 'time', { hours: '24', minutes: '1' }, '#hours', 'The time must be 24 hours or less. Add each day on its own'],
      ['hours with a point', 'time', { hours: '1.5' }, '#hours', 'Hours must be a whole number, like 2'],
      ['60 minutes', 'time', { minutes: '60' }, '#minutes', 'Minutes must be a whole number from 0 to 59, like 30'],
      ['no amount', 'expense', { amount: '' }, '#amount', 'Enter how much you spent'],
      ['words for an amount', 'expense', { amount: 'ten pounds' }, '#amount', 'Enter the amount in pounds and pence, like 12.50'],
      ['part of a penny', 'expense', { amount: '4.505' }, '#amount', 'Enter the amount in pounds and whole pence, like 12.50: no more than 2 numbers after the point'],
      ['nothing spent', 'expense', { amount: '0.00' }, '#amount', 'The amount must be more than £0'],
      ['a negative amount', 'expense', { amount: '-5' }, '#amount', 'The amount must be more than £0'],
      ['more than £10,000', 'expense', { amount: '10000.01' }, '#amount', 'The amount must be £10,000 or less'],
      ['a long note', 'expense', { note: 'x'.repeat(201) }, '#note', 'The note must be 200 characters or fewer'],
      ['another expense with no note', 'expense', { kind: 'other', note: '' }, '#note', 'Say what the expense was for'],
      ['another expense with only spaces for a note', 'expense', { kind: 'other', note: '   ' }, '#note', 'Say what the expense was for'],
    ];
    const before = await counts(t);
    for (const [what, form, change, href, message] of cases) {
      const res = await (form === 'time' ? addTime : addExpense)(sam, { ...(form === 'time' ? goodTime : goodExpense), ...change });
      assert.equal(res.status, 400, what);
      const $ = load(res.text);
      assert.equal($('title').text().startsWith('Error:'), true, what);
      const link = $('.govuk-error-summary a');
      assert.deepEqual([link.length, link.attr('href'), link.text().trim()], [1, href, message], what);
      assert.equal($(href).length, 1, `${what}: the summary links to a field on the page`);
      assert.match($('.govuk-error-message').text(), new RegExp(message.replace(/[.*+?^${}()|[\]\\£]/g, '\\$&')), what);
    }
    // The boxes a problem is about are marked.
    const marked = async (form: Form) => {
      const $ = load((await addTime(sam, { ...goodTime, ...form })).text);
      return $('input.govuk-input--error').map((_i, el) => $(el).attr('id')).get();
    };
    assert.deepEqual(await marked(day('20', '', '2026')), ['onDate-month']);
    assert.deepEqual(await marked(day('31', '4', '2026')), ['onDate-day', 'onDate-month', 'onDate-year']);
    assert.deepEqual(await marked({ minutes: '75' }), ['minutes']);
    assert.deepEqual(await marked({ hours: '', minutes: '' }), ['hours', 'minutes']);
    // What was typed is shown again.
    const kept = load((await addExpense(sam, { ...goodExpense, amount: '4.505', note: 'Bus <fare>' })).text);
    assert.deepEqual([kept('#amount').val(), kept('#note').val(), kept('#kind-2').is(':checked')], ['4.505', 'Bus <fare>', false]);
    assert.equal(kept('#kind').is(':checked'), true);
    assert.deepEqual(await counts(t), before);
    // The expense form says the note is needed for another expense; the time form keeps it optional.
    const expenseForm = load((await sam.get(`${CONTRIBUTION}/expense`)).text);
    assert.equal(expenseForm('label[for="note"]').text().trim(), 'A short note');
    assert.match(expenseForm('#note-hint').text(), /Needed for another expense: say what it was for/);
    assert.match(expenseForm('#kind-3-item-hint').text(), /Say what it was for in the note/);
    assert.equal(load((await sam.get(`${CONTRIBUTION}/time`)).text)('label[for="note"]').text().trim(), 'A short note (optional)');
    // The limits themselves are allowed: 24 hours, £10,000.00, today.
    assert.equal((await addTime(sam, { ...goodTime, ...day('23', '11', '2026'), hours: '24', minutes: '' })).status, 303);
    assert.equal((await addExpense(sam, { ...goodExpense, amount: '10000.00' })).status, 303);
    assert.equal((await counts(t)).entries, before.entries + 2);
  });

  it('refuses an amount or a rate with a comma for the point ("12,50"), and reads a comma between thousands', async () => {
    const sam = await memberAgent(t, 'm1');
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const before = await counts(t);
    const expense = await addExpense(sam, { kind: 'travel', ...day('20', '11', '2026'), amount: '12,50', note: '' });
    assert.equal(expense.status, 400);
    let $ = load(expense.text);
    assert.equal($('title').text().startsWith('Error:'), true);
    const message = 'Enter the amount with a full stop before the pence, not a comma, like 12.50';
    assert.deepEqual([$('.govuk-error-summary a').length, $('.govuk-error-summary a').attr('href'), $('.govuk-error-summary a').text().trim()], [1, '#amount', message]);
    assert.match($('#amount').closest('.govuk-form-group').find('.govuk-error-message').text(), /not a comma, like 12\.50/);
    assert.equal($('#amount').val(), '12,50', 'what was typed is shown again');
    const rate = await setRate(owner, '12,50');
    assert.equal(rate.status, 400);
    $ = load(rate.text);
    assert.deepEqual([$('.govuk-error-summary a').attr('href'), $('.govuk-error-summary a').text().trim(), $('#rate').val()], ['#rate', 'Enter the hourly rate with a full stop before the pence, not a comma, like 12.50', '12,50']);
    assert.deepEqual(await counts(t), before, 'nothing is written');
    assert.equal((await t.db.selectFrom('tenders').select('hourly_rate').where('reference', '=', HW).executeTakeFirstOrThrow()).hourly_rate, null);

    assert.equal((await addExpense(sam, { kind: 'travel', ...day('20', '11', '2026'), amount: '1,250.50' })).status, 303);
    assert.equal((await setRate(owner, '1,000')).status, 303);
    assert.deepEqual((await t.db.selectFrom('involvement_entries').select('amount').execute()).map((e) => e.amount), ['1250.50']);
    assert.equal((await t.db.selectFrom('tenders').select('hourly_rate').where('reference', '=', HW).executeTakeFirstOrThrow()).hourly_rate, '1000.00');
  });

  it('refuses a date before 1 January 2000 (the year 0202 typed for 2026) on both forms, and accepts 1 January 2000', async () => {
    const sam = await memberAgent(t, 'm1');
    const before = await counts(t);
    const message = 'The date must be 1 January 2000 or later';
    for (const [form, res] of [
      ['time', await addTime(sam, { kind: 'reading', ...day('1', '11', '0202'), hours: '1', minutes: '0', note: '' })],
      ['expense', await addExpense(sam, { kind: 'travel', ...day('31', '12', '1999'), amount: '4.50', note: '' })],
    ] as const) {
      assert.equal(res.status, 400, form);
      const $ = load(res.text);
      assert.equal($('title').text().startsWith('Error:'), true, form);
      assert.deepEqual([$('.govuk-error-summary a').length, $('.govuk-error-summary a').attr('href'), $('.govuk-error-summary a').text().trim()], [1, '#onDate-year', message], form);
      assert.match($('.govuk-error-message').text(), /The date must be 1 January 2000 or later/, form);
      assert.deepEqual($('input.govuk-input--error').map((_i, el) => $(el).attr('id')).get(), ['onDate-year'], `${form}: the year is marked`);
    }
    assert.deepEqual(await counts(t), before, 'nothing is written');
    assert.equal((await addTime(sam, { kind: 'reading', ...day('1', '1', '2000'), hours: '1' })).status, 303);
    assert.deepEqual((await t.db.selectFrom('involvement_entries').select('on_date').execute()).map((e) => e.on_date), ['2000-01-01']);
  });

  it('shows no banner on "Your contribution" for a done= value it does not know, such as __proto__', async () => {
    const sam = await memberAgent(t, 'm1');
    for (const done of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'made-up', '']) {
      const page = await sam.get(`${CONTRIBUTION}?done=${done}`);
      assert.equal(page.status, 200, done);
      assert.equal(load(page.text)('.govuk-notification-banner').length, 0, `?done=${done} shows "${text(page, '.govuk-notification-banner')}"`);
    }
    assert.match(text(await sam.get(`${CONTRIBUTION}?done=time`), '.govuk-notification-banner'), /Your time was added/);
  });

  it('shows who entered a line when a facilitator entered it with the member, and records it in the audit', async () => {
    const facilitator = await facilitatorWith(t, 'm1');
    const form = await facilitator.get(`${CONTRIBUTION}/time`);
    assert.equal(form.status, 200);
    assert.match(text(form), /You are entering this with Sam Okafor/);
    assert.equal((await addTime(facilitator, { kind: 'reading', ...day('22', '11', '2026'), hours: '1', minutes: '15', note: 'Read bids A and B together' })).status, 303);
    const sam = await memberAgent(t, 'm1');
    assert.equal((await addExpense(sam, { kind: 'travel', ...day('22', '11', '2026'), amount: '3' })).status, 303);

    const rows = load((await sam.get(CONTRIBUTION)).text)('#entries tbody tr').map((_i, tr) => load(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.deepEqual(rows, ['22 November 2026 Reading the bids Read bids A and B together Entered by Test facilitator 1 hour 15 minutes', '22 November 2026 Travel £3.00']);
    const [byFacilitator, byMember] = await events(t, 'involvement.recorded');
    assert.equal(byFacilitator!.actor, `facilitator:${ACCOUNTS.facilitator.email}`);
    assert.deepEqual(JSON.parse(byFacilitator!.detail), { member: 'm1', kind: 'reading', minutes: 75, enteredBy: `facilitator:${ACCOUNTS.facilitator.email}` });
    assert.equal(JSON.parse(byMember!.detail).enteredBy, 'panel:1');
    // The facilitator's form asks, like the member's, what another expense was for.
    const before = await counts(t);
    const unsaid = await addExpense(facilitator, { kind: 'other', ...day('22', '11', '2026'), amount: '4.20' });
    assert.equal(unsaid.status, 400);
    assert.deepEqual([load(unsaid.text)('.govuk-error-summary a').attr('href'), load(unsaid.text)('#note-error').text().trim()], ['#note', 'Error: Say what the expense was for']);
    assert.match(text(unsaid), /You are entering this with Sam Okafor/);
    assert.deepEqual(await counts(t), before);
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const staffRows = load((await owner.get(SUMMARY)).text)('#entries tbody tr').map((_i, tr) => load(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.deepEqual(staffRows, ['22 November 2026 Sam Okafor Reading the bids 1 hour 15 minutes Read bids A and B together Test facilitator', '22 November 2026 Sam Okafor Travel £3.00 The member']);
  });

  it('gives the commissioner and the facilitator each member’s figures with a totals row', async () => {
    await setScoringSeconds(t, 'm1', 2 * 3600 + 29);
    await setScoringSeconds(t, 'm2', 90 * 60 + 30);
    const ids = Object.fromEntries((await t.db.selectFrom('panel_members').select(['id', 'key']).execute()).map((m) => [m.key, m.id]));
    const bids = await t.db.selectFrom('bids').select('id').orderBy('key').limit(2).execute();
    await t.db.insertInto('member_conflicts').values(bids.map((b) => ({ member_id: ids['m2']!, bid_id: b.id, declared_by: 'test', declared_at: t.clock.now.toISOString() }))).execute();
    // Priya declared links with two bids, Tom declared none, and Sam has not answered yet.
    await t.db.updateTable('panel_members').set({ conflicts_declared_at: t.clock.now.toISOString() }).where('id', 'in', [ids['m2']!, ids['m3']!]).execute();
    const sam = await memberAgent(t, 'm1');
    assert.equal((await addTime(sam, { kind: 'meeting', ...day('21', '11', '2026'), hours: '3' })).status, 303);
    assert.equal((await addExpense(sam, { kind: 'travel', ...day('21', '11', '2026'), amount: '12.40' })).status, 303);
    const priya = await memberAgent(t, 'm2');
    assert.equal((await addExpense(priya, { kind: 'other', ...day('21', '11', '2026'), amount: '7', note: 'Printing the bids' })).status, 303);

    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const rowsOf = (res: request.Response) => load(res.text)('#members tbody tr').map((_i, tr) => [load(tr)('th, td').map((_j, c) => load(c).text().trim()).get()]).get();
    const unpricedPage = await owner.get(SUMMARY);
    assert.equal(unpricedPage.status, 200);
    assert.match(text(unpricedPage, '#hourly-rate'), /Not set yet/);
    assert.match(text(unpricedPage, '#who-is-paid'), /Members with lived experience of care are paid.*Professionals take part as part of their job, so nothing is paid to them here/);
    assert.doesNotMatch(text(unpricedPage), /The commissioner decides who is paid/);
    // Without a rate the expenses are still due, and shown so; "Rate not set" only where there are none.
    const unpriced = 'time not priced until the rate is set';
    assert.deepEqual(rowsOf(unpricedPage), [
      ['Sam Okafor', 'Lived experience', 'Not declared yet', '2 hours', '3 hours', '5 hours', 'Rate not set', '£12.40', `£12.40 (expenses; ${unpriced})`],
      ['Priya Shah', 'Professional', '2', '1 hour 31 minutes', '0 minutes', '1 hour 31 minutes', 'Not paid', '£7.00 (not paid here)', '£0.00'],
      ['Tom Reid', 'Professional', 'None', '0 minutes', '0 minutes', '0 minutes', 'Not paid', '£0.00', '£0.00'],
      ['Total', '', '2', '3 hours 31 minutes', '3 hours', '6 hours 31 minutes', 'Rate not set', '£19.40', `£12.40 (expenses; ${unpriced})`],
    ]);

    assert.equal((await setRate(owner, '12.60')).status, 303);
    const res = await owner.get(`${SUMMARY}?done=rate`);
    assert.match(text(res, '.govuk-notification-banner'), /The hourly rate was saved/);
    assert.match(text(res, '#hourly-rate'), /£12\.60 an hour/);
    assert.deepEqual(rowsOf(res), [
      ['Sam Okafor', 'Lived experience', 'Not declared yet', '2 hours', '3 hours', '5 hours', '£63.00', '£12.40', '£75.40'],
      ['Priya Shah', 'Professional', '2', '1 hour 31 minutes', '0 minutes', '1 hour 31 minutes', 'Not paid', '£7.00 (not paid here)', '£0.00'],
      ['Tom Reid', 'Professional', 'None', '0 minutes', '0 minutes', '0 minutes', 'Not paid', '£0.00', '£0.00'],
      ['Total', '', '2', '3 hours 31 minutes', '3 hours', '6 hours 31 minutes', '£63.00', '£19.40', '£75.40'],
    ]);
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const seen = await facilitator.get(SUMMARY);
    assert.equal(seen.status, 200);
    assert.deepEqual(rowsOf(seen), rowsOf(res));
    assert.equal(load(seen.text)('#rate').length, 0, 'a facilitator reads the rate but cannot change it');
  });

  it('refuses more than 24 hours for one day across entries, naming the day, and writes nothing', async () => {
    const sam = await memberAgent(t, 'm1');
    assert.equal((await addTime(sam, { kind: 'meeting', ...day('20', '11', '2026'), hours: '20' })).status, 303);
    const over = await addTime(sam, { kind: 'reading', ...day('20', '11', '2026'), hours: '4', minutes: '1' });
    assert.equal(over.status, 400);
    assert.equal(text(over, '.govuk-error-summary .govuk-error-summary__list'), 'A day has 24 hours. 20 November 2026 already has 20 hours added, so you can add 4 hours or less for that day');
    assert.equal(load(over.text)('.govuk-error-summary a').attr('href'), '#hours');
    assert.equal(load(over.text)('#hours').val(), '4', 'what was typed is kept');
    // Exactly 24 hours is a full day; then nothing more, but another day is fine.
    assert.equal((await addTime(sam, { kind: 'reading', ...day('20', '11', '2026'), hours: '4' })).status, 303);
    assert.match(text(await addTime(sam, { kind: 'reading', ...day('20', '11', '2026'), minutes: '1' }), '.govuk-error-summary'), /20 November 2026 already has 24 hours added, so no more time can be added for that day/);
    assert.equal((await addTime(sam, { kind: 'reading', ...day('21', '11', '2026'), hours: '24' })).status, 303);
    // Money spent that day is not time: still added.
    assert.equal((await addExpense(sam, { kind: 'travel', ...day('20', '11', '2026'), amount: '3' })).status, 303);
    const rows = await t.db.selectFrom('involvement_entries').select(['on_date', 'minutes']).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.on_date, r.minutes]), [['2026-11-20', 1200], ['2026-11-20', 240], ['2026-11-21', 1440], ['2026-11-20', null]]);
    assert.equal((await events(t, 'involvement.recorded')).length, 4);
  });

  it('lets only the owning commissioner set the rate, exactly, and refuses bad rates', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const refusals: [string, string, string][] = [
      ['', 'Enter the hourly rate in pounds, like 12.50', ''],
      ['twelve', 'Enter the hourly rate in pounds and pence, like 12.50', 'twelve'],
      ['12.605', 'Enter the hourly rate in pounds and whole pence, like 12.50: no more than 2 numbers after the point', '12.605'],
      ['-1', 'The hourly rate must be £0 or more', '-1'],
      ['1000.01', 'The hourly rate must be £1,000 or less', '1000.01'],
    ];
    for (const [rate, message, kept] of refusals) {
      const res = await setRate(owner, rate);
      assert.equal(res.status, 400, rate);
      const $ = load(res.text);
      assert.deepEqual([$('.govuk-error-summary a').attr('href'), $('.govuk-error-summary a').text().trim(), $('#rate').val()], ['#rate', message, kept], rate);
    }
    assert.equal((await t.db.selectFrom('tenders').select('hourly_rate').where('reference', '=', HW).executeTakeFirstOrThrow()).hourly_rate, null);
    assert.equal((await events(t, 'tender.hourly-rate-set')).length, 0);

    assert.equal((await setRate(owner, '£1,000')).status, 303);
    assert.equal((await setRate(owner, '0')).status, 303);
    assert.equal((await setRate(owner, '0.00')).status, 303, 'the same rate again changes nothing');
    assert.equal((await t.db.selectFrom('tenders').select('hourly_rate').where('reference', '=', HW).executeTakeFirstOrThrow()).hourly_rate, '0.00');
    assert.deepEqual((await events(t, 'tender.hourly-rate-set')).map((e) => [e.actor, JSON.parse(e.detail)]), [
      [`commissioner:${ACCOUNTS.owner.email}`, { old: null, new: '1000.00' }],
      [`commissioner:${ACCOUNTS.owner.email}`, { old: '1000.00', new: '0.00' }],
    ]);

    const tried: [string, Agent, number][] = [
      ['other commissioner', await signedIn(t.app, ACCOUNTS.otherCommissioner.email), 404],
      ['procurement', await signedIn(t.app, ACCOUNTS.procurement.email), 403],
      ['facilitator', await signedIn(t.app, ACCOUNTS.facilitator.email), 403],
    ];
    for (const [who, agent, status] of tried) assert.equal((await setRate(agent, '20')).status, status, who);
    const member = await memberAgent(t, 'm1');
    const token = await csrfToken(member, CONTRIBUTION);
    assert.equal((await member.post(`${SUMMARY}/rate`).type('form').send({ _csrf: token, rate: '20' })).status, 403);
    assert.equal((await member.get(SUMMARY)).status, 403);
    assert.equal((await request(t.app).get(SUMMARY)).headers['location'], '/sign-in');
    assert.equal((await (await signedIn(t.app, ACCOUNTS.procurement.email)).get(SUMMARY)).status, 403);
    assert.equal((await (await signedIn(t.app, ACCOUNTS.otherCommissioner.email)).get(SUMMARY)).status, 404);
    assert.equal((await events(t, 'tender.hourly-rate-set')).length, 2);
  });

  it('keeps each member to their own tender: another tender’s member neither sees nor changes these entries', async () => {
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: 'HW-OTHER', title: 'Another tender', state: 'scoring' });
    pack.panel = pack.panel.map((m) => ({ ...m, name: `${String(m['name'])} (other)` }));
    pack.scores = [];
    pack.consensus = [];
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'other.yaml', owner: ACCOUNTS.otherCommissioner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));

    const sam = await memberAgent(t, 'm1');
    assert.equal((await addExpense(sam, { kind: 'travel', ...day('20', '11', '2026'), amount: '8.20', note: 'Bus to the town hall' })).status, 303);
    const other = await memberAgent(t, 'm1', 'HW-OTHER');
    const page = await other.get(CONTRIBUTION);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /8\.20|town hall/);
    assert.match(text(page), /You have not added any yet/);
    // What they add is theirs, in their own tender, whatever they send.
    assert.equal((await addTime(other, { kind: 'reading', ...day('20', '11', '2026'), hours: '1', member: 'm2', tender: HW })).status, 303);
    const theirs = await t.db.selectFrom('involvement_entries').innerJoin('tenders', 'tenders.id', 'involvement_entries.tender_id').select(['tenders.reference', 'involvement_entries.member_id']).orderBy('involvement_entries.id').execute();
    assert.deepEqual(theirs.map((e) => e.reference), [HW, 'HW-OTHER']);
    assert.notEqual(theirs[0]!.member_id, theirs[1]!.member_id);
    assert.equal((await other.get(SUMMARY)).status, 403);
    // The owner of the first tender sees only their own tender's entry.
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    assert.equal(load((await owner.get(SUMMARY)).text)('#entries tbody tr').length, 1);
    assert.equal((await owner.get('/tenders/HW-OTHER/involvement')).status, 404);
    // Signed out: to the panel start page, which asks for the link.
    const out = await request(t.app).get(CONTRIBUTION);
    assert.deepEqual([out.status, out.headers['location']], [303, '/panel']);
    // Staff without a member to support cannot use the member pages.
    assert.equal((await owner.get(CONTRIBUTION)).status, 403);
  });

  it('refuses every change once the tender is finalised, and still shows the member their contribution', async () => {
    const sam = await memberAgent(t, 'm1');
    assert.equal((await addTime(sam, { kind: 'reading', ...day('20', '11', '2026'), hours: '2' })).status, 303);
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    assert.equal((await setRate(owner, '10')).status, 303);
    const tokens = { member: await csrfToken(sam, CONTRIBUTION), owner: await csrfToken(owner, '/tenders') };
    await t.db.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', HW).execute();
    const before = await counts(t);

    const page = await sam.get(CONTRIBUTION);
    assert.equal(page.status, 200);
    assert.match(text(page), /The evaluation has finished, so nothing more can be added/);
    assert.equal(load(page.text)(`a[href^="${CONTRIBUTION}/"]`).length, 0);
    assert.equal(due(page)['Total due to you'], '£20.00');
    for (const form of ['time', 'expense']) assert.equal((await sam.get(`${CONTRIBUTION}/${form}`)).status, 409);
    const refused = await sam.post(CONTRIBUTION).type('form').send({ _csrf: tokens.member, form: 'time', kind: 'reading', ...day('20', '11', '2026'), hours: '1' });
    assert.equal(refused.status, 409);
    assert.match(text(refused), /Time and expenses cannot change: the tender is finalised/);
    const rate = await owner.post(`${SUMMARY}/rate`).type('form').send({ _csrf: tokens.owner, rate: '11' });
    assert.equal(rate.status, 409);
    const summary = await owner.get(SUMMARY);
    assert.equal(load(summary.text)('#rate').length, 0);
    assert.match(text(summary), /The tender is finalised, so the rate cannot change/);
    assert.deepEqual(await counts(t), before);
    assert.equal((await t.db.selectFrom('tenders').select('hourly_rate').where('reference', '=', HW).executeTakeFirstOrThrow()).hourly_rate, '10.00');
  });
});
