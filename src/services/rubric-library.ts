// The published rubrics in rubrics/ (one file per rubric, named by its id).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { check, RubricSchema, type Rubric } from '../engine';
import { FILE_FORMATS, loadDataFile, type FileProblem } from './data-files';

export type RubricLoad = { ok: true; rubric: Rubric } | { ok: false; problems: FileProblem[] };

export function checkRubric(file: string, data: unknown, prefix = ''): RubricLoad {
  const checked = check(RubricSchema, data);
  if (checked.ok) return { ok: true, rubric: checked.value };
  return { ok: false, problems: checked.problems.map((p) => ({ file, path: prefix ? `${prefix}.${p.path}` : p.path, message: p.message })) };
}

export async function loadRubricFile(file: string): Promise<RubricLoad> {
  const loaded = await loadDataFile(file, [FILE_FORMATS.rubric]);
  return loaded.ok ? checkRubric(file, loaded.data) : loaded;
}

const RUBRIC_FILE = /\.(ya?ml|json)$/i;

/**
 * The rubrics folder finds a rubric by its file's name and refuses one whose id differs. A valid
 * rubric file named otherwise gets this note from `validate` (the file itself is valid).
 */
export function misnamedRubric(file: string, id: string): string | null {
  if (path.basename(file).replace(RUBRIC_FILE, '') === id) return null;
  return `${file}: note: its id is "${id}", so in the rubrics folder it must be named ${id}.yaml, ${id}.yml or ${id}.json to be used`;
}

export interface RubricLibrary {
  dir: string;
  list(): Promise<{ id: string; file: string }[]>;
  load(id: string): Promise<RubricLoad | null>;
}

export function rubricLibrary(dir: string): RubricLibrary {
  const list = async () => {
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .filter((n) => RUBRIC_FILE.test(n) && n !== 'schema.json')
      .sort()
      .map((n) => ({ id: n.replace(RUBRIC_FILE, ''), file: path.join(dir, n) }));
  };
  return {
    dir,
    list,
    async load(id) {
      const entry = (await list()).find((r) => r.id === id);
      if (!entry) return null;
      const loaded = await loadRubricFile(entry.file);
      if (loaded.ok && loaded.rubric.id !== id) {
        return { ok: false, problems: [{ file: entry.file, path: 'id', message: `is "${loaded.rubric.id}"; expected "${id}", the file's name` }] };
      }
      return loaded;
    },
  };
}
