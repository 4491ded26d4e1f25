// Re-opening a panel member's scores in moderation: only with a reason, only the chosen scores of
// that member, kept as submitted, audited; not counted until submitted again; never after finalising.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { rubricOf, tenderResults } from '../../../src/services/results/results';
import { importPack } from '../../../src/services/tender-import';
import { frameworkPack } from '../../bench/framework-pack';
import { handWorkedPack } from '../../helpers/packs';
import { loadDataFile } from '../../../src/services/data-files';
import path from 'node:path';
import { REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp, encode, type Form } from '../../helpers/web';

type Agent = request.Agent;

const REASON = 'Priya scored before reading the appendix the bidder sent; she asked to look again.';

describe('web: re-opening a member’s scores', () => {
  let t: TestApp;
  const as: Record<keyof typeof ACCOUNTS, Agent> = {} as Record<keyof typeof ACCOUNTS, Agent>;
  let copies = 0;

  before(async () => {
    t = await testApp();
    for (const name of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) as[name] = await signedIn(t.app, ACCOUNTS[name].email);
  });
  after(() => t.close());

  /** A copy of the hand-worked tender in the given state; its reference. */
  async function tenderIn(state: string): Promise<string> {
    const pack = handWorkedPack();
    const reference = `HW-REOPEN-${++copies}`;
    pack.tender = { ...pack.tender, reference, state };
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return reference;
  }
  it('lists the scores bid by bid, each bid’s criteria in the rubric’s order (sections, then criteria), not alphabetically', async () => {
    const loaded = await loadDataFile(path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml'));
    if (!loaded.ok) throw new Error('demo pack unreadable');
    const pack = loaded.data as { tender: Record<string, unknown> };
    const reference = `DEMO-REOPEN-${++copies}`;
    pack.tender = { ...pack.tender, reference, state: 'moderation' };
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'demo', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const rubric = rubricOf(await t.db.selectFrom('tenders').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow());
    const inRubric = rubric.sections.flatMap((section) => section.criteria.map((c) => c.id));
    assert.notDeepEqual(inRubric, [...inRubric].sort(), 'the rubric’s order is not alphabetical');
    const $ = load((await as.owner.get(reopenUrl(reference, 'm4'))).text);
    const values = $('input[name="cells"]').map((_i, c) => $(c).attr('value')).get().filter((v) => v !== 'all');
    assert.ok(values.length > inRubric.length, 'the member scored more than one bid');
    const bids = [...new Set(values.map((v) => v.split(':')[0]!))];
    assert.deepEqual(bids, [...bids].sort(), 'bid by bid');
    for (const bid of bids) {
      const criteria = values.filter((v) => v.startsWith(`${bid}:`)).map((v) => v.slice(bid.length + 1));
      assert.deepEqual(criteria, inRubric.filter((c) => criteria.includes(c)), `bid ${bid}`);
    }
  });

  const reopenUrl = (reference: string, member = 'm2') => `/tenders/${reference}/moderation/members/${member}/reopen`;

  async function post(agent: Agent, url: string, form: Form): Promise<request.Response> {
    const _csrf = await csrfToken(agent, '/tenders');
    return agent.post(url).type('form').send(encode({ ...form, _csrf }));
  }

  /** Every score of a tender as "member bid criterion status score version". */
  async function scores(reference: string): Promise<string[]> {
    const rows = await t.db
      .selectFrom('scores')
      .innerJoin('tenders', 'tenders.id', 'scores.tender_id')
      .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .select(['m.key as member', 'bids.key as bid', 'scores.criterion', 'scores.status', 'scores.score', 'scores.rationale', 'scores.version'])
      .where('tenders.reference', '=', reference)
      .orderBy('scores.id')
      .execute();
    return rows.map((r) => `${r.member} ${r.bid} ${r.criterion} ${r.status} ${r.score} ${r.rationale} v${r.version}`);
  }
  const events = (reference: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', 'scores.reopened').where('tender_ref', '=', reference).execute();

  it('offers the member’s submitted scores, the one asked for already ticked, and says re-opened scores stop counting', async () => {
    const res = await as.owner.get(`${reopenUrl('HW-2026-01')}?cell=A:co-production`);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.equal($('input[name="cells"]').length, 9, '"all" and her 8 submitted scores');
    assert.equal($('input[name="cells"][value="A:co-production"]').attr('checked'), 'checked');
    assert.equal($('input[name="cells"]:checked').length, 1);
    assert.match($('main').text(), /does not count towards the results until Priya Shah submits it again/);
    assert.match($('main').text(), /Only Priya Shah’s scores change/);
  });

  it('re-opens only the chosen score of that member, keeping it as submitted with the reason, and audits it', async () => {
    const reference = await tenderIn('moderation');
    const before = await scores(reference);
    const res = await post(as.owner, reopenUrl(reference), { cells: 'A:co-production', reason: REASON });
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], `/tenders/${reference}/moderation?done=reopened#members`);
    const after = await scores(reference);
    const changed = after.filter((row, i) => row !== before[i]);
    assert.deepEqual(changed, ['m2 A co-production draft 3 Good, some detail missing. v2'], 'only her one score, back to draft, its value and reason unchanged');
    const kept = await t.db.selectFrom('score_reopenings').selectAll().execute();
    assert.equal(kept.length, 1);
    assert.deepEqual([kept[0]!.score, kept[0]!.rationale, kept[0]!.version, kept[0]!.reason], [3, 'Good, some detail missing.', 1, REASON]);
    const [event] = await events(reference);
    assert.deepEqual(JSON.parse(event!.detail), { member: 'm2', reason: REASON, cells: [{ bid: 'A', criterion: 'co-production', score: 3, version: 1 }] });
    // The re-opened score no longer counts: the mean of A on co-production is now (4 + 2) / 2.
    const results = await tenderResults(t.db, reference);
    const cell = results!.bids.find((b) => b.key === 'A')!.criteria['co-production']!;
    assert.deepEqual([cell.final, cell.scores.map((s) => s.member)], [3, ['m1', 'm3']]);
    const page = load((await as.owner.get(`/tenders/${reference}/moderation/A/co-production`)).text);
    assert.match(page('#member-score-m2').text(), /Draft: not counted until submitted/);
    assert.match(page('#reopened').nextAll('dl').first().text(), /Priya Shah.*3 – Good.*appendix/s);
  });

  it('re-opens all of one member’s submitted scores, and no one else’s', async () => {
    const reference = await tenderIn('scoring');
    const before = await scores(reference);
    assert.equal((await post(as.facilitator, reopenUrl(reference, 'm3'), { cells: ['all', 'A:co-production'], reason: 'Tom was unwell on the scoring day.' })).status, 303);
    const after = await scores(reference);
    for (const [i, row] of after.entries()) {
      if (row.startsWith('m3 ')) assert.match(row, / draft .* v2$/, row);
      else assert.equal(row, before[i]);
    }
    assert.equal(JSON.parse((await events(reference))[0]!.detail).cells.length, 4);
  });

  it('requires a reason and a choice of scores, naming the fields', async () => {
    const reference = await tenderIn('moderation');
    const before = await scores(reference);
    const res = await post(as.owner, reopenUrl(reference), { reason: '  ' });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('title').text(), /^Error: /);
    assert.deepEqual($('.govuk-error-summary a').map((_i, a) => $(a).attr('href')).get(), ['#cells', '#reason']);
    assert.equal($('#cells').attr('name'), 'cells');
    assert.equal($('#reason').attr('name'), 'reason');
    const noReason = await post(as.owner, reopenUrl(reference), { cells: 'A:safety' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.text, /Enter why the scores are being re-opened/);
    assert.equal(load(noReason.text)('input[value="A:safety"]').attr('checked'), 'checked', 'the choice is kept');
    const notHers = await post(as.owner, reopenUrl(reference, 'm3'), { cells: 'C:co-production', reason: REASON });
    assert.equal(notHers.status, 400, 'Tom has no score for C on co-production');
    assert.match(notHers.text, /Choose scores from the list/);
    assert.deepEqual(await scores(reference), before);
    assert.equal((await events(reference)).length, 0);
  });

  it('says when a member has nothing submitted to re-open', async () => {
    const reference = await tenderIn('moderation');
    assert.equal((await post(as.owner, reopenUrl(reference, 'm3'), { cells: 'all', reason: REASON })).status, 303);
    const $ = load((await as.owner.get(reopenUrl(reference, 'm3'))).text);
    assert.match($('#no-scores').text(), /Tom Reid has no submitted scores to re-open/);
    assert.equal($('form[action$="/reopen"]').length, 0);
  });

  it('refuses once finalised (409) and in draft, changing nothing', async () => {
    for (const state of ['finalised', 'draft']) {
      const reference = await tenderIn(state);
      const before = await scores(reference);
      assert.equal((await as.owner.get(reopenUrl(reference))).status, 409);
      const res = await post(as.owner, reopenUrl(reference), { cells: 'all', reason: REASON });
      assert.equal(res.status, 409);
      assert.match(load(res.text)('main').text(), /This cannot change now/);
      assert.deepEqual(await scores(reference), before);
      assert.equal((await events(reference)).length, 0);
    }
  });

  it('answers 404 for a member not on the panel, another commissioner 404, procurement 403, signed out 303', async () => {
    const reference = await tenderIn('moderation');
    const before = await scores(reference);
    assert.equal((await as.owner.get(reopenUrl(reference, 'm9'))).status, 404);
    assert.equal((await post(as.owner, reopenUrl(reference, 'm9'), { cells: 'all', reason: REASON })).status, 404);
    assert.equal((await as.otherCommissioner.get(reopenUrl(reference))).status, 404);
    assert.equal((await post(as.otherCommissioner, reopenUrl(reference), { cells: 'all', reason: REASON })).status, 404);
    assert.equal((await as.procurement.get(reopenUrl(reference))).status, 403);
    assert.equal((await post(as.procurement, reopenUrl(reference), { cells: 'all', reason: REASON })).status, 403);
    const signedOut = await request(t.app).get(reopenUrl(reference));
    assert.deepEqual([signedOut.status, signedOut.headers['location']], [303, '/sign-in']);
    assert.deepEqual(await scores(reference), before);
  });
  it('re-opens over a thousand ticked scores at once (a framework tender), not a 500', async () => {
    // 50 bids × 25 criteria: 1,250 submitted scores for each member, each a box on the page.
    const pack = frameworkPack({ bids: 50, criteria: 25, members: 10 }, 'FW-REOPEN');
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const url = reopenUrl('FW-REOPEN', 'm1');
    const $ = load((await as.owner.get(url)).text);
    const boxes = $('input[name="cells"]')
      .map((_i, el) => $(el).attr('value'))
      .get()
      .filter((v) => v !== 'all');
    assert.equal(boxes.length, 1_250);
    const res = await post(as.owner, url, { cells: boxes.slice(0, 1_100), reason: REASON });
    assert.equal(res.status, 303);
    const reopened = await t.db
      .selectFrom('scores')
      .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
      .innerJoin('tenders', 'tenders.id', 'scores.tender_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenders.reference', '=', 'FW-REOPEN')
      .where('m.key', '=', 'm1')
      .where('scores.status', '=', 'draft')
      .executeTakeFirstOrThrow();
    assert.equal(Number(reopened.n), 1_100);
    assert.equal((await events('FW-REOPEN')).length, 1);
  });
});
