// Dissent from a consensus score: written down at the moderation meeting by whoever chairs it, for
// a member who attended; refused when the member did not attend, the reason is missing or too
// short, the consensus changed meanwhile, or the tender is not at moderation. Shown on the bid and
// criterion's page and marked on the overview, audited (member key, no reason), and in the
// workbook's Moderation sheet as text.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { readWorkbook, tableOf } from '../../helpers/export-workbooks';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

type Agent = request.Agent;
const REASON = 'The council is new and has met only twice; I would give 3, Good, not Excellent.';

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('web: dissent from a consensus score', () => {
  let t: TestApp;
  let owner: Agent;
  let facilitator: Agent;
  let procurement: Agent;
  let copies = 0;

  before(async () => {
    t = await testApp();
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
  });
  after(() => t.close());

  /** A copy of the hand-worked tender in a state: bid C's co-production has a consensus of 4 (m1 and m2 attended). */
  async function tenderIn(state: string): Promise<{ reference: string; cell: string }> {
    const pack = handWorkedPack();
    const reference = `HW-DIS-${++copies}`;
    pack.tender = { ...pack.tender, reference, state };
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return { reference, cell: `/tenders/${reference}/moderation/C/co-production` };
  }

  async function consensusId(cell: string, agent = owner): Promise<string> {
    const value = load((await agent.get(cell)).text)('form[action$="/dissent"] input[name="consensus"]').attr('value');
    assert.ok(value, 'the dissent form names the consensus score it is about');
    return value;
  }

  async function post(agent: Agent, url: string, form: Form): Promise<request.Response> {
    const _csrf = await csrfToken(agent, '/tenders');
    return agent.post(url).type('form').send(encode({ ...form, _csrf }));
  }

  const dissents = (reference: string) =>
    t.db
      .selectFrom('consensus_dissents')
      .innerJoin('tenders', 'tenders.id', 'consensus_dissents.tender_id')
      .innerJoin('panel_members', 'panel_members.id', 'consensus_dissents.member_id')
      .select(['panel_members.key as member', 'consensus_dissents.criterion', 'consensus_dissents.consensus_score', 'consensus_dissents.reason', 'consensus_dissents.recorded_by'])
      .where('tenders.reference', '=', reference)
      .execute();
  const events = (reference: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', 'moderation.dissent-recorded').where('tender_ref', '=', reference).execute();

  it('offers the attendees of the consensus score only, and records a dissent with one audit event that keeps the reason out', async () => {
    const { reference, cell } = await tenderIn('moderation');
    const page = load((await owner.get(cell)).text);
    assert.deepEqual(page('form[action$="/dissent"] input[name="member"]').map((_i, r) => page(r).attr('value')).get(), ['m1', 'm2'], 'm3 did not attend');
    const res = await post(owner, `${cell}/dissent`, { member: 'm2', reason: REASON, consensus: await consensusId(cell) });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], `${cell}?done=dissent#dissents`);
    assert.deepEqual(await dissents(reference), [{ member: 'm2', criterion: 'co-production', consensus_score: 4, reason: REASON, recorded_by: `commissioner:${ACCOUNTS.owner.email}` }]);
    const audited = await events(reference);
    assert.equal(audited.length, 1);
    assert.equal(audited[0]!.actor, `commissioner:${ACCOUNTS.owner.email}`);
    assert.deepEqual(JSON.parse(audited[0]!.detail), { member: 'm2', bid: 'C', criterion: 'co-production', consensusScore: 4 });
    // On the record: the cell page and the overview's marker.
    const $ = load((await owner.get(`${cell}?done=dissent`)).text);
    assert.match($('.govuk-notification-banner').text(), /The dissent was recorded/);
    const shown = $('#dissents').nextAll('dl').first().text().replace(/\s+/g, ' ');
    assert.match(shown, /Priya Shah \(professional\)/);
    assert.match(shown, /the consensus score 4 – Excellent/);
    assert.ok(shown.includes(REASON));
    assert.match(shown, /Test owner \(commissioner\)/);
    assert.match($('#consensus').next('dl').text(), /4 – Excellent/, 'the consensus score is unchanged');
    const overview = load((await owner.get(`/tenders/${reference}/moderation`)).text);
    assert.equal(overview('#cell-C-co-production [data-field="dissents"]').text().trim(), '1 dissent recorded');
    assert.equal(overview('#cell-A-co-production [data-field="dissents"]').length, 0);
  });

  it('lets a facilitator write it down, and shows a dissent from a replaced consensus score as from an earlier one', async () => {
    const { reference, cell } = await tenderIn('moderation');
    assert.equal((await post(facilitator, `${cell}/dissent`, { member: 'm1', reason: REASON, consensus: await consensusId(cell, facilitator) })).status, 303);
    assert.equal((await events(reference))[0]?.actor, `facilitator:${ACCOUNTS.facilitator.email}`);
    const replaces = load((await owner.get(cell)).text)('input[name="replaces"]').attr('value')!;
    const rationale = 'On reflection the panel agreed the council is new: good plans, little track record yet.';
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    assert.equal((await post(owner, cell, { score: '3', rationale, attendees: ['m1', 'm2'], replaces })).status, 303);
    const $ = load((await owner.get(cell)).text);
    assert.match($('#dissents').nextAll('dl').first().text(), /an earlier consensus score, 4 – Excellent/);
  });

  it('refuses a member who did not attend, a missing or short reason, a member not on the panel and a second dissent, writing nothing', async () => {
    const { reference, cell } = await tenderIn('moderation');
    const consensus = await consensusId(cell);
    for (const [form, href, message] of [
      [{ member: 'm3', reason: REASON }, '#dissent-member', /Choose the member who disagrees from those who attended/],
      [{ member: 'x9', reason: REASON }, '#dissent-member', /Choose the member who disagrees from those who attended/],
      [{ member: '', reason: REASON }, '#dissent-member', /Choose the member who disagrees/],
      [{ member: 'm1', reason: '' }, '#dissent-reason', /Enter why the member disagrees/],
      [{ member: 'm1', reason: '   I disagree.   ' }, '#dissent-reason', /at least 20 characters/],
    ] as const) {
      const res = await post(owner, `${cell}/dissent`, { ...form, consensus });
      assert.equal(res.status, 400, JSON.stringify(form));
      const $ = load(res.text);
      assert.match($('title').text(), /^Error: /);
      assert.equal($('.govuk-error-summary a').first().attr('href'), href);
      assert.match($('.govuk-error-summary').text(), message);
      assert.equal($(href).length, 1, 'the summary links to a field on the page');
      assert.match($(`${href}-error`).text(), message);
      assert.equal($('#dissent-reason').text(), form.reason, 'what was typed is kept');
    }
    assert.deepEqual(await dissents(reference), []);
    assert.equal((await events(reference)).length, 0);
    assert.equal((await post(owner, `${cell}/dissent`, { member: 'm1', reason: REASON, consensus })).status, 303);
    const twice = await post(owner, `${cell}/dissent`, { member: 'm1', reason: REASON, consensus });
    assert.equal(twice.status, 400);
    assert.match(load(twice.text)('.govuk-error-summary').text(), /Sam Okafor’s dissent from this consensus score is already recorded/);
    assert.equal((await dissents(reference)).length, 1);
  });

  it('refuses a dissent from a consensus score replaced meanwhile (409), writing nothing', async () => {
    const { reference, cell } = await tenderIn('moderation');
    const stale = await consensusId(cell);
    const replaces = load((await owner.get(cell)).text)('input[name="replaces"]').attr('value')!;
    assert.equal((await post(owner, cell, { score: '3', rationale: 'The panel agreed on Good: real plans for a council, no track record yet.', attendees: ['m1', 'm2'], replaces })).status, 303);
    const res = await post(owner, `${cell}/dissent`, { member: 'm1', reason: REASON, consensus: stale });
    assert.equal(res.status, 409);
    assert.match(load(res.text)('.govuk-error-summary').text(), /The consensus score changed while you were writing the dissent/);
    assert.deepEqual(await dissents(reference), []);
  });

  it('is recorded only at moderation: refused while scoring and once finalised (409), with no form shown', async () => {
    for (const [state, message] of [
      ['scoring', /A dissent cannot be recorded now: the tender is still at scoring/],
      ['finalised', /A dissent cannot be recorded now: the tender is finalised/],
      ['draft', /A dissent cannot be recorded now: scoring has not opened/],
    ] as const) {
      const { reference, cell } = await tenderIn(state);
      const id = (await t.db.selectFrom('consensus').innerJoin('tenders', 'tenders.id', 'consensus.tender_id').select('consensus.id').where('tenders.reference', '=', reference).executeTakeFirst())?.id;
      const res = await post(owner, `${cell}/dissent`, { member: 'm1', reason: REASON, consensus: String(id ?? '') });
      assert.equal(res.status, 409, state);
      assert.match(load(res.text)('main').text(), message);
      assert.equal(load((await owner.get(cell)).text)('form[action$="/dissent"]').length, 0, `${state}: no dissent form`);
      assert.deepEqual(await dissents(reference), []);
      assert.equal((await events(reference)).length, 0);
    }
  });

  it('is for the tender’s commissioner and facilitators: 404 to another commissioner, 403 to procurement', async () => {
    const { reference, cell } = await tenderIn('moderation');
    const consensus = await consensusId(cell);
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await post(other, `${cell}/dissent`, { member: 'm1', reason: REASON, consensus })).status, 404);
    assert.equal((await post(procurement, `${cell}/dissent`, { member: 'm1', reason: REASON, consensus })).status, 403);
    assert.deepEqual(await dissents(reference), []);
  });

  it('puts each dissent in the workbook’s Moderation sheet, the member’s words as text even when they start with “=”', async () => {
    const { reference, cell } = await tenderIn('moderation');
    const formulaLike = '=HYPERLINK("http://example.invalid","I would give 3, not 4")';
    assert.equal((await post(owner, `${cell}/dissent`, { member: 'm2', reason: formulaLike, consensus: await consensusId(cell) })).status, 303);
    for (const copy of ['', '?copy=panel']) {
      const res = await owner.get(`/tenders/${reference}/results/workbook.xlsx${copy}`).buffer(true).parse(binary);
      assert.equal(res.status, 200);
      const workbook = await readWorkbook(res.body as Buffer);
      const rows = tableOf(workbook.getWorksheet('Moderation')!, 'Dissent: member');
      assert.equal(rows.length, 1, copy);
      const row = rows[0]!;
      assert.deepEqual(
        ['Dissent: member', 'Bid', 'Criterion', 'From the consensus score', 'Why they disagree', 'Written down by'].map((h) => row.get(h)),
        ['Priya Shah (m2)', 'C', 'co-production', 4, formulaLike, `commissioner:${ACCOUNTS.owner.email}`],
      );
      const reason = row.cell('Why they disagree');
      assert.equal(reason.formula, undefined, 'never a formula');
      assert.equal(typeof reason.value, 'string');
    }
  });
});
