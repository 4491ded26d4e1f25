// Saving one score (engine rules §1; the README's "Quality bars"): a draft at every save, each with
// a version so that two tabs give one save and a conflict (never a silent overwrite). A save is
// one unit of work inside a transaction with its audit event, which records who entered it (the
// member, or a facilitator with the member); the reason text is never put in the audit trail.
//
// The work is described by a SaveRequest, plain data, so that it can be carried to the writer
// thread (writer-thread.ts; this module loads no engine, so the thread starts quickly) and committed there together with other saves (commitSaves): the
// state it depends on is read inside the transaction in one query, then the draft is written with
// a conditional update (only if its version is still the one read).
import { sql } from 'kysely';
import type { Db } from '../../data/database';
import type { ScoreRow } from '../../data/schema';
import { scoringRepository } from '../../data/scoring-repository';
import { writeTransaction } from '../../data/write-transaction';
import { recordEvent } from '../audit';
import { editableCell, statusOf } from '../scoring/cell-status';
import { activitySeconds } from '../scoring/time';

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

/** One save, as plain data (it crosses to the writer thread). */
export interface SaveRequest {
  memberId: number;
  tenderId: number;
  memberKey: string;
  tenderReference: string;
  /** The tender's state when the request was read: a save is refused if it has moved on since. */
  tenderState: string;
  /** `panel:<id>` or `facilitator:<email>` (Scorer.enteredBy). */
  enteredBy: string;
  /** The member's key when a facilitator enters the score with them (for the audit trail). */
  withMember: string | undefined;
  bidKey: string;
  criterionId: string;
  input: ScoreInput;
  mode: SaveMode;
  /** The scale of the tender's rubric. */
  scale: { min: number; max: number };
  /** The app's clock, ISO 8601. */
  at: string;
}

export function problemsOf(scale: SaveRequest['scale'], input: ScoreInput, mode: SaveMode): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  const { min, max } = scale;
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
 * Saves one cell as a draft, inside the caller's transaction (which holds the write lock, so what
 * is read here stays true until it commits). Null when the cell is not the member's to score.
 */
export async function saveInTransaction(trx: Db, request: SaveRequest): Promise<SaveOutcome | null> {
  const { memberId, bidKey, criterionId, input } = request;
  const state = await scoringRepository.saveState(trx, memberId, bidKey, criterionId);
  if (!state) return null;
  const saved: ScoreRow | undefined =
    state.score_id === null
      ? undefined
      : {
          id: state.score_id,
          tender_id: state.tender_id,
          member_id: memberId,
          bid_id: state.bid_id,
          criterion: criterionId,
          score: state.score,
          abstain: state.abstain!,
          rationale: state.rationale!,
          status: state.status!,
          version: state.version!,
          entered_by: state.entered_by,
          updated_at: state.updated_at!,
        };
  // Scoring closed, the member was withdrawn, the score was sent, or the tender moved on since the page was read.
  const editable = editableCell(state.tender_state, statusOf(saved), Boolean(state.reopened), saved !== undefined);
  if (!editable || state.tender_state !== request.tenderState || state.withdrawn_at !== null) return { kind: 'locked' };
  const problems = problemsOf(request.scale, input, request.mode);
  if (problems.length > 0) return { kind: 'invalid', problems };
  if (!saved && input.choice === null && input.reason.trim() === '') return { kind: 'saved', version: 0, changed: false };
  // The same words as saved is no conflict, whatever version the page had (an autosave in flight).
  if (saved && sameAs(saved, input)) return { kind: 'saved', version: saved.version, changed: false };
  if ((saved?.version ?? 0) !== input.version) return { kind: 'conflict', saved };
  const now = new Date(request.at);
  const write = { score: typeof input.choice === 'number' ? input.choice : null, abstain: input.choice === 'abstain' ? 1 : 0, rationale: input.reason, entered_by: request.enteredBy, updated_at: request.at };
  const version = saved
    ? await scoringRepository.updateDraft(trx, saved.id, saved.version, write)
    : await scoringRepository.insertDraft(trx, { ...write, tender_id: state.tender_id, member_id: memberId, bid_id: state.bid_id, criterion: criterionId });
  if (version === null) return { kind: 'locked' };
  await scoringRepository.setActivity(trx, memberId, activitySeconds(state.last_active_at, now), request.at);
  const detail = { member: request.memberKey, bid: bidKey, criterion: criterionId, score: input.choice ?? null, version, enteredBy: request.enteredBy, withMember: request.withMember };
  await recordEvent(trx, { actor: request.enteredBy, action: 'score.saved', tender: request.tenderReference, detail }, now);
  return { kind: 'saved', version, changed: true };
}

/** What became of one save of a batch: its outcome once committed, or the error that stopped it. */
export type SaveSettled = { ok: true; outcome: SaveOutcome | null } | { ok: false; error: string };

/**
 * Commits saves together: one transaction (so one disk sync at its commit), each save in its own
 * savepoint, so a save that fails leaves the others whole. The transaction locks every member of
 * the batch (and shares their tenders: write-transaction.ts) from its start. Every save still
 * writes its own audit event, chained in the order the saves arrived; the saves are made tender by
 * tender, so two batches lock the tenders' audit chains in the same order and never wait for each
 * other in a circle. The outcomes are known only after the commit; if the commit fails, every save
 * of the batch fails.
 */
export async function commitSaves(db: Db, requests: readonly SaveRequest[]): Promise<SaveSettled[]> {
  const locks = requests.map((r) => ({ member: r.memberId, tender: r.tenderId }));
  try {
    return await writeTransaction(db, locks, async (trx) => {
      // A save alone needs no savepoint: if it fails, the transaction is rolled back.
      if (requests.length === 1) return [{ ok: true, outcome: await saveInTransaction(trx, requests[0]!) }];
      const settled: SaveSettled[] = [];
      // By tender, then in the order they arrived (the sort is stable).
      const order = requests.map((_r, i) => i).sort((a, b) => requests[a]!.tenderId - requests[b]!.tenderId);
      for (const i of order) {
        await sql`savepoint score_save`.execute(trx);
        try {
          settled[i] = { ok: true, outcome: await saveInTransaction(trx, requests[i]!) };
          await sql`release savepoint score_save`.execute(trx);
        } catch (error) {
          await sql`rollback to savepoint score_save`.execute(trx);
          await sql`release savepoint score_save`.execute(trx);
          settled[i] = { ok: false, error: (error as Error).message };
        }
      }
      return settled;
    });
  } catch (error) {
    return requests.map(() => ({ ok: false, error: (error as Error).message }));
  }
}
