// One display rounding, from the exact values: the command line's results table, the Provider
// Selection Regime decision record (its page, and its sheet in the workbook) show every figure as
// the results page does, 2 places half up from the engine's exact value, never a 6-place JSON
// number rounded again. Two tenders whose figures sit on or just under a half (worked out in the
// packs' comments):
//   fixtures/packs/rounding-half-up.yaml: bid A's price points are exactly 38.005, its total
//     exactly 83.005 (the table showed 38.01 and 83.00);
//   fixtures/packs/rounding-psr.yaml: bid B's total is 67.934999939…, its value points
//     24.734999939… (the record showed 67.94 and 24.74, the JSON's 67.935 and 24.735 rounded).
import assert from 'node:assert/strict';
import path from 'node:path';
import { load } from 'cheerio';
import ExcelJS from 'exceljs';
import { tenderRepository } from '../../src/data/tender-repository';
import type { ResultsJson } from '../../src/engine';
import { loadDataFile } from '../../src/services/data-files';
import { recordOf } from '../../src/services/provider-selection/decision-record';
import { saveProviderSelection } from '../../src/services/provider-selection/provider-selection';
import { rubricLibrary } from '../../src/services/rubric-library';
import { advanceTender } from '../../src/services/tender-setup';
import { importPack } from '../../src/services/tender-import';
import type { Actor } from '../../src/services/actors';
import { cli } from '../helpers/cli';
import { PACKS_DIR, RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../helpers/web';

const HALF = 'HALF-2026-01';
const PSR = 'PSR-HALF-01';

interface PageFigures {
  quality: string;
  price: string;
  total: string;
  sections: Record<string, string>;
}

describe('figures rounded once, from the exact values, wherever they are shown', () => {
  let t: TestApp;
  let owner: Actor;

  async function add(file: string): Promise<void> {
    const loaded = await loadDataFile(path.join(PACKS_DIR, file));
    if (!loaded.ok) throw new Error(`${file} unreadable`);
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file, owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  }

  /** The figures of one bid as the results page shows them to the tender's commissioner. */
  async function pageFigures(reference: string, bid: string): Promise<PageFigures> {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await agent.get(`/tenders/${reference}/results`);
    assert.equal(res.status, 200);
    const $ = load(res.text);
    const field = (name: string) => $(`#results-table tr[data-bid="${bid}"] [data-field="${name}"]`).text().trim();
    const sections = Object.fromEntries(
      $(`section[data-bid="${bid}"] tr[data-section]`)
        .map((_i, row) => [[$(row).attr('data-section')!, /\d+\.\d\d/.exec($(row).find('[data-field="subtotal"]').text())![0]]])
        .get() as [string, string][],
    );
    return { quality: field('quality'), price: field('price'), total: field('total'), sections };
  }

  /** The stored results JSON as the CLI prints it. */
  async function resultsJson(reference: string): Promise<ResultsJson> {
    const run = await cli(['results', reference, '--json']);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as ResultsJson;
  }

  before(async () => {
    t = await testApp();
    await add('rounding-half-up.yaml');
    await add('rounding-psr.yaml');
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow();
    owner = { kind: 'staff', id: user.id, email: user.email, name: user.name, role: 'commissioner' };
    const tender = (await tenderRepository.findByReference(t.db, PSR))!;
    const saved = await saveProviderSelection(
      t.db,
      owner,
      tender,
      { process: 'competitive', decisionMakers: 'Dr Ama Boateng', basicSelection: 'Both passed.', reasons: 'Best on quality and value.', otherInterests: null, conflictNotes: {} },
      t.clock.now,
    );
    assert.equal(saved.ok, true);
  });
  after(() => t.close());

  describe('the command line results table (price points exactly 38.005, total exactly 83.005)', () => {
    it('is a tender on a half: the JSON holds 38.005 and 83.005, which toFixed(2) shows as 38.01 and 83.00', async () => {
      const a = (await resultsJson(HALF)).bids.find((b) => b.key === 'A')!;
      assert.deepEqual([a.quality, a.price, a.total], [45, 38.005, 83.005]);
      assert.deepEqual([a.price!.toFixed(2), a.total!.toFixed(2)], ['38.01', '83.00']);
    });

    it('shows the results page’s figures: quality 45.00, price 38.01, total 83.01', async () => {
      const page = await pageFigures(HALF, 'A');
      assert.deepEqual([page.quality, page.price, page.total], ['45.00', '38.01', '83.01']);
      const run = await cli(['results', HALF]);
      assert.equal(run.code, 0, run.stderr);
      const rows = run.out.filter((line) => /^\d+\s+[AB]\s/.test(line)).map((line) => line.split(/\s{2,}/));
      assert.deepEqual(rows, [
        ['1', 'A', 'Alder Care', page.quality, page.price, page.total],
        ['2', 'B', 'Birch Support', '30.00', '40.00', '70.00'],
      ]);
    });
  });

  describe('the decision record (bid B’s total 67.934999939…, value points 24.734999939…)', () => {
    it('is a tender just under a half: the JSON holds 67.935 and 19.935', async () => {
      const b = (await resultsJson(PSR)).bids.find((x) => x.key === 'B')!;
      assert.deepEqual([b.total, b.price, b.sections['value']], [67.935, 19.935, 4.8]);
    });

    it('shows the results page’s total and the exact value points, rounded once: 67.93 and 24.73', async () => {
      const page = await pageFigures(PSR, 'B');
      assert.deepEqual([page.quality, page.price, page.total], ['48.00', '19.93', '67.93']);
      assert.deepEqual(page.sections, { 'quality-and-innovation': '25.20', value: '4.80', integration: '7.20', access: '7.20', 'social-value': '3.60' });
      const record = await recordOf(t.db, (await tenderRepository.findByReference(t.db, PSR))!);
      const b = record.bids.find((x) => x.key === 'B')!;
      assert.equal(b.total, page.total);
      assert.equal(b.quality, page.quality);
      // Value is the value section's points plus the price points, added exactly: 4.8 + 19.934999939… = 24.734999939…
      assert.deepEqual(b.keyPoints, ['25.20', '24.73', '7.20', '7.20', '3.60']);
      assert.ok(record.reasons.fromResults.includes('Bid B (Beacon Minds CIC) was ranked 2 with 67.93 points.'), record.reasons.fromResults.join('\n'));
      assert.ok(record.reasons.fromResults.includes('Bid A (Ash Tree Recovery) was ranked first with 84.00 points out of 100 (quality 64.00, price 20.00).'), record.reasons.fromResults.join('\n'));
    });

    it('shows the same figures on the record’s page', async () => {
      const agent = await signedIn(t.app, ACCOUNTS.owner.email);
      const res = await agent.get(`/tenders/${PSR}/provider-selection`);
      assert.equal(res.status, 200);
      const $ = load(res.text);
      const row = $('tbody tr')
        .filter((_i, tr) => $(tr).find('th').text().trim() === 'B: Beacon Minds CIC')
        .first();
      assert.deepEqual(row.find('td').map((_i, td) => $(td).text().trim()).get(), ['25.20', '24.73', '7.20', '7.20', '3.60', '67.93', '2']);
      assert.match($('main').text(), /Bid B \(Beacon Minds CIC\) was ranked 2 with 67\.93 points\./);
    });

    it('writes the same figures in the workbook’s Decision record sheet, and its Summary holds the exact total', async () => {
      const out = path.join(t.temp.dir, 'psr.xlsx');
      const run = await cli(['export', PSR, '--out', out]);
      assert.equal(run.code, 0, run.stderr);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const rows: string[] = [];
      workbook.getWorksheet('Decision record')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String).join(' | ')));
      assert.ok(rows.includes('B: Beacon Minds CIC | 25.20 | 24.73 | 7.20 | 7.20 | 3.60 | 67.93 | 2'), rows.join('\n'));
      assert.ok(!rows.some((r) => /67\.94|24\.74/.test(r)), 'no figure rounded twice');
      // The Summary sheet's total is a number cell (0.00): the nearest number to the exact total, so a spreadsheet shows 67.93 too.
      let total: unknown;
      workbook.getWorksheet('Summary')!.eachRow((row) => {
        if (row.getCell(2).value === 'B') total = row.getCell(6).value;
      });
      assert.equal((total as { result: number }).result, 2000000 / 100326.06 + 48);
    });

    it('keeps showing the exact figures once the tender is finalised (not the recorded JSON’s 67.935 rounded again)', async () => {
      const tender = (await tenderRepository.findByReference(t.db, PSR))!;
      const moved = await advanceTender(t.db, owner, tender, 'finalised', t.clock.now, { reason: 'Checked with the panel at the moderation meeting; nothing else is outstanding.' });
      assert.equal(moved.ok, true, JSON.stringify(moved));
      const finalised = (await tenderRepository.findByReference(t.db, PSR))!;
      const recorded = JSON.parse((await tenderRepository.finalisation(t.db, finalised.id))!.results_json) as ResultsJson;
      assert.equal(recorded.bids.find((b) => b.key === 'B')!.total, 67.935);
      const record = await recordOf(t.db, finalised);
      assert.equal(record.state, 'finalised');
      const b = record.bids.find((x) => x.key === 'B')!;
      assert.deepEqual([b.total, ...b.keyPoints, b.rank], ['67.93', '25.20', '24.73', '7.20', '7.20', '3.60', '2']);
      assert.equal(record.winner?.key, recorded.winner);
      assert.deepEqual(record.missing.filter((m) => m.includes('differ')), [], 'the results agree with those recorded');
    });

    it('names a difference from the results recorded at finalisation, rather than showing other figures silently', async () => {
      const tender = (await tenderRepository.findByReference(t.db, PSR))!;
      const stored = (await tenderRepository.finalisation(t.db, tender.id))!.results_json;
      const altered = JSON.parse(stored) as ResultsJson;
      altered.bids.find((b) => b.key === 'B')!.total = 67.936;
      await t.db.updateTable('finalisations').set({ results_json: JSON.stringify(altered) }).where('tender_id', '=', tender.id).execute();
      try {
        const record = await recordOf(t.db, tender);
        assert.deepEqual(record.missing.filter((m) => m.includes('differ')), [
          'The results worked out now differ from those recorded when the evaluation was finalised (bid B): the figures below are today’s; find out why before filing the record',
        ]);
      } finally {
        await t.db.updateTable('finalisations').set({ results_json: stored }).where('tender_id', '=', tender.id).execute();
      }
    });
  });
});
