// Where the repository's own files are, whatever directory the tests are started from.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RUBRICS_DIR = path.join(REPO_ROOT, 'rubrics');
export const PACKS_DIR = path.join(REPO_ROOT, 'fixtures', 'packs');
export const HAND_WORKED_PACK = path.join(PACKS_DIR, 'hand-worked.yaml');
