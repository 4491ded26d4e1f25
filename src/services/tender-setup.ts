// Setting up a tender in the web app: from a published rubric, or from an uploaded tender pack;
// then moving it through its lifecycle, each step confirmed (with a reason when anything is
// outstanding) and audited.
import type { Db } from '../data/database';
import { readinessRepository } from '../data/readiness-repository';
import type { TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { unlessTaken, UNIQUE_KEYS } from '../data/unique-violation';
import { writeTransaction } from '../data/write-transaction';
import type { Aggregation, Problem, TenderState } from '../engine';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { parseDataText, type FileProblem } from './data-files';
import { recordFinalisation } from './finalisation';
import { MAX_OVERRIDE_REASON, MIN_OVERRIDE_REASON, tenderReadiness, type Readiness } from './readiness/readiness';
import type { RubricLibrary } from './rubric-library';
import { importPack } from './tender-import';
import { currentTender, NEXT_STATE } from './tender-rules';

export interface NewTender {
  reference: string;
  title: string;
  rubric: string;
  aggregation: Aggregation;
  anonymise: boolean;
  /** A light-touch contract (Schedule 1 of the Procurement Act, such as most social care): its standstill is voluntary. */
  lightTouch: boolean;
  /** The hourly rate it starts with (the configured default), or null: none until the commissioner sets one. */
  hourlyRate?: string | null;
}

export type SetupOutcome = { ok: true; reference: string } | { ok: false; problems: Problem[] };

const commissioner = (actor: Actor): actor is Extract<Actor, { kind: 'staff' }> => actor.kind === 'staff' && actor.role === 'commissioner';

export async function createTender(db: Db, rubrics: RubricLibrary, actor: Actor, input: NewTender, now: Date): Promise<SetupOutcome> {
  if (!commissioner(actor)) throw new Error('only a commissioner sets up a tender');
  const loaded = await rubrics.load(input.rubric);
  if (!loaded) return { ok: false, problems: [{ path: 'rubric', message: 'Choose one of the rubrics listed' }] };
  if (!loaded.ok) return { ok: false, problems: [{ path: 'rubric', message: `The rubric ${input.rubric} has problems and cannot be used until they are put right` }] };
  const at = now.toISOString();
  const taken = (): SetupOutcome => ({ ok: false, problems: [{ path: 'reference', message: `There is already a tender with the reference ${input.reference}. Enter a new reference` }] });
  // Checked inside the transaction, which holds the reference's lock, so the same form sent twice
  // at once makes one tender and says so to the other; a tender written meanwhile without the
  // lock gets the same words from its unique index, never a failed write.
  return unlessTaken(UNIQUE_KEYS.tenderReference, taken, () => writeTransaction(db, [{ reference: input.reference }], async (trx): Promise<SetupOutcome> => {
    if (await tenderRepository.referenceTaken(trx, input.reference)) return taken();
    await tenderRepository.insert(trx, {
      reference: input.reference,
      title: input.title,
      rubric_id: loaded.rubric.id,
      rubric_json: JSON.stringify(loaded.rubric),
      aggregation: input.aggregation,
      anonymise: input.anonymise ? 1 : 0,
      light_touch: input.lightTouch ? 1 : 0,
      hourly_rate: input.hourlyRate ?? null,
      state: 'draft',
      owner_id: actor.id,
      created_at: at,
      updated_at: at,
    });
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.created', tender: input.reference, detail: { ...input } }, now);
    return { ok: true, reference: input.reference };
  }));
}

/** A tender pack uploaded in the browser: the same all-or-nothing import as the CLI's. */
export async function uploadPack(db: Db, rubrics: RubricLibrary, actor: Actor, file: { name: string; text: string }, now: Date, hourlyRate: string | null = null): Promise<{ ok: true; reference: string } | { ok: false; problems: FileProblem[] }> {
  if (!commissioner(actor)) throw new Error('only a commissioner uploads a tender pack');
  const parsed = parseDataText(file.name, file.text);
  if (!parsed.ok) return parsed;
  const outcome = await importPack(db, rubrics, parsed.data, { file: file.name, owner: actor.email, actor: actorLabel(actor), now, hourlyRate });
  return outcome.ok ? { ok: true, reference: outcome.reference } : outcome;
}

/**
 * Whether an uploaded pack says its tender is finalised: importing it finalises the tender, so it
 * asks for a recent sign-in as finalising does. A file that does not read says no (its problems
 * are shown by the upload itself).
 */
export function packArrivesFinalised(file: { name: string; text: string }): boolean {
  const parsed = parseDataText(file.name, file.text);
  if (!parsed.ok || typeof parsed.data !== 'object' || parsed.data === null) return false;
  const tender = (parsed.data as Record<string, unknown>)['tender'];
  return typeof tender === 'object' && tender !== null && (tender as Record<string, unknown>)['state'] === 'finalised';
}

export interface StageAnswer {
  /** Why the tender moves on with items outstanding (required when there are any). */
  reason?: string;
  /** The fingerprint of the outstanding items as the commissioner saw them (readiness.ts). */
  seen?: string;
}

export type AdvanceRefusal = 'blocked' | 'changed' | 'reason-missing' | 'reason-short' | 'reason-long';

export type AdvanceOutcome =
  | { ok: true; state: TenderState }
  | { ok: false; problems: string[] }
  | { ok: false; refused: AdvanceRefusal; readiness: Readiness };

/**
 * Moves the tender on to its next stage. What is outstanding is worked out again inside the
 * transaction: anything that blocks refuses the move; anything else needs the commissioner's
 * written reason, and the list must be the one they saw (an item that appeared meanwhile is
 * never passed over unseen). The reason and the items go into `stage_overrides` and the audit
 * event, in the same transaction.
 */
export async function advanceTender(db: Db, actor: Actor, tender: TenderRow, to: TenderState, now: Date, answer: StageAnswer = {}): Promise<AdvanceOutcome> {
  if (!commissioner(actor)) throw new Error('only a commissioner moves a tender on');
  // Checked on the tender as stored inside the transaction: a second click, or another tab, that
  // already moved it on is refused in words, never a failed write.
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<AdvanceOutcome> => {
    const current = await currentTender(trx, tender);
    const next = NEXT_STATE[current.state as TenderState];
    if (current.state === to) return { ok: false, problems: [`The tender is already at ${to}: it was moved on a moment ago, perhaps in another tab`] };
    if (next !== to) return { ok: false, problems: [next === null ? 'The tender is finalised, so it cannot move on' : `The tender is at ${current.state}; it can only move on to ${next}`] };
    const readiness = await tenderReadiness(trx, current, now);
    if (readiness.blocking.length > 0) return { ok: false, refused: 'blocked', readiness };
    if (answer.seen !== undefined && answer.seen !== readiness.fingerprint) return { ok: false, refused: 'changed', readiness };
    const by = actorLabel(actor);
    const detail: Record<string, unknown> = { from: current.state, to };
    if (readiness.items.length > 0) {
      const reason = (answer.reason ?? '').replace(/\r\n?/g, '\n').trim();
      if (reason === '') return { ok: false, refused: 'reason-missing', readiness };
      if (reason.length < MIN_OVERRIDE_REASON) return { ok: false, refused: 'reason-short', readiness };
      if (reason.length > MAX_OVERRIDE_REASON) return { ok: false, refused: 'reason-long', readiness };
      const outstanding = readiness.items.map((i) => i.text);
      await readinessRepository.insertStageOverride(trx, { tenderId: current.id, from: current.state, to, outstanding, reason, by, at: now.toISOString() });
      detail['override'] = { outstanding, reason };
    }
    // The results as they stand, and the audit chain's head, are recorded with the finalisation.
    if (to === 'finalised') Object.assign(detail, await recordFinalisation(trx, current, by, now));
    await tenderRepository.setState(trx, tender.id, to, now.toISOString());
    await recordEvent(trx, { actor: by, action: 'tender.state-changed', tender: tender.reference, detail }, now);
    return { ok: true, state: to };
  });
}
