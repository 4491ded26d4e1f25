// Whether a tender is bought under the Provider Selection Regime (Health Care Services (Provider
// Selection Regime) Regulations 2023), by which process, and what the commissioner records for
// the decision record that the evaluation does not hold: who made the decision, how the basic
// selection criteria were assessed, the reasons in their words, interests declared by decision
// makers outside the panel, and how each conflict a panel member declared was managed. It can be
// recorded at any stage, after finalising too (the decision is made on the finalised
// evaluation); no score depends on it. Each save is one transaction with its audit event.
import type { Db } from '../../data/database';
import { providerSelectionRepository, type ProviderSelectionRow } from '../../data/provider-selection-repository';
import type { TenderRow } from '../../data/schema';
import { writeTransaction } from '../../data/write-transaction';
import { isKeyCriteriaRubric } from '../../engine';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { rubricOf } from '../results/results';
import { currentTender } from '../tender-rules';

export const PSR_PROCESSES = ['direct-award-a', 'direct-award-b', 'direct-award-c', 'most-suitable-provider', 'competitive'] as const;
export type PsrProcess = (typeof PSR_PROCESSES)[number];

export interface ProcessWords {
  title: string;
  regulation: string;
  /** When it is used, in a sentence. */
  when: string;
  /** Whether the decision record must say how the key criteria were taken into account (regulation 24(e) and (f)). */
  keyCriteria: boolean;
  /** Whether contract award criteria were evaluated (the Competitive Process, regulation 24(f)). */
  awardCriteria: boolean;
}

export const PROCESS_WORDS: Record<PsrProcess, ProcessWords> = {
  'direct-award-a': { title: 'Direct Award Process A', regulation: 'regulation 7', when: 'The existing provider is the only one capable of providing the services.', keyCriteria: false, awardCriteria: false },
  'direct-award-b': { title: 'Direct Award Process B', regulation: 'regulation 8', when: 'People choose their provider, and every provider that meets the requirements is offered a contract.', keyCriteria: false, awardCriteria: false },
  'direct-award-c': { title: 'Direct Award Process C', regulation: 'regulation 9', when: 'The existing provider is satisfying the current contract and is likely to satisfy the new one, judged against the key criteria.', keyCriteria: true, awardCriteria: false },
  'most-suitable-provider': { title: 'Most Suitable Provider Process', regulation: 'regulation 10', when: 'The provider judged most suitable against the key criteria, chosen without a competition.', keyCriteria: true, awardCriteria: false },
  competitive: { title: 'Competitive Process', regulation: 'regulation 11', when: 'A competition, with contract award criteria built on the key criteria.', keyCriteria: true, awardCriteria: true },
};

/** The most a text of the record may hold. */
export const RECORD_TEXT_MAX = 5000;

export interface ProviderSelectionInput {
  /** null: not bought under the regime. */
  process: PsrProcess | null;
  decisionMakers: string | null;
  basicSelection: string | null;
  reasons: string | null;
  otherInterests: string | null;
  /** How each declared conflict was managed, by "memberKey:bidKey" (null: no note). */
  conflictNotes: Record<string, string | null>;
}

export type SaveOutcome = { ok: true; changed: boolean } | { ok: false; problems: { field: string; text: string }[] };

/** Only a commissioner who can see the tender records its Provider Selection Regime details. */
export const mayRecordSelection = (actor: Actor, tender: TenderRow): boolean => actor.kind === 'staff' && actor.role === 'commissioner' && canSeeTender(actor, tender);

export const conflictField = (member: string, bid: string): string => `${member}:${bid}`;

/** The problem with choosing this process for this tender's rubric, if any (said on the form's process field). */
export function processProblem(tender: TenderRow, process: PsrProcess | null): string | null {
  if (process === null || !PROCESS_WORDS[process].keyCriteria || isKeyCriteriaRubric(rubricOf(tender))) return null;
  return `${PROCESS_WORDS[process].title} decides against the five key criteria, but this tender’s rubric does not say which key criterion each section assesses. Set the tender up from a rubric built on the key criteria (such as “Community mental health recovery support (Provider Selection Regime)”), or choose Direct Award Process A or B`;
}

const fieldsOf = (row: ProviderSelectionRow | undefined) =>
  row ? { process: row.process, decisionMakers: row.decision_makers, basicSelection: row.basic_selection, reasons: row.reasons, otherInterests: row.other_interests } : null;

/**
 * Saves the tender's Provider Selection Regime details and the conflict notes, with one
 * `provider-selection.recorded` event holding the old and new values (the notes by member and
 * bid). Choosing "not under the regime" removes the details and keeps the notes (they are the
 * panel's record, whatever the regime). A save that changes nothing writes nothing.
 */
export async function saveProviderSelection(db: Db, actor: Actor, tender: TenderRow, input: ProviderSelectionInput, now: Date): Promise<SaveOutcome> {
  if (!mayRecordSelection(actor, tender)) throw new Error(`${actorLabel(actor)} may not record the Provider Selection Regime details of ${tender.reference}`);
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<SaveOutcome> => {
    const current = await currentTender(trx, tender);
    const problem = processProblem(current, input.process);
    if (problem) return { ok: false, problems: [{ field: 'process', text: problem }] };
    const by = actorLabel(actor);
    const at = now.toISOString();
    const stored = await providerSelectionRepository.find(trx, current.id);
    const before = fieldsOf(stored);
    const next: ProviderSelectionRow | undefined =
      input.process === null
        ? undefined
        : { tender_id: current.id, process: input.process, decision_makers: input.decisionMakers, basic_selection: input.basicSelection, reasons: input.reasons, other_interests: input.otherInterests, recorded_by: by, recorded_at: at };
    const after = fieldsOf(next);
    const conflicts = await providerSelectionRepository.conflicts(trx, current.id);
    const unknown = Object.keys(input.conflictNotes).filter((k) => !conflicts.some((c) => conflictField(c.member, c.bid) === k));
    if (unknown.length > 0) return { ok: false, problems: [{ field: 'process', text: 'The list of declared conflicts changed while you were writing; read it again below and save once more' }] };
    const notes: Record<string, { old: string | null; new: string | null }> = {};
    for (const c of conflicts) {
      const key = conflictField(c.member, c.bid);
      if (!(key in input.conflictNotes)) continue;
      const note = input.conflictNotes[key] ?? null;
      if (note === c.note) continue;
      await providerSelectionRepository.setNote(trx, c.member_id, c.bid_id, note, by, at);
      notes[key] = { old: c.note, new: note };
    }
    const detailsChanged = JSON.stringify(before) !== JSON.stringify(after);
    if (!detailsChanged && Object.keys(notes).length === 0) return { ok: true, changed: false };
    if (detailsChanged) {
      if (next) await providerSelectionRepository.save(trx, next);
      else await providerSelectionRepository.remove(trx, current.id);
    }
    await recordEvent(trx, { actor: by, action: 'provider-selection.recorded', tender: current.reference, detail: { old: before, new: after, conflictNotes: notes } }, now);
    return { ok: true, changed: true };
  });
}
