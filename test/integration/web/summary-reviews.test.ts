// A commissioner's review of a bid's assessment summary holds exactly as long as the summary says
// what they read. A summary says much that depends on the other bids (the winner, the bid's rank,
// the gap to the winner, the comparison with the winning bid, price points), so a change to
// another bid (a consensus score, a price, a withdrawal) makes reviews stale whose bids did not
// change at all; a change that leaves a summary as it was leaves its review standing; and a
// review is only ever recorded for the summary the page showed.
//
// The hand-worked tender at moderation: C wins (86.67), A is 2nd (77), B 3rd (76.25); D does not
// meet the minimum for "Keeping people safe" (1, below 2); E is withdrawn. Prices: A £100,000,
// B £80,000 (the lowest), C £120,000, D £50,000.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { events } from '../../helpers/bid-tenders';
import { addDemoTender, DEMO, postReview, reviewFormOn } from '../../helpers/readiness';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = 'HW-2026-01';
const LIVE = ['A', 'B', 'C', 'D'];
const summaryUrl = (key: string, reference = HW): string => `/tenders/${reference}/summaries/${key}`;
const RATIONALE = 'The panel read the answer again together and agreed this score, with its reasons recorded.';

describe('web: a summary review holds while the summary says the same', () => {
  let t: TestApp;
  let owner: request.Agent;
  beforeEach(async () => {
    t = await testApp();
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  afterEach(() => t.close());

  /** The bids whose summaries the page to finalise asks to review, and in which words. */
  async function summaryItems(): Promise<Map<string, string>> {
    const $ = load((await owner.get(`/tenders/${HW}/state`)).text);
    return new Map(
      $('li[data-kind=summary]')
        .map((_i, li) => $(li).text().trim())
        .get()
        .map((text) => [/bid ([A-Z]) /.exec(text)![1]!, text] as const),
    );
  }
  /** Each bid's review on the list of summaries. */
  async function listed(): Promise<Record<string, string>> {
    const $ = load((await owner.get(`/tenders/${HW}/summaries`)).text);
    return Object.fromEntries(LIVE.map((key) => [key, $(`#bid-${key} [data-field=review]`).text()]));
  }
  async function reviewAll(): Promise<void> {
    for (const key of LIVE) assert.equal((await postReview(owner, summaryUrl(key))).status, 303, key);
    assert.deepEqual([...(await summaryItems()).keys()], []);
  }
  async function consensus(bid: string, criterion: string, score: string): Promise<void> {
    const url = `/tenders/${HW}/moderation/${bid}/${criterion}`;
    const form = { _csrf: await csrfToken(owner, url), score, rationale: RATIONALE, attendees: ['m1', 'm2'], replaces: 'none' };
    assert.equal((await owner.post(url).type('form').send(encode(form))).status, 303);
  }
  async function setPrice(key: string, price: string, reference = HW): Promise<void> {
    const url = `/tenders/${reference}/bids/prices`;
    const $ = load((await owner.get(url)).text);
    const form: Record<string, string> = {};
    $('form input').each((_i, el) => {
      const name = $(el).attr('name');
      if (name) form[name] = String($(el).val() ?? '');
    });
    form[`price-${key}`] = price;
    assert.equal((await owner.post(url).type('form').send(form)).status, 303);
  }
  const stale = (text: string | undefined, key: string) => assert.match(text ?? '', new RegExp(`^The assessment summary for bid ${key} \\(.+\\) was reviewed before it changed: review it again\\.`));

  it('makes every summary stale when another bid’s consensus changes the winner, and finalising then takes a reason', async () => {
    await reviewAll();
    assert.match(load((await owner.get(summaryUrl('B'))).text)('main').text(), /bid C \(Cedar Homecare\), the most advantageous tender/);
    // A consensus of 1 for C's "Keeping people safe", below its minimum of 2: C fails and A wins.
    await consensus('C', 'safety', '1');
    const items = await summaryItems();
    assert.deepEqual([...items.keys()].sort(), LIVE, 'not only C: every summary names another winner now');
    for (const key of LIVE) stale(items.get(key), key);
    assert.deepEqual(await listed(), { A: 'Reviewed before it changed', B: 'Reviewed before it changed', C: 'Reviewed before it changed', D: 'Reviewed before it changed' });
    const a = load((await owner.get(summaryUrl('A'))).text);
    assert.match(a('main').text(), /this bid is ranked first/);
    assert.match(a('.govuk-warning-text').last().text(), /Reviewed by Test owner \(commissioner\) on 23 November 2026 at 10:00, but the summary has changed since then/);
    assert.equal(a('form[action$="/review"]').length, 1, 'it can be reviewed again');
    assert.match(load((await owner.get(summaryUrl('B'))).text)('main').text(), /bid A \(Alder Care\), the most advantageous tender/);
    // Finalising with them outstanding takes a written reason: there is no tick box to pass them over.
    const state = load((await owner.get(`/tenders/${HW}/state`)).text);
    assert.equal(state('input[name=confirm]').length, 0);
    assert.equal(state('textarea[name=reason]').length, 1);

    // Reviewed again as it is now, it holds.
    assert.equal((await postReview(owner, summaryUrl('B'))).status, 303);
    assert.deepEqual([...(await summaryItems()).keys()].sort(), ['A', 'C', 'D']);
    assert.equal((await listed())['B'], 'Reviewed');
  });

  it('makes the summaries stale when a price changes, since every summary compares the winner’s price points', async () => {
    await reviewAll();
    await setPrice('C', '100000');
    assert.deepEqual([...(await summaryItems()).keys()].sort(), LIVE);
  });

  it('makes the others stale when a bid is withdrawn: their ranks and price points change', async () => {
    await reviewAll();
    const url = `/tenders/${HW}/bids/B/withdraw`;
    assert.equal((await owner.post(url).type('form').send({ _csrf: await csrfToken(owner, url), reason: 'The organisation wrote to withdraw.' })).status, 303);
    assert.deepEqual([...(await summaryItems()).keys()].sort(), ['A', 'C', 'D']);
  });

  it('leaves a review standing when its summary says the same: another bid’s consensus that changes no standing, and another tender’s change', async () => {
    await addDemoTender(t);
    await reviewAll();
    // B's "Keeping people safe" agreed at 2 (it was 2.5): B stays third, C still wins with the same scores.
    await consensus('B', 'safety', '2');
    assert.deepEqual([...(await summaryItems()).keys()], ['B']);
    assert.deepEqual(await listed(), { A: 'Reviewed', B: 'Reviewed before it changed', C: 'Reviewed', D: 'Reviewed' });
    // A consensus equal to A's score as it stood still changes A's own summary (how the score was
    // reached, and the panel's agreed reasons), and no other.
    await consensus('A', 'co-production', '3');
    assert.deepEqual([...(await summaryItems()).keys()].sort(), ['A', 'B']);
    assert.match(load((await owner.get(summaryUrl('A'))).text)('main').text(), /Agreed by the panel at moderation/);
    // A price changed on another tender changes nothing here.
    await setPrice('A', '123456', DEMO);
    assert.deepEqual([...(await summaryItems()).keys()].sort(), ['A', 'B']);
  });

  it('refuses a review posted from a page whose summary has changed since, and records nothing', async () => {
    const seen = await reviewFormOn(owner, summaryUrl('A'));
    await setPrice('C', '100000');
    const refused = await postReview(owner, summaryUrl('A'), seen);
    assert.equal(refused.status, 400);
    const $ = load(refused.text);
    assert.match($('title').text(), /^Error: /);
    assert.equal($('.govuk-error-summary a').text(), 'The summary changed while you were reading it. Read it again as it is now, then say you have reviewed it');
    assert.equal($('.govuk-error-summary a').attr('href'), '#review');
    assert.equal($('#review').length, 1);
    assert.notEqual($('form[action$="/review"] input[name=content]').val(), seen['content'], 'the page shows the summary as it is now');
    assert.equal((await t.db.selectFrom('summary_reviews').selectAll().execute()).length, 0);
    assert.equal((await events(t, HW, 'summary.reviewed')).length, 0);
    // A form without the summary's fingerprint is refused too.
    const bare = await owner.post(`${summaryUrl('A')}/review`).type('form').send({ _csrf: seen['_csrf'] });
    assert.equal(bare.status, 400);
    assert.match(load(bare.text)('.govuk-error-summary').text(), /The form was not complete/);
    assert.equal((await t.db.selectFrom('summary_reviews').selectAll().execute()).length, 0);

    // From the page as it is now, it is recorded.
    assert.equal((await postReview(owner, summaryUrl('A'))).status, 303);
    assert.equal((await events(t, HW, 'summary.reviewed')).length, 1);
    assert.ok(!(await summaryItems()).has('A'));
  });

  it('asks again for a review stored before reviews held the summary’s fingerprint', async () => {
    await postReview(owner, summaryUrl('A'));
    await t.db.updateTable('summary_reviews').set({ content_fingerprint: null }).execute();
    stale((await summaryItems()).get('A'), 'A');
    assert.equal((await listed())['A'], 'Reviewed before it changed');
  });
});
