// The tender for the scoring benchmark: the demo home care tender (7 members part-way through
// scoring), open for scoring, with its 5 bids and 5 more like them (10 bids × 6 criteria), every
// written answer lengthened to about 2,000 characters (a realistic bid response), and one more
// panel member, BENCH_MEMBER, who scores every bid on every criterion and has saved nothing yet:
// 60 cells, so 32 connections saving scores never need the same cell at once. Built the same way
// on every run.
import { loadDataFile } from '../../src/services/data-files';
import type { Db } from '../../src/data/database';
import { issueInvitations } from '../../src/services/invitations';
import type { RubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { REPO_ROOT } from '../helpers/paths';

export const BENCH_REFERENCE = 'BENCH-SC-2026';
export const BENCH_MEMBER = 'm8';
export const RESPONSE_CHARS = 2000;

const DEMO_PACK = `${REPO_ROOT}/fixtures/demo/home-care-demo.yaml`;
const CRITERIA = ['independence', 'continuity-and-reliability', 'safety-and-wellbeing', 'co-production', 'workforce', 'social-value'];

interface PackBid {
  key: string;
  supplier: string;
  responses?: Record<string, string>;
}

interface Pack {
  tender: Record<string, unknown>;
  bids: PackBid[];
  panel: Record<string, unknown>[];
}

/** The bench member's cells: bids A to J × the rubric's six criteria. */
export const BENCH_CELLS = [...'ABCDEFGHIJ'].flatMap((bid) => CRITERIA.map((criterion) => ({ bid, criterion })));

/** Paragraphs from every bid's answer to this criterion, this bid's first, cut to about `chars` at a sentence end. */
function longAnswer(pack: Pack, bid: PackBid, criterion: string, chars: number): string {
  const pool = [bid, ...pack.bids.filter((b) => b !== bid)].map((b) => b.responses?.[criterion]).filter((r): r is string => typeof r === 'string' && r !== '');
  const fallback = 'We will agree the details with the people who use the service and report progress to the council every quarter.';
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.join('\n\n').length < chars; i++) paragraphs.push(pool.length > 0 ? pool[i % pool.length]! : fallback);
  const text = paragraphs.join('\n\n');
  const end = text.lastIndexOf('. ', chars);
  return end > chars / 2 ? text.slice(0, end + 1) : text.slice(0, chars);
}

async function benchPack(): Promise<Pack> {
  const loaded = await loadDataFile(DEMO_PACK);
  if (!loaded.ok) throw new Error(`unreadable ${DEMO_PACK}`);
  const pack = loaded.data as Pack;
  pack.tender['reference'] = BENCH_REFERENCE;
  pack.tender['state'] = 'scoring';
  const long = pack.bids.map((bid) => Object.fromEntries(CRITERIA.map((c) => [c, longAnswer(pack, bid, c, RESPONSE_CHARS)])));
  pack.bids.forEach((bid, i) => (bid.responses = long[i]));
  const more = pack.bids.map((bid, i) => ({ ...bid, key: String.fromCharCode(70 + i), supplier: `${bid.supplier.replace(/ Ltd$/, '')} North Ltd` }));
  pack.bids.push(...more);
  pack.panel.push({ key: BENCH_MEMBER, name: 'Sam Bench', perspective: 'professional', contact: 'sam.bench@northfield.example' });
  return pack;
}

/** Imports the bench tender and returns the path of a fresh invitation link for BENCH_MEMBER. */
export async function addBenchTender(db: Db, rubrics: RubricLibrary, now: Date): Promise<string> {
  const imported = await importPack(db, rubrics, await benchPack(), { file: 'bench', actor: 'bench', now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const issued = await issueInvitations(db, BENCH_REFERENCE, [BENCH_MEMBER], 'bench', now);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  return issued.links[0]!.path;
}
