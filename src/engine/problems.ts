// Turns zod's findings into problems people can act on: the field path as written in the file
// (`sections[1].criteria[0].weight`), what is wrong, and what is expected.
import type { z } from 'zod';

export interface Problem {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(top level)';
}

function describeValue(input: unknown): string {
  if (input === undefined) return 'missing';
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return input.trim() === '' ? 'blank' : `the text ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  if (typeof input === 'object') return 'a group of fields';
  return `${typeof input} ${String(input)}`;
}

const EXPECTED_TYPE: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
};

/** The error map given to every safeParse of an input file. */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_TYPE[issue.expected] ?? issue.expected;
      return issue.input === undefined ? `is missing; expected ${expected}` : `is ${describeValue(issue.input)}; expected ${expected}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'is blank; expected some text';
      if (issue.origin === 'array') return `has ${(issue.input as unknown[]).length} items; expected at least ${issue.minimum}`;
      return `is ${String(issue.input)}; expected ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long; expected at most ${issue.maximum} characters`;
      return `is ${String(issue.input)}; expected ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_value':
      return `is ${describeValue(issue.input)}; expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling or remove ${issue.keys.length > 1 ? 'them' : 'it'}`;
    case 'invalid_format':
      return `is ${describeValue(issue.input)}; it ${issue.message ?? `expected the ${issue.format} format`}`;
    case 'invalid_union':
      return `is ${describeValue(issue.input)}; expected ${issue.message ?? 'a different kind of value'}`;
    case 'not_multiple_of':
      return `is ${String(issue.input)}; expected a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}

export function problemsFrom(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function check<S extends z.ZodType>(schema: S, data: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(data, { error: describeIssue });
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsFrom(result.error) };
}
