// The Provider Selection Regime's key criteria in a rubric: every section names one or none does,
// all five are covered (price counts toward value), their weights are the relative importance, and
// a bid's points on each are its sections' points (plus price points for value), exactly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { check, exact, formatHalfUp, formatPlain, jsonNumber, keyCriterionPoints, keyCriterionWeights, RubricSchema, type Problem, type Rubric } from '../../../src/engine';
import { RUBRICS_DIR } from '../../helpers/paths';

type Json = Record<string, unknown> & { sections: (Record<string, unknown> & { keyCriterion?: string })[]; price: { weight: number } };

const psrRubric = (): Json => parse(readFileSync(path.join(RUBRICS_DIR, 'community-mental-health-psr.yaml'), 'utf8')) as Json;

function problems(data: unknown): Problem[] {
  const checked = check(RubricSchema, data);
  return checked.ok ? [] : checked.problems;
}

describe('engine: the Provider Selection Regime’s key criteria', () => {
  it('reads the published PSR rubric’s relative importance: 42, 28 (price 20 of it), 12, 12, 6', () => {
    const checked = check(RubricSchema, psrRubric());
    assert.ok(checked.ok, JSON.stringify(checked));
    const weights = keyCriterionWeights(checked.value)!;
    assert.deepEqual(
      weights.map((k) => [k.title, formatPlain(k.weight), k.includesPrice]),
      [
        ['Quality and innovation', '42', false],
        ['Value', '28', true],
        ['Integration, collaboration and service sustainability', '12', false],
        ['Improving access, reducing health inequalities and facilitating choice', '12', false],
        ['Social value', '6', false],
      ],
    );
    // Co-production stays a weighted quality criterion.
    const coProduction = checked.value.sections.flatMap((s) => s.criteria).filter((c) => c.coProduction);
    assert.deepEqual(coProduction.map((c) => c.weight), [12]);
  });

  it('adds a bid’s section points and price points exactly', () => {
    const rubric = (check(RubricSchema, psrRubric()) as { ok: true; value: Rubric }).value;
    const sections = { 'quality-and-innovation': exact('33.6'), value: exact('6.4'), integration: exact('9.6'), access: exact('9.6'), 'social-value': exact('4.8') };
    const points = keyCriterionPoints(rubric, { sections, price: exact(50).div(3) });
    assert.equal(points.value.toFraction(), '346/15'); // 6.4 + 50/3, not 6.4 + 16.666667
    assert.equal(formatPlain(points['quality-and-innovation']), '33.6');
  });

  it('adds the exact price points, so a value just under a half is rounded down, once, when shown', () => {
    // Bid B priced at £100,326.06 against a lowest price of £100,000, scoring 3 of 5 on value for
    // money (8 × 3/5 = 4.8): price points 20 × 100,000 / 100,326.06 = 19.93499993919…
    const rubric = (check(RubricSchema, psrRubric()) as { ok: true; value: Rubric }).value;
    const price = exact(2_000_000).div(exact('100326.06'));
    const sections = { 'quality-and-innovation': exact('25.2'), value: exact('4.8'), integration: exact('7.2'), access: exact('7.2'), 'social-value': exact('3.6') };
    const points = keyCriterionPoints(rubric, { sections, price });
    assert.equal(formatHalfUp(points.value, 12), '24.734999939198');
    assert.equal(formatHalfUp(points.value, 2), '24.73');
    // What adding the 6-place figure of the results JSON and rounding again would have shown.
    assert.equal(formatHalfUp(exact('4.8').add(exact(jsonNumber(price))), 2), '24.74');
  });

  it('leaves an ordinary rubric (no key criteria) alone', () => {
    const data = psrRubric();
    data.sections.forEach((s) => delete s.keyCriterion);
    const checked = check(RubricSchema, data);
    assert.ok(checked.ok);
    assert.equal(keyCriterionWeights(checked.value), null);
  });

  it('asks every section to name its key criterion once one does', () => {
    const data = psrRubric();
    delete data.sections[3]!.keyCriterion;
    assert.deepEqual(problems(data), [
      { path: 'sections[3].keyCriterion', message: 'is missing; other sections name their key criterion, so every section must (one of quality-and-innovation, value, integration-collaboration-sustainability, access-inequalities-choice, social-value)' },
      { path: 'sections', message: 'assess no "Improving access, reducing health inequalities and facilitating choice"; expected a section for each of the five key criteria (price counts toward value)' },
    ]);
  });

  it('counts price toward value: no value section is needed while price has a weight', () => {
    const data = psrRubric();
    data.sections = data.sections.filter((s) => s.keyCriterion !== 'value');
    data.price.weight = 28;
    assert.deepEqual(problems(data), []);
  });

  it('refuses a key criterion that is not one of the five, listing them', () => {
    const data = psrRubric();
    data.sections[0]!.keyCriterion = 'quality';
    const [problem] = problems(data);
    assert.equal(problem!.path, 'sections[0].keyCriterion');
    assert.match(problem!.message, /quality-and-innovation/);
  });
});
