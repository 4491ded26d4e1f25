// A finalised tender bought under the Provider Selection Regime: the results page shows the regime's
// standstill (regulation 12: it begins the day after the notice of intention to award, and ends at
// midnight at the end of the 8th working day after that, England's bank holidays only), or that
// there is none for Direct Award Processes A and B; the Procurement Act award notice is refused in
// words (page and JSON) and not linked; the summaries page does not say the Act requires them.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { addPsrTender, PSR_REF } from '../../helpers/psr';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type TestApp } from '../../helpers/web';

const TENDER = `/tenders/${PSR_REF}`;
const ENV = { BUYER_NAME: 'Northfield Council', BUYER_ID: 'PABC-1234-DEFG', BUYER_STREET_ADDRESS: 'Town Hall', BUYER_LOCALITY: 'Northfield', BUYER_POSTCODE: 'NF1 1AA', OCID_PREFIX: 'ocds-abc123' };

const words = (html: string, selector = 'main') => load(html.replace(/</g, ' <'))(selector).text().replace(/\s+/g, ' ');

describe('web: the Provider Selection Regime’s standstill and notices', () => {
  let t: TestApp;
  let owner: request.Agent;
  let procurement: request.Agent;
  before(async () => {
    t = await testApp({ env: ENV });
    await addPsrTender(t.db, t.clock.now);
    // Monday 7 December 2026, the day the notice of intention is to be published.
    t.clock.now = new Date('2026-12-07T10:00:00Z');
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
  });
  after(() => t.close());

  async function mark(process: string, tender = TENDER): Promise<void> {
    const url = `${tender}/provider-selection/edit`;
    const token = await csrfToken(owner, url);
    const saved = await owner.post(url).type('form').send(encode({ _csrf: token, process }));
    assert.equal(saved.status, 303, saved.text);
  }

  it('shows the Procurement Act standstill and notice while the tender is not marked as under the regime', async () => {
    const page = await owner.get(`${TENDER}/results`);
    assert.match(words(page.text), /If the contract award notice is published today \(7 December 2026\), the standstill of 8 working days ends on 16 December 2026/);
    assert.equal(load(page.text)(`a[href="${TENDER}/notice"]`).length, 1);
  });

  it('shows the regime’s required standstill for the Competitive Process, from the day after the notice of intention, in England’s working days', async () => {
    await mark('competitive');
    const page = await owner.get(`${TENDER}/results`);
    const text = words(page.text);
    assert.match(text, /This contract is awarded by the Competitive Process of the Provider Selection Regime, so there must be a standstill before the contract is entered into \(regulation 12\)/);
    assert.match(text, /If the notice of intention to award is published today \(7 December 2026\): the standstill begins on 8 December 2026/);
    assert.match(text, /providers can send written representations until midnight at the end of 18 December 2026, the 8th working day after the standstill begins/);
    assert.match(text, /the contract can be entered into from 21 December 2026, the next working day/);
    assert.match(text, /Working days leave out weekends and bank holidays in England/);
    assert.doesNotMatch(text, /voluntary|If the contract award notice is published today|16 December 2026/);
    assert.equal(load(page.text)(`a[href="${TENDER}/notice"]`).length, 0);
  });

  it('refuses the Procurement Act award notice in words: the page, and the JSON with a 409 JSON error', async () => {
    for (const agent of [owner, procurement]) {
      const page = await agent.get(`${TENDER}/notice?published=2026-12-07`);
      assert.equal(page.status, 409);
      const $ = load(page.text);
      assert.equal($('h1').text().trim(), 'No contract award notice for this tender');
      assert.match(
        $('#regime-refusal').text(),
        /is bought under the Provider Selection Regime \(the Competitive Process\), which is outside the Procurement Act 2023, so the toolkit makes no Procurement Act contract award notice for it: publish the regime’s notices \(the notice of intention to award and, after the standstill, the notice confirming the award\) on the Central Digital Platform\./,
      );
      assert.equal($('form').filter((_, f) => $(f).attr('action') === `${TENDER}/notice`).length, 0);
      assert.equal($(`a[href="${TENDER}/results#standstill"]`).text(), 'See the regime’s standstill on the results page');
      assert.doesNotMatch(page.text, /lightTouch|standstillPeriod/);

      const json = await agent.get(`${TENDER}/notice.json?published=2026-12-07`);
      assert.equal(json.status, 409);
      assert.match(String(json.headers['content-type']), /^application\/json/);
      assert.match((json.body as { error: string }).error, /^Tender PSR-2027-01 is bought under the Provider Selection Regime \(the Competitive Process\), which is outside the Procurement Act 2023/);
      assert.equal(json.headers['content-disposition'], undefined);
    }
    // A bad day in the query changes nothing: still refused for the regime, not a form error.
    assert.equal((await owner.get(`${TENDER}/notice?published=2026-02-30`)).status, 409);
  });

  it('tells the summaries page’s reader the regime does not require the summaries', async () => {
    const text = words((await owner.get(`${TENDER}/summaries`)).text);
    assert.match(text, /bought under the Provider Selection Regime \(the Competitive Process\), not the Procurement Act 2023, so the Act’s assessment summaries are not required/);
    assert.match(text, /providers are told of the decision in the notice of intention to award\. During the standstill, a provider may ask you for the information you recorded about the decision\./);
    assert.match(text, /Sending each organisation a summary is the council’s choice/);
    assert.doesNotMatch(text, /regulation 31|Procurement Act 2023 and/);
  });

  it('says there is no standstill for Direct Award Process A, and still no award notice', async () => {
    await mark('direct-award-a');
    const page = await owner.get(`${TENDER}/results`);
    const text = words(page.text);
    assert.match(text, /This contract is awarded by Direct Award Process A of the Provider Selection Regime, which has no standstill and no notice of intention to award\./);
    assert.doesNotMatch(text, /working days|If the contract award notice is published today|voluntary/);
    assert.equal(load(page.text)(`a[href="${TENDER}/notice"]`).length, 0);
    assert.match(words((await owner.get(`${TENDER}/notice`)).text), /\(Direct Award Process A\).*\(the notice confirming the award\) on the Central Digital Platform\./);
    assert.match(words((await owner.get(`${TENDER}/summaries`)).text), /providers are told of the award in the notice confirming it\. There is no standstill\./);
  });

  it('says a tender under the regime with no bid ranked first has no notice and no standstill', async () => {
    // Every bid of the hand-worked pack below the safety threshold: each fails, so there is no award.
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: 'PSR-NO-AWARD', state: 'finalised' });
    pack.scores = pack.scores.map((s) => (s.criterion === 'safety' ? { ...s, score: 1 } : s));
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'no-award.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    assert.ok(imported.ok, JSON.stringify(imported));
    await mark('direct-award-b', '/tenders/PSR-NO-AWARD');
    const text = words((await owner.get('/tenders/PSR-NO-AWARD/results')).text);
    assert.match(text, /No bid is ranked first on its own, so there is no contract to award: no notice and no standstill under the Provider Selection Regime\./);
    assert.doesNotMatch(text, /contract award notice|Direct Award Process B of the Provider Selection Regime/);
  });

  it('offers the Procurement Act notice again once the tender is marked as not under the regime', async () => {
    await mark('not-psr');
    const page = await owner.get(`${TENDER}/notice?published=2026-12-07`);
    assert.equal(page.status, 200);
    assert.equal(load(page.text)('h1').text().trim(), 'Contract award notice');
    assert.match(words((await owner.get(`${TENDER}/results`)).text), /the standstill of 8 working days ends on 16 December 2026/);
  });
});
