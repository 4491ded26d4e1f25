// The custom price formula (engine rules §3.4). The text is parsed once with mathjs `parse`, which only
// builds a syntax tree and runs nothing. Every node of the tree is checked against a short list of
// allowed forms, then turned into a small closure over exact fractions. mathjs `evaluate` and
// `compile` are never used, so no formula text can reach code.
import { parse, type MathNode } from 'mathjs';
import type Fraction from 'fraction.js';
import { exact, ln, max, min, roundHalfUp, sqrt, ZERO } from './exact';

export type FormulaVariables = Readonly<Record<string, Fraction>>;
export type Formula = (variables: FormulaVariables) => Fraction;

export const FORMULA_VARIABLES = ['price', 'lowest', 'highest', 'mean', 'weight'] as const;
export const FORMULA_FUNCTIONS = ['min', 'max', 'abs', 'round', 'ln', 'log', 'sqrt'] as const;
const MAX_FORMULA_LENGTH = 500;

export class FormulaError extends Error {}

export type CompileResult = { ok: true; formula: Formula } | { ok: false; problems: string[] };

/** Parses and checks a formula; `names` are the variables it may use besides none other. */
export function compileFormula(source: string, names: readonly string[]): CompileResult {
  if (source.length > MAX_FORMULA_LENGTH) {
    return { ok: false, problems: [`is ${source.length} characters long; expected at most ${MAX_FORMULA_LENGTH}`] };
  }
  // People write the real operator signs; mathjs reads the keyboard ones.
  const text = source.replace(/×/g, '*').replace(/÷/g, '/').replace(/−/g, '-');
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (error) {
    return { ok: false, problems: [`cannot be read (${(error as Error).message}); expected an expression such as "weight * lowest / price"`] };
  }
  const problems: string[] = [];
  // mathjs reads a number as a binary double: past 15 significant digits it is no longer the number written.
  for (const literal of text.match(/(?<![\w.])\d*\.?\d+(?:e[+-]?\d+)?/gi) ?? []) {
    const digits = literal.split(/e/i)[0]!.replace('.', '').replace(/^0+/, '');
    if (digits.length > 15) problems.push(`gives the number ${literal}, with more than 15 significant digits, which cannot be kept exactly; expected at most 15`);
  }
  const formula = build(tree, new Set(names), problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, formula };
}

const ARITY: Record<(typeof FORMULA_FUNCTIONS)[number], [number, number]> = {
  min: [1, 20],
  max: [1, 20],
  abs: [1, 1],
  round: [1, 2],
  ln: [1, 1],
  log: [1, 2],
  sqrt: [1, 1],
};

const OPERATORS: Record<string, (a: Fraction, b: Fraction) => Fraction> = {
  add: (a, b) => a.add(b),
  subtract: (a, b) => a.sub(b),
  multiply: (a, b) => a.mul(b),
  divide: (a, b) => {
    if (b.equals(ZERO)) throw new FormulaError('the formula divides by zero');
    return a.div(b);
  },
};

function fail(problems: string[], message: string): Formula {
  problems.push(message);
  return () => ZERO;
}

function build(node: MathNode, names: ReadonlySet<string>, problems: string[]): Formula {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return fail(problems, `"${node.toString()}" is not allowed; expected numbers, names, + − × ÷ and brackets`);
      }
      const constant = exact(value);
      return () => constant;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (!names.has(name)) {
        return fail(problems, `uses the unknown name "${name}"; expected one of: ${[...names].join(', ')}`);
      }
      return (variables) => {
        const value = variables[name];
        if (value === undefined) throw new FormulaError(`the formula needs "${name}", which has no value`);
        return value;
      };
    }
    case 'ParenthesisNode':
      return build((node as unknown as { content: MathNode }).content, names, problems);
    case 'OperatorNode':
      if ((node as unknown as { isPercentage?: boolean }).isPercentage) {
        const written = `${(node as unknown as { args: MathNode[] }).args[0]!.toString()}%`;
        return fail(problems, `"${written}" is not allowed (a percentage sign); expected numbers, names, + − × ÷ and brackets, such as 0.1 for 10%`);
      }
      return buildOperator(node as unknown as { fn: string; op: string; args: MathNode[] }, names, problems);
    case 'FunctionNode':
      return buildFunction(node as unknown as { fn: MathNode; args: MathNode[] }, node, names, problems);
    default:
      return fail(problems, `"${node.toString()}" is not allowed; expected numbers, names, + − × ÷, brackets and ${FORMULA_FUNCTIONS.join(' ')}`);
  }
}

function buildOperator(node: { fn: string; op: string; args: MathNode[] }, names: ReadonlySet<string>, problems: string[]): Formula {
  const args = node.args.map((arg) => build(arg, names, problems));
  if (node.fn === 'unaryMinus' && args.length === 1) return (v) => args[0]!(v).neg();
  if (node.fn === 'unaryPlus' && args.length === 1) return (v) => args[0]!(v);
  const apply = OPERATORS[node.fn];
  if (!apply || args.length !== 2) {
    return fail(problems, `the operator "${node.op}" is not allowed; expected + − × ÷`);
  }
  const [left, right] = args as [Formula, Formula];
  return (v) => apply(left(v), right(v));
}

function buildFunction(call: { fn: MathNode; args: MathNode[] }, node: MathNode, names: ReadonlySet<string>, problems: string[]): Formula {
  const name = call.fn.type === 'SymbolNode' ? (call.fn as unknown as { name: string }).name : '';
  if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name)) {
    return fail(problems, `the function "${node.toString()}" is not allowed; expected one of: ${FORMULA_FUNCTIONS.join(', ')}`);
  }
  const [least, most] = ARITY[name as (typeof FORMULA_FUNCTIONS)[number]];
  if (call.args.length < least || call.args.length > most) {
    const expected = least === most ? `${least}` : `${least} to ${most}`;
    return fail(problems, `"${node.toString()}" gives ${name} ${call.args.length} values; expected ${expected}`);
  }
  const args = call.args.map((arg) => build(arg, names, problems));
  const first = args[0]!;
  switch (name) {
    case 'min':
      return (v) => args.map((a) => a(v)).reduce(min);
    case 'max':
      return (v) => args.map((a) => a(v)).reduce(max);
    case 'abs':
      return (v) => first(v).abs();
    case 'round':
      return (v) => roundHalfUp(first(v), args[1] ? decimalPlaces(args[1](v)) : 0);
    case 'ln':
      return (v) => guard(() => ln(first(v)));
    case 'log': {
      // log(x) is base 10, as in spreadsheets; log(x, b) is base b.
      const base = args[1];
      return (v) => guard(() => ln(first(v)).div(ln(base ? base(v) : exact(10))));
    }
    default:
      return (v) => guard(() => sqrt(first(v)));
  }
}

function decimalPlaces(x: Fraction): number {
  const places = x.valueOf();
  if (!Number.isInteger(places) || places < 0 || places > 12) {
    throw new FormulaError('round(x, n) needs n to be a whole number from 0 to 12');
  }
  return places;
}

function guard(work: () => Fraction): Fraction {
  try {
    return work();
  } catch (error) {
    if (error instanceof FormulaError) throw error;
    throw new FormulaError(`the formula cannot be worked out: ${(error as Error).message}`);
  }
}
