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

export async function loadDataFile(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
    return { ok: false, problems: [{ file, path: '(file)', message: `${why}; expected a readable .yaml, .yml or .json file` }] };
  }
  return parseDataText(file, text);
}

export const formatProblem = (p: FileProblem): string => `${p.file}: ${p.path}: ${p.message}`;
