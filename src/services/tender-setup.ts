// Setting up a tender in the web app: from a published rubric, or from an uploaded tender pack;
// then moving it through its lifecycle, each step confirmed and audited.
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import type { TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import type { Aggregation, Problem, TenderState } from '../engine';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { parseDataText, type FileProblem } from './data-files';
import { recordFinalisation } from './finalisation';
import type { RubricLibrary } from './rubric-library';
import { importPack } from './tender-import';
import { currentTender, NEXT_STATE } from './tender-rules';

export interface NewTender {
  reference: string;
  title: string;
  rubric: string;
  aggregation: Aggregation;
  anonymise: boolean;
}

export type SetupOutcome = { ok: true; reference: string } | { ok: false; problems: Problem[] };

const commissioner = (actor: Actor): actor is Extract<Actor, { kind: 'staff' }> => actor.kind === 'staff' && actor.role === 'commissioner';

export async function createTender(db: Db, rubrics: RubricLibrary, actor: Actor, input: NewTender, now: Date): Promise<SetupOutcome> {
  if (!commissioner(actor)) throw new Error('only a commissioner sets up a tender');
  const loaded = await rubrics.load(input.rubric);
  if (!loaded) return { ok: false, problems: [{ path: 'rubric', message: 'Choose one of the rubrics listed' }] };
  if (!loaded.ok) return { ok: false, problems: [{ path: 'rubric', message: `The rubric ${input.rubric} has problems and cannot be used until they are put right` }] };
  const at = now.toISOString();
  // Checked inside the transaction, so the same form sent twice at once makes one tender and
  // says so to the other, never a failed write.
  return db.transaction().execute(async (trx): Promise<SetupOutcome> => {
    if (await tenderRepository.referenceTaken(trx, input.reference)) {
      return { ok: false, problems: [{ path: 'reference', message: `There is already a tender with the reference ${input.reference}. Enter a new reference` }] };
    }
    await tenderRepository.insert(trx, {
      reference: input.reference,
      title: input.title,
      rubric_id: loaded.rubric.id,
      rubric_json: JSON.stringify(loaded.rubric),
      aggregation: input.aggregation,
      anonymise: input.anonymise ? 1 : 0,
      state: 'draft',
      owner_id: actor.id,
      created_at: at,
      updated_at: at,
    });
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.created', tender: input.reference, detail: { ...input } }, now);
    return { ok: true, reference: input.reference };
  });
}

/** A tender pack uploaded in the browser: the same all-or-nothing import as the CLI's. */
export async function uploadPack(db: Db, rubrics: RubricLibrary, actor: Actor, file: { name: string; text: string }, now: Date): Promise<{ ok: true; reference: string } | { ok: false; problems: FileProblem[] }> {
  if (!commissioner(actor)) throw new Error('only a commissioner uploads a tender pack');
  const parsed = parseDataText(file.name, file.text);
  if (!parsed.ok) return parsed;
  const outcome = await importPack(db, rubrics, parsed.data, { file: file.name, owner: actor.email, actor: actorLabel(actor), now });
  return outcome.ok ? { ok: true, reference: outcome.reference } : outcome;
}

/** Why the tender cannot move on yet, if anything stops it. */
export async function blockersToAdvance(db: Db, tender: TenderRow): Promise<string[]> {
  if (tender.state !== 'draft') return [];
  const [bids, assigned] = await Promise.all([tenderRepository.bids(db, tender.id), panelRepository.assignedCells(db, tender.id)]);
  const blockers: string[] = [];
  if (!bids.some((b) => b.withdrawn === 0)) blockers.push('Add at least one bid');
  if ([...assigned.values()].every((cells) => cells === 0)) blockers.push('Add at least one panel member with criteria and bids to score');
  return blockers;
}

export type AdvanceOutcome = { ok: true; state: TenderState } | { ok: false; problems: string[] };

export async function advanceTender(db: Db, actor: Actor, tender: TenderRow, to: TenderState, now: Date): Promise<AdvanceOutcome> {
  if (!commissioner(actor)) throw new Error('only a commissioner moves a tender on');
  // Checked on the tender as stored inside the transaction: a second click, or another tab, that
  // already moved it on is refused in words, never a failed write.
  return db.transaction().execute(async (trx): Promise<AdvanceOutcome> => {
    const current = await currentTender(trx, tender);
    const next = NEXT_STATE[current.state as TenderState];
    if (current.state === to) return { ok: false, problems: [`The tender is already at ${to}: it was moved on a moment ago, perhaps in another tab`] };
    if (next !== to) return { ok: false, problems: [next === null ? 'The tender is finalised, so it cannot move on' : `The tender is at ${current.state}; it can only move on to ${next}`] };
    const blockers = await blockersToAdvance(trx, current);
    if (blockers.length > 0) return { ok: false, problems: blockers };
    const detail: Record<string, unknown> = { from: current.state, to };
    // The results as they stand, and the audit chain's head, are recorded with the finalisation.
    if (to === 'finalised') Object.assign(detail, await recordFinalisation(trx, current, actorLabel(actor), now));
    await tenderRepository.setState(trx, tender.id, to, now.toISOString());
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.state-changed', tender: tender.reference, detail }, now);
    return { ok: true, state: to };
  });
}
