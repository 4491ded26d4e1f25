// What a panel member has to score and how far they have got (the task list, engine rules §1): every
// assigned, open, non-conflicted bid × every assigned criterion, in bid then rubric order.
import type { Db } from '../../data/database';
import type { ScoreRow } from '../../data/schema';
import { scoringRepository, type MemberBid } from '../../data/scoring-repository';
import type { Criterion, Rubric } from '../../engine/index';
import { rubricOf } from '../results/results';
import type { Scorer } from './scorer';

import { statusOf, type CellStatus } from './cell-status';

export { statusOf, type CellStatus } from './cell-status';

export interface WorkBid extends MemberBid {
  /** The supplier's name, or "Bid A" when the tender is anonymised for the panel. */
  label: string;
}

export interface WorkCell {
  bid: WorkBid;
  criterion: Criterion;
  score: ScoreRow | undefined;
  status: CellStatus;
  /** The member may change it now (scoring is open, or moderation sent it back to them). */
  editable: boolean;
}

export interface MemberWork {
  rubric: Rubric;
  bids: WorkBid[];
  criteria: Criterion[];
  cells: WorkCell[];
  /** Cells done or submitted, of all cells. */
  finished: number;
  submitted: number;
  /** Cells the member may still change (drafts or not started). */
  open: WorkCell[];
}

export const bidLabel = (anonymise: number, bid: MemberBid): string => (anonymise === 1 ? `Bid ${bid.key}` : bid.supplier);

export async function memberWork(db: Db, scorer: Scorer): Promise<MemberWork> {
  const { member, tender } = scorer;
  const rubric = rubricOf(tender);
  const [bids, assigned, scores, reopened] = await Promise.all([
    scoringRepository.openBids(db, member.id),
    scoringRepository.assignedCriteria(db, member.id),
    scoringRepository.scoresOf(db, member.id),
    tender.state === 'moderation' ? scoringRepository.reopenedCells(db, member.id) : Promise.resolve([]),
  ]);
  const chosen = new Set(assigned);
  const criteria = rubric.sections.flatMap((s) => s.criteria).filter((c) => chosen.has(c.id));
  const byCell = new Map(scores.map((s) => [`${s.bid_id}\n${s.criterion}`, s]));
  const sentBack = new Set(reopened.map((r) => `${r.bid_id}\n${r.criterion}`));
  const workBids = bids.map((b) => ({ ...b, label: bidLabel(tender.anonymise, b) }));
  const cells: WorkCell[] = [];
  for (const bid of workBids) {
    for (const criterion of criteria) {
      const id = `${bid.id}\n${criterion.id}`;
      const score = byCell.get(id);
      const status = statusOf(score);
      const editable = status !== 'submitted' && (tender.state === 'scoring' || (tender.state === 'moderation' && sentBack.has(id) && score !== undefined));
      cells.push({ bid, criterion, score, status, editable });
    }
  }
  return {
    rubric,
    bids: workBids,
    criteria,
    cells,
    finished: cells.filter((c) => c.status === 'done' || c.status === 'submitted').length,
    submitted: cells.filter((c) => c.status === 'submitted').length,
    open: cells.filter((c) => c.editable),
  };
}

/** The next cell to score after the given one (or the first unfinished), or null when none is left. */
export function nextCell(work: MemberWork, after?: WorkCell): WorkCell | null {
  const start = after ? work.cells.indexOf(after) + 1 : 0;
  const unfinished = (c: WorkCell) => c.editable && c.status !== 'done';
  return work.cells.slice(start).find(unfinished) ?? work.cells.slice(0, start).find(unfinished) ?? null;
}

/** The bid's answer to one criterion, as the panel reads it. */
export async function scoringResponse(db: Db, bidId: number, criterion: string): Promise<string | null> {
  return (await scoringRepository.response(db, bidId, criterion)) ?? null;
}
