// engine rules §3.4, custom formulas: only numbers, the allowed names, + − × ÷, unary minus, brackets
// and min max abs round ln log sqrt; anything else is refused with a message naming the part.
import assert from 'node:assert/strict';
import { compileFormula, exact, FORMULA_VARIABLES, FormulaError, type Formula } from '../../../src/engine';
import { assertExact } from './assert-exact';

const NAMES = [...FORMULA_VARIABLES];

function problemsOf(source: string, names: readonly string[] = NAMES): string[] {
  const compiled = compileFormula(source, names);
  assert.equal(compiled.ok, false, `"${source}" was accepted; expected it to be refused`);
  return compiled.ok ? [] : compiled.problems;
}

function compiled(source: string, names: readonly string[] = NAMES): Formula {
  const result = compileFormula(source, names);
  if (!result.ok) assert.fail(`"${source}" was refused: ${result.problems.join('; ')}`);
  return result.formula;
}

const VARS = { price: exact(120_000), lowest: exact(80_000), highest: exact(150_000), mean: exact(100_000), weight: exact(40) };

describe('engine: custom formula safety (engine rules §3.4)', () => {
  describe('refuses, naming the offending part', () => {
    const cases: [string, string, RegExp][] = [
      ['an unknown name', 'weight * cost / price', /unknown name "cost"/],
      ['the power operator ^', 'weight * (lowest / price) ^ 2', /the operator "\^" is not allowed/],
      ['a call to import', 'import("fs")', /the function "import\("fs"\)" is not allowed/],
      ['a call to evaluate', 'evaluate("1")', /the function "evaluate\("1"\)" is not allowed/],
      ['a call to a function outside the list', 'exp(price)', /the function "exp\(price\)" is not allowed/],
      ['a function definition', 'f(x)=1', /"f\(x\) = 1" is not allowed/],
      ['an assignment', 'a = 1', /"a = 1" is not allowed/],
      ['a string', '"weight"', /""weight"" is not allowed/],
      ['a matrix', '[1, 2]', /"\[1, 2\]" is not allowed/],
      ['property access', 'price.constructor', /"price.constructor" is not allowed/],
      ['index access', 'price["constructor"]', /"price\["constructor"\]" is not allowed/],
      ['a conditional', 'price > 1 ? 1 : 0', /"\(price > 1\) \? 1 : 0" is not allowed/],
      ['a comparison', 'price > lowest', /the operator ">" is not allowed/],
      ['an equality test', 'price == lowest', /the operator "==" is not allowed/],
      ['the modulo operator', 'price mod 7', /the operator "mod" is not allowed/],
      ['a factorial', 'weight!', /the operator "!" is not allowed/],
      ['a boolean', 'true', /"true" is not allowed/],
      ['a number too large to be finite', '1e999', /"Infinity" is not allowed|"1e999" is not allowed/],
      ['several statements', 'weight; price', /"weight;\nprice" is not allowed/],
      ['an object', '{a: 1}', /is not allowed/],
      ['a percentage sign (mathjs reads it as ÷ 100)', 'weight * 10%', /"10%" is not allowed \(a percentage sign\); expected .* such as 0\.1 for 10%/],
      ['a number with more digits than a double keeps', '123456789.123456789 * weight / price', /gives the number 123456789\.123456789, with more than 15 significant digits, which cannot be kept exactly/],
    ];
    for (const [what, source, expected] of cases) {
      it(`refuses ${what}: ${source}`, () => {
        const problems = problemsOf(source);
        assert.ok(
          problems.some((p) => expected.test(p)),
          `problems for "${source}" were ${JSON.stringify(problems)}; expected one matching ${expected}`,
        );
      });
    }

    it('lists the names it does accept when it meets an unknown one', () => {
      const [problem] = problemsOf('cost', ['price', 'weight', 'span']);
      assert.equal(problem, 'uses the unknown name "cost"; expected one of: price, weight, span');
    });

    it('reports every problem in one formula, not just the first', () => {
      const problems = problemsOf('cost ^ 2 + exp(1)');
      assert.equal(problems.length, 3, JSON.stringify(problems));
    });

    it('refuses a function given the wrong number of values', () => {
      assert.match(problemsOf('sqrt(price, 2)')[0]!, /gives sqrt 2 values; expected 1/);
      assert.match(problemsOf('round(price, 2, 3)')[0]!, /gives round 3 values; expected 1 to 2/);
    });

    it('refuses text that is not an expression, with an example of one', () => {
      assert.match(problemsOf('weight *')[0]!, /^cannot be read \(.*\); expected an expression such as "weight \* lowest \/ price"$/);
    });

    it('refuses a formula longer than 500 characters', () => {
      assert.match(problemsOf(`weight${' + 0'.repeat(200)}`)[0]!, /expected at most 500/);
    });

    it('refuses a rubric param name that the rubric does not define', () => {
      assert.match(problemsOf('weight * span', NAMES)[0]!, /unknown name "span"/);
    });
  });

  describe('accepts', () => {
    it('the real operator signs × ÷ − as well as * / -', () => {
      const signs = compiled('weight × lowest ÷ price − 1');
      const keys = compiled('weight * lowest / price - 1');
      assertExact(signs(VARS), [77, 3]); // 40 × 80000 / 120000 − 1 = 80/3 − 1 = 77/3
      assert.ok(signs(VARS).equals(keys(VARS)));
    });

    it('unary minus and plus, and brackets', () => {
      assertExact(compiled('-(price - lowest) / +lowest * -weight')(VARS), 20); // −40000 / 80000 × −40 = 20
    });

    it('implicit multiplication of a number and a name', () => {
      assertExact(compiled('2 weight')(VARS), 80);
    });

    it('every allowed function', () => {
      assertExact(compiled('min(price, lowest, highest)')(VARS), 80_000);
      assertExact(compiled('max(price, lowest, highest)')(VARS), 150_000);
      assertExact(compiled('abs(lowest - price)')(VARS), 40_000);
      assertExact(compiled('round(weight / 3, 2)')(VARS), '13.33'); // 13.333… → 13.33
      assertExact(compiled('round(-2.5)')(VARS), -3); // half away from zero
      assertExact(compiled('sqrt(weight * 10)')(VARS), 20); // √400
      assertExact(compiled('round(ln(price / lowest), 6)')(VARS), '0.405465'); // ln 1.5 = 0.4054651081…
      assertExact(compiled('round(log(100000), 9)')(VARS), 5); // log10(100000) = 5
      assertExact(compiled('round(log(8, 2), 9)')(VARS), 3); // log2(8) = 3
    });

    it('a rubric\'s own numeric params by name', () => {
      const f = compiled('weight * (1 - (price - lowest) / span)', [...NAMES, 'span']);
      assertExact(f({ ...VARS, span: exact(160_000) }), 30); // 40 × (1 − 40000 / 160000)
    });

    it('decimal constants, exactly', () => {
      assertExact(compiled('0.1 + 0.2')(VARS), '0.3'); // not 0.30000000000000004
    });
  });

  describe('at evaluation', () => {
    it('turns a division by zero into a FormulaError', () => {
      const f = compiled('weight / (price - lowest)');
      assert.throws(() => f({ ...VARS, price: exact(80_000) }), (e: unknown) => e instanceof FormulaError && e.message === 'the formula divides by zero');
    });

    it('turns ln of 0, the square root of a negative number and log base 1 into FormulaErrors', () => {
      for (const source of ['ln(price - price)', 'sqrt(lowest - price)', 'log(price, 1)']) {
        assert.throws(() => compiled(source)(VARS), (e: unknown) => e instanceof FormulaError && /cannot be worked out|divides by zero/.test(e.message), source);
      }
    });

    it('turns round with a bad number of places into a FormulaError', () => {
      assert.throws(() => compiled('round(weight, 1.5)')(VARS), FormulaError);
      assert.throws(() => compiled('round(weight, 13)')(VARS), FormulaError);
    });

    it('says which name has no value when one is not given', () => {
      const f = compiled('weight * span', [...NAMES, 'span']);
      assert.throws(() => f(VARS), (e: unknown) => e instanceof FormulaError && e.message.includes('"span"'));
    });
  });
});
