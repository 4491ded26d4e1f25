// Practice answers in a rubric (the practice round): each is for a criterion of the rubric, with a
// reference score on its scale and why in both language layers; problems name the place.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { check, RubricSchema, type Problem } from '../../../src/engine';
import { rubricData } from './rubric-builder';

type Json = Record<string, unknown>;

const practiceItem = (over: Json = {}): Json => ({
  criterion: 'co-production',
  answer: 'We run a monthly group where people who use the service choose the training our staff get.',
  referenceScore: 3,
  why: { plain: 'They give people a real say in one thing.', formal: 'Shared decisions on training, with little on payment or access.' },
  ...over,
});

function withPractice(items: unknown[]): Json {
  return { ...structuredClone(rubricData()), practice: items };
}

function problems(data: unknown): Problem[] {
  const checked = check(RubricSchema, data);
  assert.equal(checked.ok, false, 'the rubric was accepted; expected problems');
  return checked.ok ? [] : checked.problems;
}

describe('engine: practice answers in a rubric', () => {
  it('accepts practice answers and keeps them in order', () => {
    const checked = check(RubricSchema, withPractice([practiceItem(), practiceItem({ criterion: 'safety', referenceScore: 0 })]));
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.deepEqual(checked.value.practice?.map((p) => [p.criterion, p.referenceScore]), [['co-production', 3], ['safety', 0]]);
  });

  it('accepts a rubric with no practice answers (a tender pack\'s own rubric may have none)', () => {
    const checked = check(RubricSchema, structuredClone(rubricData()));
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.equal(checked.value.practice, undefined);
  });

  it('reports a practice answer for a criterion the rubric does not have, naming the ones it has', () => {
    const found = problems(withPractice([practiceItem(), practiceItem({ criterion: 'co-produktion' })]));
    const problem = found.find((p) => p.path === 'practice[1].criterion');
    assert.ok(problem, JSON.stringify(found));
    assert.match(problem.message, /"co-produktion", not a criterion of this rubric; expected one of "co-production", "safety"/);
  });

  it('reports a reference score off the scale, with the scale', () => {
    const found = problems(withPractice([practiceItem({ referenceScore: 6 })]));
    const problem = found.find((p) => p.path === 'practice[0].referenceScore');
    assert.ok(problem, JSON.stringify(found));
    assert.match(problem.message, /is 6, off the scale; expected a whole number from 0 to 5/);
  });

  it('reports a reference score that is not a whole number, and a missing plain reason', () => {
    const found = problems(withPractice([practiceItem({ referenceScore: 2.5, why: { formal: 'Some shared decisions.' } })]));
    assert.ok(found.some((p) => p.path === 'practice[0].referenceScore'), JSON.stringify(found));
    assert.ok(found.some((p) => p.path === 'practice[0].why.plain'), JSON.stringify(found));
  });

  it('reports a why given as one text, since the rubric keeps both language layers', () => {
    const found = problems(withPractice([practiceItem({ why: 'Because.' })]));
    assert.ok(found.some((p) => p.path === 'practice[0].why'), JSON.stringify(found));
  });

  it('reports an unknown field in a practice answer', () => {
    const found = problems(withPractice([practiceItem({ score: 3 })]));
    assert.ok(found.some((p) => p.path.startsWith('practice[0]')), JSON.stringify(found));
  });

  describe('every published rubric', () => {
    const folder = path.resolve('rubrics');
    const files = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
    it('has rubrics to check', () => assert.ok(files.length >= 4, files.join(', ')));
    for (const file of files) {
      it(`${file} ships practice answers covering its co-production criteria, each with a reason in both layers`, () => {
        const checked = check(RubricSchema, parse(readFileSync(path.join(folder, file), 'utf8')));
        assert.ok(checked.ok, JSON.stringify(checked));
        const rubric = checked.value;
        const practice = rubric.practice ?? [];
        assert.ok(practice.length >= 3, `${file} has ${practice.length} practice answers; expected a few (3 or more)`);
        const coProduction = rubric.sections.flatMap((s) => s.criteria).filter((c) => c.coProduction);
        assert.ok(coProduction.length > 0);
        for (const criterion of coProduction) {
          assert.ok(practice.some((p) => p.criterion === criterion.id), `${file}: no practice answer for the co-production criterion ${criterion.id}`);
        }
        // Different reference scores, so the practice shows more than one point of the scale.
        assert.ok(new Set(practice.map((p) => p.referenceScore)).size >= 2, `${file}: every practice answer has the same reference score`);
      });
    }
  });
});
