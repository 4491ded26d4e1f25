// What a member is owed is one rule, said the same on "Your contribution", the claims pages, the
// staff involvement summary and the workbook: members with lived experience are owed their time at
// the rate (nothing for it when they chose no payment for their time) and their money spent, less
// what was paid already; professionals are owed nothing here.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { involvementSummary } from '../../../src/services/involvement';
import { CLAIMS, HW, addExpense, addTime, memberAgent, post, staffForm, text } from '../../helpers/claims';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

/** "What you are due" as label → value. */
const due = (res: request.Response) => {
  const $ = load(res.text);
  return Object.fromEntries($('#due .govuk-summary-list__row').map((_i, row) => [[$(row).find('dt').text().trim(), $(row).find('dd').text().trim()]]).get() as [string, string][]);
};
const rowsOf = (res: request.Response) => load(res.text)('#members tbody tr').map((_i, tr) => [load(tr)('th, td').map((_j, c) => load(c).text().replace(/\s+/g, ' ').trim()).get()]).get() as string[][];
const summaryOf = async (t: TestApp) => involvementSummary(t.db, (await t.db.selectFrom('tenders').select('id').where('reference', '=', HW).executeTakeFirstOrThrow()).id);

describe('web: what a member is owed, the same on every page', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('owes a professional nothing and a member who chose no payment for their time only their money spent', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await post(owner, `/tenders/${HW}/involvement/rate`, { rate: '15' }, '/tenders');
    const priya = await memberAgent(t, 'm2');
    await addTime(priya, '2');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await post(sam, '/panel/claim/choice', { choice: 'declined' }, '/panel/claim');

    // Priya (professional): her contribution says she is not paid here, as her payment page does.
    const hers = await priya.get('/panel/contribution');
    assert.match(text(hers, '#due'), /You take part as part of your job, so you are not paid for your time here\. Your time so far is 2 hours/);
    assert.doesNotMatch(text(hers), /£30\.00|Total due to you/);
    assert.match(text(await priya.get('/panel/claim'), '#claim-now'), /Payment for time is for panel members with lived experience/);
    // Sam chose no payment for his time: £0.00, as on his claim page.
    assert.deepEqual(due(await sam.get('/panel/contribution')), { 'Your time': '2 hours', 'Pay for each hour': '£15.00', 'Pay for your time': '£0.00 (you chose not to be paid for your time)', 'Your expenses': '£0.00', 'Total due to you': '£0.00' });
    assert.equal(text(await sam.get('/panel/claim'), '#claim-now'), 'There is nothing for you to claim now.');

    const page = await owner.get(`/tenders/${HW}/involvement`);
    assert.deepEqual(rowsOf(page).map((r) => [r[0], r[6], r[7], r[8]]), [
      ['Sam Okafor', '£0.00 (chose no payment for time)', '£0.00', '£0.00'],
      ['Priya Shah', 'Not paid', '£0.00', '£0.00'],
      ['Tom Reid', 'Not paid', '£0.00', '£0.00'],
      ['Total', '£0.00', '£0.00', '£0.00'],
    ]);
    const summary = await summaryOf(t);
    assert.deepEqual([summary.get('m1')!.amountDue, summary.get('m2')!.amountDue], ['0.00', '0.00']);
  });

  it('takes what was paid off what is due, on the member’s page, the staff page and in the workbook', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await post(owner, `/tenders/${HW}/involvement/rate`, { rate: '15' }, '/tenders');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await addExpense(sam, '4.50');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    await post(owner, `${CLAIMS}/m1/approve`, await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/approve`), CLAIMS);
    await post(owner, `${CLAIMS}/m1/paid`, { ...(await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/paid`)), 'paidOn-day': '23', 'paidOn-month': '11', 'paidOn-year': '2026' }, CLAIMS);

    assert.deepEqual(due(await sam.get('/panel/contribution')), { 'Your time': '2 hours', 'Pay for each hour': '£15.00', 'Pay for your time': '£30.00', 'Your expenses': '£4.50', 'Paid to you already': '£34.50', 'Still due to you': '£0.00' });
    assert.deepEqual(rowsOf(await owner.get(`/tenders/${HW}/involvement`))[0]!.slice(6), ['£30.00', '£4.50', '£0.00 after £34.50 paid']);
    assert.equal((await summaryOf(t)).get('m1')!.amountDue, '0.00');

    // An hour more: £15.00 still due, everywhere.
    await addTime(sam, '1');
    assert.equal(due(await sam.get('/panel/contribution'))['Still due to you'], '£15.00');
    assert.equal(text(await sam.get('/panel/claim'), '#to-claim'), '£15.00');
    assert.equal(rowsOf(await owner.get(`/tenders/${HW}/involvement`))[0]!.at(-1), '£15.00 after £34.50 paid');
    assert.equal((await summaryOf(t)).get('m1')!.amountDue, '15.00');
  });
});
