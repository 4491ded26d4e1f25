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

export interface RubricLibrary {
  dir: string;
  list(): Promise<{ id: string; file: string }[]>;
  load(id: string): Promise<RubricLoad | null>;
}

export function rubricLibrary(dir: string): RubricLibrary {
  const list = async () => {
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .filter((n) => /\.(ya?ml|json)$/i.test(n) && n !== 'schema.json')
      .sort()
      .map((n) => ({ id: n.replace(/\.(ya?ml|json)$/i, ''), file: path.join(dir, n) }));
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
