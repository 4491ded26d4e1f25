// Rules of a rubric that one field alone cannot check (issue 2, engine rules §3.4): unique ids, weights
// adding up to 100, co-production weight, a complete scale, thresholds on the scale, price params.
import type Fraction from 'fraction.js';
import { exact, formatPlain, sum } from './exact';
import { compileFormula, FORMULA_VARIABLES } from './formula';
import { KEY_CRITERIA, KEY_CRITERION_TITLES } from './domain';
import type { Rubric } from './rubric-schema';

export interface RuleProblem {
  path: (string | number)[];
  message: string;
}

export function checkRubricRules(rubric: Rubric): RuleProblem[] {
  return [...scaleProblems(rubric), ...idProblems(rubric), ...weightProblems(rubric), ...thresholdProblems(rubric), ...priceProblems(rubric), ...practiceProblems(rubric), ...keyCriterionProblems(rubric)];
}

function scaleProblems({ scale }: Rubric): RuleProblem[] {
  if (scale.max <= scale.min) {
    return [{ path: ['scale', 'max'], message: `is ${scale.max}, not above min ${scale.min}; expected a scale such as 0 to 5` }];
  }
  const problems: RuleProblem[] = [];
  const seen = new Set<number>();
  scale.points.forEach((point, i) => {
    if (point.score < scale.min || point.score > scale.max) {
      problems.push({ path: ['scale', 'points', i, 'score'], message: `is ${point.score}, outside the scale; expected a whole number from ${scale.min} to ${scale.max}` });
    } else if (seen.has(point.score)) {
      problems.push({ path: ['scale', 'points', i, 'score'], message: `${point.score} is described twice; expected each score once` });
    }
    seen.add(point.score);
  });
  for (let score = scale.min; score <= scale.max; score++) {
    if (!seen.has(score)) {
      problems.push({ path: ['scale', 'points'], message: `has no point for score ${score}; expected a label, meaning and plain meaning for every score from ${scale.min} to ${scale.max}` });
    }
  }
  return problems;
}

function idProblems(rubric: Rubric): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const sections = new Set<string>();
  const criteria = new Set<string>();
  rubric.sections.forEach((section, s) => {
    if (sections.has(section.id)) problems.push({ path: ['sections', s, 'id'], message: `"${section.id}" is used by another section; expected a unique id` });
    sections.add(section.id);
    section.criteria.forEach((criterion, c) => {
      if (criteria.has(criterion.id)) {
        problems.push({ path: ['sections', s, 'criteria', c, 'id'], message: `"${criterion.id}" is used by another criterion; expected a unique id` });
      }
      criteria.add(criterion.id);
    });
  });
  return problems;
}

function lastWeightPath(rubric: Rubric): (string | number)[] {
  const s = rubric.sections.length - 1;
  const c = (rubric.sections[s]?.criteria.length ?? 1) - 1;
  return ['sections', s, 'criteria', c, 'weight'];
}

const show = (x: Fraction): string => formatPlain(x);

function weightProblems(rubric: Rubric): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const criteria = rubric.sections.flatMap((section) => section.criteria);
  const total = sum([...criteria.map((c) => exact(c.weight)), exact(rubric.price.weight)]);
  if (!total.equals(100)) {
    problems.push({ path: lastWeightPath(rubric), message: `criteria and price weights add up to ${show(total)}; they must add up to 100` });
  }
  const coProduction = criteria.filter((c) => c.coProduction);
  // policy may lack its default when another field of the file is wrong.
  const minimum = rubric.policy?.minimumCoProductionWeight ?? 10;
  if (coProduction.length === 0) {
    problems.push({ path: ['sections'], message: 'has no criterion marked coProduction: true; expected at least one co-production criterion' });
  } else {
    const weight = sum(coProduction.map((c) => exact(c.weight)));
    if (weight.compare(exact(minimum)) < 0) {
      problems.push({ path: ['policy', 'minimumCoProductionWeight'], message: `co-production criteria weigh ${show(weight)} in all; expected at least ${minimum}` });
    }
  }
  return problems;
}

function thresholdProblems(rubric: Rubric): RuleProblem[] {
  const { min, max } = rubric.scale;
  const problems: RuleProblem[] = [];
  rubric.sections.forEach((section, s) =>
    section.criteria.forEach((criterion, c) => {
      if (criterion.threshold !== undefined && (criterion.threshold < min || criterion.threshold > max)) {
        problems.push({ path: ['sections', s, 'criteria', c, 'threshold'], message: `is ${criterion.threshold}, off the scale; expected a number from ${min} to ${max}` });
      }
    }),
  );
  return problems;
}

function numberParam(rubric: Rubric, name: string): number | undefined {
  const value = rubric.price.params?.[name];
  return typeof value === 'number' ? value : undefined;
}

function priceProblems(rubric: Rubric): RuleProblem[] {
  const { method, weight, params = {} } = rubric.price;
  const problems: RuleProblem[] = [];
  const at = (name: string) => ['price', 'params', name];
  const need = (name: string, test: (n: number) => boolean, expected: string) => {
    const value = params[name];
    if (value === undefined) problems.push({ path: at(name), message: `is missing; the ${method} method needs ${expected}` });
    else if (typeof value !== 'number' || !test(value)) problems.push({ path: at(name), message: `is ${JSON.stringify(value)}; expected ${expected}` });
  };
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && !(method === 'custom' && name === 'formula')) {
      problems.push({ path: at(name), message: `is text; expected a number` });
    }
    // The formula's own names would hide a parameter of the same name: it would never be used.
    if (method === 'custom' && (FORMULA_VARIABLES as readonly string[]).includes(name)) {
      problems.push({ path: at(name), message: `has a name the formula already gives a value (${FORMULA_VARIABLES.join(', ')}); expected another name` });
    }
  }
  if (method === 'fixed-budget') {
    if (weight !== 0) problems.push({ path: ['price', 'weight'], message: `is ${weight}; the fixed-budget method needs a price weight of 0` });
    need('budget', (n) => n > 0, 'a budget above 0');
  } else if (weight === 0) {
    problems.push({ path: ['price', 'weight'], message: `is 0; expected a weight above 0, or the fixed-budget method for a quality-only evaluation` });
  }
  if (method === 'ideal-price') {
    need('ideal', (n) => n > 0, 'an ideal price above 0');
    need('ceiling', (n) => n > (numberParam(rubric, 'ideal') ?? 0), 'a ceiling price above the ideal price');
  }
  if (method === 'log') need('A', (n) => n > 1, 'A, the price multiple that scores zero, above 1');
  if (method === 'custom') {
    const formula = params['formula'];
    if (typeof formula !== 'string' || formula.trim() === '') {
      problems.push({ path: at('formula'), message: 'is missing; the custom method needs a formula such as "weight * lowest / price"' });
    } else {
      const names = [...FORMULA_VARIABLES, ...Object.keys(params).filter((k) => typeof params[k] === 'number')];
      const compiled = compileFormula(formula, names);
      if (!compiled.ok) compiled.problems.forEach((message) => problems.push({ path: at('formula'), message }));
    }
  }
  return problems;
}

/** Each practice answer is for a criterion of the rubric, with a reference score on its scale. */
function practiceProblems(rubric: Rubric): RuleProblem[] {
  const { min, max } = rubric.scale;
  const ids = rubric.sections.flatMap((section) => section.criteria.map((c) => c.id));
  const problems: RuleProblem[] = [];
  (rubric.practice ?? []).forEach((item, i) => {
    if (!ids.includes(item.criterion)) {
      problems.push({ path: ['practice', i, 'criterion'], message: `is "${item.criterion}", not a criterion of this rubric; expected one of ${ids.map((id) => `"${id}"`).join(', ')}` });
    }
    if (item.referenceScore < min || item.referenceScore > max) {
      problems.push({ path: ['practice', i, 'referenceScore'], message: `is ${item.referenceScore}, off the scale; expected a whole number from ${min} to ${max}` });
    }
  });
  return problems;
}

/**
 * A rubric for the Provider Selection Regime names a key criterion on every section, and between
 * its sections and price (which counts toward value) covers all five: the regulations ask that
 * each is taken into account. A rubric that names none is an ordinary rubric.
 */
function keyCriterionProblems(rubric: Rubric): RuleProblem[] {
  const named = rubric.sections.map((s) => s.keyCriterion);
  if (named.every((k) => k === undefined)) return [];
  const problems: RuleProblem[] = [];
  rubric.sections.forEach((section, s) => {
    if (section.keyCriterion === undefined) {
      problems.push({ path: ['sections', s, 'keyCriterion'], message: `is missing; other sections name their key criterion, so every section must (one of ${KEY_CRITERIA.join(', ')})` });
    }
  });
  const covered = new Set<string>(named.filter((k): k is NonNullable<typeof k> => k !== undefined));
  if (rubric.price.weight > 0) covered.add('value');
  const uncovered = KEY_CRITERIA.filter((k) => !covered.has(k));
  if (uncovered.length > 0) {
    problems.push({ path: ['sections'], message: `assess no ${uncovered.map((k) => `"${KEY_CRITERION_TITLES[k]}"`).join(', ')}; expected a section for each of the five key criteria (price counts toward value)` });
  }
  return problems;
}
