// Checks an award notice the way a publisher would: the OCDS 1.1.5 release package schema with the
// lots, award criteria, bid and UK extensions merged in (JSON Merge Patch, RFC 7386, in that
// order), validated with ajv's draft-04 support; then every field the schema ties to a codelist
// (ajv does not check codelists), with the UK's additions; then the UK's rule that every supplier
// has an identifier. Problems name the field, like `releases[0].awards[0].status`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { REPO_ROOT } from './paths';

const OCDS = path.join(REPO_ROOT, 'fixtures', 'ocds');
const EXTENSIONS = ['lots-extension', 'awardCriteria-extension', 'bid-extension', 'uk-extension'];
type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(readFileSync(path.join(OCDS, file), 'utf8')) as Json;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge key by key, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(result, key);
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * The merged release schema. The lots and UK extensions refer to definitions from extensions that
 * are not shipped here (such as SubmissionTerms, from the submissionTerms extension the UK builds
 * on); the notice uses none of them, so each such definition is an open object, listed in
 * `stubbed` so a test can see which.
 */
export function mergedReleaseSchema(): Json & { stubbed?: string[] } {
  const merged = EXTENSIONS.reduce<Json>((schema, ext) => mergePatch(schema, readJson(`${ext}/release-schema.json`)) as Json, readJson('core-1.1.5/release-schema.json'));
  const definitions = merged['definitions'] as Json;
  const referenced = new Set([...JSON.stringify(merged).matchAll(/"\$ref":"#\/definitions\/([A-Za-z]+)"/g)].map((m) => m[1]!));
  const stubbed = [...referenced].filter((name) => !(name in definitions)).sort();
  for (const name of stubbed) definitions[name] = { type: ['object', 'null'] };
  return { ...merged, stubbed };
}

/** A codelist's codes: the core or extension list, with the UK's `+` additions and `-` removals. */
function codelist(name: string): Set<string> {
  const codes = (file: string): string[] => {
    for (const dir of ['core-1.1.5', ...EXTENSIONS]) {
      try {
        const lines = readFileSync(path.join(OCDS, dir, 'codelists', file), 'utf8').trim().split(/\r?\n/).slice(1);
        return lines.map((l) => l.split(',')[0]!.replace(/^"|"$/g, ''));
      } catch {
        // not in this folder
      }
    }
    return [];
  };
  const found = new Set(codes(name));
  codes(`+${name}`).forEach((c) => found.add(c));
  codes(`-${name}`).forEach((c) => found.delete(c));
  return found;
}

function codelistProblems(schema: Json, root: Json, value: unknown, at: string, problems: string[]): void {
  let node = schema;
  while (typeof node['$ref'] === 'string' && node['$ref'].startsWith('#/definitions/')) node = (root['definitions'] as Json)[node['$ref'].slice(14)] as Json;
  if (value === undefined || value === null) return;
  if (typeof node['codelist'] === 'string') {
    const codes = codelist(node['codelist']);
    if (codes.size > 0) {
      const values = Array.isArray(value) ? value : [value];
      values.forEach((v, i) => {
        if (!codes.has(String(v))) problems.push(`${Array.isArray(value) ? `${at}[${i}]` : at}: "${String(v)}" is not in the ${node['codelist'] as string} codelist`);
      });
    }
    return;
  }
  if (Array.isArray(value) && isObject(node['items'])) value.forEach((item, i) => codelistProblems(node['items'] as Json, root, item, `${at}[${i}]`, problems));
  else if (isObject(value) && isObject(node['properties'])) {
    for (const [key, sub] of Object.entries(node['properties'] as Json)) codelistProblems(sub as Json, root, value[key], at ? `${at}.${key}` : key, problems);
  }
}

/** Every problem with a release package, each naming its field; empty when it passes. */
export function noticeProblems(notice: unknown): string[] {
  const release: Json = mergedReleaseSchema();
  delete release['stubbed'];
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema(release);
  const validate = ajv.compile(readJson('core-1.1.5/release-package-schema.json'));
  const problems: string[] = [];
  if (!validate(notice)) {
    for (const e of validate.errors ?? []) {
      const field = e.instancePath.replace(/^\//, '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
      problems.push(`${field || '(the package)'}: ${e.message ?? 'is not valid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params['allowedValues'] as unknown[]).join(', ')})` : ''}`);
    }
  }
  const releases = isObject(notice) && Array.isArray(notice['releases']) ? (notice['releases'] as unknown[]) : [];
  releases.forEach((r, i) => {
    codelistProblems(release, release, r, `releases[${i}]`, problems);
    const parties = isObject(r) && Array.isArray(r['parties']) ? (r['parties'] as Json[]) : [];
    parties.forEach((p, j) => {
      const roles = Array.isArray(p['roles']) ? (p['roles'] as string[]) : [];
      const identifier = isObject(p['identifier']) ? p['identifier'] : {};
      if (roles.includes('supplier') && (typeof identifier['scheme'] !== 'string' || typeof identifier['id'] !== 'string')) {
        problems.push(`releases[${i}].parties[${j}].identifier: a supplier needs an identifier with a scheme and an id`);
      }
    });
  });
  return problems;
}
