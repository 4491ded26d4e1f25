// The results page shows the same results as `results --json` (the engine's evaluation, which
// the CLI prints) for the same tender: every bid's quality, price points, total and rank, every
// section's sub-total and every criterion's final score and points, each the engine's exact value
// shown at 2 places half up (rounded once: never the JSON's 6-place number rounded again).
// Checked for the hand-worked tender, the demo tender (equal voice, a consensus, an incomplete
// bid, a failed bid) and the two tenders whose figures sit on or just under a half.
import assert from 'node:assert/strict';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { tenderRepository } from '../../../src/data/tender-repository';
import type Fraction from 'fraction.js';
import { evaluation, formatHalfUp, type Evaluation } from '../../../src/engine';
import { loadDataFile } from '../../../src/services/data-files';
import { tenderInput } from '../../../src/services/results/results';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { PACKS_DIR, REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

const DEMO_PACK = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');

async function importFile(t: TestApp, file: string): Promise<string> {
  const loaded = await loadDataFile(file);
  if (!loaded.ok) throw new Error(`${file} unreadable`);
  const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file, owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return imported.reference;
}

async function resultsOf(t: TestApp, reference: string): Promise<Evaluation> {
  const tender = await tenderRepository.findByReference(t.db, reference);
  assert.ok(tender);
  return evaluation(await tenderInput(t.db, tender));
}

/** An exact figure as the page shows it: 2 places, half up. */
const shown = (x: Fraction): string => formatHalfUp(x, 2);
/** The figure a cell starts with ("22.50 of 30" → "22.50"), or its words when it has none. */
const firstNumber = (text: string): string => /-?\d+\.\d\d/.exec(text)?.[0] ?? text.trim().replace(/\s+of\s+\S+$/, '');
const ordinal = (n: number): string => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/** Compares every figure of the page with the results (the JSON's, its figures exact); returns the differences. */
function differences($: CheerioAPI, { json, result }: Evaluation): string[] {
  const found: string[] = [];
  const expect = (where: string, actual: string, wanted: string) => {
    if (actual !== wanted) found.push(`${where}: page ${actual}, results ${wanted}`);
  };
  const rows = $('#results-table tbody tr[data-bid]');
  assert.deepEqual(rows.map((_i, r) => $(r).attr('data-bid')).get().sort(), json.bids.map((b) => b.key).sort(), 'one row per bid not withdrawn');
  for (const bid of json.bids) {
    const exact = result.bids.find((b) => b.key === bid.key)!;
    const row = $(`#results-table tr[data-bid="${bid.key}"]`);
    const field = (name: string) => row.find(`[data-field="${name}"]`).text().trim();
    expect(`${bid.key} quality`, field('quality'), shown(exact.quality));
    // An incomplete bid has no price points or total yet; a failed one has none at all.
    const absent = bid.eligible && bid.rank === null ? 'Not yet' : 'None';
    expect(`${bid.key} price`, field('price'), exact.pricePoints === null ? absent : shown(exact.pricePoints));
    expect(`${bid.key} total`, field('total'), exact.total === null ? absent : shown(exact.total));
    if (bid.rank === null) expect(`${bid.key} status`, field('status'), bid.eligible ? 'Incomplete' : 'Not eligible');
    else expect(`${bid.key} rank`, field('rank'), `Ranked ${ordinal(bid.rank)}${bid.tie ? ' (tied)' : ''}`);
    const detail = $(`section[data-bid="${bid.key}"]`);
    assert.equal(detail.length, 1, `a section for bid ${bid.key}`);
    for (const [id, c] of Object.entries(bid.criteria)) {
      const cell = detail.find(`tr[data-criterion="${id}"]`);
      const figures = exact.criteria[id]!;
      expect(`${bid.key} ${id} final`, firstNumber(cell.find('[data-field="final"]').text()), figures.final === null ? 'None yet' : shown(figures.final));
      expect(`${bid.key} ${id} points`, firstNumber(cell.find('[data-field="points"]').text()), figures.points === null ? 'None yet' : shown(figures.points));
      expect(`${bid.key} ${id} flagged`, String(cell.find('[data-field="flags"] li').length), String(c.flags.length));
    }
    for (const [id, points] of Object.entries(exact.sections)) {
      expect(`${bid.key} section ${id}`, firstNumber(detail.find(`tr[data-section="${id}"] [data-field="subtotal"]`).text()), shown(points));
    }
    expect(`${bid.key} failures`, String(detail.find('[data-field="failures"] li').length), String(bid.failures.length));
  }
  return found;
}

describe('web: the results page shows the same numbers as results --json', () => {
  let t: TestApp;
  let demo: string;
  let onHalf: string;
  let underHalf: string;
  before(async () => {
    t = await testApp();
    demo = await importFile(t, DEMO_PACK);
    onHalf = await importFile(t, path.join(PACKS_DIR, 'rounding-half-up.yaml'));
    underHalf = await importFile(t, path.join(PACKS_DIR, 'rounding-psr.yaml'));
  });
  after(() => t.close());

  for (const [name, reference] of [
    ['the hand-worked tender', () => 'HW-2026-01'],
    ['the demo tender', () => demo],
    ['the tender on a half (38.005, 83.005)', () => onHalf],
    ['the tender just under a half (67.934999939…)', () => underHalf],
  ] as const) {
    it(`every bid's and criterion's figures for ${name}`, async () => {
      const results = await resultsOf(t, reference());
      const agent = await signedIn(t.app, ACCOUNTS.owner.email);
      const res = await agent.get(`/tenders/${reference()}/results`);
      assert.equal(res.status, 200);
      assert.deepEqual(differences(load(res.text), results), []);
    });
  }

  it('shows procurement the same figures as the owner', async () => {
    const results = await resultsOf(t, demo);
    const agent = await signedIn(t.app, ACCOUNTS.procurement.email);
    const res = await agent.get(`/tenders/${demo}/results`);
    assert.equal(res.status, 200);
    assert.deepEqual(differences(load(res.text), results), []);
  });

  it("shows the engine's robustness lines, in plain words", async () => {
    const { json } = await resultsOf(t, demo);
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const $ = load((await agent.get(`/tenders/${demo}/results`)).text);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.ok(json.robustness.summary.length > 0);
    for (const line of json.robustness.summary) assert.ok(text.includes(line.replace(/\s+/g, ' ')), `shows: ${line}`);
  });
});
