// Assessment summaries through the web app, for the demo tender (fixtures/demo/home-care-demo.yaml,
// imported at moderation): bid A wins; B and C rank behind it; D fails the safety threshold and
// the quality pass mark; E is not fully scored; C's co-production score was agreed at moderation.
// Every figure expected here comes from the results JSON (the engine), rounded half up to 2 places.
import assert from 'node:assert/strict';
import { load, type CheerioAPI } from 'cheerio';
import type request from 'supertest';
import { exact, formatHalfUp, type ResultsJson } from '../../../src/engine';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { rubricOf, tenderResults } from '../../../src/services/results/results';
import { importPack } from '../../../src/services/tender-import';
import { tenderRepository } from '../../../src/data/tender-repository';
import { readYaml, type PackDoc } from '../../helpers/packs';
import { REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

const DEMO = 'DEMO-HC-2026';
const BASE = `/tenders/${DEMO}/summaries`;
const DEMO_PACK = `${REPO_ROOT}/fixtures/demo/home-care-demo.yaml`;
const MEMBER_NAMES = ['Margaret Doyle', 'Joseph Mensah', 'Eileen Parry', 'Rachel Osei', 'Tom Brennan', 'Fiona Lindgren', 'Imran Choudhury'];

async function importDemo(t: TestApp, state = 'moderation', reference = DEMO, change?: (pack: PackDoc) => void): Promise<void> {
  const pack = readYaml<PackDoc>(DEMO_PACK);
  pack.tender['state'] = state;
  pack.tender['reference'] = reference;
  change?.(pack);
  const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'home-care-demo.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
}

const two = (x: number): string => formatHalfUp(exact(x), 2);
const score = (x: number): string => two(x).replace(/\.00$/, '');
const text = ($: CheerioAPI, selector: string): string => $(selector).text().replace(/\s+/g, ' ').trim();

describe('web: assessment summaries of the demo tender', () => {
  let t: TestApp;
  let owner: request.Agent;
  let results: ResultsJson;
  let criteria: { id: string; title: string; weight: number }[];
  before(async () => {
    t = await testApp();
    await importDemo(t);
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    results = (await tenderResults(t.db, DEMO))!;
    const tender = (await tenderRepository.findByReference(t.db, DEMO))!;
    criteria = rubricOf(tender).sections.flatMap((s) => s.criteria.map((c) => ({ id: c.id, title: c.title, weight: c.weight })));
  });
  after(() => t.close());

  const page = async (key: string): Promise<CheerioAPI> => {
    const res = await owner.get(`${BASE}/${key}`);
    assert.equal(res.status, 200, `summary of bid ${key}`);
    // Elements read as separate words, as a screen reader reads them.
    return load(res.text.replace(/></g, '> <'));
  };

  it('lists every bid that was not withdrawn, with a link to its summary and a draft notice', async () => {
    const res = await owner.get(BASE);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.equal($('[aria-current="page"]').text(), 'Assessment summaries');
    for (const key of ['A', 'B', 'C', 'D', 'E']) assert.equal($(`#bid-${key} a`).attr('href'), `${BASE}/${key}`);
    assert.match(text($, '#bid-A'), /1st of 3 ranked bids 80\.72/);
    assert.match(text($, '#bid-D'), /Did not meet the minimum standards/);
    assert.match(text($, '#bid-E'), /Not fully scored/);
    assert.match(text($, 'main'), /Draft — not yet issued/);
  });

  it("holds every criterion's title, weight, scores available and the bid's score, points and total", async () => {
    for (const bid of results.bids) {
      const $ = await page(bid.key);
      const article = text($, 'article.app-summary');
      assert.match(article, new RegExp(`Assessment summary for bid ${bid.key}: ${bid.supplier}`));
      for (const c of criteria) {
        const section = text($, `#criterion-${c.id}`);
        assert.match(section, new RegExp(`^${c.title.replace(/[()]/g, '\\$&')} Weight ${c.weight} points Scores available 0 to 5`), `${bid.key} ${c.id}`);
        const cell = bid.criteria[c.id]!;
        if (cell.final === null) assert.match(section, /Score No final score yet/);
        else assert.match(section, new RegExp(`Score ${score(cell.final).replace('.', '\\.')} out of 5 .*Points ${two(cell.points!).replace('.', '\\.')} of ${c.weight}`));
      }
      assert.match(text($, '.app-summary__totals'), new RegExp(`Quality, all sections ${two(bid.quality)} 60`));
      for (const [section, points] of Object.entries(bid.sections)) assert.match(text($, `#section-${section}`), new RegExp(`: ${two(points)} of`));
      if (bid.total === null) assert.match(text($, '.app-summary__totals'), /Total None 100/);
      else assert.match(text($, '.app-summary__totals'), new RegExp(`Price \\(£[\\d,]+\\) ${two(bid.price!)} 40 Total ${two(bid.total)} 100`));
      assert.match(article, /Draft — not yet issued/);
    }
  });

  it('tells the winner it is ranked first, with nothing to compare', async () => {
    const $ = await page('A');
    assert.match(text($, 'article'), /On the scores so far, this bid is ranked first\. .*Rank: 1st of 3 ranked bids/);
    assert.doesNotMatch(text($, 'article'), /Compared with the winning bid/);
  });

  it("names, for each unsuccessful bid, every criterion where the winner scored higher, with both scores", async () => {
    const winner = results.bids.find((b) => b.key === 'A')!;
    for (const bid of results.bids.filter((b) => b.key !== 'A')) {
      const $ = await page(bid.key);
      assert.match(text($, 'article'), /The winning bid is bid A \(Kestrel Lane Home Support Ltd\)/);
      const rows = $('caption:contains("Criteria where the winning bid scored higher")').closest('table').find('tbody tr');
      const listed = rows.map((_, row) => text($, row as never)).get();
      const expected = criteria.filter((c) => {
        const mine = bid.criteria[c.id]!.final;
        const theirs = winner.criteria[c.id]!.final;
        return mine !== null && theirs !== null && theirs > mine;
      });
      assert.ok(expected.length > 0);
      assert.deepEqual(
        listed,
        expected.map((c) => `${c.title} ${score(bid.criteria[c.id]!.final!)} ${score(winner.criteria[c.id]!.final!)} ${two(bid.criteria[c.id]!.points!)} ${two(winner.criteria[c.id]!.points!)}`),
        `bid ${bid.key}`,
      );
    }
  });

  it('names the failed threshold and the pass mark of the bid that failed, and what the incomplete bid lacks', async () => {
    const d = text(await page('D'), 'article');
    assert.match(d, /not successful: it did not meet the minimum standards/);
    assert.match(d, /Minimum standards not met "Keeping people safe and well" scored 1\.38, below its minimum of 2 Quality 17\.60 is below the pass mark of 60%/);
    assert.match(d, /Price \(£1,760,000\) None 40 Total None 100 Rank: none/);
    const e = text(await page('E'), 'article');
    assert.match(e, /not been fully scored/);
    assert.match(e, /Not yet scored "Social value: fair work, local jobs and a greener service" has no final score yet/);
  });

  it("explains a moderated score with the rationale, and others with the members' reasons attributed by perspective only", async () => {
    const $ = await page('C');
    const moderated = text($, '#criterion-co-production');
    assert.match(moderated, /Score 3 out of 5 \(Acceptable\)/);
    assert.match(moderated, /How the score was reached Agreed by the panel at moderation/);
    assert.match(moderated, /Why it got this score The panel agreed that people who use the service and a family carer hold voting seats/);
    assert.doesNotMatch(moderated, /Panel member with lived experience:/);
    const other = text($, '#criterion-independence');
    assert.match(other, /lived experience and professionals counting equally/);
    assert.match(other, /Panel member with lived experience: .*Professional panel member: /);
    // m7 abstained on C's workforce answer: an abstention explains nothing.
    assert.doesNotMatch(text($, '#criterion-workforce'), /I do not know enough/);
    for (const bid of ['A', 'B', 'C', 'D', 'E']) {
      const all = text(await page(bid), 'article');
      for (const name of MEMBER_NAMES) assert.ok(!all.includes(name), `bid ${bid}'s summary names ${name}`);
    }
  });

  it("gives each bid's summary exactly that bid's reasons: none from another bid, nor from another tender with the same bids", async () => {
    // The same tender again under another reference, every reason marked as the other tender's.
    await importDemo(t, 'moderation', 'DEMO-OTHER', (pack) => {
      for (const s of pack.scores) s.rationale = `OTHER TENDER ${s.rationale ?? ''}`;
    });
    const pack = readYaml<PackDoc>(DEMO_PACK);
    const perspective = new Map(pack.panel.map((m) => [m.key, m.perspective]));
    const agreed = new Set(pack.consensus.map((c) => `${c.bid} ${c.criterion}`));
    const who = { 'lived-experience': 'Panel member with lived experience', professional: 'Professional panel member' } as Record<string, string>;
    const first = (member: string): number => (perspective.get(member) === 'lived-experience' ? 0 : 1);
    let compared = 0;
    for (const bid of ['A', 'B', 'C', 'D', 'E']) {
      const $ = await page(bid);
      assert.ok(!text($, 'article').includes('OTHER TENDER'), `bid ${bid} shows the other tender's reasons`);
      for (const c of criteria) {
        if (agreed.has(`${bid} ${c.id}`)) continue;
        // Every reason given with a submitted score on this bid and criterion, people with lived experience first.
        const expected = pack.scores
          .filter((s) => s.bid === bid && s.criterion === c.id && s.score !== 'abstain' && (s.rationale ?? '').trim() !== '')
          .sort((x, y) => first(x.member) - first(y.member) || (x.member < y.member ? -1 : 1))
          .map((s) => `${who[perspective.get(s.member)!]}: ${s.rationale!.trim().replace(/\s+/g, ' ')}`);
        const shown = $(`#criterion-${c.id} .app-summary__reasons li`).map((_, li) => text($, li as never)).get();
        assert.deepEqual(shown, expected, `bid ${bid}, ${c.id}`);
        compared += shown.length;
      }
    }
    assert.ok(compared > 100, `only ${compared} reasons compared`);
  });

  it('shows the scale, every point with its name and meaning, and the pass mark', async () => {
    const $ = await page('B');
    const scale = $('.app-summary__scale tbody tr').map((_, row) => text($, row as never)).get();
    assert.equal(scale.length, 6);
    assert.match(scale[0]!, /^0 Unacceptable No answer/);
    assert.match(scale[5]!, /^5 Excellent Exceeds the requirement/);
    assert.match(text($, 'article'), /at least 60% of the quality points \(36\.00 of 60\)/);
  });

  it('serves the print stylesheet: A4 and no navigation', async () => {
    const $ = await page('A');
    assert.equal($('link[href="/styles/summary-print.css"]').attr('media'), 'print');
    const css = await owner.get('/styles/summary-print.css');
    assert.equal(css.status, 200);
    assert.match(css.headers['content-type'] ?? '', /text\/css/);
    assert.match(css.text, /size: A4/);
    assert.match(css.text, /\.app-tender-nav/);
  });
});
