// The results page (issue 5 item 2): the hand-worked figures, every reason a bid fails, ties in
// words, disagreement flags, who still has to score an incomplete bid, what price decides hidden
// from facilitators (all of it before finalising; the prices after), the chart and its text
// alternative, and who may see the page at all.
import assert from 'node:assert/strict';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import request from 'supertest';
import { issueInvitations } from '../../../src/services/invitations';
import { loadDataFile } from '../../../src/services/data-files';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { addTender } from '../../helpers/bid-tenders';
import { handWorkedPack, type RubricDoc } from '../../helpers/packs';
import { REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = '/tenders/HW-2026-01/results';
const DEMO_PACK = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');

async function importDemo(t: TestApp): Promise<string> {
  const loaded = await loadDataFile(DEMO_PACK);
  if (!loaded.ok) throw new Error('demo pack unreadable');
  const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file: DEMO_PACK, owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return imported.reference;
}

// Sign-in is rate limited, so each account signs in once for the whole file.
const agents = new Map<string, request.Agent>();
async function agentFor(t: TestApp, email: string): Promise<request.Agent> {
  let agent = agents.get(email);
  if (!agent) agents.set(email, (agent = await signedIn(t.app, email)));
  return agent;
}

async function page(t: TestApp, email: string, url: string): Promise<CheerioAPI> {
  const agent = await agentFor(t, email);
  const res = await agent.get(url);
  assert.equal(res.status, 200, `${email} ${url}`);
  return load(res.text);
}

const words = (text: string): string => text.replace(/\s+/g, ' ').trim();
const field = ($: CheerioAPI, bid: string, name: string): string => words($(`#results-table tr[data-bid="${bid}"] [data-field="${name}"]`).text());

describe('web: the results page', () => {
  let t: TestApp;
  let demo: string;
  before(async () => {
    t = await testApp();
    demo = await importDemo(t);
  });
  after(async () => {
    agents.clear();
    await t.close();
  });

  it('shows the hand-worked results: C 86.67, A 77.00, B 76.25, in that order, and D not eligible', async () => {
    const $ = await page(t, ACCOUNTS.owner.email, HW);
    assert.deepEqual($('#results-table tbody tr').map((_i, r) => $(r).attr('data-bid')).get(), ['C', 'A', 'B', 'D']);
    const figures = Object.fromEntries(['C', 'A', 'B', 'D'].map((k) => [k, ['quality', 'price', 'total', 'rank', 'status'].map((f) => field($, k, f))]));
    assert.deepEqual(figures, {
      C: ['60.00', '26.67', '86.67', 'Ranked 1st', ''],
      A: ['45.00', '32.00', '77.00', 'Ranked 2nd', ''],
      B: ['36.25', '40.00', '76.25', 'Ranked 3rd', ''],
      D: ['37.50', 'None', 'None', '', 'Not eligible'],
    });
    assert.match(words($('main').text()), /Bid C \(Cedar Homecare\) is ranked first\./);
    const failures = $('section[data-bid="D"] [data-field="failures"] li').map((_i, li) => words($(li).text())).get();
    assert.deepEqual(failures, ['"Keeping people safe" scored 1.00, below its minimum of 2']);
  });

  it('shows how each final score was reached, its points and the section sub-total', async () => {
    const $ = await page(t, ACCOUNTS.owner.email, HW);
    const row = (bid: string, criterion: string) => words($(`section[data-bid="${bid}"] tr[data-criterion="${criterion}"]`).text());
    assert.match(row('C', 'co-production'), /^Working with people who use the service Agreed by the panel at moderation \(consensus\), from 2 scores submitted .* 4\.00 30\.00 of 30$/);
    assert.equal(row('B', 'co-production'), 'Working with people who use the service Average (mean) of 3 scores 2.33 17.50 of 30');
    assert.equal(row('B', 'safety'), 'Keeping people safe Average (mean) of 2 scores; 1 member abstained 2.50 18.75 of 30');
    assert.equal(words($('section[data-bid="B"] tr[data-section="quality"]').text()), 'Sub-total: Quality 36.25 of 60');
  });

  it('flags the cells the panel disagreed about, with the reasons', async () => {
    const $ = await page(t, ACCOUNTS.owner.email, HW);
    const flags = (bid: string, criterion: string) => $(`section[data-bid="${bid}"] tr[data-criterion="${criterion}"] [data-field="flags"] li`).map((_i, li) => words($(li).text())).get();
    assert.deepEqual(flags('A', 'co-production'), ['Scores range from 2 to 4', "The perspectives' average scores differ by 1 point or more"]);
    assert.deepEqual(flags('C', 'co-production'), ["The perspectives' average scores differ by 1 point or more"]);
    assert.deepEqual(flags('B', 'co-production'), []);
    assert.deepEqual(flags('B', 'safety'), []);
  });

  it('lists the withdrawn bid as left out, and nowhere else', async () => {
    const $ = await page(t, ACCOUNTS.owner.email, HW);
    assert.match(words($('main').text()), /Bid E \(Elm Partners\) was withdrawn, so it is left out of the results\./);
    assert.equal($('[data-bid="E"]').length, 0);
  });

  it('shows robustness in plain words, and the split and price-method tables', async () => {
    const $ = await page(t, ACCOUNTS.owner.email, HW);
    const text = words($('main').text());
    assert.match(text, /The winner stays the same if any one panel member's scores are left out\./);
    assert.match(text, /50 quality, 50 price \(10 points moved to price\) Bid C \(Cedar Homecare\) No/);
    assert.match(text, /Linear deduction Bid C \(Cedar Homecare\) No/);
  });

  it('shows a facilitator the quality scores only before finalising: the page and its HTML hold no rank, total, winner or price points', async () => {
    // What price decides, as the commissioner sees it on the same tender.
    const owner = await page(t, ACCOUNTS.owner.email, HW);
    const decided = ['C', 'A', 'B'].flatMap((bid) => [field(owner, bid, 'price'), field(owner, bid, 'total')]);
    assert.deepEqual(decided, ['26.67', '86.67', '32.00', '77.00', '40.00', '76.25']);
    const res = await (await agentFor(t, ACCOUNTS.facilitator.email)).get(HW);
    assert.equal(res.status, 200);
    const html = res.text;
    for (const figure of decided) assert.ok(!html.includes(figure), `the HTML holds ${figure}`);
    assert.doesNotMatch(html, /\bRank/);
    assert.doesNotMatch(html, /ranked/i);
    assert.doesNotMatch(html, /\b(1st|2nd|3rd)\b/);
    assert.doesNotMatch(html, /winner|winning|comes first|tied/i);
    // The section sub-total is quality points (as the quality column); no other total is shown.
    assert.doesNotMatch(html.replace(/Sub-total:/g, ''), /\btotals?\b/i);
    assert.doesNotMatch(html, /price points? (of|out of)|data-field="(price|total|rank)"/i);
    assert.doesNotMatch(html, /quality\/price split|price were scored another way|<svg/i);
    const $ = load(html);
    // The bids in key order, not by rank (C is first on the commissioner's page).
    assert.deepEqual($('#results-table tbody tr').map((_i, r) => $(r).attr('data-bid')).get(), ['A', 'B', 'C', 'D']);
    assert.equal(field($, 'C', 'quality'), '60.00');
    assert.equal(field($, 'C', 'status'), 'Complete');
    assert.match(words($('#quality-only').text()), /Until the tender is finalised you see the quality scores only/);
    assert.match(words($('#robustness').next('p').text()), /shown once the tender is finalised/);
    // Commissioners and procurement still see it all before finalising.
    assert.match(words(owner('main').text()), /Bid C \(Cedar Homecare\) is ranked first/);
    const procurement = await page(t, ACCOUNTS.procurement.email, HW);
    assert.equal(field(procurement, 'C', 'total'), '86.67');
  });

  it('says when bids with the same total are ranked apart by quality, to those who see totals', async () => {
    // X: quality 45 + price points 40 = 85; Y: quality 60 + price points 25 = 85. Y ranks first on quality.
    await addTender(t, 'HW-EQUAL', 'moderation', {
      change: (pack) => {
        pack.bids = [
          { key: 'X', supplier: 'Xeno Care', price: 100000 },
          { key: 'Y', supplier: 'Yew Support', price: 160000 },
        ];
        pack.scores = [
          { member: 'm1', bid: 'X', criterion: 'co-production', score: 4, rationale: 'Strong.' },
          { member: 'm1', bid: 'X', criterion: 'safety', score: 2, rationale: 'Adequate.' },
          { member: 'm1', bid: 'Y', criterion: 'co-production', score: 4, rationale: 'Strong.' },
          { member: 'm1', bid: 'Y', criterion: 'safety', score: 4, rationale: 'Excellent.' },
        ];
      },
    });
    const owner = await page(t, ACCOUNTS.owner.email, '/tenders/HW-EQUAL/results');
    assert.deepEqual([field(owner, 'X', 'total'), field(owner, 'Y', 'total')], ['85.00', '85.00']);
    assert.match(words(owner('main').text()), /Bid Y \(Yew Support\) is ranked first\./);
    assert.deepEqual(
      owner('[data-quality-tie-break]').map((_i, p) => words(owner(p).text())).get(),
      ['Bids X (Xeno Care) and Y (Yew Support) have the same total, so they are ranked by their quality scores, the higher first: that is how the rules settle an equal total.'],
    );
    // A facilitator sees no totals, so nothing about them.
    assert.equal((await page(t, ACCOUNTS.facilitator.email, '/tenders/HW-EQUAL/results'))('[data-quality-tie-break]').length, 0);
    // The hand-worked tender has no equal totals: nothing is said.
    assert.equal((await page(t, ACCOUNTS.owner.email, HW))('[data-quality-tie-break]').length, 0);
  });

  it('shows a facilitator the ranks and the winner once finalised, still without prices, price points or totals', async () => {
    await addTender(t, 'HW-FINAL', 'finalised', {
      change: (pack) => {
        const full = handWorkedPack();
        Object.assign(pack, { bids: full.bids, scores: full.scores, consensus: full.consensus });
      },
    });
    const $ = await page(t, ACCOUNTS.facilitator.email, '/tenders/HW-FINAL/results');
    const main = $('main');
    assert.match(words(main.text()), /Bid C \(Cedar Homecare\) is ranked first/);
    assert.deepEqual($('#results-table tbody tr').map((_i, r) => $(r).attr('data-bid')).get(), ['C', 'A', 'B', 'D']);
    assert.equal(field($, 'C', 'rank'), 'Ranked 1st');
    assert.match(words(main.text()), /The winner stays the same if any one panel member's scores are left out\./);
    assert.equal($('#quality-only').length, 0);
    assert.doesNotMatch(main.text(), /£/);
    const headers = $('#results-table thead th').map((_i, th) => words($(th).text())).get();
    assert.deepEqual(headers, ['Bid', 'Quality']);
    assert.equal(words($('#results-table caption').text()), 'Scores of each bid Quality is out of 60 points.');
    assert.equal($('[data-field="price"], [data-field="total"]').length, 0);
    assert.match(words(main.text()), /Prices, price points and totals are hidden because of your role/);
    assert.equal(field($, 'C', 'quality'), '60.00');
    assert.equal($('a[href$="/results/workbook.xlsx"]').length, 0);
    assert.doesNotMatch($('svg desc').text(), /price \d/);
    assert.equal($('svg rect[fill^="url("]').length, 0, 'no price segments in the chart');
  });

  it('tells a facilitator a bid is above the budget without showing an amount', async () => {
    await addTender(t, 'HW-BUDGET', 'moderation', {
      change: (pack) => {
        const rubric = pack.tender.rubric as RubricDoc;
        rubric.sections[0]!.criteria.forEach((c) => (c.weight = 50));
        rubric.price = { weight: 0, method: 'fixed-budget', params: { budget: 90000 } };
        pack.scores = ['A', 'B'].flatMap((bid) => ['co-production', 'safety'].map((criterion) => ({ member: 'm2', bid, criterion, score: 3, rationale: 'Good.' })));
      },
    });
    const owner = await page(t, ACCOUNTS.owner.email, '/tenders/HW-BUDGET/results');
    assert.match(words(owner('section[data-bid="A"] [data-field="failures"]').text()), /The price £100,000(\.00)? is above the budget of £90,000(\.00)?/);
    const $ = await page(t, ACCOUNTS.facilitator.email, '/tenders/HW-BUDGET/results');
    assert.doesNotMatch($('main').text(), /£/);
    assert.equal(words($('section[data-bid="A"] [data-field="failures"]').text()), 'The price is above the budget (prices are not shown)');
  });

  it('offers commissioners and procurement the workbook and shows them prices', async () => {
    for (const email of [ACCOUNTS.owner.email, ACCOUNTS.procurement.email]) {
      const $ = await page(t, email, HW);
      assert.equal($('a[href="/tenders/HW-2026-01/results/workbook.xlsx"]').length, 1, email);
      assert.match(words($('section[data-bid="C"]').text()), /Price\s*£120,000/);
      // A link to moderation only for those who may open it (procurement may not).
      assert.equal($('a[href="/tenders/HW-2026-01/moderation"]').length > 0, email === ACCOUNTS.owner.email, email);
    }
  });

  it('draws the chart on the server with a name, a description and the table as its text alternative', async () => {
    const $ = await page(t, ACCOUNTS.owner.email, HW);
    const svg = $('svg[role="img"]');
    assert.equal(svg.length, 1);
    assert.equal(svg.attr('width'), '100%');
    assert.match(svg.attr('viewBox') ?? '', /^0 0 \d+ \d+$/);
    assert.equal(words($(`#${svg.attr('aria-labelledby')}`).text()), 'Total score of each ranked bid, split into quality and price');
    const described = (svg.attr('aria-describedby') ?? '').split(' ');
    assert.ok(described.includes('results-table-caption'));
    assert.match($('#results-chart-desc').text(), /Bid C \(1st\): 86\.67, of which quality 60\.00 and price 26\.67/);
    assert.equal($('#results-table-caption').closest('table').attr('id'), 'results-table');
    assert.equal($('main script').length, 0);
  });

  it('lists who still has to score the incomplete bid E of the demo tender', async () => {
    const $ = await page(t, ACCOUNTS.owner.email, `/tenders/${demo}/results`);
    const rows = $('#awaited-scores .govuk-summary-list__row');
    assert.equal(rows.length, 1);
    assert.equal($(rows[0]).attr('data-bid'), 'E');
    assert.match(words($(rows[0]).text()), /Social value/);
    assert.deepEqual($(rows[0]).find('li').map((_i, li) => words($(li).text())).get(), [
      'Margaret Doyle (lived experience)',
      'Joseph Mensah (lived experience)',
      'Rachel Osei (professional)',
      'Tom Brennan (professional)',
      'Fiona Lindgren (professional)',
      'Imran Choudhury (professional)',
    ]);
    assert.equal(field($, 'E', 'status'), 'Incomplete');
    assert.deepEqual([field($, 'E', 'price'), field($, 'E', 'total')], ['Not yet', 'Not yet']);
    assert.match(words($('#results-table tr[data-bid="E"] td').first().text()), /^\d+\.\d\d so far$/, 'its quality is only so far');
    assert.match(words($('section[data-bid="E"] [data-field="missing"]').text()), /"Social value: fair work, local jobs and a greener service" has no final score yet/);
  });

  it('says when a member has a draft saved but not submitted', async () => {
    const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', demo).executeTakeFirstOrThrow();
    const member = await t.db.selectFrom('panel_members').select('id').where('tender_id', '=', tender.id).where('key', '=', 'm4').executeTakeFirstOrThrow();
    const bid = await t.db.selectFrom('bids').select('id').where('tender_id', '=', tender.id).where('key', '=', 'E').executeTakeFirstOrThrow();
    await t.db
      .insertInto('scores')
      .values({ tender_id: tender.id, member_id: member.id, bid_id: bid.id, criterion: 'social-value', score: 3, abstain: 0, rationale: 'Draft.', status: 'draft', version: 1, entered_by: null, updated_at: t.clock.now.toISOString() })
      .execute();
    const $ = await page(t, ACCOUNTS.owner.email, `/tenders/${demo}/results`);
    assert.match(words($('#awaited-scores').text()), /Rachel Osei \(professional\): a draft is saved, not yet submitted/);
  });

  it('flags a tie in words and never breaks it', async () => {
    await addTender(t, 'HW-TIE', 'moderation', {
      change: (pack) => {
        pack.bids = [
          { key: 'A', supplier: 'Alder Care', price: 100000 },
          { key: 'B', supplier: 'Birch Support', price: 100000 },
        ];
        pack.scores = ['A', 'B'].flatMap((bid) => [
          { member: 'm1', bid, criterion: 'co-production', score: 3, rationale: 'Same.' },
          { member: 'm2', bid, criterion: 'co-production', score: 3, rationale: 'Same.' },
          { member: 'm1', bid, criterion: 'safety', score: 3, rationale: 'Same.' },
          { member: 'm2', bid, criterion: 'safety', score: 3, rationale: 'Same.' },
        ]);
      },
    });
    const $ = await page(t, ACCOUNTS.owner.email, '/tenders/HW-TIE/results');
    assert.equal(field($, 'A', 'rank'), 'Ranked 1st (tied)');
    assert.equal(field($, 'B', 'rank'), 'Ranked 1st (tied)');
    assert.equal(words($('section[data-bid="A"] [data-field="tie"]').text()), 'Tied with bid B (Birch Support): the rules do not break this tie; it must be settled before the tender is finalised.');
    assert.match(words($('main').text()), /There is no single winner: bids A and B are tied first\./);
    // How sure is this result? names the tie too, and says nothing of a winner staying the same.
    const sure = words($('#robustness').nextUntil('h2').text());
    assert.match(sure, /Bids A and B are tied first, so there is no single winner\./);
    assert.doesNotMatch(sure, /stays the same|no single winner yet/);
  });

  it('shows a tender with no scores yet without a chart, listing every score still needed', async () => {
    await addTender(t, 'HW-DRAFT', 'draft');
    const $ = await page(t, ACCOUNTS.owner.email, '/tenders/HW-DRAFT/results');
    assert.match(words($('main').text()), /No bid can be ranked yet\./);
    assert.equal($('svg').length, 0);
    assert.equal($('#awaited-scores .govuk-summary-list__row').length, 4, '2 bids × 2 criteria');
  });

  it("answers 404 to another commissioner, 403 to a panel member and sends the signed-out to sign in", async () => {
    const other = await agentFor(t, ACCOUNTS.otherCommissioner.email);
    assert.equal((await other.get(HW)).status, 404);
    const issued = await issueInvitations(t.db, 'HW-2026-01', ['m1'], 'test', t.clock.now);
    assert.ok(issued.ok);
    const member = request.agent(t.app);
    await member.get(issued.links[0]!.path);
    assert.equal((await member.get(HW)).status, 403);
    const signedOut = await request(t.app).get(HW);
    assert.equal(signedOut.status, 303);
    assert.equal(signedOut.headers['location'], '/sign-in');
    assert.equal((await (await agentFor(t, ACCOUNTS.owner.email)).get('/tenders/NO-SUCH/results')).status, 404);
  });
});
