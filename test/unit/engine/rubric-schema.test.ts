// The rubric/1 format and the rules one field alone cannot check (engine rules §2, §3.4, §4): each
// problem comes back with the field path as written in the file and what is expected.
import assert from 'node:assert/strict';
import { check, RubricSchema, type Problem } from '../../../src/engine';
import { rubricData, type RubricSpec } from './rubric-builder';

type Json = Record<string, unknown>;

/** A valid rubric (two criteria of 30, price 40) to break one field at a time. */
function valid(spec: RubricSpec = {}): Json {
  return structuredClone(rubricData(spec));
}

function criterion(data: Json, section: number, index: number): Json {
  const sections = data['sections'] as Json[];
  return (sections[section]!['criteria'] as Json[])[index]!;
}

function problems(data: unknown): Problem[] {
  const checked = check(RubricSchema, data);
  assert.equal(checked.ok, false, 'the rubric was accepted; expected problems');
  return checked.ok ? [] : checked.problems;
}

function problemAt(found: Problem[], path: string): Problem {
  const problem = found.find((p) => p.path === path);
  assert.ok(problem, `no problem at ${path}; problems were ${JSON.stringify(found)}`);
  return problem;
}

describe('engine: rubric validation', () => {
  it('accepts a valid rubric and fills in the policy default', () => {
    const data = valid();
    delete data['policy'];
    const checked = check(RubricSchema, data);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.equal(checked.value.policy.minimumCoProductionWeight, 10);
  });

  it('adds weights exactly: 33.4 + 33.3 + 33.3 is 100 (in floats it is 99.99999999999999)', () => {
    const checked = check(
      RubricSchema,
      valid({
        criteria: [
          { id: 'co-production', weight: 33.4 },
          { id: 'safety', weight: 33.3 },
          { id: 'outcomes', weight: 33.3 },
        ],
        price: { weight: 0, method: 'fixed-budget', params: { budget: 1_000_000 } },
      }),
    );
    assert.ok(checked.ok, JSON.stringify(checked));
  });

  it('reports weights adding up to 95 on the last criterion weight', () => {
    const data = valid({
      criteria: [
        { id: 'co-production', weight: 30 },
        { id: 'safety', weight: 25 },
      ],
    });
    const found = problems(data);
    assert.deepEqual(found, [{ path: 'sections[0].criteria[1].weight', message: 'criteria and price weights add up to 95; they must add up to 100' }]);
  });

  it('reports weights adding up to more than 100 with their decimal total', () => {
    const found = problems(
      valid({
        criteria: [
          { id: 'co-production', weight: 30 },
          { id: 'safety', weight: 30.5 },
        ],
      }),
    );
    assert.equal(problemAt(found, 'sections[0].criteria[1].weight').message, 'criteria and price weights add up to 100.5; they must add up to 100');
  });

  it('reports a criterion with no plain-language text', () => {
    const data = valid();
    delete criterion(data, 0, 1)['plain'];
    assert.deepEqual(problems(data), [{ path: 'sections[0].criteria[1].plain', message: 'is missing; expected text' }]);
  });

  it('reports blank plain-language text', () => {
    const data = valid();
    criterion(data, 0, 0)['plain'] = '   ';
    assert.deepEqual(problems(data), [{ path: 'sections[0].criteria[0].plain', message: 'is blank; expected some text' }]);
  });

  it('reports an unknown price method and lists the methods', () => {
    const data = valid();
    (data['price'] as Json)['method'] = 'cheapest';
    const problem = problemAt(problems(data), 'price.method');
    assert.equal(
      problem.message,
      'is the text "cheapest"; expected "lowest-relative" or "linear-deduction" or "mean-relative" or "ideal-price" or "log" or "fixed-budget" or "custom"',
    );
  });

  it('reports co-production criteria weighing less than the policy minimum', () => {
    const found = problems(
      valid({
        criteria: [
          { id: 'co-production', weight: 5 },
          { id: 'safety', weight: 55 },
        ],
        minimumCoProductionWeight: 10,
      }),
    );
    assert.deepEqual(found, [{ path: 'policy.minimumCoProductionWeight', message: 'co-production criteria weigh 5 in all; expected at least 10' }]);
  });

  it('uses the default minimum of 10 for co-production when the policy does not say', () => {
    const data = valid({
      criteria: [
        { id: 'co-production', weight: 9 },
        { id: 'safety', weight: 51 },
      ],
    });
    delete data['policy'];
    assert.equal(problemAt(problems(data), 'policy.minimumCoProductionWeight').message, 'co-production criteria weigh 9 in all; expected at least 10');
  });

  it('accepts co-production weight exactly at the minimum, added over several criteria', () => {
    const checked = check(
      RubricSchema,
      valid({
        criteria: [
          { id: 'co-production', weight: 4, coProduction: true },
          { id: 'involvement', weight: 6, coProduction: true },
          { id: 'safety', weight: 50 },
        ],
        minimumCoProductionWeight: 10,
      }),
    );
    assert.ok(checked.ok, JSON.stringify(checked));
  });

  it('reports a rubric with no co-production criterion', () => {
    const found = problems(
      valid({
        criteria: [
          { id: 'safety', weight: 30, coProduction: false },
          { id: 'outcomes', weight: 30, coProduction: false },
        ],
      }),
    );
    assert.deepEqual(found, [{ path: 'sections', message: 'has no criterion marked coProduction: true; expected at least one co-production criterion' }]);
  });

  it('reports a threshold off the scale', () => {
    const found = problems(valid({ criteria: [{ id: 'co-production', weight: 30 }, { id: 'safety', weight: 30, threshold: 7 }] }));
    assert.deepEqual(found, [{ path: 'sections[0].criteria[1].threshold', message: 'is 7, off the scale; expected a number from 0 to 5' }]);
  });

  it('reports a threshold below a scale that starts at 1', () => {
    const found = problems(valid({ scale: { min: 1, max: 5 }, criteria: [{ id: 'co-production', weight: 30, threshold: 0 }, { id: 'safety', weight: 30 }] }));
    assert.equal(problemAt(found, 'sections[0].criteria[0].threshold').message, 'is 0, off the scale; expected a number from 1 to 5');
  });

  it('reports a criterion id used twice, at the second use', () => {
    const found = problems(
      valid({
        criteria: [
          { id: 'co-production', weight: 30, section: 'people' },
          { id: 'safety', weight: 15, section: 'people' },
          { id: 'safety', weight: 15, section: 'delivery' },
        ],
      }),
    );
    assert.deepEqual(found, [{ path: 'sections[1].criteria[0].id', message: '"safety" is used by another criterion; expected a unique id' }]);
  });

  it('reports a section id used twice', () => {
    const data = valid({
      criteria: [
        { id: 'co-production', weight: 30, section: 'people' },
        { id: 'safety', weight: 30, section: 'delivery' },
      ],
    });
    ((data['sections'] as Json[])[1]!)['id'] = 'people';
    assert.deepEqual(problems(data), [{ path: 'sections[1].id', message: '"people" is used by another section; expected a unique id' }]);
  });

  it('reports a fixed budget with a price weight that is not 0', () => {
    const found = problems(valid({ price: { weight: 40, method: 'fixed-budget', params: { budget: 100_000 } } }));
    assert.deepEqual(found, [{ path: 'price.weight', message: 'is 40; the fixed-budget method needs a price weight of 0' }]);
  });

  it('reports a fixed budget with no budget', () => {
    const found = problems(valid({ criteria: [{ id: 'co-production', weight: 100 }], price: { weight: 0, method: 'fixed-budget' } }));
    assert.deepEqual(found, [{ path: 'price.params.budget', message: 'is missing; the fixed-budget method needs a budget above 0' }]);
  });

  it('reports a price weight of 0 for a method other than fixed budget', () => {
    const found = problems(valid({ criteria: [{ id: 'co-production', weight: 100 }], price: { weight: 0, method: 'lowest-relative' } }));
    assert.equal(problemAt(found, 'price.weight').message, 'is 0; expected a weight above 0, or the fixed-budget method for a quality-only evaluation');
  });

  it('reports the missing params of ideal-price, each at its own path', () => {
    const found = problems(valid({ price: { weight: 40, method: 'ideal-price' } }));
    assert.deepEqual(found, [
      { path: 'price.params.ideal', message: 'is missing; the ideal-price method needs an ideal price above 0' },
      { path: 'price.params.ceiling', message: 'is missing; the ideal-price method needs a ceiling price above the ideal price' },
    ]);
  });

  it('reports an ideal-price ceiling that is not above the ideal', () => {
    const found = problems(valid({ price: { weight: 40, method: 'ideal-price', params: { ideal: 100_000, ceiling: 100_000 } } }));
    assert.deepEqual(found, [{ path: 'price.params.ceiling', message: 'is 100000; expected a ceiling price above the ideal price' }]);
  });

  it('reports the missing A of the log method', () => {
    const found = problems(valid({ price: { weight: 40, method: 'log' } }));
    assert.deepEqual(found, [{ path: 'price.params.A', message: 'is missing; the log method needs A, the price multiple that scores zero, above 1' }]);
  });

  it('reports a log A that is not above 1', () => {
    const found = problems(valid({ price: { weight: 40, method: 'log', params: { A: 1 } } }));
    assert.deepEqual(found, [{ path: 'price.params.A', message: 'is 1; expected A, the price multiple that scores zero, above 1' }]);
  });

  it('reports a custom formula’s param named like one of the formula’s own values (it would never be used)', () => {
    const found = problems(valid({ price: { weight: 40, method: 'custom', params: { formula: 'weight * lowest / price', price: 5 } } }));
    assert.deepEqual(found, [{ path: 'price.params.price', message: 'has a name the formula already gives a value (price, lowest, highest, mean, weight); expected another name' }]);
  });

  it('reports a param given as text where a number is needed', () => {
    const found = problems(valid({ price: { weight: 40, method: 'log', params: { A: '2' } } }));
    assert.ok(found.some((p) => p.path === 'price.params.A' && p.message === 'is text; expected a number'), JSON.stringify(found));
  });

  it('reports a custom method with no formula', () => {
    const found = problems(valid({ price: { weight: 40, method: 'custom' } }));
    assert.deepEqual(found, [{ path: 'price.params.formula', message: 'is missing; the custom method needs a formula such as "weight * lowest / price"' }]);
  });

  it('reports each problem of a custom formula at price.params.formula', () => {
    const found = problems(valid({ price: { weight: 40, method: 'custom', params: { formula: 'weight * cost ^ 2' } } }));
    assert.deepEqual(
      found.map((p) => p.path),
      ['price.params.formula', 'price.params.formula'],
    );
    assert.ok(found.some((p) => p.message.includes('unknown name "cost"')));
    assert.ok(found.some((p) => p.message.includes('the operator "^" is not allowed')));
  });

  it('lets a custom formula use the rubric\'s own numeric params', () => {
    const checked = check(RubricSchema, valid({ price: { weight: 40, method: 'custom', params: { formula: 'weight * (1 - (price - lowest) / span)', span: 50_000 } } }));
    assert.ok(checked.ok, JSON.stringify(checked));
  });

  it('reports a scale with a score that has no description', () => {
    const data = valid();
    const scale = data['scale'] as Json;
    scale['points'] = (scale['points'] as Json[]).filter((p) => p['score'] !== 3);
    assert.deepEqual(problems(data), [
      { path: 'scale.points', message: 'has no point for score 3; expected a label, meaning and plain meaning for every score from 0 to 5' },
    ]);
  });

  it('reports every problem in the file at once', () => {
    const data = valid({
      criteria: [
        { id: 'co-production', weight: 30 },
        { id: 'safety', weight: 20, threshold: 9 },
        { id: 'safety', weight: 5 },
      ],
      price: { weight: 40, method: 'log' },
    });
    delete criterion(data, 0, 0)['plain'];
    const found = problems(data);
    // weights 30 + 20 + 5 + 40 = 95; threshold 9 on 0–5; safety twice; no A for log; no plain text
    assert.deepEqual(
      found.map((p) => p.path).sort(),
      [
        'price.params.A',
        'sections[0].criteria[0].plain',
        'sections[0].criteria[1].threshold',
        'sections[0].criteria[2].id',
        'sections[0].criteria[2].weight',
      ],
    );
    assert.equal(problemAt(found, 'sections[0].criteria[2].weight').message, 'criteria and price weights add up to 95; they must add up to 100');
  });

  it('reports unknown fields, so a misspelt field is not silently ignored', () => {
    const data = valid();
    criterion(data, 0, 1)['treshold'] = 2;
    assert.deepEqual(problems(data), [{ path: 'sections[0].criteria[1]', message: 'has unknown field "treshold"; check the spelling or remove it' }]);
  });
});
