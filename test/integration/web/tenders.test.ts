// Tender pages: who sees which tender, and who sees prices.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

describe('web: tenders', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it("lists the owner's tender with its stage and progress", async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.get('/tenders');
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.match($('table').text(), /Hand-worked example tender/);
    assert.match($('table').text(), /Moderation/);
    assert.match($('table').text(), /\d+ of \d+/);
  });

  it("does not show another commissioner's tender, in the list or by its address", async () => {
    const agent = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.doesNotMatch((await agent.get('/tenders')).text, /Hand-worked example tender/);
    assert.equal((await agent.get('/tenders/HW-2026-01')).status, 404);
    assert.equal((await agent.get('/tenders/HW-2026-01/rubric')).status, 404);
  });

  it('shows prices to the owner and procurement, and not to a facilitator', async () => {
    for (const [account, sees] of [
      [ACCOUNTS.owner, true],
      [ACCOUNTS.procurement, true],
      [ACCOUNTS.facilitator, false],
    ] as const) {
      const agent = await signedIn(t.app, account.email);
      const res = await agent.get('/tenders/HW-2026-01');
      assert.equal(res.status, 200, account.email);
      assert.equal(/£100,000/.test(res.text), sees, `${account.email} sees prices: ${String(sees)}`);
    }
  });

  it("shows the tender's rubric snapshot with the co-production weight made prominent", async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.get('/tenders/HW-2026-01/rubric');
    assert.equal(res.status, 200);
    assert.match(load(res.text)('.app-co-production').text(), /Co-production counts for 30 of 100 points/);
  });

  it('lists the published rubrics with their weights, and shows each', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const list = await agent.get('/rubrics');
    assert.equal(list.status, 200);
    const links = load(list.text)('tbody a').map((_i, a) => a.attribs['href']).get();
    assert.deepEqual(links.sort(), ['/rubrics/care-act-advocacy', '/rubrics/community-mental-health-psr', '/rubrics/home-care-outcomes', '/rubrics/supported-living-learning-disabilities', '/rubrics/unpaid-carers-support']);
    for (const href of links) assert.equal((await agent.get(href)).status, 200, href);
    assert.equal((await agent.get('/rubrics/no-such-rubric')).status, 404);
  });
});
