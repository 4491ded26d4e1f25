// Travel money in advance: a paid member asks for it (how much, what for); procurement or a
// commissioner marks it paid on a day; once paid it counts as paid already, so the claim is that
// much less and the money is never paid twice. Each step audited; bad input gets a clear message
// and writes nothing; only the right roles may mark it paid; another member never sees it.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { addExpense, addTime, CLAIMS, HW, memberAgent, post, text, type Agent } from '../../helpers/claims';
import { ACCOUNTS, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

const ADVANCE = '/panel/claim/advance';

const events = async (t: TestApp, prefix: string) =>
  (await t.db.selectFrom('audit_events').selectAll().where('action', 'like', `${prefix}%`).orderBy('seq').execute()).map((e) => ({ actor: e.actor, action: e.action, tender: e.tender_ref, detail: JSON.parse(e.detail) as Record<string, unknown> }));
const advances = (t: TestApp) => t.db.selectFrom('expense_advances').selectAll().orderBy('id').execute();
const paidOn = (d: string, m: string, y: string): Form => ({ 'advancePaidOn-day': d, 'advancePaidOn-month': m, 'advancePaidOn-year': y });

/** The id of the advance the staff page offers to mark paid. */
async function advanceId(agent: Agent): Promise<string> {
  const form = load((await agent.get(`${CLAIMS}/m1`)).text)(`form[action="${CLAIMS}/m1/advance-paid"]`);
  assert.equal(form.length, 1, 'a form to mark the travel money paid');
  return form.find('input[name="advance"]').val() as string;
}

describe('web: travel money in advance', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('is asked for, paid on a day, and taken off the claim so it is never paid twice', async () => {
    let owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await post(owner, `/tenders/${HW}/involvement/rate`, { rate: '15' }, '/tenders');
    let sam = await memberAgent(t, 'm1');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');

    const page = await sam.get(ADVANCE);
    assert.equal(page.status, 200);
    assert.equal(text(page, 'h1'), 'Ask for travel money before you go');
    assert.equal(load(page.text)('form[action="/panel/claim/advance"] input[name="_csrf"]').length, 1);

    assert.equal((await post(sam, ADVANCE, { amount: '32.40', purpose: 'Train to the panel meeting' }, ADVANCE)).headers['location'], '/panel/claim?done=advance');
    assert.deepEqual(
      (await advances(t)).map((a) => [a.amount, a.purpose, a.paid_on]),
      [['32.40', 'Train to the panel meeting', null]],
    );
    const asked = await sam.get('/panel/claim');
    assert.match(text(asked, '#advances'), /You asked for £32\.40 for “Train to the panel meeting” on 23 November 2026: not paid yet/);
    // One at a time: while it waits, the page says so and a second request is refused.
    assert.match(text(await sam.get(ADVANCE), '#advance-waiting'), /already asked for £32\.40/);
    const second = await post(sam, ADVANCE, { amount: '5', purpose: 'Bus home again' }, '/panel/claim');
    assert.equal(second.status, 400);
    assert.match(text(second, '.govuk-error-summary'), /already asked for travel money/);
    assert.equal((await advances(t)).length, 1);

    // Staff see it on the list and the claim form.
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.match(text(await procurement.get(CLAIMS), '#claim-m1'), /£32\.40 asked, not paid yet/);
    const id = await advanceId(procurement);
    // A facilitator reads it but may not mark it paid (no form; 403 if sent).
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const theirs = await facilitator.get(`${CLAIMS}/m1`);
    assert.match(text(theirs, '#advances'), /£32\.40 for “Train to the panel meeting”, asked on 23 November 2026: not paid yet/);
    assert.equal(load(theirs.text)(`form[action="${CLAIMS}/m1/advance-paid"]`).length, 0);
    assert.equal((await post(facilitator, `${CLAIMS}/m1/advance-paid`, { advance: id, ...paidOn('23', '11', '2026') }, CLAIMS)).status, 403);
    assert.equal((await post(sam, `${CLAIMS}/m1/advance-paid`, { advance: id, ...paidOn('23', '11', '2026') }, '/panel/claim')).status, 403);

    // Bad days: a clear message each, linked to the field, nothing written.
    const cases: [Form, RegExp][] = [
      [paidOn('', '', ''), /Enter the day the travel money was paid/],
      [paidOn('31', '2', '2026'), /The payment date must be a real date/],
      [paidOn('1', '12', '2026'), /The payment date must be today or in the past/],
      [paidOn('22', '11', '2026'), /on or after the day the member asked for the money/],
    ];
    for (const [day, message] of cases) {
      const res = await post(procurement, `${CLAIMS}/m1/advance-paid`, { advance: id, ...day }, CLAIMS);
      assert.equal(res.status, 400, String(message));
      assert.match(text(res, '.govuk-error-summary'), message);
      assert.equal(load(res.text)('.govuk-error-summary a').attr('href'), '#advancePaidOn-day');
    }
    assert.equal((await advances(t))[0]!.paid_on, null);

    t.clock.now = new Date('2026-11-25T10:00:00Z');
    const paying = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.equal((await post(paying, `${CLAIMS}/m1/advance-paid`, { advance: id, ...paidOn('24', '11', '2026') }, CLAIMS)).headers['location'], `${CLAIMS}/m1?done=advance-paid`);
    // Paid once only: the same form again is refused.
    const again = await post(paying, `${CLAIMS}/m1/advance-paid`, { advance: id, ...paidOn('24', '11', '2026') }, CLAIMS);
    assert.match(text(again, '.govuk-error-summary'), /already been marked as paid/);
    assert.equal((await advances(t))[0]!.paid_on, '2026-11-24');
    assert.deepEqual(
      (await events(t, 'advance.')).map((e) => [e.action, e.actor, e.tender, e.detail['amount'], e.detail['member']]),
      [
        ['advance.requested', 'panel:1', HW, '32.40', 'm1'],
        ['advance.paid', `procurement:${ACCOUNTS.procurement.email}`, HW, '32.40', 'm1'],
      ],
    );
    assert.equal((await events(t, 'advance.paid'))[0]!.detail['paidOn'], '2026-11-24');

    // The claim: 2 hours at £15 is £30.00, plus the £32.40 train, less the £32.40 paid in advance.
    sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await addExpense(sam, '32.40');
    const claim = await sam.get('/panel/claim');
    assert.match(text(claim, '#advances'), /£32\.40 .* paid on 24 November 2026/);
    assert.match(text(claim, '#claim-figures'), /Paid to you already £32\.40/);
    assert.equal(text(claim, '#to-claim'), '£30.00');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    const rows = await t.db.selectFrom('involvement_claims').selectAll().execute();
    assert.deepEqual(rows.map((r) => [r.expenses, r.paid_before, r.amount]), [['32.40', '32.40', '30.00']]);
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const form = await owner.get(`${CLAIMS}/m1`);
    assert.match(text(form, '#claim-amount'), /Paid already minus £32\.40 Of that, travel money paid in advance £32\.40 Amount to pay £30\.00/);
  });

  it('more travel money than the member is owed so far: nothing to claim, said plainly, never a negative amount', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await post(owner, `/tenders/${HW}/involvement/rate`, { rate: '15' }, '/tenders');
    let sam = await memberAgent(t, 'm1');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await post(sam, ADVANCE, { amount: '50', purpose: 'Trains to two panel meetings' }, ADVANCE);
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.equal((await post(procurement, `${CLAIMS}/m1/advance-paid`, { advance: await advanceId(procurement), ...paidOn('23', '11', '2026') }, CLAIMS)).status, 303);
    // One hour given so far: £15.00, against £50.00 paid in advance.
    sam = await memberAgent(t, 'm1');
    await addTime(sam, '1');

    const page = await sam.get('/panel/claim');
    assert.equal(text(page, '#claim-now'), 'You have been paid £35.00 more than your time and money spent come to so far.');
    assert.match(text(page, '#claim-next'), /You do not need to do anything/);
    assert.equal(load(page.text)('#to-claim, form[action="/panel/claim"]').length, 0, 'nothing to claim');
    const list = await procurement.get(CLAIMS);
    assert.match(text(list, '#claim-m1'), /£0\.00 paid £35\.00 more than owed so far/);
    const form = await procurement.get(`${CLAIMS}/m1`);
    assert.match(text(form, '#claim-amount'), /Amount to pay £0\.00 Paid more than owed so far £35\.00/);
    for (const res of [page, list, form]) assert.doesNotMatch(res.text, /£-|-£/, 'never a negative amount');

    // Three more hours: £60.00 in all, so £10.00 to claim, and nothing more said about it.
    await addTime(sam, '3');
    const later = await sam.get('/panel/claim');
    assert.equal(text(later, '#to-claim'), '£10.00');
    assert.equal(text(later, '#claim-now'), 'You have not claimed yet.');
    assert.equal(load((await procurement.get(`${CLAIMS}/m1`)).text)('#claim-overpaid').length, 0);
  });

  it('changes a claim made before the advance was paid, so the member claims again for the smaller amount', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await post(owner, `/tenders/${HW}/involvement/rate`, { rate: '15' }, '/tenders');
    const sam = await memberAgent(t, 'm1');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await addTime(sam, '2');
    await addExpense(sam, '20');
    await post(sam, ADVANCE, { amount: '20', purpose: 'Train to the meeting' }, ADVANCE);
    await post(sam, '/panel/claim', {}, '/panel/claim');
    assert.equal((await t.db.selectFrom('involvement_claims').select('amount').executeTakeFirstOrThrow()).amount, '50.00');
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.equal((await post(procurement, `${CLAIMS}/m1/advance-paid`, { advance: await advanceId(procurement), ...paidOn('23', '11', '2026') }, CLAIMS)).status, 303);
    // The £50.00 claim no longer matches: it cannot be approved until the member claims again.
    const form = await owner.get(`${CLAIMS}/m1`);
    assert.match(text(form, '#claim-changed'), /need to claim again/);
    assert.equal(load(form.text)(`form[action="${CLAIMS}/m1/approve"]`).length, 0);
    assert.equal(text(await sam.get('/panel/claim'), '#to-claim'), '£30.00');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    assert.deepEqual((await t.db.selectFrom('involvement_claims').selectAll().execute()).map((r) => [r.status, r.paid_before, r.amount]), [['claimed', '20.00', '30.00']]);
  });

  it('refuses a bad amount or description with a clear message, writing nothing', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await post(owner, `/tenders/${HW}/involvement/rate`, { rate: '15' }, '/tenders');
    const sam = await memberAgent(t, 'm1');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    const cases: [Form, string, RegExp][] = [
      [{ amount: '', purpose: 'Train to the meeting' }, '#amount', /Enter how much money you need/],
      [{ amount: 'ten', purpose: 'Train to the meeting' }, '#amount', /in pounds and pence, like 12\.50/],
      [{ amount: '0', purpose: 'Train to the meeting' }, '#amount', /must be more than £0/],
      [{ amount: '-4', purpose: 'Train to the meeting' }, '#amount', /must be more than £0/],
      [{ amount: '12.505', purpose: 'Train to the meeting' }, '#amount', /no more than 2 numbers after the point/],
      [{ amount: '500.01', purpose: 'Train to the meeting' }, '#amount', /must be £500 or less/],
      [{ amount: '12', purpose: '' }, '#purpose', /Say what the money is for/],
      [{ amount: '12', purpose: 'Bus' }, '#purpose', /5 letters or more/],
      [{ amount: '12', purpose: 'x'.repeat(201) }, '#purpose', /200 letters or fewer/],
    ];
    for (const [form, href, message] of cases) {
      const res = await post(sam, ADVANCE, form, ADVANCE);
      assert.equal(res.status, 400, JSON.stringify(form));
      assert.match(text(res, '.govuk-error-summary'), message);
      assert.equal(load(res.text)('.govuk-error-summary a').first().attr('href'), href);
      assert.equal(load(res.text)('#amount').val(), form['amount'], 'what was typed is kept');
    }
    assert.equal((await advances(t)).length, 0);
    assert.deepEqual(await events(t, 'advance.'), []);
    // The edges are allowed: £500 and 200 letters.
    assert.equal((await post(sam, ADVANCE, { amount: '500', purpose: 'y'.repeat(200) }, ADVANCE)).status, 303);
    assert.equal((await advances(t))[0]!.amount, '500.00');
  });

  it('keeps each member to their own advance, and professionals out of asking', async () => {
    const sam = await memberAgent(t, 'm1');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    assert.equal((await post(sam, ADVANCE, { amount: '18', purpose: 'Taxi to the panel meeting' }, ADVANCE)).status, 303);
    const priya = await memberAgent(t, 'm2');
    assert.doesNotMatch((await priya.get('/panel/claim')).text, /Taxi to the panel meeting|£18\.00/);
    const page = await priya.get(ADVANCE);
    assert.equal(page.status, 303, 'a professional is sent back to their payment page');
    // Asking anyway is refused (back to their own page), and nothing is written.
    const refused = await post(priya, ADVANCE, { amount: '18', purpose: 'Taxi to the panel meeting' }, '/panel/claim');
    assert.equal(refused.status, 303);
    assert.equal(refused.headers['location'], '/panel/claim');
    assert.equal((await advances(t)).length, 1);
    assert.equal((await events(t, 'advance.')).length, 1);
    // Members never reach the staff pages; a commissioner who cannot see the tender gets 404.
    assert.equal((await sam.get(`${CLAIMS}/m1`)).status, 403);
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await post(other, `${CLAIMS}/m1/advance-paid`, { advance: '1', ...paidOn('23', '11', '2026') }, '/tenders')).status, 404);
  });
});
