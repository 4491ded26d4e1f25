// Reading rubric and pack files (YAML or JSON). A file that cannot be read or parsed becomes a
// problem with the line and column where that is known, never an exception.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';

export interface FileProblem {
  file: string;
  path: string;
  message: string;
}

export type Loaded = { ok: true; data: unknown } | { ok: false; problems: FileProblem[] };

export function parseDataText(file: string, text: string): Loaded {
  if (/\.json$/i.test(file)) {
    try {
      return { ok: true, data: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, problems: [{ file, path: '(file)', message: `is not valid JSON (${(error as Error).message}); expected a JSON object` }] };
    }
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
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
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

export const formatProblem = (p: FileProblem): string => `${p.file}: ${p.path}: ${p.message}`;
