// Results of a tender from whatever is stored, in any state (a contract in the README).
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import type { BidRow, ConsensusRow, MemberRow, TenderRow } from '../data/schema';
import { scoreRepository } from '../data/score-repository';
import { tenderRepository } from '../data/tender-repository';
import { evaluateTender, prepareRubric, type Aggregation, type Perspective, type ResultsJson, type Rubric, type ScoreInput, type TenderInput } from '../engine';

export const rubricOf = (tender: TenderRow): Rubric => JSON.parse(tender.rubric_json) as Rubric;

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
