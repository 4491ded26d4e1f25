// One cell of a member's work, read for its own page: the bid, the criterion, the member's score,
// the bid's answer and where the cell stands in the member's work ("score 7 of 60"). Proportional
// to the page: it reads the member's open bid keys and assigned criteria (for the position) and
// this one cell, never every score with its reason (memberWork does that, for the task list).
import type { Db } from '../../data/database';
import { scoringRepository } from '../../data/scoring-repository';
import type { Criterion, Rubric } from '../../engine/index';
import { rubricOf } from '../results/results';
import type { Scorer } from './scorer';
import { editableCell, statusOf } from './cell-status';
import { bidLabel, type WorkCell } from './work';

export interface CellView extends WorkCell {
  rubric: Rubric;
  /** The cell's place in the member's work (bids by key, then the rubric's order), from 1. */
  position: { at: number; of: number };
  /** The bid's answer to the criterion; null when the organisation did not answer it. */
  response: string | null;
}

const rubricCriteria = new WeakMap<Rubric, Criterion[]>();

/** Every criterion of a rubric in its order (made once per parsed rubric, which is shared and frozen). */
export function criteriaInOrder(rubric: Rubric): Criterion[] {
  let criteria = rubricCriteria.get(rubric);
  if (!criteria) {
    criteria = rubric.sections.flatMap((s) => s.criteria);
    rubricCriteria.set(rubric, criteria);
  }
  return criteria;
}

/** The cell, or null when it is not one the scorer scores. */
export async function scoringCell(db: Db, scorer: Scorer, bidKey: string, criterionId: string): Promise<CellView | null> {
  const { member, tender } = scorer;
  const rubric = rubricOf(tender);
  const [bids, assigned] = await Promise.all([scoringRepository.openBids(db, member.id), scoringRepository.assignedCriteria(db, member.id)]);
  const chosen = new Set(assigned);
  const criteria = criteriaInOrder(rubric).filter((c) => chosen.has(c.id));
  const bidAt = bids.findIndex((b) => b.key === bidKey);
  const criterionAt = criteria.findIndex((c) => c.id === criterionId);
  if (bidAt < 0 || criterionAt < 0) return null;
  const bid = { ...bids[bidAt]!, label: bidLabel(tender.anonymise, bids[bidAt]!) };
  const { score, response, reopened } = await scoringRepository.cell(db, member.id, bid.id, criterionId);
  const status = statusOf(score);
  return {
    rubric,
    bid,
    criterion: criteria[criterionAt]!,
    score,
    status,
    editable: editableCell(tender.state, status, reopened, score !== undefined),
    position: { at: bidAt * criteria.length + criterionAt + 1, of: bids.length * criteria.length },
    response,
  };
}
