// `export <reference> --out FILE` (issue 6): the workbook read back with exceljs holds every score
// once, cached figures equal to the results (exact values; results JSON at its 6 places), live
// formulas for quality, points, price points and total; recalculated by a spreadsheet engine
// (gnumeric's ssconvert) every figure equals the application's exact one to 1e-9, for every
// price method and aggregation.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { openDatabase } from '../../src/data/database';
import { tenderRepository } from '../../src/data/tender-repository';
import { scoreTender, type TenderResult } from '../../src/engine';
import { tenderInput } from '../../src/services/results/results';
import { cli, importPack } from '../helpers/cli';
import { handWorkedPack, writeChangedPack, type RubricDoc } from '../helpers/packs';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';
import { byKey, cellsOf, numberAt, readWorkbook, recalculate, resultOf, tableOf, type ResultsJson } from '../helpers/export-workbooks';

const SHEETS = ['Summary', 'Criteria', 'Final scores', 'Scores', 'Moderation', 'Price', 'Panel and involvement', 'Audit'];

async function exactResults(dbUrl: string, reference: string): Promise<TenderResult> {
  const db = await openDatabase(dbUrl);
  try {
    const tender = (await tenderRepository.findByReference(db, reference))!;
    return scoreTender(await tenderInput(db, tender));
  } finally {
    await db.destroy();
  }
}

async function exportTo(dir: string, reference: string, ...extra: string[]): Promise<string> {
  const file = path.join(dir, `${reference}${extra.length ? '-panel' : ''}.xlsx`);
  const run = await cli(['export', reference, '--out', file, ...extra]);
  assert.equal(run.code, 0, run.stderr);
  return file;
}

const resultsJson = async (reference: string): Promise<ResultsJson> => JSON.parse((await cli(['results', reference, '--json'])).stdout) as ResultsJson;

/** Within 1e-9 of the exact value; and, rounded to 6 places, the results JSON figure. */
function sameFigure(actual: number | null, exact: { valueOf(): number } | null, json: number | null, what: string): void {
  assert.equal(actual === null, exact === null, `${what}: ${actual} vs ${String(exact)}`);
  if (actual === null || exact === null) return;
  assert.ok(Math.abs(actual - exact.valueOf()) <= 1e-9, `${what}: ${actual} differs from the exact ${exact.valueOf()}`);
  assert.ok(json !== null && Math.abs(actual - json) <= 5e-7 + 1e-12, `${what}: ${actual} does not round to the results JSON ${json}`);
}

describe('export: the workbook of the hand-worked tender', () => {
  const temp = useTempDatabase('all');
  let workbook: ExcelJS.Workbook;
  let json: ResultsJson;
  let exact: TenderResult;

  before(async () => {
    await importPack(HAND_WORKED_PACK);
    workbook = await readWorkbook(await exportTo(temp.dir, 'HW-2026-01'));
    json = await resultsJson('HW-2026-01');
    exact = await exactResults(temp.url, 'HW-2026-01');
  });

  it('has the eight sheets in order, each with a frozen header and a filter', () => {
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      SHEETS,
    );
    for (const sheet of workbook.worksheets) {
      assert.equal(sheet.views[0]?.state, 'frozen', sheet.name);
      assert.ok(sheet.autoFilter, `${sheet.name} has a filter`);
    }
  });

  it('holds every score of the tender exactly once, with its reason', async () => {
    const pack = handWorkedPack();
    const scores = tableOf(workbook.getWorksheet('Scores')!, 'Member');
    const seen = scores.map((r) => `${r.get('Member')}|${r.get('Bid')}|${r.get('Criterion')}`);
    assert.equal(new Set(seen).size, seen.length, 'no score twice');
    assert.deepEqual(seen.sort(), pack.scores.map((s) => `${s.member}|${s.bid}|${s.criterion}`).sort());
    for (const s of pack.scores) {
      const row = scores.find((r) => r.get('Member') === s.member && r.get('Bid') === s.bid && r.get('Criterion') === s.criterion)!;
      assert.equal(row.get('Score'), s.score);
      assert.equal(row.get('Reason'), s.rationale);
      assert.equal(row.get('Status'), 'submitted');
    }
  });

  it('caches on Summary the exact results, under live formulas over Final scores and Price', () => {
    const summary = byKey(tableOf(workbook.getWorksheet('Summary')!, 'Rank'), 'Bid');
    for (const bid of json.bids) {
      const row = summary.get(bid.key)!;
      const exactBid = exact.bids.find((b) => b.key === bid.key)!;
      assert.match(row.formula('Quality'), /^SUM\('Final scores'!G\d+:G\d+\)$/);
      sameFigure(resultOf(row.cell('Quality')), exactBid.quality, bid.quality, `${bid.key} quality`);
      sameFigure(resultOf(row.cell('Price points')), exactBid.pricePoints, bid.price, `${bid.key} price points`);
      sameFigure(resultOf(row.cell('Total')), exactBid.total, bid.total, `${bid.key} total`);
      assert.equal(row.get('Rank') ?? null, bid.rank);
      if (bid.total !== null) assert.match(row.formula('Total'), /^D\d+\+E\d+$/);
    }
    assert.equal(summary.get('E')!.get('Eligible'), 'withdrawn');
    assert.match(String(summary.get('D')!.get('Reasons')), /below its minimum of 2/);
  });

  it('gives each final score its points as a formula over the score, the scale and the weight', () => {
    const finals = tableOf(workbook.getWorksheet('Final scores')!, 'Bid');
    assert.equal(finals.length, json.bids.length * 2);
    for (const row of finals) {
      const bid = String(row.get('Bid'));
      const criterion = String(row.get('Criterion'));
      const cell = json.bids.find((b) => b.key === bid)!.criteria[criterion]!;
      const exactCell = exact.bids.find((b) => b.key === bid)!.criteria[criterion]!;
      const r = row.cell('Points = (F − a) ÷ (b − a) × w').row;
      assert.equal(row.formula('Points = (F − a) ÷ (b − a) × w'), `IF(ISNUMBER(D${r}),(D${r}-ScaleLowest)/(ScaleHighest-ScaleLowest)*F${r},"")`);
      sameFigure(numberAt(row.get('Final score (F)')), exactCell.final, cell.final, `${bid} ${criterion} final`);
      sameFigure(resultOf(row.cell('Points = (F − a) ÷ (b − a) × w')), exactCell.points, cell.points, `${bid} ${criterion} points`);
    }
    assert.equal(byKey(finals.filter((r) => r.get('Criterion') === 'co-production'), 'Bid').get('C')!.get('How it was reached'), 'consensus (moderation)');
  });

  it('shows the consensus with its rationale and who attended, and the audit chain with this export at its head', () => {
    const moderation = tableOf(workbook.getWorksheet('Moderation')!, 'Bid');
    assert.equal(moderation.length, 1);
    assert.match(String(moderation[0]!.get('Rationale')), /people's council gives real power/);
    assert.equal(moderation[0]!.get('Attended'), 'Sam Okafor (m1), Priya Shah (m2)');
    const audit = workbook.getWorksheet('Audit')!;
    const events = tableOf(audit, 'Event');
    const last = events[events.length - 1]!;
    assert.equal(last.get('Action'), 'tender.exported');
    assert.match(String(last.get('Detail')), /"copy":"procurement"/);
    assert.equal(audit.getCell('B1').value, last.get('Hash'));
    // The tender's own chain: numbered from 1, each row linked to the row above.
    assert.deepEqual(events.map((e) => e.get('In the tender’s chain')), events.map((_, i) => String(i + 1)));
    events.forEach((e, i) => assert.equal(e.get('Previous hash'), i === 0 ? '0'.repeat(64) : events[i - 1]!.get('Hash'), `row ${i + 1} links to the row above`));
  });

  it('is recalculated by a spreadsheet engine to the same figures, to 1e-9', () => {
    const file = path.join(temp.dir, 'HW-2026-01.xlsx');
    const sheets = recalculate(file, temp.dir);
    const summary = byKey(cellsOf(sheets.get('Summary')!, 'Rank'), 'Bid');
    for (const bid of exact.bids) {
      const row = summary.get(bid.key)!;
      sameFigure(numberAt(row.get('Quality')), bid.quality, json.bids.find((b) => b.key === bid.key)!.quality, `recalculated ${bid.key} quality`);
      if (bid.total) assert.ok(Math.abs(Number(row.get('Total')) - bid.total.valueOf()) <= 1e-9, `recalculated ${bid.key} total`);
      else assert.equal(row.get('Total'), '');
    }
  });
});

/** The hand-worked pack under another price method and aggregation, as its own tender. */
function variant(dir: string, reference: string, price: RubricDoc['price'], aggregation: string, weights?: [number, number]): string {
  return writeChangedPack(dir, `${reference}.yaml`, (pack) => {
    pack.tender.reference = reference;
    pack.tender['aggregation'] = aggregation;
    const rubric = pack.tender.rubric as RubricDoc;
    rubric.price = price;
    if (weights) rubric.sections[0]!.criteria.forEach((c, i) => (c.weight = weights[i]!));
  });
}

describe('export: recalculated by a spreadsheet engine, every method gives the application’s figures', () => {
  const temp = useTempDatabase('all');
  const VARIANTS: [string, RubricDoc['price'], string, [number, number]?][] = [
    ['V-LINEAR', { weight: 40, method: 'linear-deduction' }, 'median'],
    ['V-MEAN', { weight: 40, method: 'mean-relative' }, 'equal-voice'],
    ['V-IDEAL', { weight: 40, method: 'ideal-price', params: { ideal: 90000, ceiling: 130000 } }, 'mean'],
    ['V-LOG', { weight: 40, method: 'log', params: { A: 2.5 } }, 'equal-voice'],
    ['V-CUSTOM', { weight: 40, method: 'custom', params: { formula: 'weight * lowest / price * lowest / price' } }, 'mean'],
    ['V-BUDGET', { weight: 0, method: 'fixed-budget', params: { budget: 110000 } }, 'median', [50, 50]],
  ];

  for (const [reference, price, aggregation, weights] of VARIANTS) {
    it(`${price.method} with the ${aggregation}`, async () => {
      await importPack(variant(temp.dir, reference, price, aggregation, weights));
      const file = await exportTo(temp.dir, reference);
      const json = await resultsJson(reference);
      const exact = await exactResults(temp.url, reference);
      const cached = byKey(tableOf((await readWorkbook(file)).getWorksheet('Summary')!, 'Rank'), 'Bid');
      const recalculated = byKey(cellsOf(recalculate(file, temp.dir).get('Summary')!, 'Rank'), 'Bid');
      for (const bid of exact.bids) {
        const j = json.bids.find((b) => b.key === bid.key)!;
        sameFigure(resultOf(cached.get(bid.key)!.cell('Total')), bid.total, j.total, `${reference} ${bid.key} cached total`);
        sameFigure(numberAt(recalculated.get(bid.key)!.get('Quality')), bid.quality, j.quality, `${reference} ${bid.key} quality`);
        sameFigure(numberAt(recalculated.get(bid.key)!.get('Price points')), bid.pricePoints, j.price, `${reference} ${bid.key} price points`);
        sameFigure(numberAt(recalculated.get(bid.key)!.get('Total')), bid.total, j.total, `${reference} ${bid.key} total`);
      }
    });
  }
});

describe('export: the command line', () => {
  const temp = useTempDatabase('each');

  it('needs a reference and --out', async () => {
    assert.equal((await cli(['export'])).code, 2);
    const run = await cli(['export', 'HW-2026-01']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /export needs --out FILE.xlsx/);
  });

  it('says when there is no such tender, and leaves no file behind', async () => {
    const out = path.join(temp.dir, 'none.xlsx');
    const run = await cli(['export', 'NO-SUCH', '--out', out]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /There is no tender with the reference "NO-SUCH"/);
    assert.deepEqual(
      readdirSync(temp.dir).filter((f) => f.includes('none')),
      [],
    );
  });

  it('says when the file cannot be written', async () => {
    await importPack(HAND_WORKED_PACK);
    const run = await cli(['export', 'HW-2026-01', '--out', path.join(temp.dir, 'missing-folder', 'x.xlsx')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Cannot write/);
    assert.equal(existsSync(path.join(temp.dir, 'missing-folder')), false);
  });
});

describe('export: the Summary sheet of a tender with a tie for first place', () => {
  const temp = useTempDatabase('all');

  it('names the bids tied first as the winner cell, without "yet"', async () => {
    const file = writeChangedPack(temp.dir, 'tie.yaml', (pack) => {
      pack.tender.reference = 'HW-TIE';
      pack.bids = [
        { key: 'A', supplier: 'Alder Care', price: 100000 },
        { key: 'B', supplier: 'Birch Support', price: 100000 },
      ];
      pack.scores = ['A', 'B'].flatMap((bid) =>
        ['co-production', 'safety'].flatMap((criterion) => ['m1', 'm2'].map((member) => ({ member, bid, criterion, score: 3, rationale: 'Same.' }))),
      );
      pack.consensus = [];
    });
    await importPack(file);
    const summary = (await readWorkbook(await exportTo(temp.dir, 'HW-TIE'))).getWorksheet('Summary')!;
    const winnerRow = summary.getRows(1, summary.rowCount)!.find((row) => row.getCell(1).value === 'Winner');
    assert.ok(winnerRow, 'a Winner row on the Summary sheet');
    assert.equal(winnerRow.getCell(2).value, 'none: bids A and B are tied first');
  });
});
