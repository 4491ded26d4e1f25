// A panel member's scores (engine rules §1; the README's "Quality bars"): saved on the server as drafts at every save, each with
// a version so that two tabs give one save and a conflict (never a silent overwrite), then
// submitted together and locked until moderation sends one back on purpose. Every save is one
// transaction with its audit event, which records who entered it (the member, or a facilitator
// with the member). The reason text is never put in the audit trail (it may be personal).
import type { Db } from '../../data/database';
import { panelRepository } from '../../data/panel-repository';
import { scoringRepository } from '../../data/scoring-repository';
import { tenderRepository } from '../../data/tender-repository';
import { writeTransaction } from '../../data/write-transaction';
import { recordEvent } from '../audit';
import { activitySeconds } from './time';
import type { Scorer } from './scorer';
import { memberWork, statusOf, type MemberWork, type WorkCell } from './work';
import { commitSaves, type SaveMode, type SaveOutcome, type ScoreInput } from '../score-saves/score-save';
import { saveRequest, withMember } from '../score-saves/save-request';

export { withMember } from '../score-saves/save-request';
export { REASON_MAX, type SaveMode, type SaveOutcome, type ScoreInput } from '../score-saves/score-save';

export function findCell(work: MemberWork, bidKey: string, criterionId: string): WorkCell | undefined {
  return work.cells.find((c) => c.bid.key === bidKey && c.criterion.id === criterionId);
}

/**
 * Saves one cell as a draft, on this connection, in a transaction of its own. Returns null when
 * the cell is not the scorer's to score. The web app commits its saves through ScoreSaves
 * instead (group commit, off the event loop), with the same unit of work (score-save.ts).
 */
export async function saveScore(db: Db, scorer: Scorer, bidKey: string, criterionId: string, input: ScoreInput, mode: SaveMode, now: Date): Promise<SaveOutcome | null> {
  const request = saveRequest(scorer, bidKey, criterionId, input, mode, now);
  if (!request) return null;
  const [settled] = await commitSaves(db, [request]);
  if (!settled!.ok) throw new Error(settled!.error);
  return settled!.outcome;
}

/**
 * The tender has not moved on (to moderation, or finalised) since the member's page was read, and
 * the member has not been withdrawn from the panel meanwhile.
 */
async function stillInState(trx: Db, scorer: Scorer): Promise<boolean> {
  const [tender, member] = await Promise.all([tenderRepository.findById(trx, scorer.tender.id), panelRepository.findById(trx, scorer.member.id)]);
  return tender?.state === scorer.tender.state && member !== undefined && member.withdrawn_at === null;
}

/** Adds the time since the member's last activity, read in the same transaction. */
async function countActivity(trx: Db, scorer: Scorer, now: Date): Promise<void> {
  const member = await panelRepository.findById(trx, scorer.member.id);
  await scoringRepository.setActivity(trx, scorer.member.id, activitySeconds(member?.last_active_at ?? null, now), now.toISOString());
}

/**
 * submitted: sent now; unfinished: some cells still to do; sent-already: nothing open and scores
 * were sent before (a second click, another tab); closed: the tender moved on; nothing: no score
 * to send at all.
 */
export type SubmitOutcome =
  | { kind: 'submitted'; count: number }
  | { kind: 'unfinished'; cells: WorkCell[] }
  | { kind: 'sent-already' }
  | { kind: 'closed' }
  | { kind: 'nothing' };

/**
 * Sends every finished draft the member may change, all or nothing, once every cell is finished;
 * checked and sent in one transaction, so what is sent is exactly what was finished.
 */
export async function submitScores(db: Db, scorer: Scorer, now: Date): Promise<SubmitOutcome> {
  return writeTransaction(db, [{ member: scorer.member.id, tender: scorer.tender.id }], async (trx): Promise<SubmitOutcome> => {
    const work = await memberWork(trx, scorer);
    const unfinished = work.open.filter((c) => c.status !== 'done');
    if (unfinished.length > 0) return { kind: 'unfinished', cells: unfinished };
    const ready = work.open.flatMap((c) => (c.score && statusOf(c.score) === 'done' ? [c.score.id] : []));
    if (!(await stillInState(trx, scorer))) return { kind: 'closed' };
    if (ready.length === 0) return work.submitted > 0 ? { kind: 'sent-already' } : { kind: 'nothing' };
    const count = await scoringRepository.submit(trx, ready, now.toISOString());
    await countActivity(trx, scorer, now);
    const detail = { member: scorer.member.key, scores: count, enteredBy: scorer.enteredBy, withMember: withMember(scorer) };
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'scores.submitted', tender: scorer.tender.reference, detail }, now);
    return { kind: 'submitted', count };
  });
}
