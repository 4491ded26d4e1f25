// Tender packs for tests: the hand-worked example parsed into plain data, to be changed one field
// at a time and written back out as YAML.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { HAND_WORKED_PACK } from './paths';

export type Fields = Record<string, unknown>;

export interface RubricDoc extends Fields {
  format: string;
  id: string;
  scale: { min: number; max: number; points: (Fields & { score: number })[] } & Fields;
  sections: ({ id: string; criteria: (Fields & { id: string; weight: number })[] } & Fields)[];
  price: { weight: number; method: string } & Fields;
}

export interface PackDoc extends Fields {
  format: string;
  tender: { reference: string; rubric: string | RubricDoc } & Fields;
  bids: ({ key: string; supplier: string; price?: number | null; responses?: Record<string, string> } & Fields)[];
  panel: ({ key: string; perspective: string; criteria?: string[]; bids?: string[] } & Fields)[];
  scores: ({ member: string; bid: string; criterion: string; score: number | string; rationale?: string } & Fields)[];
  consensus: ({ bid: string; criterion: string; score: number; attendees: string[] } & Fields)[];
}

/** A fresh copy of fixtures/packs/hand-worked.yaml as plain data. */
export function handWorkedPack(): PackDoc {
  return parse(readFileSync(HAND_WORKED_PACK, 'utf8')) as PackDoc;
}

/** The hand-worked pack's inline rubric, as a rubric document of its own. */
export function handWorkedRubric(): RubricDoc {
  const rubric = handWorkedPack().tender.rubric;
  if (typeof rubric === 'string') throw new Error('the hand-worked pack should carry its rubric inline');
  return rubric;
}

export function readYaml<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}

/** Writes data as YAML (or JSON for a .json name) into dir and returns the file's path. */
export function writeDataFile(dir: string, name: string, data: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(data, null, 2) : stringify(data));
  return file;
}

/** A copy of the hand-worked pack changed by `change`, written to dir/name. */
export function writeChangedPack(dir: string, name: string, change: (pack: PackDoc) => void): string {
  const pack = handWorkedPack();
  change(pack);
  return writeDataFile(dir, name, pack);
}

/**
 * The demo tender arriving finalised. As shipped it is part-way through moderation: bid E is not
 * finished (nobody scored its social value), and the app will not finalise a tender with a live
 * bid that has no final score. Here the panel has agreed that score at moderation.
 */
export function finalisedDemo<T extends { tender: Record<string, unknown>; consensus?: unknown[] }>(pack: T): T {
  pack.tender['state'] = 'finalised';
  pack.consensus = [
    ...(pack.consensus ?? []),
    { bid: 'E', criterion: 'social-value', score: 2, rationale: 'The panel read the answer together at moderation and agreed it gives some evidence of local jobs.', attendees: ['m1', 'm2'] },
  ];
  return pack;
}
