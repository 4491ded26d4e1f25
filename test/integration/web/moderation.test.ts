// Moderation: the overview of every bid × criterion with its flags, one cell with every member's
// score and reason (the perspectives in turn, lived experience first), and recording a consensus
// score (the scale as the panel sees it, a rationale of substance, attendees, lived experience for
// co-production, history kept, never a member's score changed), only while scoring or in
// moderation, for commissioners and facilitators.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { tenderResults } from '../../../src/services/results/results';
import { importPack } from '../../../src/services/tender-import';
import { exact, formatHalfUp } from '../../../src/engine';
import { loadDataFile } from '../../../src/services/data-files';
import { handWorkedPack } from '../../helpers/packs';
import { formOn, panelAgent, scoringTender } from '../../helpers/scoring';
import { REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp, encode, type Form } from '../../helpers/web';

type Agent = request.Agent;
const words = (text: string): string => text.replace(/\s+/g, ' ').trim();

const HW = '/tenders/HW-2026-01/moderation';
const GOOD = 'The response names a safeguarding lead but says little about training, so the panel agreed Good.';

describe('web: moderation and consensus scores', () => {
  let t: TestApp;
  const as: Record<keyof typeof ACCOUNTS, Agent> = {} as Record<keyof typeof ACCOUNTS, Agent>;
  let copies = 0;

  before(async () => {
    t = await testApp();
    for (const name of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) as[name] = await signedIn(t.app, ACCOUNTS[name].email);
  });
  after(() => t.close());

  /** A copy of the hand-worked tender in the given state, owned by the owner; its moderation address. */
  async function tenderIn(state: string): Promise<string> {
    const pack = handWorkedPack();
    const reference = `HW-MOD-${++copies}`;
    pack.tender = { ...pack.tender, reference, state };
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return `/tenders/${reference}/moderation`;
  }

  async function post(agent: Agent, url: string, form: Form): Promise<request.Response> {
    const _csrf = await csrfToken(agent, '/tenders');
    return agent.post(url).type('form').send(encode({ ...form, _csrf }));
  }

  async function importDemo(): Promise<string> {
    const loaded = await loadDataFile(`${REPO_ROOT}/fixtures/demo/home-care-demo.yaml`);
    if (!loaded.ok) throw new Error('demo pack unreadable');
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), { ...(loaded.data as object), tender: { ...(loaded.data as { tender: object }).tender, reference: `DEMO-MOD-${++copies}` } }, { file: 'demo', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return imported.reference;
  }

  const consensusForm = (form: Partial<Form> = {}): Form => ({ score: '3', rationale: GOOD, attendees: ['m1', 'm2'], replaces: 'none', ...form }) as Form;
  const scoreRows = () => t.db.selectFrom('scores').selectAll().orderBy('id').execute();
  const consensusRows = () => t.db.selectFrom('consensus').selectAll().orderBy('id').execute();
  const events = (action: string, reference: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).where('tender_ref', '=', reference).orderBy('seq').execute();

  describe('the overview', () => {
    it('lists every bid × criterion with its flags, its score as it stands and a link to moderate it', async () => {
      const res = await as.owner.get(HW);
      assert.equal(res.status, 200);
      const $ = load(res.text);
      assert.equal($('a[aria-current="page"]').text(), 'Moderation');
      assert.equal($('tr[id^="cell-"]').length, 8, '4 bids (E is withdrawn) × 2 criteria');
      const a = $('#cell-A-co-production').text().replace(/\s+/g, ' ');
      assert.match(a, /Flagged/);
      assert.match(a, /scores range from 2 to 4/);
      assert.match(a, /average scores differ by 1 point or more/);
      assert.match(a, /3\.00/);
      assert.equal($('#cell-A-co-production a').attr('href'), `${HW}/A/co-production`);
      assert.match($('#cell-C-co-production').text(), /Consensus recorded/);
      assert.match($('#cell-C-co-production').text(), /4\.00/);
      assert.match($('#cell-B-safety').text(), /1 abstained/);
      assert.match($('#cell-A-safety').text(), /Not flagged/);
      assert.doesNotMatch(res.text, /Elm Partners/);
      assert.match($('#moderation-counts').text(), /2 bids and criteria are flagged for moderation; 1 of them has a consensus score/);
      // The meeting's list: only what is flagged and not agreed yet.
      const filter = $('#moderation-filter a');
      assert.equal(filter.text().trim(), 'Show only the 1 flagged bid and criterion with no consensus score yet');
      const toAgree = load((await as.owner.get(filter.attr('href')!)).text);
      assert.deepEqual(toAgree('tr[id^="cell-"]').map((_i, r) => toAgree(r).attr('id')).get(), ['cell-A-co-production']);
      assert.equal(toAgree('#moderation-filter a').attr('href'), HW);
      assert.equal($('#member-m2 a').attr('href'), `${HW}/members/m2/reopen`);
    });

    it('says there is nothing to moderate in draft, and that nothing changes once finalised', async () => {
      const draft = load((await as.owner.get(await tenderIn('draft'))).text);
      assert.match(draft('#moderation-state').text(), /nothing to moderate yet: scoring has not opened/);
      assert.equal(draft('tr[id^="cell-"]').length, 0);
      const scoring = load((await as.owner.get(await tenderIn('scoring'))).text);
      assert.match(scoring('#moderation-state').text(), /Scoring is still open: members may still send scores, so the flags and scores below can change/);
      const finalised = load((await as.owner.get(await tenderIn('finalised'))).text);
      assert.match(finalised('#moderation-state').text(), /finalised, so consensus scores and panel members’ scores cannot change/);
      assert.match(finalised('tr[id^="cell-"] a').first().text(), /^View/);
      assert.equal(finalised('a[href$="/reopen"]').length, 0);
    });

    it('is for the owner and facilitators: 404 to another commissioner, 403 to procurement, sign-in when signed out', async () => {
      assert.equal((await as.facilitator.get(HW)).status, 200);
      assert.equal((await as.otherCommissioner.get(HW)).status, 404);
      assert.equal((await as.procurement.get(HW)).status, 403);
      const signedOut = await request(t.app).get(HW);
      assert.equal(signedOut.status, 303);
      assert.equal(signedOut.headers['location'], '/sign-in');
    });
  });

  describe('one bid and criterion', () => {
    it('shows the criterion, the response, every score and reason grouped by perspective, the flags and the aggregate', async () => {
      const res = await as.owner.get(`${HW}/A/co-production`);
      assert.equal(res.status, 200);
      const $ = load(res.text);
      const main = $('main').text().replace(/\s+/g, ' ');
      assert.match(main, /People shape the service they use/);
      assert.match(main, /How will you design and review the service/);
      assert.match(main, /Real power sharing, paid involvement/);
      assert.match($('.app-moderation-response').text(), /We run a people's board\./);
      assert.match($('.govuk-warning-text').text(), /Flagged for moderation: scores range from 2 to 4; the perspectives' average scores differ by 1 point or more/);
      assert.deepEqual($('#averages [id^="group-"]').map((_i, h) => $(h).attr('id')).get(), ['group-lived-experience', 'group-professional']);
      assert.deepEqual([$('#group-professional dt').text(), $('#group-professional dd').text()], ['Professionals', 'average 2.50']);
      assert.deepEqual([$('#group-lived-experience dt').text(), $('#group-lived-experience dd').text()], ['People with lived experience', 'average 4.00']);
      assert.match($('#member-score-m1').text(), /4 – Excellent.*People sit on their board\./s);
      assert.match($('#member-score-m3').text(), /2 – Fair.*Mostly consultation\./s);
      assert.match($('#aggregate').next('dl').text(), /3\.00 \(the mean of the submitted scores\)/);
      assert.deepEqual($('input[name="attendees"]').map((_i, r) => $(r).attr('value')).get(), ['m1', 'm2', 'm3']);
      assert.equal($('input[name="replaces"]').attr('value'), 'none');
    });

    it('works for the demo tender (equal voice, seven members): the aggregate is the engine’s equal-voice score', async () => {
      const loaded = await loadDataFile(`${REPO_ROOT}/fixtures/demo/home-care-demo.yaml`);
      if (!loaded.ok) throw new Error('demo pack unreadable');
      const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file: 'demo', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
      if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
      const base = `/tenders/${imported.reference}/moderation`;
      const overview = await as.owner.get(base);
      assert.equal(overview.status, 200);
      const results = await tenderResults(t.db, imported.reference);
      const c = results!.bids.find((b) => b.key === 'C')!.criteria['co-production']!;
      const $ = load((await as.owner.get(`${base}/C/co-production`)).text);
      assert.equal($('#member-score-m1, #member-score-m2, #member-score-m3, #member-score-m4, #member-score-m5, #member-score-m6, #member-score-m7').length, 7);
      const expected = `${formatHalfUp(exact(c.final!), 2)} (${c.basis === 'consensus' ? 'the consensus score' : 'equal voice'}`;
      assert.ok($('#aggregate').next('dl').text().includes(expected), expected);
    });

    it('takes the perspectives’ reasons in turn, lived experience first, never professionals as a block first', async () => {
      // The demo tender: 3 members with lived experience (m1 to m3) and 4 professionals (m4 to m7).
      const reference = await importDemo();
      const members = await t.db
        .selectFrom('panel_members')
        .innerJoin('tenders', 'tenders.id', 'panel_members.tender_id')
        .select(['panel_members.key', 'panel_members.name', 'panel_members.perspective'])
        .where('tenders.reference', '=', reference)
        .orderBy('panel_members.key')
        .execute();
      const lived = members.filter((m) => m.perspective === 'lived-experience').map((m) => m.key);
      const professional = members.filter((m) => m.perspective === 'professional').map((m) => m.key);
      assert.deepEqual([lived, professional], [['m1', 'm2', 'm3'], ['m4', 'm5', 'm6', 'm7']]);
      const $ = load((await as.owner.get(`/tenders/${reference}/moderation/C/co-production`)).text);
      const order = $('tr[id^="member-score-"]').map((_i, r) => $(r).attr('id')!.replace('member-score-', '')).get();
      const expected = ['m1', 'm4', 'm2', 'm5', 'm3', 'm6', 'm7'];
      assert.deepEqual(order, expected);
      assert.equal(words($('#member-score-m1 [data-field="perspective"]').text()), 'lived experience');
      assert.match($('#reading-order').text(), /one from a person with lived experience, then one from a professional/);
      assert.equal($('a[href*="first="]').length, 0, 'no opt-in ordering link');
      // The order is the same whatever is asked in the address.
      const asked = load((await as.owner.get(`/tenders/${reference}/moderation/C/co-production?first=professional`)).text);
      assert.deepEqual(asked('tr[id^="member-score-"]').map((_i, r) => asked(r).attr('id')).get(), expected.map((k) => `member-score-${k}`));
    });

    it('lists the consensus scale as the panel’s pages do: highest first, each label with its plain meaning', async () => {
      // The panel's own score page, in easy read (m1's access needs), of a tender open for scoring.
      await scoringTender(t, 'SC-SCALE');
      const member = await panelAgent(t, 'm1', 'SC-SCALE');
      const conflicts = await formOn(member, '/panel/conflicts');
      await member.post('/panel/conflicts').type('form').send(encode({ _csrf: conflicts['_csrf']!, anyConflict: 'no' }));
      const panelPage = load((await member.get('/panel/bids/A/criteria/co-production')).text);
      const scaleOf = ($: ReturnType<typeof load>, name: string) =>
        $(`input[name="${name}"]`)
          .filter((_i, r) => $(r).attr('value') !== 'abstain')
          .map((_i, r) => `${$(r).attr('value')} | ${words($(`label[for="${$(r).attr('id')}"]`).text())} | ${words($(`#${$(r).attr('id')}-item-hint`).text())}`)
          .get();
      const panelScale = scaleOf(panelPage, 'choice');
      assert.deepEqual(panelScale, [
        '4 | 4 – Excellent | They told us everything we need',
        '3 | 3 – Good | They told us a lot',
        '2 | 2 – Fair | They told us some things',
        '1 | 1 – Poor | They told us very little',
        '0 | 0 – None | They did not tell us',
      ]);
      const $ = load((await as.owner.get(`${HW}/A/co-production`)).text);
      assert.deepEqual(scaleOf($, 'score'), panelScale);
      assert.equal($('input[name="score"][value="abstain"]').length, 0, 'a consensus is a score: no “I cannot score this”');
    });

    it('answers 404 for a bid or criterion not in the tender, and for a withdrawn bid', async () => {
      for (const path of ['Z/safety', 'A/nonsense', 'E/safety']) assert.equal((await as.owner.get(`${HW}/${path}`)).status, 404, path);
    });

    it('is for the owner and facilitators only', async () => {
      assert.equal((await as.facilitator.get(`${HW}/A/safety`)).status, 200);
      assert.equal((await as.otherCommissioner.get(`${HW}/A/safety`)).status, 404);
      assert.equal((await as.procurement.get(`${HW}/A/safety`)).status, 403);
      assert.equal((await request(t.app).get(`${HW}/A/safety`)).headers['location'], '/sign-in');
    });
  });

  describe('recording a consensus score', () => {
    it('records the score, rationale and attendees, keeps every member’s score unchanged, and audits it', async () => {
      const url = await tenderIn('moderation');
      const reference = url.split('/')[2]!;
      const before = await scoreRows();
      const res = await post(as.owner, `${url}/A/safety`, consensusForm({ score: '2', attendees: ['m2', 'm3'] }));
      assert.equal(res.status, 303);
      assert.equal(res.headers['location'], `${url}/A/safety?done=recorded#consensus`);
      assert.deepEqual(await scoreRows(), before, 'no individual score changed');
      const page = load((await as.owner.get(`${url}/A/safety?done=recorded`)).text);
      assert.match(page('.govuk-notification-banner').text(), /consensus score was recorded/);
      assert.match(page('#consensus').next('dl').text(), /2 – Fair.*safeguarding lead.*Priya Shah \(professional\).*Tom Reid \(professional\)/s);
      assert.match(page('#consensus').next('dl').text(), /Recorded by\s*Test owner \(commissioner\), /, 'the person by name, not their sign-in address');
      const results = await tenderResults(t.db, reference);
      const cell = results!.bids.find((b) => b.key === 'A')!.criteria['safety']!;
      assert.deepEqual([cell.final, cell.basis], [2, 'consensus']);
      assert.equal(cell.scores.length, 2, 'the members’ scores stay next to the consensus');
      const [event] = await events('consensus.recorded', reference);
      assert.ok(event);
      assert.equal(event.actor, `commissioner:${ACCOUNTS.owner.email}`);
      assert.deepEqual(JSON.parse(event.detail), { bid: 'A', criterion: 'safety', previous: null, score: 2, rationale: GOOD, attendees: ['m2', 'm3'] });
    });

    it('lets a facilitator record it, and works while scoring is still open', async () => {
      const url = await tenderIn('scoring');
      assert.equal((await post(as.facilitator, `${url}/A/safety`, consensusForm())).status, 303);
      const [event] = await events('consensus.recorded', url.split('/')[2]!);
      assert.equal(event?.actor, `facilitator:${ACCOUNTS.facilitator.email}`);
    });

    it('accepts a rationale of substance that names neither “response” nor “bid” (the issue’s example)', async () => {
      const url = await tenderIn('moderation');
      const rationale = 'Panel agreed: mostly consultation; one shared decision (interview panels). No payment or budget.';
      assert.equal((await post(as.owner, `${url}/A/co-production`, consensusForm({ score: '2', rationale, attendees: ['m1', 'm3'] }))).status, 303);
      const [row] = await t.db.selectFrom('consensus').innerJoin('tenders', 'tenders.id', 'consensus.tender_id').select('consensus.rationale').where('tenders.reference', '=', url.split('/')[2]!).where('consensus.criterion', '=', 'co-production').where('consensus.score', '=', 2).execute();
      assert.equal(row?.rationale, rationale);
      // Exactly 40 characters is enough.
      const forty = 'Clear lead named; training plan missing.';
      assert.equal(forty.length, 40);
      assert.equal((await post(as.owner, `${url}/A/safety`, consensusForm({ rationale: forty }))).status, 303);
    });

    it('requires a rationale of at least 40 characters that is not a copy of a member’s reason', async () => {
      // A long reason of a member's, to copy: m2's reason for bid A, safety, made longer.
      const url = await tenderIn('moderation');
      const reference = url.split('/')[2]!;
      const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
      const member = await t.db.selectFrom('panel_members').select('id').where('tender_id', '=', tender.id).where('key', '=', 'm2').executeTakeFirstOrThrow();
      const reason = 'Sound process: a named lead, yearly training and a review after every incident.';
      await t.db.updateTable('scores').set({ rationale: reason }).where('member_id', '=', member.id).where('criterion', '=', 'safety').execute();
      const before = await consensusRows();
      for (const [rationale, message] of [
        ['', /Enter why the panel agreed this score/],
        ['The response was good.', /at least 40 characters/],
        ['Clear lead named; training plan missing', /at least 40 characters/],
        [reason, /The reason is the same as Priya Shah’s reason for their own score/],
        [`  ${reason.toUpperCase().replace(/ /g, '  \n')}  `, /The reason is the same as Priya Shah’s reason/],
      ] as const) {
        const res = await post(as.owner, `${url}/A/safety`, consensusForm({ rationale }));
        assert.equal(res.status, 400, rationale);
        const $ = load(res.text);
        assert.match($('title').text(), /^Error: /);
        assert.equal($('.govuk-error-summary a').attr('href'), '#rationale');
        assert.match($('.govuk-error-summary').text(), message);
        assert.match($('#rationale-error').text(), message);
        assert.equal($('#rationale').length, 1, 'the summary links to the field');
        assert.equal($('#rationale').text().trim(), rationale.trim(), 'what was typed is kept');
      }
      assert.deepEqual(await consensusRows(), before);
      assert.equal((await events('consensus.recorded', reference)).length, 0);
      // The member's reason with something of the panel's own added is the panel's reason.
      assert.equal((await post(as.owner, `${url}/A/safety`, consensusForm({ rationale: `${reason} The panel agreed this is Good, not Excellent.` }))).status, 303);
    });

    it('requires a score on the scale and at least one attendee from the panel', async () => {
      const missing = await post(as.owner, `${HW}/A/safety`, consensusForm({ score: '', attendees: [] }));
      assert.equal(missing.status, 400);
      const $ = load(missing.text);
      assert.deepEqual($('.govuk-error-summary a').map((_i, a) => $(a).attr('href')).get(), ['#score', '#attendees']);
      assert.equal($('#score').attr('name'), 'score');
      assert.equal($('#attendees').attr('name'), 'attendees');
      const offScale = await post(as.owner, `${HW}/A/safety`, consensusForm({ score: '9' }));
      assert.equal(offScale.status, 400);
      assert.match(offScale.text, /Choose a score from 0 to 4/);
      const stranger = await post(as.owner, `${HW}/A/safety`, consensusForm({ attendees: ['m1', 'x9'] }));
      assert.equal(stranger.status, 400);
      assert.match(stranger.text, /Choose who attended from the list/);
    });

    it('refuses a consensus score of “-0” with a clear message, recording nothing', async () => {
      const before = await consensusRows();
      const res = await post(as.owner, `${HW}/A/safety`, consensusForm({ score: '-0' }));
      assert.equal(res.status, 400);
      const $ = load(res.text);
      assert.equal($('.govuk-error-summary a[href="#score"]').text().trim(), 'Choose the score the panel agreed from the list: “-0” is not a score on the scale (0 has no minus sign)');
      assert.deepEqual(await consensusRows(), before);
    });

    it('refuses the co-production criterion without a lived-experience attendee, with a clear message', async () => {
      const url = await tenderIn('moderation');
      const refused = await post(as.owner, `${url}/A/co-production`, consensusForm({ attendees: ['m2', 'm3'] }));
      assert.equal(refused.status, 400);
      const $ = load(refused.text);
      assert.equal($('.govuk-error-summary a').attr('href'), '#attendees');
      assert.match($('#attendees-error').text(), /“Working with people who use the service” is the co-production criterion: it cannot be moderated without at least one panel member with lived experience attending/);
      assert.equal($('input[name="attendees"][value="m2"]').attr('checked'), 'checked', 'the ticks are kept');
      assert.equal((await events('consensus.recorded', url.split('/')[2]!)).length, 0);
      assert.equal((await post(as.owner, `${url}/A/co-production`, consensusForm({ attendees: ['m1', 'm3'] }))).status, 303);
    });

    it('keeps the earlier consensus score and rationale when a new one is recorded, with both in the audit event', async () => {
      const url = await tenderIn('moderation');
      const reference = url.split('/')[2]!;
      const page = load((await as.owner.get(`${url}/C/co-production`)).text);
      const replaces = page('input[name="replaces"]').attr('value')!;
      assert.match(replaces, /^\d+$/);
      const rationale = 'On reflection the response shows consultation more than shared power, so Good rather than Excellent.';
      assert.equal((await post(as.owner, `${url}/C/co-production`, consensusForm({ rationale, replaces }))).status, 303);
      const history = await t.db.selectFrom('consensus_history').selectAll().execute();
      const old = history.find((h) => h.rationale.startsWith('On discussion the panel agreed their people'));
      assert.ok(old, 'the earlier rationale is kept');
      assert.equal(old.score, 4);
      const $ = load((await as.owner.get(`${url}/C/co-production`)).text);
      assert.match($('#consensus').next('dl').text(), /3 – Good.*On reflection/s);
      assert.match($('#history').nextAll('dl').first().text(), /4 – Excellent.*people's council/s);
      const [event] = await events('consensus.recorded', reference);
      const detail = JSON.parse(event!.detail) as { previous: { score: number; rationale: string }; score: number; rationale: string };
      assert.equal(detail.previous.score, 4);
      assert.match(detail.previous.rationale, /people's council/);
      assert.deepEqual([detail.score, detail.rationale], [3, rationale]);
    });

    it('shows a conflict, not a silent overwrite, when someone recorded one meanwhile', async () => {
      const url = await tenderIn('moderation');
      assert.equal((await post(as.owner, `${url}/A/safety`, consensusForm())).status, 303);
      const before = await consensusRows();
      const stale = await post(as.facilitator, `${url}/A/safety`, consensusForm({ score: '1', replaces: 'none' }));
      assert.equal(stale.status, 409);
      assert.match(load(stale.text)('.govuk-error-summary').text(), /Someone else recorded a consensus score/);
      assert.deepEqual(await consensusRows(), before);
    });

    it('refuses every change once finalised (409) and in draft, changing nothing', async () => {
      for (const state of ['finalised', 'draft']) {
        const url = await tenderIn(state);
        const before = [await consensusRows(), await scoreRows()];
        const res = await post(as.owner, `${url}/A/safety`, consensusForm());
        assert.equal(res.status, 409, state);
        assert.match(load(res.text)('main').text(), state === 'draft' ? /scoring has not opened/ : /the tender is finalised/);
        assert.deepEqual([await consensusRows(), await scoreRows()], before);
        const page = load((await as.owner.get(`${url}/A/safety`)).text);
        assert.equal(page('form[action$="/A/safety"]').length, 0, 'no form to record one');
      }
    });

    it('refuses another commissioner (404), procurement (403) and a signed-out person (sign in)', async () => {
      const before = await consensusRows();
      assert.equal((await post(as.otherCommissioner, `${HW}/A/safety`, consensusForm())).status, 404);
      assert.equal((await post(as.procurement, `${HW}/A/safety`, consensusForm())).status, 403);
      const anonymous = request.agent(t.app);
      const _csrf = await csrfToken(anonymous, '/sign-in');
      const signedOut = await anonymous.post(`${HW}/A/safety`).type('form').send(encode({ ...consensusForm(), _csrf }));
      assert.equal(signedOut.status, 303);
      assert.equal(signedOut.headers['location'], '/sign-in');
      assert.deepEqual(await consensusRows(), before);
    });
  });
});
