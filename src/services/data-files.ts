// Reading rubric and pack files (YAML or JSON). A file that cannot be read or parsed becomes a
// problem with the line and column where that is known, never an exception.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { formatPath } from '../engine';

export interface FileProblem {
  file: string;
  path: string;
  message: string;
  /**
   * Where on this machine, such as the rubrics folder: printed by the command line after the
   * message, never shown on the web (the server's folders are none of an uploader's business).
   */
  local?: string;
}

export type Loaded = { ok: true; data: unknown } | { ok: false; problems: FileProblem[] };

/**
 * The most a YAML file may expand through its aliases (`*name`), as the yaml package counts it:
 * about 100 uses of an anchored value. Nested aliases multiply ("billion laughs"), so a few
 * hundred bytes could otherwise unfold into gigabytes.
 */
export const MAX_YAML_ALIASES = 100;

/** How many repeated keys of a JSON file are named; one is enough to refuse it. */
const MAX_REPEATED_KEYS = 20;

/**
 * The field paths (`tender.reference`) of keys given twice in one object of a valid JSON text.
 * JSON.parse keeps the last silently; YAML refuses them, and so does this, so a pack means the
 * same whichever way it is written. One pass, no recursion (the nesting may be deep).
 */
export function repeatedJsonKeys(text: string): string[] {
  type Frame = { kind: 'object'; keys: Set<string>; key: string; expectKey: boolean } | { kind: 'array'; index: number };
  const stack: Frame[] = [];
  const repeated: string[] = [];
  for (let i = 0; i < text.length && repeated.length < MAX_REPEATED_KEYS; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        top.key = key;
        top.expectKey = false;
        if (top.keys.has(key)) repeated.push(formatPath(stack.map((f) => (f.kind === 'object' ? f.key : f.index))));
        else top.keys.add(key);
      }
      i = end;
    } else if (c === '{') stack.push({ kind: 'object', keys: new Set(), key: '', expectKey: true });
    else if (c === '[') stack.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index += 1;
    }
  }
  return repeated;
}

function parseJson(file: string, text: string): Loaded {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    // The parser quotes a snippet of the text, line breaks and all: one problem is one line.
    const why = (error as Error).message.replace(/\s*[\r\n]+\s*/g, ' ');
    return { ok: false, problems: [{ file, path: '(file)', message: `is not valid JSON (${why}); expected a JSON object` }] };
  }
  const repeated = repeatedJsonKeys(text);
  if (repeated.length > 0) {
    return { ok: false, problems: repeated.map((path) => ({ file, path, message: 'is given more than once in the same group of fields; expected each field once (a JSON reader would keep only the last)' })) };
  }
  return { ok: true, data };
}

/**
 * A null character (code 0) is never part of what a person wrote, and PostgreSQL cannot store one
 * in text, so a file holding one is refused on both databases, naming where it is.
 */
function nullCharacter(file: string, text: string): Loaded | null {
  const at = text.indexOf('\u0000');
  if (at < 0) return null;
  const before = text.slice(0, at).split('\n');
  const where = `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
  return { ok: false, problems: [{ file, path: where, message: `has a null character (code 0) at ${where}; expected plain text: remove it and try again` }] };
}

/**
 * A byte-order mark (U+FEFF) that Windows tools put at the start of a UTF-8 file is not part of
 * the data: it is dropped before a JSON or YAML file is read, as the bids CSV reader does.
 */
const withoutByteOrderMark = (text: string): string => (text.startsWith('\uFEFF') ? text.slice(1) : text);

export function parseDataText(file: string, withMark: string): Loaded {
  const text = withoutByteOrderMark(withMark);
  const refused = nullCharacter(file, text);
  if (refused) return refused;
  if (/\.json$/i.test(file)) {
    const parsed = parseJson(file, text);
    return parsed.ok ? groupOfFields(file, parsed.data) : parsed;
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(file)',
        message: `is not valid YAML (${e.message.split('\n')[0]}); expected well-formed YAML`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // The yaml package refuses an alias bomb with a ReferenceError; anything else it cannot
    // turn into data is named as it says, never thrown at the caller.
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `uses YAML aliases (*name) that expand into too much data (more than ${MAX_YAML_ALIASES} copies of anchored values); expected the data written out, or only a few aliases`
        : `is not valid YAML (${(error as Error).message.split('\n')[0]}); expected well-formed YAML`;
    return { ok: false, problems: [{ file, path: '(file)', message }] };
  }
  return groupOfFields(file, data);
}

function groupOfFields(file: string, data: unknown): Loaded {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ file, path: '(file)', message: 'is not a group of fields; expected a rubric or tender pack starting with format:' }] };
  }
  return { ok: true, data };
}

export const FILE_FORMATS = { rubric: 'rubric/1', pack: 'tender-pack/1' } as const;
type FileFormat = (typeof FILE_FORMATS)[keyof typeof FILE_FORMATS];
const FORMAT_NAMES: Record<FileFormat, string> = { 'rubric/1': 'a rubric', 'tender-pack/1': 'a tender pack' };

/**
 * A file of the wrong kind (a rubric given to `import`, say) gets one problem naming what it is and
 * what was expected, not a problem for every field the other format would have.
 */
function formatMismatch(file: string, data: object, formats: readonly FileFormat[]): FileProblem | null {
  const format = (data as { format?: unknown }).format;
  if ((formats as readonly unknown[]).includes(format)) return null;
  const expected = formats.map((f) => `${FORMAT_NAMES[f]} (format: ${f})`).join(' or ');
  const found = typeof format === 'string' && format in FORMAT_NAMES ? `is "${format}", so this is ${FORMAT_NAMES[format as FileFormat]}` : format === undefined ? 'is missing' : `is ${JSON.stringify(format)}`;
  return { file, path: 'format', message: `${found}; expected ${expected}` };
}

/** Reads and parses a file; with `formats`, a file whose `format:` is none of them is refused. */
export async function loadDataFile(file: string, formats?: readonly FileFormat[]): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
    return { ok: false, problems: [{ file, path: '(file)', message: `${why}; expected a readable .yaml, .yml or .json file` }] };
  }
  const parsed = parseDataText(file, text);
  const mismatch = parsed.ok && formats ? formatMismatch(file, parsed.data as object, formats) : null;
  return mismatch ? { ok: false, problems: [mismatch] } : parsed;
}

export const formatProblem = (p: FileProblem): string => `${p.file}: ${p.path}: ${p.message}${p.local ? ` (${p.local})` : ''}`;
