// A price in a tender pack follows the same rules, with the same words, as a price typed in the
// web forms or read from the bids spreadsheet (parsePounds): above £0, in whole pence, under £1
// trillion. The engine's check (packPriceProblem) is pure, so the rule is written twice; this
// holds the two together on a list of numbers, and checks the pack schema uses it.
import assert from 'node:assert/strict';
import { check, decimalText, packPriceProblem, TenderPackSchema } from '../../../src/engine';
import { parse, stringify } from 'yaml';
import { parsePounds } from '../../../src/services/bids';

const NUMBERS = [
  1, 0.01, 0.1, 0.5, 99.99, 125000, 125000.5, 125000.55, 999_999_999_999, 999_999_999_999.99, 100_000_000_000,
  0, -0, -0.01, -1, -80000, -1e300,
  0.001, 0.005, 10.005, 1.001, 0.1 + 0.2, 5e-324, 1e-7, 1234.5 * 1.2,
  1e12, 1e12 + 0.5, 1_000_000_000_000.01, 1e21, 1e300, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER,
];

describe('tender pack: prices follow the rules of the forms', () => {
  for (const n of NUMBERS) {
    it(`${Object.is(n, -0) ? '-0' : String(n)}: the pack and the form agree`, () => {
      const form = parsePounds(decimalText(n));
      const pack = packPriceProblem(n);
      assert.deepEqual(pack === null ? { ok: true, value: decimalText(n) } : { ok: false, message: pack }, form);
    });
  }

  it('refuses 1e300, 0.001, 5e-324 and 0 in a pack, naming each bid, and accepts 999999999999.99', () => {
    const pack = {
      format: 'tender-pack/1',
      tender: { reference: 'P-1', title: 'Prices', rubric: 'home-care-outcomes' },
      bids: [1e300, 0.001, 5e-324, 0, 999_999_999_999.99, null].map((price, i) => ({ key: `b${i}`, supplier: `Supplier ${i}`, price })),
    };
    const checked = check(TenderPackSchema, pack);
    assert.deepEqual(checked.ok ? [] : checked.problems, [
      { path: 'bids[0].price', message: 'is too large; expected a price under £1,000,000,000,000' },
      { path: 'bids[1].price', message: 'has more than 2 decimal places; expected pounds and pence, like 125000.50' },
      { path: 'bids[2].price', message: 'has more than 2 decimal places; expected pounds and pence, like 125000.50' },
      { path: 'bids[3].price', message: 'is not above £0; expected a price above 0, like 125000 or 125000.50' },
    ]);
    assert.ok(check(TenderPackSchema, { ...pack, bids: pack.bids.slice(4) }).ok);
  });

  it('refuses a score or consensus score of -0 (a whole number to YAML and JSON, but not on a scale), naming each', () => {
    const pack = {
      format: 'tender-pack/1',
      tender: { reference: 'P-3', title: 'Minus zero', rubric: 'r' },
      bids: [{ key: 'A', supplier: 'S' }],
      panel: [{ key: 'm1', name: 'N', perspective: 'professional' }],
      scores: [-0, 0, 'abstain'].map((score, i) => ({ member: 'm1', bid: 'A', criterion: `c${i}`, score, rationale: 'r' })),
      consensus: [-0, 0].map((score, i) => ({ bid: 'A', criterion: `c${i}`, score, rationale: 'r', attendees: ['m1'] })),
    };
    const checked = check(TenderPackSchema, pack);
    const message = 'is -0; expected a whole number on the scale, and 0 without a minus sign';
    assert.deepEqual(checked.ok ? [] : checked.problems, [
      { path: 'scores[0].score', message },
      { path: 'consensus[0].score', message },
    ]);
    // The same from the text of a YAML file, where -0 is written as such.
    const fromYaml = check(TenderPackSchema, parse(stringify(pack)));
    assert.deepEqual(fromYaml.ok ? [] : fromYaml.problems.map((p) => p.path), ['scores[0].score', 'consensus[0].score']);
  });

  it('takes every state of a tender, finalised too (the import then records the finalisation), and names them', () => {
    const pack = (state: string) => ({ format: 'tender-pack/1', tender: { reference: 'P-2', title: 'State', rubric: 'r', state }, bids: [{ key: 'A', supplier: 'S' }] });
    const problems = (state: string) => {
      const checked = check(TenderPackSchema, pack(state));
      return checked.ok ? [] : checked.problems;
    };
    assert.deepEqual(problems('closed'), [{ path: 'tender.state', message: 'is the text "closed"; expected "draft" or "scoring" or "moderation" or "finalised"' }]);
    for (const state of ['draft', 'scoring', 'moderation', 'finalised']) assert.deepEqual(problems(state), [], state);
  });
});
