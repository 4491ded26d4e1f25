// Where one cell of a member's work stands (engine rules §1), with no imports beyond the row type,
// so the score writer thread loads it without the engine.
import type { ScoreRow } from '../../data/schema';

/** not-started: nothing saved; draft: saved but unfinished; done: ready to submit; submitted: locked. */
export type CellStatus = 'not-started' | 'draft' | 'done' | 'submitted';

export function statusOf(score: Pick<ScoreRow, 'status' | 'abstain' | 'score' | 'rationale'> | undefined): CellStatus {
  if (!score) return 'not-started';
  if (score.status === 'submitted') return 'submitted';
  return (score.abstain === 1 || score.score !== null) && score.rationale.trim() !== '' ? 'done' : 'draft';
}

/** Whether the member may change the cell now: scoring is open, or moderation sent it back to them. */
export const editableCell = (state: string, status: CellStatus, reopened: boolean, hasScore: boolean): boolean =>
  status !== 'submitted' && (state === 'scoring' || (state === 'moderation' && reopened && hasScore));
