// Prices: procurement and the commissioner enter or change them in any state but finalised, each
// change audited with the old and new price; nobody else can, and procurement can change nothing else.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { addTender, events, storedBids } from '../../helpers/bid-tenders';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const PRICES = '/tenders/HW-2026-01/bids/prices';

describe('web: bid prices', () => {
  let t: TestApp;
  const agents = {} as Record<keyof typeof ACCOUNTS, request.Agent>;
  before(async () => {
    t = await testApp();
    for (const account of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) agents[account] = await signedIn(t.app, ACCOUNTS[account].email);
    await addTender(t, 'FIN-1', 'finalised');
  });
  after(() => t.close());

  /** The form as shown, with some fields changed. */
  async function formValues(agent: request.Agent, url = PRICES): Promise<Record<string, string>> {
    const $ = load((await agent.get(url)).text);
    const values: Record<string, string> = {};
    $('form[action$="/prices"] input').each((_i, el) => {
      const name = $(el).attr('name');
      if (name) values[name] = String($(el).val() ?? '');
    });
    return values;
  }

  it('lets procurement change a price while the panel is moderating, and audits old and new', async () => {
    const agent = agents.procurement;
    const page = await agent.get(PRICES);
    assert.equal(page.status, 200);
    const $ = load(page.text);
    assert.equal($('#price-A').val(), '100000');
    assert.equal($('label[for="price-B"]').text().trim(), 'Bid B: Birch Support');
    assert.equal($('#price-E').length, 0, 'withdrawn bids are not priced');
    const form = await formValues(agent);
    const res = await agent.post(PRICES).type('form').send({ ...form, 'price-B': '£85,000.50' });
    assert.equal(res.status, 303);
    assert.equal((await storedBids(t, 'HW-2026-01')).find((b) => b.key === 'B')?.price, '85000.5');
    const changes = await events(t, 'HW-2026-01', 'bid.price-set');
    assert.deepEqual(changes.map((e) => e.detail), [{ bid: 'B', old: '80000', new: '85000.5' }]);
    assert.equal(changes[0]?.actor, `procurement:${ACCOUNTS.procurement.email}`);
    assert.match(load((await agent.get('/tenders/HW-2026-01/bids')).text)('.govuk-notification-banner').text(), /Price saved for bid B/);
  });

  it('records one event per changed price and none for unchanged ones', async () => {
    const agent = agents.owner;
    const form = await formValues(agent);
    assert.equal((await agent.post(PRICES).type('form').send(form)).status, 303);
    assert.equal((await events(t, 'HW-2026-01', 'bid.price-set')).length, 1);
    const res = await agent.post(PRICES).type('form').send({ ...form, 'price-A': '101000', 'price-C': '119999.99' });
    assert.equal(res.status, 303);
    assert.deepEqual((await events(t, 'HW-2026-01', 'bid.price-set')).slice(1).map((e) => e.detail), [
      { bid: 'A', old: '100000', new: '101000' },
      { bid: 'C', old: '120000', new: '119999.99' },
    ]);
  });

  it('refuses prices that are not pounds above 0 with up to 2 decimal places, and changes nothing', async () => {
    const agent = agents.procurement;
    const before = await storedBids(t, 'HW-2026-01');
    for (const [value, message] of [
      ['abc', /The price of bid A \(Alder Care\) is not an amount of pounds/],
      ['0', /is not above £0/],
      ['-100', /is below £0/],
      ['12.345', /more than 2 decimal places/],
      ['', /Enter a price for bid A: a price can be changed but not removed/],
    ] as const) {
      const form = await formValues(agent);
      const res = await agent.post(PRICES).type('form').send({ ...form, 'price-A': value, 'price-D': '49000' });
      assert.equal(res.status, 400, value);
      const $ = load(res.text);
      assert.match($('title').text(), /^Error: Enter prices/);
      assert.equal($('.govuk-error-summary a').attr('href'), '#price-A');
      assert.match($('#price-A-error').text(), message);
      assert.equal($('#price-A').val(), value, 'what was typed is shown again');
    }
    assert.deepEqual(await storedBids(t, 'HW-2026-01'), before);
  });

  it('never overwrites a price someone else changed since the form was shown', async () => {
    const stale = await formValues(agents.procurement);
    const fresh = await formValues(agents.owner);
    assert.equal((await agents.owner.post(PRICES).type('form').send({ ...fresh, 'price-D': '55000' })).status, 303);
    const res = await agents.procurement.post(PRICES).type('form').send({ ...stale, 'price-D': '60000' });
    assert.equal(res.status, 409);
    const $ = load(res.text);
    assert.match($('.govuk-error-summary').text(), /Someone else changed the price of bid D to £55,000/);
    assert.equal($('input[name="was-D"]').val(), '55000', 'saving again after checking is possible');
    assert.equal((await storedBids(t, 'HW-2026-01')).find((b) => b.key === 'D')?.price, '55000');
  });

  it('is refused to facilitators (403), other commissioners (404) and people signed out', async () => {
    assert.equal((await agents.facilitator.get(PRICES)).status, 403);
    const token = await csrfToken(agents.facilitator, '/tenders');
    assert.equal((await agents.facilitator.post(PRICES).type('form').send({ _csrf: token, 'was-A': '101000', 'price-A': '1' })).status, 403);
    assert.equal((await agents.otherCommissioner.get(PRICES)).status, 404);
    const res = await request(t.app).get(PRICES);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/sign-in');
    assert.equal((await storedBids(t, 'HW-2026-01')).find((b) => b.key === 'A')?.price, '101000');
  });

  it('shows procurement no way to add, change or withdraw bids, and refuses them (403)', async () => {
    const $ = load((await agents.procurement.get('/tenders/HW-2026-01/bids/A')).text);
    assert.equal($('a[href$="/edit"], a[href$="/withdraw"], a[href$="/delete"]').length, 0);
    const token = await csrfToken(agents.procurement, PRICES);
    for (const url of ['/tenders/HW-2026-01/bids/new', '/tenders/HW-2026-01/bids/A/edit', '/tenders/HW-2026-01/bids/A/withdraw']) {
      assert.equal((await agents.procurement.post(url).type('form').send({ _csrf: token, supplier: 'X' })).status, 403, url);
    }
  });

  it('refuses price changes once the tender is finalised', async () => {
    const url = '/tenders/FIN-1/bids/prices';
    const page = await agents.procurement.get(url);
    assert.equal(page.status, 409);
    assert.match(page.text, /Prices cannot change: the tender is finalised/);
    const token = await csrfToken(agents.procurement, '/tenders/FIN-1/bids');
    const res = await agents.procurement.post(url).type('form').send({ _csrf: token, 'was-A': '100000', 'price-A': '1' });
    assert.equal(res.status, 409);
    assert.equal((await storedBids(t, 'FIN-1')).find((b) => b.key === 'A')?.price, '100000');
    assert.equal((await events(t, 'FIN-1', 'bid.price-set')).length, 0);
  });
});
