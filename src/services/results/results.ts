// Results of a tender from whatever is stored, in any state (a contract in the README).
import type { Db } from '../../data/database';
import { deepFreeze } from '../../deep-freeze';
import { panelRepository } from '../../data/panel-repository';
import type { BidRow, ConsensusRow, MemberRow, TenderRow } from '../../data/schema';
import { scoreRepository } from '../../data/score-repository';
import { tenderRepository } from '../../data/tender-repository';
import { evaluateTender, evaluation, prepareRubric, type Aggregation, type Evaluation, type Perspective, type ResultsJson, type Rubric, type ScoreInput, type TenderInput } from '../../engine/index';

/** Parsed rubric snapshots by tender id, with the exact JSON they were parsed from. */
const parsedRubrics = new Map<number, { json: string; rubric: Rubric }>();
const PARSED_RUBRICS_MAX = 200;

/**
 * The tender's rubric snapshot, parsed once per tender and shared (frozen, so no caller can change
 * another's copy). The cache is keyed by the tender's id and checked against the whole stored JSON,
 * compared exactly, so a snapshot that changed (or a tender id reused by another database) is
 * parsed again, never served stale.
 */
export function rubricOf(tender: TenderRow): Rubric {
  const cached = parsedRubrics.get(tender.id);
  if (cached && cached.json === tender.rubric_json) return cached.rubric;
  const rubric = deepFreeze(JSON.parse(tender.rubric_json) as Rubric);
  if (parsedRubrics.size >= PARSED_RUBRICS_MAX) parsedRubrics.clear();
  parsedRubrics.set(tender.id, { json: tender.rubric_json, rubric });
  return rubric;
}

export async function tenderInput(db: Db, tender: TenderRow): Promise<TenderInput> {
  const [bids, members, scores, consensus] = await Promise.all([
    tenderRepository.bids(db, tender.id),
    panelRepository.members(db, tender.id),
    scoreRepository.submitted(db, tender.id),
    scoreRepository.consensus(db, tender.id),
  ]);
  const submitted = scores.map((s): ScoreInput => ({ member: s.member, bid: s.bid, criterion: s.criterion, score: s.abstain ? 'abstain' : s.score! }));
  return inputOf(tender, bids, members, consensus, submitted);
}

/** Members still on the panel: a member who withdrew has withdrawn_at set and is not counted. */
export const countedMembers = (members: readonly MemberRow[]): MemberRow[] => members.filter((m) => m.withdrawn_at === null);

/**
 * The engine's input from a tender's stored rows and its submitted scores (also used by the
 * export). A member who withdrew from the panel is left out, with every score they sent: those
 * stay stored and are shown as not counted, but never reach the engine.
 */
export function inputOf(
  tender: TenderRow,
  bids: readonly BidRow[],
  members: readonly MemberRow[],
  consensus: readonly (ConsensusRow & { bid: string })[],
  scores: ScoreInput[],
): TenderInput {
  const counted = countedMembers(members);
  const keys = new Set(counted.map((m) => m.key));
  return {
    reference: tender.reference,
    rubric: prepareRubric(rubricOf(tender)),
    aggregation: tender.aggregation as Aggregation,
    bids: bids.map((b) => ({ key: b.key, supplier: b.supplier, price: b.price, withdrawn: b.withdrawn === 1 })),
    members: counted.map((m) => ({ key: m.key, name: m.name, perspective: m.perspective as Perspective })),
    scores: scores.filter((s) => keys.has(s.member)),
    consensus: consensus.map((c) => ({ bid: c.bid, criterion: c.criterion, score: c.score })),
  };
}

export async function tenderResults(db: Db, reference: string): Promise<ResultsJson | null> {
  const tender = await tenderRepository.findByReference(db, reference);
  return tender ? evaluateTender(await tenderInput(db, tender)) : null;
}

/** The results worked out once, exact figures and JSON both: a table shown to a person rounds the exact figures, never the JSON's. */
export async function tenderEvaluation(db: Db, reference: string): Promise<Evaluation | null> {
  const tender = await tenderRepository.findByReference(db, reference);
  return tender ? evaluation(await tenderInput(db, tender)) : null;
}
