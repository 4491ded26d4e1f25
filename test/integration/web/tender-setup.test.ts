// Setting up a tender in the browser: from a rubric, from an uploaded pack, and moving it on.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { load } from 'cheerio';
import type request from 'supertest';
import { stringify } from 'yaml';
import type { AppDeps } from '../../../src/app';
import { tenderRoutes } from '../../../src/features/tenders/tender-routes';
import { RESERVED_REFERENCES } from '../../../src/services/tender-import';
import { handWorkedPack, type PackDoc } from '../../helpers/packs';
import { HAND_WORKED_PACK, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const newTender = { reference: 'HC-2027-01', title: 'Home care in Northfield', rubric: 'home-care-outcomes', aggregation: 'equal-voice', anonymise: 'yes', lightTouch: 'yes' };

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

  it('asks whether the contract is light touch, records the answer with its audit event and shows it on the tender page', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const $form = load((await agent.get('/tenders/new')).text);
    assert.match($form('#lightTouch-hint').text(), /Social care services listed in Schedule 1 of the Procurement Act 2023 are usually light-touch contracts/);
    assert.equal($form('input[name="lightTouch"]:checked').length, 0, 'no answer chosen for the commissioner');
    for (const [reference, answer, stored, words] of [['LT-NO', 'no', 0, /Light-touch contract ?No: a standstill of 8 working days must pass/], ['LT-YES', 'yes', 1, /Light-touch contract ?Yes: the standstill after the award is voluntary/]] as const) {
      const res = await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), ...newTender, reference, lightTouch: answer });
      assert.equal(res.status, 303);
      const tender = await t.db.selectFrom('tenders').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
      assert.equal(tender.light_touch, stored, reference);
      const created = (await events('tender.created')).find((e) => e.tender_ref === reference)!;
      assert.equal((JSON.parse(created.detail) as { lightTouch: boolean }).lightTouch, answer === 'yes');
      assert.match(load((await agent.get(`/tenders/${reference}`)).text)('main').text().replace(/\s+/g, ' '), words);
    }
  });

  it('lets the commissioner change whether the contract is light touch, at any stage, with its audit event', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const url = '/tenders/HW-2026-01/light-touch';
    const before = await t.db.selectFrom('tenders').selectAll().where('reference', '=', 'HW-2026-01').executeTakeFirstOrThrow();
    assert.equal(load((await agent.get('/tenders/HW-2026-01')).text)(`a[href="${url}"]`).length, 1);
    const $ = load((await agent.get(url)).text);
    assert.equal($(`input[name="lightTouch"][value="${before.light_touch === 1 ? 'yes' : 'no'}"]:checked`).length, 1, 'the current answer is chosen');
    const refused = await agent.post(url).type('form').send({ _csrf: await csrfToken(agent, url) });
    assert.equal(refused.status, 400);
    assert.equal(load(refused.text)('.govuk-error-summary a[href="#lightTouch"]').text().trim(), 'Choose whether the contract is a light-touch contract');
    const answer = before.light_touch === 1 ? 'no' : 'yes';
    const saved = await agent.post(url).type('form').send({ _csrf: await csrfToken(agent, url), lightTouch: answer });
    assert.equal(saved.status, 303);
    const after = await t.db.selectFrom('tenders').selectAll().where('reference', '=', 'HW-2026-01').executeTakeFirstOrThrow();
    assert.equal(after.light_touch, answer === 'yes' ? 1 : 0);
    const [event] = await events('tender.light-touch-set');
    assert.deepEqual(JSON.parse(event!.detail), { old: before.light_touch === 1, new: answer === 'yes', state: before.state });
    // The same answer again changes nothing and writes no event.
    assert.equal((await agent.post(url).type('form').send({ _csrf: await csrfToken(agent, url), lightTouch: answer })).status, 303);
    assert.equal((await events('tender.light-touch-set')).length, 1);
  });

  it('shows every problem of the form at once, linked to its field, and keeps what was typed', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), reference: 'bad ref!', title: 'Kept title' });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.deepEqual($('.govuk-error-summary a').map((_i, a) => a.attribs['href']).get(), ['#reference', '#rubric', '#aggregation', '#anonymise', '#lightTouch']);
    assert.equal($('.govuk-error-summary a[href="#lightTouch"]').text().trim(), 'Choose whether the contract is a light-touch contract');
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
    const res = await agent.post('/tenders/upload').field('_csrf', token).attach('pack', Buffer.from(stringify(pack)), 'pack.yaml');
    assert.equal(res.status, 303, res.text.slice(0, 500));
    assert.equal((await agent.get('/tenders/UP-2026-01')).status, 200);
  });

  it('lists every problem of an uploaded pack and imports nothing', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/upload');
    // The hand-worked pack again: its reference is taken. And a score off the scale.
    const text = readFileSync(HAND_WORKED_PACK, 'utf8').replace('score: 4, rationale: "People sit on their board."', 'score: 9, rationale: "People sit on their board."');
    const before = await t.db.selectFrom('scores').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await agent.post('/tenders/upload').field('_csrf', token).attach('pack', Buffer.from(text), 'hand-worked.yaml');
    assert.equal(res.status, 400);
    const problems = load(res.text)('main li').map((_i, li) => load(li).text()).get().join('\n');
    assert.match(problems, /scores\[0\]\.score: is 9, off the scale/);
    const after = await t.db.selectFrom('scores').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  it('asks for a file when none is chosen', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/upload');
    const res = await agent.post('/tenders/upload').field('_csrf', token).field('nothing', '');
    assert.equal(res.status, 400);
    assert.match(load(res.text)('.govuk-error-summary').text(), /Choose a tender pack file/);
  });

  it('will not open scoring on a tender with no bids, and says why', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), ...newTender });
    const page = await agent.get('/tenders/HC-2027-01/state');
    assert.match(load(page.text)('main').text(), /Add at least one bid/);
    const outstanding = String(load(page.text)('input[name=outstanding]').val() ?? '0'.repeat(32));
    const res = await agent.post('/tenders/HC-2027-01/state').type('form').send({ _csrf: await csrfToken(agent, '/tenders/HC-2027-01'), to: 'scoring', confirm: 'yes', outstanding });
    assert.equal(res.status, 400);
    assert.equal((await t.db.selectFrom('tenders').select('state').where('reference', '=', 'HC-2027-01').executeTakeFirstOrThrow()).state, 'draft');
  });

  it('moves a tender on one confirmed step at a time, audited, and records the results at finalising', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(agent, '/tenders/HW-2026-01/state');
    const outstanding = String(load((await agent.get('/tenders/HW-2026-01/state')).text)('input[name=outstanding]').val());
    const skip = await agent.post('/tenders/HW-2026-01/state').type('form').send({ _csrf: token, to: 'draft', confirm: 'yes', outstanding });
    assert.equal(skip.status, 400);
    assert.match(load(skip.text)('main').text(), /The tender was not moved on/);
    const unconfirmed = await agent.post('/tenders/HW-2026-01/state').type('form').send({ _csrf: token, to: 'finalised', outstanding });
    assert.equal(unconfirmed.status, 400);
    // Items are outstanding (a flagged score, summaries not reviewed): forgetting the reason keeps
    // the form, with the error summary pointing at the reason box.
    const $ = load(unconfirmed.text);
    const link = $('.govuk-error-summary a').attr('href')!;
    assert.equal(link, '#reason');
    assert.equal($(link).length, 1, 'the reason box the summary links to is on the page');
    assert.equal($('button').filter((_i, el) => $(el).text().includes('Move on to finalised')).length, 1);
    assert.doesNotMatch($('main').text(), /The tender cannot move on yet/);
    const reason = 'The panel agreed the flagged score stands; summaries read at the meeting.';
    const done = await agent.post('/tenders/HW-2026-01/state').type('form').send({ _csrf: token, to: 'finalised', reason, outstanding });
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

  // On PostgreSQL the two requests overlap (both read the tender at moderation before either
  // writes), as two instances would; on SQLite the app's one connection serves them in turn.
  it('finalising sent twice at once: one finalises, the other page says only that it is finalised now, with nothing outstanding', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const $form = load((await agent.get('/tenders/HW-2026-01/state')).text);
    const fields = { _csrf: String($form('input[name=_csrf]').val()), outstanding: String($form('input[name=outstanding]').val()), to: 'finalised', reason: 'The panel agreed the flagged score stands; summaries read at the meeting.' };
    const answers = await Promise.all([agent.post('/tenders/HW-2026-01/state').type('form').send(fields), agent.post('/tenders/HW-2026-01/state').type('form').send(fields)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [303, 400]);
    const main = load(answers.find((a) => a.status === 400)!.text)('main').text().replace(/\s+/g, ' ');
    assert.match(main, /This tender is finalised/);
    assert.match(main, /The tender is already at finalised: it was moved on a moment ago/);
    assert.doesNotMatch(main, /The tender is at moderation|outstanding|Move on to/i);
    assert.equal((await events('tender.state-changed')).length, 1);
  });

  it('lets only a commissioner who can see the tender move it on', async () => {
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await other.get('/tenders/HW-2026-01/state')).status, 404);
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.equal((await procurement.get('/tenders/HW-2026-01/state')).status, 403);
  });
});

describe('web: a tender pack upload that is wrong in any way is refused on the form (400), importing nothing', () => {
  let t: TestApp;
  let agent: request.Agent;
  before(async () => {
    t = await testApp();
    agent = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  const squash = (html: string, selector: string) => load(html)(selector).text().replace(/\s+/g, ' ').trim();
  /** The hand-worked pack in draft, without scores, under `reference`, changed by `change`. */
  const draftPack = (reference: string, change: (p: PackDoc) => void = () => {}): PackDoc => {
    const p = handWorkedPack();
    p.tender.reference = reference;
    p.tender['state'] = 'draft';
    p.scores = [];
    p.consensus = [];
    change(p);
    return p;
  };
  const upload = async (name: string, data: string | Buffer, field = 'pack') => {
    const token = await csrfToken(agent, '/tenders/upload');
    return agent.post('/tenders/upload').field('_csrf', token).attach(field, Buffer.from(data), name);
  };
  const tenderCount = async () => (await t.db.selectFrom('tenders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  /** The answer's status, the error summary and the listed problems ("path: message"). */
  const refusal = (res: request.Response) => ({
    status: res.status,
    summary: squash(res.text, '.govuk-error-summary'),
    problems: load(res.text)('main li').map((_i, li) => load(li).text().replace(/\s+/g, ' ').trim()).get().filter((l) => l.includes(': ')),
  });

  it('a file over 2 MB, a file in another field, or an upload cut off: said on the form, never a server error', async () => {
    const token = await csrfToken(agent, '/tenders/upload');
    const cut = await agent
      .post('/tenders/upload')
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send(`--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--XYZ\r\nContent-Disposition: form-data; name="pack"; filename="a.yaml"\r\n\r\nformat: tender-pack/1`);
    const before = await tenderCount();
    const answers = [
      refusal(await upload('big.yaml', 'x'.repeat(3 * 1024 * 1024))),
      refusal(await upload('p.yaml', stringify(draftPack('WRONG-FIELD')), 'file')),
      refusal(cut),
    ];
    assert.deepEqual(
      answers.map((a) => [a.status, a.summary]),
      [
        [400, 'There is a problem The file is larger than 2 MB; expected a tender pack under 2 MB (YAML or JSON text)'],
        [400, 'There is a problem Upload one file only, in the field "Tender pack file"'],
        [400, 'There is a problem The upload did not arrive whole; choose the file and upload it again'],
      ],
    );
    assert.equal(await tenderCount(), before);
  });

  it('a YAML "billion laughs" (aliases of aliases) is a problem of the file, not a server error', async () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const res = refusal(await upload('laughs.yaml', `${laughs.join('\n')}\nformat: tender-pack/1\n`));
    assert.equal(res.status, 400);
    assert.deepEqual(res.problems, [`(file): uses YAML aliases (*name) that expand into too much data (more than 100 copies of anchored values); expected the data written out, or only a few aliases`]);
  });

  it('finalises a pack that arrives finalised as the app does: its results and the chain head recorded, and audited', async () => {
    const scored = handWorkedPack();
    Object.assign(scored.tender, { reference: 'FINAL-1', state: 'finalised' });
    assert.equal((await upload('final.yaml', stringify(scored))).status, 303);
    const tender = await t.db.selectFrom('tenders').select(['id', 'state']).where('reference', '=', 'FINAL-1').executeTakeFirstOrThrow();
    assert.equal(tender.state, 'finalised');
    const finalisation = await t.db.selectFrom('finalisations').selectAll().where('tender_id', '=', tender.id).executeTakeFirstOrThrow();
    assert.match(finalisation.results_sha256, /^[0-9a-f]{64}$/);
    const events = await t.db.selectFrom('audit_events').select(['action', 'detail', 'hash']).where('tender_ref', '=', 'FINAL-1').orderBy('seq').execute();
    assert.deepEqual(events.map((e) => e.action), ['tender.imported', 'tender.state-changed']);
    const detail = JSON.parse(events[1]!.detail) as Record<string, unknown>;
    assert.deepEqual([detail['from'], detail['to'], detail['resultsSha256'], detail['chainHead']], ['imported', 'finalised', finalisation.results_sha256, events[0]!.hash]);
    assert.equal(finalisation.chain_head, events[0]!.hash, 'the chain head recorded is the import event');
    // What the app lets a commissioner pass over with a reason (here: summaries never reviewed in
    // this app) is recorded as passed over, the import its reason.
    const override = detail['override'] as { outstanding: string[]; reason: string };
    assert.ok(override.outstanding.some((item) => /The assessment summary for bid A \(Alder Care\) has not been reviewed/.test(item)), JSON.stringify(override));
    assert.equal(override.reason, 'Imported as finalised from the tender pack final.yaml: an evaluation finalised before it was brought into this app.');
    const stored = await t.db.selectFrom('stage_overrides').selectAll().where('tender_id', '=', tender.id).execute();
    assert.deepEqual(stored.map((o) => [o.from_state, o.to_state, JSON.parse(o.outstanding), o.reason]), [['moderation', 'finalised', override.outstanding, override.reason]]);
  });

  it('refuses a pack that arrives finalised when the app could not finalise it: nothing is imported', async () => {
    const before = await tenderCount();
    const res = refusal(await upload('unscored.yaml', stringify(draftPack('FINAL-2', (p) => (p.tender['state'] = 'finalised')))));
    assert.equal(res.status, 400);
    assert.ok(res.problems.length >= 4, JSON.stringify(res.problems));
    assert.ok(
      res.problems.includes('tender.state: the pack says the tender is finalised, but this stops finalising: Bid A (Alder Care) has no final score for “Working with people who use the service” and “Keeping people safe”; expected a tender ready to finalise (or import it with state: moderation, put this right in the app, and finalise it there)'),
      JSON.stringify(res.problems),
    );
    assert.equal(await tenderCount(), before);
    assert.equal((await t.db.selectFrom('audit_events').select('seq').where('tender_ref', '=', 'FINAL-2').execute()).length, 0);
  });

  it('applies the price rules of the forms to a pack: above £0, in whole pence, under £1 trillion', async () => {
    const res = refusal(
      await upload(
        'prices.yaml',
        stringify(
          draftPack('PRICES-1', (p) => {
            p.bids[0]!.price = 1e300;
            p.bids[1]!.price = 0.001;
            p.bids[2]!.price = 5e-324;
            p.bids[3]!.price = 0;
          }),
        ),
      ),
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.problems, [
      'bids[0].price: is too large; expected a price under £1,000,000,000,000',
      'bids[1].price: has more than 2 decimal places; expected pounds and pence, like 125000.50',
      'bids[2].price: has more than 2 decimal places; expected pounds and pence, like 125000.50',
      'bids[3].price: is not above £0; expected a price above 0, like 125000 or 125000.50',
    ]);
    assert.equal(await t.db.selectFrom('tenders').select('id').where('reference', '=', 'PRICES-1').executeTakeFirst(), undefined);
    const fine = await upload('prices-ok.yaml', stringify(draftPack('PRICES-2', (p) => (p.bids[0]!.price = 999_999_999_999.99))));
    assert.equal(fine.status, 303);
    const stored = await t.db.selectFrom('bids').innerJoin('tenders', 'tenders.id', 'bids.tender_id').select('bids.price').where('tenders.reference', '=', 'PRICES-2').where('bids.key', '=', 'A').executeTakeFirstOrThrow();
    assert.equal(stored.price, '999999999999.99');
  });

  it('keeps the words the app uses under /tenders/ out of references: the form and a pack', async () => {
    const routeWords = tenderRoutes({ db: t.db } as AppDeps)
      .stack.map((layer) => layer.route?.path)
      .filter((p): p is string => typeof p === 'string')
      .map((p) => /^\/tenders\/([^/:]+)$/.exec(p)?.[1])
      .filter((w): w is string => w !== undefined);
    assert.deepEqual([...new Set(routeWords)].sort(), [...RESERVED_REFERENCES].sort(), 'every page word under /tenders/ is reserved');
    const made: string[] = [];
    for (const reference of ['new', 'upload', 'NEW', 'Upload']) {
      const res = await agent.post('/tenders').type('form').send({ _csrf: await csrfToken(agent, '/tenders/new'), ...newTender, reference });
      if (res.status !== 400) made.push(`${reference} → ${res.status}`);
      else assert.match(squash(res.text, '.govuk-error-summary'), /The reference cannot be “new” or “upload”: the app uses those words for its own pages/);
    }
    const pack = refusal(await upload('new.yaml', stringify(draftPack('new'))));
    assert.deepEqual(made, []);
    assert.deepEqual([pack.status, pack.problems], [400, ['tender.reference: is "new", a word the app uses for its own pages (/tenders/new, /tenders/upload); expected another reference, such as "HC-2026-07"']]);
  });

  it('refuses a pack whose reference differs from a tender’s only in capital letters', async () => {
    const res = refusal(await upload('lower.yaml', stringify(draftPack('hw-2026-01'))));
    assert.deepEqual([res.status, res.problems], [400, ['tender.reference: "hw-2026-01" is already a tender here, written with other capital letters; expected a new reference']]);
    assert.deepEqual((await t.db.selectFrom('tenders').select('reference').where('reference', 'in', ['hw-2026-01', 'HW-2026-01']).execute()).map((r) => r.reference), ['HW-2026-01']);
  });

  it('refuses a JSON pack with a field given twice, naming it, as a YAML pack is refused', async () => {
    const json = JSON.stringify(draftPack('DUP-A')).replace('"reference":"DUP-A"', '"reference":"DUP-A","reference":"DUP-B"').replace('"key":"B"', '"key":"B","key":"Z"');
    const res = refusal(await upload('dup.json', json));
    const problem = 'is given more than once in the same group of fields; expected each field once (a JSON reader would keep only the last)';
    assert.deepEqual([res.status, res.problems], [400, [`tender.reference: ${problem}`, `bids[1].key: ${problem}`]]);
    assert.equal(await t.db.selectFrom('tenders').select('id').where('reference', 'in', ['DUP-A', 'DUP-B']).executeTakeFirst(), undefined);
    // The same pack without the repeats (and with escapes and nesting JSON allows) is imported.
    const fine = JSON.stringify(draftPack('DUP-C', (p) => (p.bids[0]!.supplier = 'Alder "Care", {Ltd} [\\]')), null, 2);
    assert.equal((await upload('fine.json', fine)).status, 303);
  });

  it('never shows the server’s folders on the page', async () => {
    const res = await upload('rubric.yaml', stringify(draftPack('FOLDERS-1', (p) => (p.tender.rubric = 'no-such'))));
    assert.equal(res.status, 400);
    const main = squash(res.text, 'main');
    assert.match(main, /tender\.rubric: "no-such" is not a published rubric; expected one of: /);
    assert.ok(!main.includes(RUBRICS_DIR), main);
    assert.doesNotMatch(main, /rubrics folder|\/work\/|[A-Z]:\\/);
  });
});
