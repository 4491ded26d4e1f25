// The two copies of the workbook (issue 6, item 4): procurement's names the organisations and
// shows prices and every stored score; the panel's copy of an anonymised tender shows codes
// ("Bid A"), never a name, a price or a draft score.
import assert from 'node:assert/strict';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { openDatabase } from '../../src/data/database';
import { cli, importPack } from '../helpers/cli';
import { readWorkbook, tableOf, type ResultsJson } from '../helpers/export-workbooks';
import { readYaml, type PackDoc } from '../helpers/packs';
import { HAND_WORKED_PACK, REPO_ROOT } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

const DEMO = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');

/** Every value of every cell, as text (formulas by their cached result). */
function allText(workbook: ExcelJS.Workbook): string[] {
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.formula !== undefined ? cell.result : cell.value;
        texts.push(value instanceof Date ? value.toISOString() : String(value));
      }),
    ),
  );
  return texts;
}

async function exportCopy(dir: string, reference: string, panel: boolean): Promise<ExcelJS.Workbook> {
  const file = path.join(dir, `${reference}-${panel ? 'panel' : 'procurement'}.xlsx`);
  const run = await cli(['export', reference, '--out', file, ...(panel ? ['--panel'] : [])]);
  assert.equal(run.code, 0, run.stderr);
  return readWorkbook(file);
}

describe('export: procurement and panel copies of the demo tender (anonymised)', () => {
  const temp = useTempDatabase('all');
  const pack = readYaml<PackDoc>(DEMO);
  let storedScores = 0;

  before(async () => {
    await importPack(DEMO);
    // A member's unsubmitted draft: stored, not counted, and never in the panel's copy.
    const db = await openDatabase(temp.url);
    const ids = await db
      .selectFrom('scores')
      .select(['tender_id', 'member_id', 'bid_id'])
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('scores')
      .values({ ...ids, criterion: 'draft-only', score: 2, abstain: 0, rationale: 'Still thinking', status: 'draft', version: 1, entered_by: null, updated_at: '2026-11-23T10:00:00.000Z' })
      .execute();
    storedScores = Number((await db.selectFrom('scores').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await db.destroy();
  });

  it('procurement’s copy holds every stored score once, the draft marked as not counted', async () => {
    const workbook = await exportCopy(temp.dir, 'DEMO-HC-2026', false);
    const scores = tableOf(workbook.getWorksheet('Scores')!, 'Member');
    assert.equal(scores.length, storedScores);
    assert.equal(storedScores, pack.scores.length + 1);
    assert.deepEqual(
      scores.filter((r) => r.get('Status') === 'draft (not counted)').map((r) => r.get('Reason')),
      ['Still thinking'],
    );
    const names = allText(workbook);
    for (const bid of pack.bids) assert.ok(names.includes(bid.supplier), `${bid.supplier} is named`);
  });

  it('procurement’s copy leaves the incomplete bid without a total or rank, and says what is missing', async () => {
    const workbook = await exportCopy(temp.dir, 'DEMO-HC-2026', false);
    const json = JSON.parse((await cli(['results', 'DEMO-HC-2026', '--json'])).stdout) as ResultsJson;
    const incomplete = json.bids.filter((b) => b.total === null);
    assert.ok(incomplete.length > 0);
    const summary = tableOf(workbook.getWorksheet('Summary')!, 'Rank');
    for (const bid of incomplete) {
      const row = summary.find((r) => r.get('Bid') === bid.key)!;
      assert.equal(row.get('Total'), null);
      assert.equal(row.get('Rank'), null);
    }
  });

  it('the panel’s copy shows codes, not names; no prices, no price points, no totals; only submitted scores', async () => {
    const workbook = await exportCopy(temp.dir, 'DEMO-HC-2026', true);
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['Summary', 'Criteria', 'Final scores', 'Scores', 'Moderation', 'Panel and involvement'],
    );
    const texts = allText(workbook);
    for (const bid of pack.bids) {
      assert.ok(!texts.some((t) => t.includes(bid.supplier)), `${bid.supplier} appears in the panel copy`);
      const price = String(bid.price);
      assert.ok(!texts.some((t) => t === price || t.includes(Number(price).toLocaleString('en-GB'))), `the price ${price} appears`);
    }
    // Members' reasons may quote amounts from a bid's answers; the figures themselves never show money.
    for (const name of ['Summary', 'Final scores']) {
      const sheet = workbook.getWorksheet(name)!;
      sheet.eachRow((row) => row.eachCell((cell) => assert.ok(!String(cell.value).includes('£'), `${name}!${cell.address}`)));
    }
    const summary = tableOf(workbook.getWorksheet('Summary')!, 'Bid');
    assert.deepEqual(
      summary.map((r) => r.get('Organisation')),
      pack.bids.map((b) => `Bid ${b.key}`),
    );
    assert.throws(() => summary[0]!.get('Total'), /no column "Total"/);
    assert.equal(tableOf(workbook.getWorksheet('Scores')!, 'Member').length, pack.scores.length);
  });
});

describe('export: the panel’s copy of a tender that is not anonymised', () => {
  const temp = useTempDatabase('all');

  it('names the organisations, as the panel saw them, but shows no prices', async () => {
    await importPack(HAND_WORKED_PACK);
    const workbook = await exportCopy(temp.dir, 'HW-2026-01', true);
    const texts = allText(workbook);
    assert.ok(texts.includes('Alder Care'));
    assert.ok(!workbook.getWorksheet('Price'));
    assert.ok(!texts.some((t) => ['100000', '80000', '120000', '50000'].includes(t)));
    // The bids by key, not by rank (C is ranked first), so the order does not give the ranks away.
    assert.deepEqual(
      tableOf(workbook.getWorksheet('Summary')!, 'Bid').map((r) => r.get('Bid')),
      ['A', 'B', 'C', 'D', 'E'],
    );
  });
});

describe('export: what moderation replaced stays in the workbook', () => {
  const temp = useTempDatabase('all');

  it('lists a replaced consensus score, marked so, and a re-opened score as it was submitted, with why', async () => {
    await importPack(HAND_WORKED_PACK);
    const db = await openDatabase(temp.url);
    const tender = await db.selectFrom('tenders').select('id').executeTakeFirstOrThrow();
    const bidC = await db.selectFrom('bids').select('id').where('key', '=', 'C').executeTakeFirstOrThrow();
    const m3 = await db.selectFrom('panel_members').select('id').where('key', '=', 'm3').executeTakeFirstOrThrow();
    await db
      .insertInto('consensus_history')
      .values({ tender_id: tender.id, bid_id: bidC.id, criterion: 'co-production', score: 3, rationale: 'First view, before the board minutes were read.', attendees: '["m1","m2"]', recorded_by: 'commissioner:owner@council.example', recorded_at: '2026-11-20T10:00:00.000Z', superseded_by: 'commissioner:owner@council.example', superseded_at: '2026-11-21T10:00:00.000Z' })
      .execute();
    await db
      .insertInto('score_reopenings')
      .values({ tender_id: tender.id, member_id: m3.id, bid_id: bidC.id, criterion: 'safety', score: 4, abstain: 0, rationale: 'Excellent.', version: 1, reason: 'Tom asked to look again at the training plan.', reopened_by: 'facilitator:facilitator@council.example', reopened_at: '2026-11-21T11:00:00.000Z' })
      .execute();
    await db.destroy();
    const workbook = await exportCopy(temp.dir, 'HW-2026-01', false);
    const moderation = tableOf(workbook.getWorksheet('Moderation')!, 'Bid');
    assert.deepEqual(
      moderation.map((r) => [r.get('Consensus score'), r.get('Status')]),
      [
        [3, 'replaced by commissioner:owner@council.example on 2026-11-21T10:00:00.000Z'],
        [4, 'current'],
      ],
    );
    const reopened = tableOf(workbook.getWorksheet('Moderation')!, 'Re-opened score: member');
    assert.equal(reopened.length, 1);
    assert.equal(reopened[0]!.get('Re-opened score: member'), 'Tom Reid (m3)');
    assert.equal(reopened[0]!.get('Why it was re-opened'), 'Tom asked to look again at the training plan.');
  });
});
