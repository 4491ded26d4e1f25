// The command line's results table shows each figure as the results page does (its view model,
// bidViews): the engine's exact value rounded once, 2 places half up. A tender on a half: bid A
// scores 3 of 4 on both criteria (quality 45) and its price points are 40 × 76,010 / 80,000 =
// 38.005 exactly, its total 83.005 exactly. The results JSON holds those numbers, and as binary
// numbers 38.005 is 38.00500… and 83.005 is 83.00499…, so rounding them again said 38.01 and 83.00.
import assert from 'node:assert/strict';
import { resultsTable } from '../../../src/cli/results-table';
import { evaluation } from '../../../src/engine';
import { EVERYTHING } from '../../../src/services/results/audience';
import { bidViews } from '../../../src/services/results/bids';
import { buildRubric, tender } from '../engine/rubric-builder';

const input = tender({
  rubric: buildRubric({ scale: { min: 0, max: 4 } }),
  bids: { A: '80000', B: '76010' },
  members: { m1: 'lived-experience', m2: 'professional' },
  scores: {
    A: { 'co-production': { m1: 3, m2: 3 }, safety: { m1: 3, m2: 3 } },
    B: { 'co-production': { m1: 2, m2: 2 }, safety: { m1: 2, m2: 2 } },
  },
});

/** The table's rows of bids, split into their columns. */
const rows = (table: string): string[][] =>
  table
    .split('\n')
    .filter((line) => /^\d+\s+[AB]\s/.test(line))
    .map((line) => line.split(/\s{2,}/));

describe('cli: the results table', () => {
  it('is a tender on a half: the JSON holds 38.005 and 83.005', () => {
    const a = evaluation(input).json.bids.find((b) => b.key === 'A')!;
    assert.deepEqual([a.price, a.total], [38.005, 83.005]);
    assert.deepEqual([a.price!.toFixed(2), a.total!.toFixed(2)], ['38.01', '83.00'], 'what rounding the JSON again shows');
  });

  it('shows every bid’s quality, price points and total as the results page does: 38.01 and 83.01', () => {
    const evaluated = evaluation(input);
    const page = bidViews(input, evaluated.result, EVERYTHING);
    assert.deepEqual(
      rows(resultsTable(evaluated)),
      page.map((b) => [String(b.rank), b.key, b.supplier, b.quality, b.price, b.total]),
    );
    assert.deepEqual(rows(resultsTable(evaluated))[0], ['1', 'A', 'Supplier A Ltd', '45.00', '38.01', '83.01']);
  });

  it('shows a dash for the figures a bid does not have', () => {
    const unpriced = tender({ rubric: input.rubric, bids: { A: '80000', B: null }, members: { m1: 'lived-experience', m2: 'professional' }, scores: { A: { 'co-production': { m1: 3, m2: 3 }, safety: { m1: 3, m2: 3 } } } });
    const table = resultsTable(evaluation(unpriced));
    assert.match(table, /^-\s+B\s+Supplier B Ltd\s+0\.00\s+-\s+-\s+incomplete: /m);
  });
});
