// The award notice page and download, the standstill on a finalised tender's results page, and
// the accessibility statement with its configured contact, linked from every page's footer.
import assert from 'node:assert/strict';
import path from 'node:path';
import { load } from 'cheerio';
import request from 'supertest';
import { tenderRepository } from '../../../src/data/tender-repository';
import type { Actor } from '../../../src/services/actors';
import { loadDataFile } from '../../../src/services/data-files';
import { recordSummarySent } from '../../../src/services/summaries/sent';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { noticeProblems } from '../../helpers/ocds';
import { finalisedDemo, handWorkedPack } from '../../helpers/packs';
import { REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

const NOTICE = '/tenders/DEMO-HC-2026/notice';
const ENV = {
  BUYER_NAME: 'Northfield Council',
  BUYER_ID: 'PABC-1234-DEFG',
  BUYER_STREET_ADDRESS: 'Town Hall',
  BUYER_LOCALITY: 'Northfield',
  BUYER_POSTCODE: 'NF1 1AA',
  OCID_PREFIX: 'ocds-abc123',
  ACCESSIBILITY_CONTACT: 'access@northfield.example',
};

describe('web: the award notice, the standstill and the accessibility statement', () => {
  let t: TestApp;
  let owner: request.Agent;
  before(async () => {
    t = await testApp({ env: ENV });
    const loaded = await loadDataFile(path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml'));
    if (!loaded.ok) throw new Error('demo unreadable');
    const pack = finalisedDemo(loaded.data as { tender: Record<string, unknown> });
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'demo.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  it('shows the notice with its standstill (light touch, voluntary) and a download that passes the OCDS checks', async () => {
    // The test clock is Monday 23 November 2026, the day the demo was finalised; St Andrew’s Day (Monday 30 November) is skipped.
    const res = await owner.get(`${NOTICE}?published=2026-11-24&sent=2026-11-23`);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.match(text, /Winner ?Bid A: Kestrel Lane Home Support Ltd/);
    assert.match(text, /Standstill ends ?4 December 2026, after 8 working days\. The contract can be entered into from 5 December 2026\./);
    assert.match(text, /Assessment summaries sent ?23 November 2026/);
    assert.match(text, /This is a light-touch contract, so the standstill is voluntary/);
    const href = $('a.govuk-button').filter((_, a) => $(a).text().includes('Download')).attr('href')!;
    assert.equal(href, `${NOTICE}.json?published=2026-11-24&sent=2026-11-23`);
    const download = await owner.get(href);
    assert.equal(download.status, 200);
    assert.match(String(download.headers['content-disposition']), /DEMO-HC-2026-award-notice\.json/);
    assert.deepEqual(noticeProblems(JSON.parse(download.text)), []);
    // True to the tender: the award decision's day, the minimum score and the quality pass mark.
    const release = (JSON.parse(download.text) as { releases: Record<string, any>[] }).releases[0]!; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(release['awards'][0].date, '2026-11-23T10:00:00.000Z', 'when the evaluation was finalised, not the publication day');
    const lot = release['tender'].lots[0];
    assert.equal(lot.description, 'A bid must reach at least 60% of the points for the quality criteria, or it cannot be awarded the contract.');
    const criteria = lot.awardCriteria.criteria as { name: string; description: string; numbers: Record<string, unknown>[] }[];
    const safety = criteria.find((c) => c.name === 'Keeping people safe and well')!;
    assert.deepEqual(safety.numbers, [{ number: 10, weight: 'percentageExact' }, { number: 2, threshold: 'minimumScore' }]);
    assert.match(safety.description, /A bid must score at least 2 on the scale of 0 to 5 for this criterion, or it cannot be awarded the contract\.$/);
    assert.deepEqual(criteria.filter((c) => c.numbers.some((n) => 'threshold' in n)).map((c) => c.name), ['Keeping people safe and well'], 'only the criterion with a minimum');
  });

  it('lets the buyer of a light-touch contract observe no voluntary standstill: the notice then has no standstillPeriod', async () => {
    const shown = load((await owner.get(`${NOTICE}?published=2026-11-24&sent=2026-11-23`)).text);
    assert.equal(shown('input[name="standstill"][value="yes"]:checked').length, 1, 'observed unless the buyer says not');
    const res = await owner.get(`${NOTICE}?published=2026-11-24&sent=2026-11-23&standstill=no`);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.equal($('input[name="standstill"][value="no"]:checked').length, 1);
    assert.match($('main').text().replace(/\s+/g, ' '), /Standstill ?None: no voluntary standstill is observed, so the notice leaves the standstill period out/);
    const href = $('a.govuk-button').filter((_, a) => $(a).text().includes('Download')).attr('href')!;
    assert.equal(href, `${NOTICE}.json?published=2026-11-24&sent=2026-11-23&standstill=no`);
    const notice = JSON.parse((await owner.get(href)).text) as { releases: { awards: Record<string, unknown>[] }[] };
    assert.equal('standstillPeriod' in notice.releases[0]!.awards[0]!, false);
    assert.deepEqual(noticeProblems(notice), []);
    const observed = JSON.parse((await owner.get(`${NOTICE}.json?published=2026-11-24&sent=2026-11-23`)).text) as { releases: { awards: Record<string, unknown>[] }[] };
    assert.deepEqual(observed.releases[0]!.awards[0]!['standstillPeriod'], { startDate: '2026-11-24T00:00:00+00:00', endDate: '2026-12-04T23:59:59+00:00' });
  });

  it('refuses a day that is not real, in words, linked to the box', async () => {
    const res = await owner.get(`${NOTICE}?published=2027-02-30`);
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('.govuk-error-summary').text(), /The publication day must be a real day written YYYY-MM-DD/);
    assert.equal($('.govuk-error-summary a[href="#published"]').length, 1);
  });

  it('refuses a publication day more than 5 years from today, naming the box, on the page and the download', async () => {
    for (const day of ['9999-12-28', '0001-01-01', '2031-11-24']) {
      const res = await owner.get(`${NOTICE}?published=${day}`);
      assert.equal(res.status, 400, day);
      const $ = load(res.text);
      assert.equal($('.govuk-error-summary a[href="#published"]').text().trim(), `The publication day, ${day}, is more than 5 years from today (2026-11-23); expected a day from 2021-11-23 to 2031-11-23`);
      assert.equal($('#published').val(), day, 'what was typed stays in the box');
      const download = await owner.get(`${NOTICE}.json?published=${day}`);
      assert.equal(download.status, 400, day);
      assert.match(download.text, /^The publication day, .* is more than 5 years from today/);
    }
    assert.equal((await owner.get(`${NOTICE}?published=2031-11-23&sent=2026-11-23`)).status, 200, 'five years on is accepted');
  });

  it('refuses a day the summaries were sent that is still to come', async () => {
    const res = await owner.get(`${NOTICE}?published=2026-12-20&sent=2026-11-24`);
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.equal($('.govuk-error-summary a[href="#sent"]').text().trim(), 'The day the summaries were sent, 2026-11-24, is after today (2026-11-23); the summaries must have been sent before the notice is made, so give the day they were sent');
    assert.equal((await owner.get(`${NOTICE}.json?published=2026-12-20&sent=2026-11-24`)).status, 400);
  });

  it('offers no standstill and no award notice when no bid is ranked first', async () => {
    // Every bid below the safety threshold: each fails, so the tender ends with no award.
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: 'NO-AWARD', state: 'finalised' });
    pack.scores = pack.scores.map((s) => (s.criterion === 'safety' ? { ...s, score: 1 } : s));
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'no-award.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    assert.ok(imported.ok, JSON.stringify(imported));
    const $ = load((await owner.get('/tenders/NO-AWARD/results')).text);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.match(text, /No bid is ranked first on its own, so there is no contract to award: no contract award notice and no standstill\./);
    assert.doesNotMatch(text, /If the contract award notice is published today/);
    assert.match(text, /No bid can be ranked: none is eligible\./);
    assert.equal($('a[href="/tenders/NO-AWARD/notice"]').length, 0);
  });

  it('puts the standstill from today on the results page of a finalised tender', async () => {
    // The test clock is Monday 23 November 2026; St Andrew’s Day (Monday 30 November) is a Scottish bank holiday.
    const $ = load((await owner.get('/tenders/DEMO-HC-2026/results')).text);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.match(text, /If the contract award notice is published today \(23 November 2026\), the standstill of 8 working days ends on 3 December 2026/);
    assert.match(text, /This is a light-touch contract, so the standstill is voluntary/);
    assert.equal($(`a[href="${NOTICE}"]`).length, 1);
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    assert.equal(load((await facilitator.get('/tenders/DEMO-HC-2026/results')).text)(`a[href="${NOTICE}"]`).length, 0);
    assert.equal((await facilitator.get(NOTICE)).status, 403);
  });

  it('has an accessibility statement with the configured contact, linked from the footer of every page', async () => {
    const res = await request(t.app).get('/accessibility');
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.equal($('a[href="mailto:access@northfield.example"]').length, 1);
    assert.match($('main').text(), /Equality and Human Rights Commission/);
    assert.match($('main').text(), /Equality Commission for Northern Ireland/);
    for (const page of ['/sign-in', '/glossary', '/panel']) assert.equal(load((await request(t.app).get(page)).text)('footer a[href="/accessibility"]').length, 1, page);
    assert.equal(load((await owner.get('/tenders')).text)('footer a[href="/accessibility"]').length, 1);
  });

  // Last: it records sent days on the demo's summaries and moves the clock on.
  it('refuses a day the summaries were sent that the sent days recorded on the summaries contradict, naming the bids', async () => {
    const tender = (await tenderRepository.findByReference(t.db, 'DEMO-HC-2026'))!;
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow();
    const commissioner: Actor = { kind: 'staff', id: user.id, email: user.email, name: user.name, role: 'commissioner' };
    const started = t.clock.now;
    try {
      t.clock.now = new Date('2026-11-26T10:00:00Z');
      const agent = await signedIn(t.app, ACCOUNTS.owner.email);
      for (const [key, day] of [['A', '2026-11-24'], ['B', '2026-11-24'], ['C', '2026-11-25']] as const) assert.equal((await recordSummarySent(t.db, commissioner, tender, key, day, t.clock.now)).ok, true);
      const problems = async (query: string) => load((await agent.get(`${NOTICE}?${query}`)).text)('main ul.govuk-list--bullet').first().text().replace(/\s+/g, ' ').trim();
      // Some bids have no sent day recorded: a day given cannot say every summary was sent.
      assert.equal(await problems('published=2026-11-26&sent=2026-11-25'), 'The day the summaries were sent, 2026-11-25, does not agree with the sent days recorded on the summaries: the summaries of bids D and E have no sent day recorded; record the sent day on each summary, or leave this day out to use the recorded days');
      for (const key of ['D', 'E']) assert.equal((await recordSummarySent(t.db, commissioner, tender, key, '2026-11-25', t.clock.now)).ok, true);
      assert.equal(await problems('published=2026-11-26&sent=2026-11-24'), 'The day the summaries were sent, 2026-11-24, does not agree with the sent days recorded on the summaries: the summaries of bids C, D and E are recorded as sent after it (the last on 2026-11-25); record the sent day on each summary, or leave this day out to use the recorded days');
      assert.equal(await problems('published=2026-11-26&sent=2026-11-26'), 'The day the summaries were sent, 2026-11-26, does not agree with the sent days recorded on the summaries: every summary is recorded as sent by 2026-11-25 (bids C, D and E on that day); record the sent day on each summary, or leave this day out to use the recorded days');
      assert.equal((await agent.get(`${NOTICE}.json?published=2026-11-26&sent=2026-11-24`)).status, 409);
      // The day that agrees, or none: the recorded days are used, and the page says so.
      assert.equal((await agent.get(`${NOTICE}.json?published=2026-11-26&sent=2026-11-25`)).status, 200);
      const text = load((await agent.get(`${NOTICE}?published=2026-11-26`)).text)('main').text().replace(/\s+/g, ' ');
      assert.match(text, /Assessment summaries sent ?25 November 2026, the last of the days recorded on the summaries/);
    } finally {
      t.clock.now = started;
    }
  });
});
