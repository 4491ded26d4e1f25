// Bids of a tender through the web app: the list, adding, changing, withdrawing and deleting
// bids, and who may do each, in which state of the tender.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { addTender, events, storedBids } from '../../helpers/bid-tenders';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

const HW = '/tenders/HW-2026-01/bids';
const DRAFT = '/tenders/DR-1/bids';

describe('web: bids', () => {
  let t: TestApp;
  // Sign-in is rate limited (10 a quarter hour from one address), so each account signs in once.
  const agents = {} as Record<keyof typeof ACCOUNTS, request.Agent>;
  before(async () => {
    t = await testApp();
    for (const account of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) agents[account] = await signedIn(t.app, ACCOUNTS[account].email);
    await addTender(t, 'DR-1', 'draft');
    await addTender(t, 'DR-FREE', 'draft', { owner: null });
    await addTender(t, 'FIN-1', 'finalised');
  });
  after(() => t.close());

  const as = async (account: keyof typeof ACCOUNTS) => agents[account];

  async function post(agent: request.Agent, url: string, form: Form, tokenFrom = url) {
    const token = await csrfToken(agent, tokenFrom);
    return agent.post(url).type('form').send(encode({ _csrf: token, ...form }));
  }

  describe('the list of bids', () => {
    it('shows the owner each bid, its price, the withdrawn tag and which criteria have a response', async () => {
      const res = await (await as('owner')).get(HW);
      assert.equal(res.status, 200);
      const $ = load(res.text);
      const rowA = $('#bid-A').text().replace(/\s+/g, ' ');
      assert.match(rowA, /Alder Care/);
      assert.match(rowA, /£100,000/);
      assert.match(rowA, /2 of 2 answered/);
      const rowB = $('#bid-B').text().replace(/\s+/g, ' ');
      assert.match(rowB, /0 of 2 answered/);
      assert.match(rowB, /No response to: Working with people who use the service; Keeping people safe/);
      assert.match($('#bid-E').text(), /Withdrawn/);
      assert.equal($('[aria-current="page"]').text(), 'Bids');
    });

    it('shows prices to procurement, but not to a facilitator', async () => {
      assert.match((await (await as('procurement')).get(HW)).text, /£100,000/);
      const res = await (await as('facilitator')).get(HW);
      assert.equal(res.status, 200);
      assert.match(res.text, /Alder Care/);
      assert.doesNotMatch(res.text, /£100,000|£80,000/);
      assert.doesNotMatch(res.text, />Price</);
      const one = await (await as('facilitator')).get(`${HW}/A`);
      assert.equal(one.status, 200);
      assert.match(one.text, /We run a people&#x27;s board/);
      assert.doesNotMatch(one.text, /£100,000/);
    });

    it("answers 404 for another commissioner's tender and sends signed-out people to sign in", async () => {
      const other = await as('otherCommissioner');
      for (const url of [HW, `${HW}/A`, `${HW}/prices`]) assert.equal((await other.get(url)).status, 404, url);
      for (const url of [HW, `${HW}/A`, `${HW}/new`, `${HW}/prices`, `${HW}/A/withdraw`]) {
        const res = await request(t.app).get(url);
        assert.equal(res.status, 303, url);
        assert.equal(res.headers['location'], '/sign-in');
      }
      assert.equal((await (await as('owner')).get(`${HW}/Z`)).status, 404);
    });

    it('says what is locked once scoring has opened, and offers no way to add or change bids', async () => {
      const $ = load((await (await as('owner')).get(HW)).text);
      assert.match($('.govuk-inset-text').text(), /Scoring has opened, so bids cannot be added or changed/);
      assert.equal($(`a[href="${HW}/new"]`).length, 0);
      assert.equal($(`a[href="${HW}/prices"]`).length, 1);
    });
  });

  describe('adding and changing bids in draft', () => {
    it('adds a bid with the next letter, its responses and one audit event', async () => {
      const agent = await as('owner');
      const form = await agent.get(`${DRAFT}/new`);
      const $ = load(form.text);
      assert.equal($('label[for="response-co-production"]').text().trim(), 'Working with people who use the service');
      assert.match($('#response-co-production-hint').text(), /How will you design and review the service/);
      const res = await post(agent, `${DRAFT}/new`, { key: '', supplier: '  Rowan   Care ', price: '£1,850,000.50', 'response-co-production': 'A people’s council.', 'response-safety': '' });
      assert.equal(res.status, 303);
      assert.equal(res.headers['location'], DRAFT);
      const bid = (await storedBids(t, 'DR-1')).find((b) => b.key === 'C');
      assert.deepEqual(bid, { key: 'C', supplier: 'Rowan Care', price: '1850000.5', withdrawn: 0, responses: { 'co-production': 'A people’s council.' } });
      const [event] = await events(t, 'DR-1', 'bid.added');
      assert.deepEqual(event?.detail, { bid: 'C', supplier: 'Rowan Care', price: '1850000.5', responses: ['co-production'] });
      assert.equal(event?.actor, `commissioner:${ACCOUNTS.owner.email}`);
      const list = load((await agent.get(DRAFT)).text);
      assert.match(list('.govuk-notification-banner').text(), /Bid C added: Rowan Care/);
      assert.match(list('#bid-C').text(), /£1,850,000\.50/);
    });

    it('gives a new bid to every panel member', async () => {
      const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', 'DR-1').executeTakeFirstOrThrow();
      const bid = await t.db.selectFrom('bids').select('id').where('tender_id', '=', tender.id).where('key', '=', 'C').executeTakeFirstOrThrow();
      const assigned = await t.db.selectFrom('member_bids').select('member_id').where('bid_id', '=', bid.id).execute();
      assert.equal(assigned.length, 3);
    });

    it('takes a key when one is given', async () => {
      const res = await post(await as('owner'), `${DRAFT}/new`, { key: 'late-1', supplier: 'Juniper Trust', price: '' });
      assert.equal(res.status, 303);
      assert.equal((await storedBids(t, 'DR-1')).find((b) => b.key === 'late-1')?.price, null);
    });

    it('refuses a form with problems, naming each field, and changes nothing', async () => {
      const agent = await as('owner');
      const before = await storedBids(t, 'DR-1');
      for (const [form, field, message] of [
        [{ supplier: '' }, 'supplier', /Enter the organisation&#x27;s name/],
        [{ supplier: 'Yew Care', price: 'abc' }, 'price', /The price is not an amount of pounds/],
        [{ supplier: 'Yew Care', price: '0' }, 'price', /is not above £0/],
        [{ supplier: 'Yew Care', price: '-5' }, 'price', /is below £0/],
        [{ supplier: 'Yew Care', price: '10.555' }, 'price', /more than 2 decimal places/],
        [{ supplier: 'yew care', key: 'a' }, 'key', /There is already a bid a/],
        [{ supplier: 'Yew Care', key: 'not a key!' }, 'key', /must be 1 to 32 letters/],
        [{ supplier: 'alder  CARE' }, 'supplier', /Bid A is already from Alder Care/],
        [{ supplier: 'Yew Care', 'response-safety': 'x'.repeat(30_001) }, 'response-safety', /must be 30,000 characters or fewer/],
      ] as const) {
        const res = await post(agent, `${DRAFT}/new`, form);
        assert.equal(res.status, 400, JSON.stringify(form).slice(0, 80));
        const $ = load(res.text);
        assert.match($('title').text(), /^Error: Add a bid/);
        assert.equal($('.govuk-error-summary a').first().attr('href'), `#${field}`);
        assert.equal($(`#${field}`).length, 1);
        assert.match($('#key-hint').text(), /the next letter, D\./);
        assert.match(res.text, message);
      }
      assert.deepEqual(await storedBids(t, 'DR-1'), before);
    });

    it('changes a bid and records what changed', async () => {
      const agent = await as('owner');
      const form = load((await agent.get(`${DRAFT}/A/edit`)).text);
      assert.equal(form('#supplier').val(), 'Alder Care');
      assert.equal(form('#response-safety').text(), 'Named safeguarding lead.');
      const res = await post(agent, `${DRAFT}/A/edit`, { supplier: 'Alder Care Ltd', price: '100000', 'response-co-production': "We run a people's board.", 'response-safety': 'A named lead\r\nand training.' });
      assert.equal(res.status, 303);
      const bid = (await storedBids(t, 'DR-1')).find((b) => b.key === 'A');
      assert.equal(bid?.supplier, 'Alder Care Ltd');
      assert.equal(bid?.responses['safety'], 'A named lead\nand training.');
      const [event] = await events(t, 'DR-1', 'bid.edited');
      assert.deepEqual(event?.detail, { bid: 'A', supplier: { old: 'Alder Care', new: 'Alder Care Ltd' }, responses: ['safety'] });
      const again = await post(agent, `${DRAFT}/A/edit`, { supplier: 'Alder Care Ltd', price: '100000', 'response-co-production': "We run a people's board.", 'response-safety': 'A named lead\nand training.' });
      assert.equal(again.status, 303);
      assert.equal((await events(t, 'DR-1', 'bid.edited')).length, 1, 'no event when nothing changed');
      const bad = await post(agent, `${DRAFT}/A/edit`, { supplier: 'Birch Support' });
      assert.equal(bad.status, 400);
      assert.match(load(bad.text)('.govuk-error-summary').text(), /Bid B is already from Birch Support/);
      // A field sent twice is a damaged form: refused, and the stored price and response stay.
      const stored = (await storedBids(t, 'DR-1')).find((b) => b.key === 'A');
      for (const twice of [{ price: ['100000', '100000'] }, { 'response-safety': ['A named lead', 'x'] }]) {
        const damaged = await post(agent, `${DRAFT}/A/edit`, { supplier: 'Alder Care Ltd', price: '100000', 'response-co-production': "We run a people's board.", 'response-safety': 'A named lead\nand training.', ...twice });
        assert.equal(damaged.status, 400, Object.keys(twice)[0]);
        assert.match(load(damaged.text)('.govuk-error-summary').text(), /The form was not complete/);
      }
      assert.deepEqual((await storedBids(t, 'DR-1')).find((b) => b.key === 'A'), stored);
    });

    it('lets any commissioner add bids to a tender with no owner', async () => {
      const res = await post(await as('otherCommissioner'), '/tenders/DR-FREE/bids/new', { supplier: 'Shared Care' });
      assert.equal(res.status, 303);
      assert.ok((await storedBids(t, 'DR-FREE')).some((b) => b.supplier === 'Shared Care'));
    });

    it('refuses procurement and facilitators (403) and other commissioners (404)', async () => {
      const before = await storedBids(t, 'DR-1');
      for (const account of ['procurement', 'facilitator'] as const) {
        const agent = await as(account);
        for (const url of [`${DRAFT}/new`, `${DRAFT}/A/edit`, `${DRAFT}/A/withdraw`, `${DRAFT}/A/delete`, `${DRAFT}/import`]) {
          assert.equal((await agent.get(url)).status, 403, `${account} GET ${url}`);
        }
        const token = await csrfToken(agent, '/tenders');
        for (const url of [`${DRAFT}/new`, `${DRAFT}/A/edit`, `${DRAFT}/A/withdraw`, `${DRAFT}/A/delete`]) {
          const res = await agent.post(url).type('form').send({ _csrf: token, supplier: 'Sneaky Ltd' });
          assert.equal(res.status, 403, `${account} POST ${url}`);
        }
      }
      const other = await as('otherCommissioner');
      assert.equal((await other.get(`${DRAFT}/new`)).status, 404);
      const token = await csrfToken(other, '/tenders');
      assert.equal((await other.post(`${DRAFT}/new`).type('form').send({ _csrf: token, supplier: 'Sneaky Ltd' })).status, 404);
      assert.equal((await request(t.app).post(`${DRAFT}/new`).type('form').send({ supplier: 'Sneaky Ltd' })).status, 403, 'signed out: no session, no token');
      assert.deepEqual(await storedBids(t, 'DR-1'), before);
    });
  });

  describe('once scoring has opened', () => {
    it('refuses adding and changing with a message saying what is locked and why', async () => {
      const agent = await as('owner');
      for (const url of [`${HW}/new`, `${HW}/A/edit`, `${HW}/A/delete`]) {
        const res = await agent.get(url);
        assert.equal(res.status, 409, url);
        assert.match(res.text, /Bids cannot change now: scoring has opened, so the rubric, bids and panel are locked/);
      }
      const before = await storedBids(t, 'HW-2026-01');
      const token = await csrfToken(agent, HW);
      for (const url of [`${HW}/new`, `${HW}/A/edit`, `${HW}/A/delete`]) {
        const res = await agent.post(url).type('form').send({ _csrf: token, supplier: 'Late Care' });
        assert.equal(res.status, 409, url);
        assert.match(res.text, /Nothing was changed/);
      }
      assert.deepEqual(await storedBids(t, 'HW-2026-01'), before);
    });

    it('still lets the commissioner withdraw a bid, after a confirmation page; the bid stays stored', async () => {
      const agent = await as('owner');
      const page = await agent.get(`${HW}/B/withdraw`);
      assert.equal(page.status, 200);
      assert.match(load(page.text)('h1').text(), /Withdraw bid B: Birch Support\?/);
      assert.match(page.text, /Scoring has opened/);
      const res = await post(agent, `${HW}/B/withdraw`, { reason: 'Letter of 3 March' }, `${HW}/B/withdraw`);
      assert.equal(res.status, 303);
      const bid = (await storedBids(t, 'HW-2026-01')).find((b) => b.key === 'B');
      assert.equal(bid?.withdrawn, 1);
      assert.equal(bid?.price, '80000');
      const [event] = await events(t, 'HW-2026-01', 'bid.withdrawn');
      assert.deepEqual(event?.detail, { bid: 'B', supplier: 'Birch Support', reason: 'Letter of 3 March', state: 'moderation' });
      assert.match(load((await agent.get(HW)).text)('#bid-B').text(), /Withdrawn/);
      const twice = await post(agent, `${HW}/B/withdraw`, { reason: '' }, HW);
      assert.equal(twice.status, 303);
      assert.equal((await events(t, 'HW-2026-01', 'bid.withdrawn')).length, 1);
    });

    it('refuses withdrawing once the tender is finalised', async () => {
      const agent = await as('owner');
      const res = await agent.get('/tenders/FIN-1/bids/A/withdraw');
      assert.equal(res.status, 409);
      assert.match(res.text, /the tender is finalised/);
      const token = await csrfToken(agent, '/tenders/FIN-1/bids');
      assert.equal((await agent.post('/tenders/FIN-1/bids/A/withdraw').type('form').send({ _csrf: token })).status, 409);
      assert.equal((await storedBids(t, 'FIN-1')).find((b) => b.key === 'A')?.withdrawn, 0);
      assert.match(load((await agent.get('/tenders/FIN-1/bids')).text)('.govuk-inset-text').text(), /finalised/);
    });
  });

  describe('deleting a bid in draft', () => {
    it('deletes a bid nobody has scored, after a confirmation page, with an audit event', async () => {
      const agent = await as('owner');
      assert.match((await agent.get(`${DRAFT}/late-1/delete`)).text, /Delete bid late-1: Juniper Trust\?/);
      const res = await post(agent, `${DRAFT}/late-1/delete`, {}, `${DRAFT}/late-1/delete`);
      assert.equal(res.status, 303);
      assert.equal((await storedBids(t, 'DR-1')).some((b) => b.key === 'late-1'), false);
      assert.deepEqual((await events(t, 'DR-1', 'bid.deleted'))[0]?.detail, { bid: 'late-1', supplier: 'Juniper Trust' });
    });

    it('never deletes a bid someone has scored: it can only be withdrawn', async () => {
      await addTender(t, 'DR-SC', 'draft', {
        change: (pack) => {
          pack.scores = [{ member: 'm1', bid: 'A', criterion: 'safety', score: 3, rationale: 'Paper scoring.' }];
        },
      });
      const agent = await as('owner');
      const page = await agent.get('/tenders/DR-SC/bids/A/delete');
      assert.equal(page.status, 200);
      assert.match(page.text, /Someone has scored this bid, so it must stay stored/);
      assert.equal(load(page.text)('form[action$="/delete"]').length, 0);
      const res = await post(agent, '/tenders/DR-SC/bids/A/delete', {}, '/tenders/DR-SC/bids');
      assert.equal(res.status, 409);
      assert.match(res.text, /Bid A has scores, so it cannot be deleted/);
      assert.equal((await storedBids(t, 'DR-SC')).length, 2);
      assert.equal((await events(t, 'DR-SC', 'bid.deleted')).length, 0);
    });

    it('withdraws a bid in draft too', async () => {
      const res = await post(await as('owner'), `${DRAFT}/B/withdraw`, {}, `${DRAFT}/B/withdraw`);
      assert.equal(res.status, 303);
      assert.equal((await storedBids(t, 'DR-1')).find((b) => b.key === 'B')?.withdrawn, 1);
    });
  });
});
