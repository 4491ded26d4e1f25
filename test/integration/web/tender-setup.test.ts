// Setting up a tender in the browser: from a rubric, from an uploaded pack, and moving it on.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { load } from 'cheerio';
import { stringify } from 'yaml';
import { handWorkedPack } from '../../helpers/packs';
import { HAND_WORKED_PACK } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const newTender = { reference: 'HC-2027-01', title: 'Home care in Northfield', rubric: 'home-care-outcomes', aggregation: 'equal-voice', anonymise: 'yes' };

describe('web: setting up a tender', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const events = async (action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

  it('sets up a draft tender from a published rubric, owned by the commissioner, with its rubric snapshot', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const form = await agent.get('/tenders/new');
    assert.equal(form.status, 200);
    assert.match(load(form.text)('#rubric-hint, .govuk-radios__hint').text(), /co-production/);
    const res = await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), ...newTender });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/tenders/HC-2027-01');
    const tender = await t.db.selectFrom('tenders').selectAll().where('reference', '=', 'HC-2027-01').executeTakeFirstOrThrow();
    assert.equal(tender.state, 'draft');
    assert.equal(tender.aggregation, 'equal-voice');
    assert.equal(tender.anonymise, 1);
    assert.equal(JSON.parse(tender.rubric_json).id, 'home-care-outcomes');
    assert.equal((await events('tender.created')).length, 1);
    // The other commissioner cannot see it.
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await other.get('/tenders/HC-2027-01')).status, 404);
  });

  it('shows every problem of the form at once, linked to its field, and keeps what was typed', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), reference: 'bad ref!', title: 'Kept title' });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.deepEqual($('.govuk-error-summary a').map((_i, a) => a.attribs['href']).get(), ['#reference', '#rubric', '#aggregation', '#anonymise']);
    assert.equal($('#title').val(), 'Kept title');
    assert.match($('title').text(), /^Error: /);
  });

  it('refuses a reference that is already taken', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), ...newTender, reference: 'HW-2026-01' });
    assert.equal(res.status, 400);
    assert.match(load(res.text)('.govuk-error-summary').text(), /already a tender with the reference HW-2026-01/);
  });

  it('lets only commissioners set up tenders', async () => {
    for (const account of [ACCOUNTS.procurement, ACCOUNTS.facilitator]) {
      const agent = await signedIn(t.app, account.email);
      assert.equal((await agent.get('/tenders/new')).status, 403);
      const token = await csrfToken(agent, '/tenders');
      assert.equal((await agent.post('/tenders').type('form').send({ _csrf: token, ...newTender })).status, 403);
    }
    assert.equal(await t.db.selectFrom('tenders').select('id').where('reference', '=', 'HC-2027-01').executeTakeFirst(), undefined);
  });

  it('imports an uploaded tender pack whole, owned by the uploader', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    const pack = handWorkedPack();
    pack.tender.reference = 'UP-2026-01';
    const token = await csrfToken(agent, '/tenders/upload');
    const res = await agent.post(`/tenders/upload?_csrf=${token}`).attach('pack', Buffer.from(stringify(pack)), 'pack.yaml');
    assert.equal(res.status, 303, res.text.slice(0, 500));
    assert.equal((await agent.get('/tenders/UP-2026-01')).status, 200);
  });

  it('lists every problem of an uploaded pack and imports nothing', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/upload');
    // The hand-worked pack again: its reference is taken. And a score off the scale.
    const text = readFileSync(HAND_WORKED_PACK, 'utf8').replace('score: 4, rationale: "People sit on their board."', 'score: 9, rationale: "People sit on their board."');
    const before = await t.db.selectFrom('scores').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await agent.post(`/tenders/upload?_csrf=${token}`).attach('pack', Buffer.from(text), 'hand-worked.yaml');
    assert.equal(res.status, 400);
    const problems = load(res.text)('main li').map((_i, li) => load(li).text()).get().join('\n');
    assert.match(problems, /scores\[0\]\.score: is 9, off the scale/);
    const after = await t.db.selectFrom('scores').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  it('asks for a file when none is chosen', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/upload');
    const res = await agent.post(`/tenders/upload?_csrf=${token}`).field('nothing', '');
    assert.equal(res.status, 400);
    assert.match(load(res.text)('.govuk-error-summary').text(), /Choose a tender pack file/);
  });

  it('will not open scoring on a tender with no bids, and says why', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), ...newTender });
    const page = await agent.get('/tenders/HC-2027-01/state');
    assert.match(load(page.text)('main').text(), /Add at least one bid/);
    const res = await agent.post('/tenders/HC-2027-01/state').type('form').send({ _csrf: await csrfToken(agent, '/tenders/HC-2027-01'), to: 'scoring', confirm: 'yes' });
    assert.equal(res.status, 400);
    assert.equal((await t.db.selectFrom('tenders').select('state').where('reference', '=', 'HC-2027-01').executeTakeFirstOrThrow()).state, 'draft');
  });

  it('moves a tender on one confirmed step at a time, audited, and records the results at finalising', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/HW-2026-01/state');
    const skip = await agent.post('/tenders/HW-2026-01/state').type('form').send({ _csrf: token, to: 'draft', confirm: 'yes' });
    assert.equal(skip.status, 400);
    const unconfirmed = await agent.post('/tenders/HW-2026-01/state').type('form').send({ _csrf: token, to: 'finalised' });
    assert.equal(unconfirmed.status, 400);
    const done = await agent.post('/tenders/HW-2026-01/state').type('form').send({ _csrf: token, to: 'finalised', confirm: 'yes' });
    assert.equal(done.status, 303);
    const [event] = await events('tender.state-changed');
    assert.ok(event);
    const detail = JSON.parse(event.detail) as { from: string; to: string; winner: string; resultsSha256: string };
    assert.deepEqual([detail.from, detail.to, detail.winner], ['moderation', 'finalised', 'C']);
    assert.match(detail.resultsSha256, /^[0-9a-f]{64}$/);
    // The results and the audit chain's head at that moment are stored with the finalisation.
    const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', 'HW-2026-01').executeTakeFirstOrThrow();
    const record = await t.db.selectFrom('finalisations').selectAll().where('tender_id', '=', tender.id).executeTakeFirstOrThrow();
    assert.equal(createHash('sha256').update(record.results_json).digest('hex'), detail.resultsSha256);
    assert.equal((JSON.parse(record.results_json) as { winner: string }).winner, 'C');
    assert.equal(record.chain_head, event.prev_hash, 'the head is the event just before the finalisation');
    // Every later change is refused in plain words.
    const price = await agent.post('/tenders/HW-2026-01/bids/prices').type('form').send({ _csrf: token });
    assert.equal(price.status, 409);
    assert.match(price.text, /finalised/);
    assert.match(load((await agent.get('/tenders/HW-2026-01/state')).text)('h1').text(), /finalised/);
  });

  it('lets only a commissioner who can see the tender move it on', async () => {
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await other.get('/tenders/HW-2026-01/state')).status, 404);
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.equal((await procurement.get('/tenders/HW-2026-01/state')).status, 403);
  });
});
