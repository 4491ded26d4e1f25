// Assessment summaries of the hand-worked tender HW-2026-01 (moderation; C wins, D fails safety,
// E withdrawn): the commissioner's edited explanations (stored, audited with old and new text,
// refused outside moderation), who may see and change what, and finalising.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { tenderRepository } from '../../../src/data/tender-repository';
import { addTender, events } from '../../helpers/bid-tenders';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = 'HW-2026-01';
const BASE = `/tenders/${HW}/summaries`;
const EDIT_A = `${BASE}/A/edit`;
const ACTION = 'summary.explanations-changed';

describe('web: editing assessment summaries, and who may see them', () => {
  let t: TestApp;
  const agents = {} as Record<keyof typeof ACCOUNTS, request.Agent>;
  before(async () => {
    t = await testApp();
    for (const account of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) agents[account] = await signedIn(t.app, ACCOUNTS[account].email);
    await addTender(t, 'SC-1', 'scoring');
    await addTender(t, 'FIN-1', 'moderation');
  });
  after(() => t.close());

  /** The edit form's fields as they stand, to send back with some changed. */
  async function form(agent: request.Agent, url = EDIT_A): Promise<Record<string, string>> {
    const res = await agent.get(url);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    const fields: Record<string, string> = {};
    $('form input[type="hidden"], form textarea').each((_, el) => {
      const name = $(el).attr('name')!;
      fields[name] = el.tagName === 'textarea' ? $(el).text() : String($(el).val());
    });
    return fields;
  }

  const article = async (key: string, as: request.Agent = agents.owner) => load((await as.get(`${BASE}/${key}`)).text.replace(/></g, '> <'))('article').text().replace(/\s+/g, ' ');

  it("starts each explanation from the panel's reasons and shows them on the form", async () => {
    const fields = await form(agents.owner);
    assert.equal(fields['explanation-co-production'], 'Panel member with lived experience: People sit on their board.\n\nProfessional panel member: Good, some detail missing.\n\nProfessional panel member: Mostly consultation.');
    assert.match(fields['was-co-production']!, /^[0-9a-f]{16}$/);
  });

  it('uses the edited text in the summary and audits the old and the new text', async () => {
    const fields = await form(agents.owner);
    const before = fields['explanation-safety']!;
    const res = await agents.owner.post(EDIT_A).type('form').send({ ...fields, 'explanation-safety': 'The panel found a clear safeguarding lead and a sound process.\r\n\r\nIt wanted more on training.' });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], `${BASE}/A`);
    const page = await article('A');
    assert.match(page, /Why it got this score The panel found a clear safeguarding lead and a sound process\. It wanted more on training\./);
    assert.doesNotMatch(page, /Sound process\./);
    const audit = await events(t, HW, ACTION);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, `commissioner:${ACCOUNTS.owner.email}`);
    assert.deepEqual(audit[0]!.detail, {
      bid: 'A',
      changes: [{ criterion: 'safety', old: before, new: 'The panel found a clear safeguarding lead and a sound process.\n\nIt wanted more on training.', wording: 'commissioner' }],
    });
    // The list says so; the form starts from the edited text.
    assert.match(load((await agents.owner.get(BASE)).text)('#bid-A').text(), /1 changed by the commissioner/);
    assert.match((await form(agents.owner))['explanation-safety']!, /^The panel found a clear/);
  });

  it("goes back to the panel's record when a box is emptied, audited too", async () => {
    const fields = await form(agents.owner);
    const res = await agents.owner.post(EDIT_A).type('form').send({ ...fields, 'explanation-safety': '  ' });
    assert.equal(res.status, 303);
    assert.match(await article('A'), /Panel member with lived experience: Clear lead\. Professional panel member: Sound process\./);
    const last = (await events(t, HW, ACTION)).at(-1)!;
    assert.deepEqual((last.detail['changes'] as { wording: string; new: string }[]).map((c) => [c.wording, c.new]), [['panel record', 'Panel member with lived experience: Clear lead.\n\nProfessional panel member: Sound process.']]);
  });

  it('refuses an explanation sent twice (a damaged form), keeping the stored wording', async () => {
    const fields = await form(agents.owner);
    const before = await article('A');
    const written = (await events(t, HW, ACTION)).length;
    const body = new URLSearchParams(Object.entries(fields));
    body.append('explanation-safety', 'a second copy');
    const res = await agents.owner.post(EDIT_A).type('form').send(body.toString());
    assert.equal(res.status, 400);
    assert.match(load(res.text)('.govuk-error-summary').text(), /The form was not complete/);
    assert.equal(await article('A'), before);
    assert.equal((await events(t, HW, ACTION)).length, written);
  });

  it('saves nothing and writes no audit event when nothing changed', async () => {
    const count = (await events(t, HW, ACTION)).length;
    const res = await agents.owner.post(EDIT_A).type('form').send(await form(agents.owner));
    assert.equal(res.status, 303);
    assert.match((await agents.owner.get(`${BASE}/A`)).text, /Nothing was changed/);
    assert.equal((await events(t, HW, ACTION)).length, count);
  });

  it('refuses an explanation that is too long, with the error summary, and keeps what was typed', async () => {
    const fields = await form(agents.owner);
    const res = await agents.owner.post(EDIT_A).type('form').send({ ...fields, 'explanation-co-production': 'x'.repeat(5001), 'explanation-safety': 'Kept' });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('title').text(), /^Error: /);
    assert.equal($('.govuk-error-summary a').attr('href'), '#explanation-co-production');
    assert.match($('.govuk-error-summary').text(), /must be 5,000 characters or fewer/);
    assert.equal($('#explanation-co-production').length, 1);
    assert.equal($('#explanation-safety').text(), 'Kept');
  });

  it('refuses a change made over someone else’s, and saves nothing', async () => {
    const stale = await form(agents.owner);
    await agents.owner.post(EDIT_A).type('form').send({ ...stale, 'explanation-co-production': 'First wording.' });
    const count = (await events(t, HW, ACTION)).length;
    const res = await agents.owner.post(EDIT_A).type('form').send({ ...stale, 'explanation-co-production': 'Second wording.' });
    assert.equal(res.status, 400);
    assert.match(load(res.text)('.govuk-error-summary').text(), /changed by someone else while you were editing/);
    assert.match(await article('A'), /First wording\./);
    assert.equal((await events(t, HW, ACTION)).length, count);
  });

  it("counts each bid's edited explanations in the list, this tender's only, as its edit form shows them", async () => {
    /** The list's "Explanations" column, by bid. */
    const listed = async (reference: string): Promise<Record<string, string>> => {
      const $ = load((await agents.owner.get(`/tenders/${reference}/summaries`)).text);
      return Object.fromEntries($('tbody tr').map((_, row) => [[$(row).attr('id')!.replace(/^bid-/, ''), $(row).find('td').last().text().trim()]]).get() as [string, string][]);
    };
    /** How many of a bid's explanations its edit form says use the commissioner's wording. */
    const ownWording = async (reference: string, key: string): Promise<number> =>
      load((await agents.owner.get(`/tenders/${reference}/summaries/${key}/edit`)).text)('.govuk-hint').filter((_, el) => /uses your wording/.test(load(el).text())).length;
    const edit = async (reference: string, key: string, texts: Record<string, string>) => {
      const url = `/tenders/${reference}/summaries/${key}/edit`;
      const res = await agents.owner.post(url).type('form').send({ ...(await form(agents.owner, url)), ...texts });
      assert.equal(res.status, 303, `${reference} ${key}`);
    };
    // Another tender at moderation with the same bid keys, both of its bid A's explanations edited.
    await addTender(t, 'MOD-2', 'moderation');
    await edit('MOD-2', 'A', { 'explanation-co-production': 'Other tender, first.', 'explanation-safety': 'Other tender, second.' });
    await edit(HW, 'B', { 'explanation-co-production': 'B, first.', 'explanation-safety': 'B, second.' });
    // A keeps the co-production wording saved above.
    assert.deepEqual(await listed(HW), {
      A: '1 changed by the commissioner',
      B: '2 changed by the commissioner',
      C: 'As the panel recorded them',
      D: 'As the panel recorded them',
    });
    assert.deepEqual(await listed('MOD-2'), { A: '2 changed by the commissioner', B: 'As the panel recorded them' });
    for (const [reference, counts] of [[HW, { A: 1, B: 2, C: 0, D: 0 }], ['MOD-2', { A: 2, B: 0 }]] as const) {
      for (const [key, count] of Object.entries(counts)) assert.equal(await ownWording(reference, key), count, `${reference} ${key}`);
    }
    // Back to the panel's record: one fewer.
    await edit(HW, 'B', { 'explanation-safety': '' });
    assert.equal((await listed(HW))['B'], '1 changed by the commissioner');
  });

  it('refuses edits before moderation (409) and says so on the summary', async () => {
    const res = await agents.owner.get('/tenders/SC-1/summaries/A/edit');
    assert.equal(res.status, 409);
    assert.match(res.text, /once scoring has closed and the tender is at moderation/);
    const page = await agents.owner.get('/tenders/SC-1/summaries/A');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Change the explanations/);
  });

  it('issues the summaries when the tender is finalised, and refuses every edit after', async () => {
    const tender = (await tenderRepository.findByReference(t.db, 'FIN-1'))!;
    const token = await csrfToken(agents.owner, '/tenders/FIN-1/summaries/A/edit');
    // FIN-1 has no scores, so finalising it is blocked (stage-readiness.test.ts): it is finalised here directly.
    await t.db.updateTable('tenders').set({ state: 'finalised' }).where('id', '=', tender.id).execute();
    const page = await agents.owner.get('/tenders/FIN-1/summaries/A');
    assert.doesNotMatch(page.text, /not yet issued/);
    assert.match(page.text, /as finalised/);
    const get = await agents.owner.get('/tenders/FIN-1/summaries/A/edit');
    assert.equal(get.status, 409);
    assert.match(get.text, /the tender is finalised/);
    const post = await agents.owner.post('/tenders/FIN-1/summaries/A/edit').type('form').send({ _csrf: token, 'explanation-safety': 'Late change', 'was-safety': 'x' });
    assert.equal(post.status, 409);
    assert.equal((await events(t, 'FIN-1', ACTION)).length, 0);
  });

  it('gives no summary for a withdrawn or unknown bid', async () => {
    assert.match((await agents.owner.get(BASE)).text, /Withdrawn bids get no summary: bid E/);
    for (const path of [`${BASE}/E`, `${BASE}/Z`, `${BASE}/E/edit`, `${BASE}/not%20a%20key`]) assert.equal((await agents.owner.get(path)).status, 404, path);
  });

  it('lets procurement read summaries (with prices) but not change them', async () => {
    assert.equal((await agents.procurement.get(BASE)).status, 200);
    assert.match(await article('D', agents.procurement), /Price \(£50,000\) None/);
    assert.equal((await agents.procurement.get(EDIT_A)).status, 403);
    const token = await csrfToken(agents.procurement, BASE);
    const post = await agents.procurement.post(EDIT_A).type('form').send({ _csrf: token });
    assert.equal(post.status, 403);
  });

  it('hides the tender from another commissioner (404) and refuses facilitators (403) and signed-out people', async () => {
    for (const path of [BASE, `${BASE}/A`, EDIT_A]) {
      assert.equal((await agents.otherCommissioner.get(path)).status, 404, path);
      assert.equal((await agents.facilitator.get(path)).status, 403, path);
      const anon = await request(t.app).get(path);
      assert.equal(anon.status, 303);
      assert.equal(anon.headers['location'], '/sign-in');
    }
    const token = await csrfToken(agents.otherCommissioner, '/tenders/new');
    assert.equal((await agents.otherCommissioner.post(EDIT_A).type('form').send({ _csrf: token })).status, 404);
    assert.equal((await events(t, HW, ACTION)).every((e) => e.actor === `commissioner:${ACCOUNTS.owner.email}`), true);
  });
});
