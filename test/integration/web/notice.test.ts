// The award notice page and download, the standstill on a finalised tender's results page, and
// the accessibility statement with its configured contact, linked from every page's footer.
import assert from 'node:assert/strict';
import path from 'node:path';
import { load } from 'cheerio';
import request from 'supertest';
import { loadDataFile } from '../../../src/services/data-files';
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
    const res = await owner.get(`${NOTICE}?published=2027-03-24&sent=2027-03-23`);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.match(text, /Winner ?Bid A: Kestrel Lane Home Support Ltd/);
    assert.match(text, /Standstill ends ?6 April 2027, after 8 working days\. The contract can be entered into from 7 April 2027\./);
    assert.match(text, /This is a light-touch contract, so the standstill is voluntary/);
    const href = $('a.govuk-button').filter((_, a) => $(a).text().includes('Download')).attr('href')!;
    assert.equal(href, `${NOTICE}.json?published=2027-03-24&sent=2027-03-23`);
    const download = await owner.get(href);
    assert.equal(download.status, 200);
    assert.match(String(download.headers['content-disposition']), /DEMO-HC-2026-award-notice\.json/);
    assert.deepEqual(noticeProblems(JSON.parse(download.text)), []);
  });

  it('refuses a day that is not real, in words, linked to the box', async () => {
    const res = await owner.get(`${NOTICE}?published=2027-02-30`);
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('.govuk-error-summary').text(), /The publication day must be a real day written YYYY-MM-DD/);
    assert.equal($('.govuk-error-summary a[href="#published"]').length, 1);
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
});
