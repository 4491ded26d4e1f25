// A panel member's scores (engine rules §1; the README's "Quality bars"): saved on the server as drafts at every save, each with
// a version so that two tabs give one save and a conflict (never a silent overwrite), then
// submitted together and locked until moderation sends one back on purpose. Every save is one
// transaction with its audit event, which records who entered it (the member, or a facilitator
// with the member). The reason text is never put in the audit trail (it may be personal).
import type { Db } from '../data/database';
import type { ScoreRow } from '../data/schema';
import { panelRepository } from '../data/panel-repository';
import { scoringRepository } from '../data/scoring-repository';
import { tenderRepository } from '../data/tender-repository';
import { recordEvent } from './audit';
import { activitySeconds } from './scoring-time';
import type { Scorer } from './scorer';
import { memberWork, statusOf, type MemberWork, type WorkCell } from './scoring-work';

export const REASON_MAX = 5000;

export interface ScoreInput {
  /** A point on the scale, "abstain" (I cannot score this), or null when none is chosen yet. */
  choice: number | 'abstain' | null;
  reason: string;
  /** The version the member's page showed; 0 when it showed no saved score. */
  version: number;
}

/** finish: "save and continue" needs a score and a reason; draft: anything typed is kept. */
export type SaveMode = 'finish' | 'draft';

export type SaveOutcome =
  | { kind: 'saved'; version: number; changed: boolean }
  | { kind: 'invalid'; problems: { field: string; text: string }[] }
  | { kind: 'conflict'; saved: ScoreRow | undefined }
  | { kind: 'locked' };

export function findCell(work: MemberWork, bidKey: string, criterionId: string): WorkCell | undefined {
  return work.cells.find((c) => c.bid.key === bidKey && c.criterion.id === criterionId);
}

function problemsOf(work: MemberWork, input: ScoreInput, mode: SaveMode): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  const { min, max } = work.rubric.scale;
  if (typeof input.choice === 'number' && !(Number.isInteger(input.choice) && input.choice >= min && input.choice <= max)) {
    problems.push({ field: 'choice', text: `Choose a score from ${min} to ${max}, or “I cannot score this”` });
  } else if (mode === 'finish' && input.choice === null) {
    problems.push({ field: 'choice', text: 'Choose a score, or “I cannot score this”' });
  }
  if (input.reason.length > REASON_MAX) problems.push({ field: 'reason', text: `Your reason must be ${REASON_MAX} characters or fewer. It has ${input.reason.length}` });
  else if (mode === 'finish' && input.reason.trim() === '') {
    problems.push({ field: 'reason', text: input.choice === 'abstain' ? 'Write why you cannot score this' : 'Write the reason for your score' });
  }
  return problems;
}

const sameAs = (saved: ScoreRow, input: ScoreInput): boolean =>
  saved.rationale === input.reason && (input.choice === 'abstain' ? saved.abstain === 1 : saved.abstain === 0 && saved.score === input.choice);

/**
 * Saves one cell as a draft. Returns null when the cell is not the scorer's to see. Everything is
 * read and written in one transaction (SQLite serialises them on the app's one connection), so a
 * save from another tab in between is seen, never overwritten.
 */
export async function saveScore(db: Db, scorer: Scorer, bidKey: string, criterionId: string, input: ScoreInput, mode: SaveMode, now: Date): Promise<SaveOutcome | null> {
  return db.transaction().execute(async (trx): Promise<SaveOutcome | null> => {
    const work = await memberWork(trx, scorer);
    const cell = findCell(work, bidKey, criterionId);
    if (!cell) return null;
    if (!cell.editable || !(await stillInState(trx, scorer))) return { kind: 'locked' };
    const problems = problemsOf(work, input, mode);
    if (problems.length > 0) return { kind: 'invalid', problems };
    const saved = cell.score;
    if (!saved && input.choice === null && input.reason.trim() === '') return { kind: 'saved', version: 0, changed: false };
    // The same words as saved is no conflict, whatever version the page had (an autosave in flight).
    if (saved && sameAs(saved, input)) return { kind: 'saved', version: saved.version, changed: false };
    if ((saved?.version ?? 0) !== input.version) return { kind: 'conflict', saved };
    const at = now.toISOString();
    const write = { score: typeof input.choice === 'number' ? input.choice : null, abstain: input.choice === 'abstain' ? 1 : 0, rationale: input.reason, entered_by: scorer.enteredBy, updated_at: at };
    const version = saved
      ? await scoringRepository.updateDraft(trx, saved.id, saved.version, write)
      : await scoringRepository.insertDraft(trx, { ...write, tender_id: scorer.tender.id, member_id: scorer.member.id, bid_id: cell.bid.id, criterion: criterionId });
    if (version === null) return { kind: 'locked' };
    await countActivity(trx, scorer, now);
    const detail = { member: scorer.member.key, bid: bidKey, criterion: criterionId, score: input.choice ?? null, version, enteredBy: scorer.enteredBy, withMember: withMember(scorer) };
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'score.saved', tender: scorer.tender.reference, detail }, now);
    return { kind: 'saved', version, changed: true };
  });
}

/** The member's key when a facilitator entered something with them (for the audit trail). */
export const withMember = (scorer: Scorer): string | undefined => (scorer.facilitator ? scorer.member.key : undefined);

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
  return db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
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
