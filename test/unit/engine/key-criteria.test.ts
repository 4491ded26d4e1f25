// The Provider Selection Regime's key criteria in a rubric: every section names one or none does,
// all five are covered (price counts toward value), their weights are the relative importance, and
// a bid's points on each are its sections' points (plus price points for value), exactly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { check, formatPlain, keyCriterionPoints, keyCriterionWeights, RubricSchema, type Problem, type Rubric } from '../../../src/engine';
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
    const points = keyCriterionPoints(rubric, { sections: { 'quality-and-innovation': 33.6, value: 6.4, integration: 9.6, access: 9.6, 'social-value': 4.8 }, price: 16.666667 });
    assert.equal(formatPlain(points.value), '23.066667');
    assert.equal(formatPlain(points['quality-and-innovation']), '33.6');
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
