// The outcome fed back to the panel. After the tender is finalised the commissioner releases the
// outcome (award information may be confidential until the notices go out) with a "you said, we
// did" text; then each member can read "What happened" with their link and gets it as a message.
// Members may answer a short survey once; the answer is stored with their perspective only (no
// member, no time) under a random id (its order does not follow time), and that they answered is
// marked on their row; the audit event holds nothing that points to the answer.
import type { Db } from '../../data/database';
import { outcomeRepository } from '../../data/message-repository';
import type { MemberRow, TenderRow } from '../../data/schema';
import { writeTransaction } from '../../data/write-transaction';
import { exact, formatHalfUp } from '../../engine';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { sendOutcomeMessages, type Messaging, type Tally } from '../messages/messages';
import { currentTender } from '../tender-rules';
import { outcomeFacts } from './outcome-facts';

export const YOU_SAID_MIN = 20;
export const YOU_SAID_MAX = 3000;

export const canReleaseOutcome = (actor: Actor, tender: TenderRow): boolean => actor.kind === 'staff' && actor.role === 'commissioner' && canSeeTender(actor, tender);

export const releaseOf = (db: Db, tender: TenderRow) => outcomeRepository.released(db, tender.id);

export type Released = { ok: true; tally: Tally } | { ok: false; reason: 'not-finalised' | 'already-released' };

/** Releases the outcome (one transaction with its audit event), then sends each member the outcome message. */
export async function releaseOutcome(m: Messaging, actor: Actor, tender: TenderRow, youSaidWeDid: string, now: () => Date): Promise<Released> {
  if (!canReleaseOutcome(actor, tender)) throw new Error('only the commissioner releases the outcome');
  const by = actorLabel(actor);
  const done = await writeTransaction(m.db, [{ tender: tender.id }], async (trx) => {
    const current = await currentTender(trx, tender);
    if (current.state !== 'finalised') return 'not-finalised' as const;
    if (await outcomeRepository.released(trx, tender.id)) return 'already-released' as const;
    await outcomeRepository.release(trx, { tender_id: tender.id, you_said_we_did: youSaidWeDid, released_by: by, released_at: now().toISOString() });
    await recordEvent(trx, { actor: by, action: 'outcome.released', tender: tender.reference, detail: { youSaidWeDid } }, now());
    return current;
  });
  if (typeof done === 'string') return { ok: false, reason: done };
  return { ok: true, tally: await sendOutcomeMessages(m, done, by, now) };
}

export const SURVEY_QUESTIONS = ['listened', 'support', 'information', 'payment'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

export interface SurveyInput {
  answers: Record<SurveyQuestion, number | null>;
  comments: string | null;
}

/** The What happened page's facts for a member, with whether they answered the survey; null until released. */
export async function memberOutcome(db: Db, tender: TenderRow, member: MemberRow, publicUrl: string) {
  const facts = await outcomeFacts(db, tender, member, publicUrl);
  return facts ? { ...facts, surveyAnswered: member.survey_answered === 1 } : null;
}

export type Answered = { ok: true } | { ok: false; reason: 'not-released' | 'already-answered' };

/** Stores one anonymous answer and marks the member as having answered, in one transaction; once per member. */
export async function answerSurvey(db: Db, tender: TenderRow, member: MemberRow, input: SurveyInput, now: Date): Promise<Answered> {
  return writeTransaction(db, [{ member: member.id, tender: tender.id }], async (trx): Promise<Answered> => {
    const current = await currentTender(trx, tender);
    if (current.state !== 'finalised' || !(await outcomeRepository.released(trx, tender.id))) return { ok: false, reason: 'not-released' };
    if (!(await outcomeRepository.markAnswered(trx, member.id))) return { ok: false, reason: 'already-answered' };
    await outcomeRepository.addAnswer(trx, { tender_id: tender.id, perspective: member.perspective, ...input.answers, comments: input.comments });
    // Who answered is not recorded: the event says only that an answer came in.
    await recordEvent(trx, { actor: 'panel', action: 'survey.answered', tender: tender.reference, detail: {} }, now);
    return { ok: true };
  });
}

export interface SurveySummaryRow {
  perspective: string;
  answers: number;
  /** Per question: how many answered it and the average (one decimal), or null when none did. */
  questions: Record<SurveyQuestion, { count: number; average: string | null }>;
  comments: string[];
}

/**
 * The average of whole-number answers to one decimal place, half up, from the exact fraction (29
 * answers' worth over 20 is 1.45, shown 1.5; as a binary number 1.45 is 1.4499…, which toFixed
 * shows as 1.4); null when there are none.
 */
export const surveyAverage = (values: readonly number[]): string | null =>
  values.length === 0 ? null : formatHalfUp(exact(values.reduce((a, b) => a + b, 0)).div(values.length), 1);

/** The survey's answers summarised by perspective (lived experience first), with everyone together last. */
export async function surveySummary(db: Db, tender: TenderRow): Promise<SurveySummaryRow[]> {
  const rows = await outcomeRepository.answers(db, tender.id);
  const groups: [string, typeof rows][] = [
    ['Lived experience', rows.filter((r) => r.perspective === 'lived-experience')],
    ['Professional', rows.filter((r) => r.perspective === 'professional')],
    ['Everyone', rows],
  ];
  return groups.map(([perspective, group]) => ({
    perspective,
    answers: group.length,
    questions: Object.fromEntries(
      SURVEY_QUESTIONS.map((q) => {
        const values = group.map((r) => r[q]).filter((v): v is number => v !== null);
        return [q, { count: values.length, average: surveyAverage(values) }];
      }),
    ) as SurveySummaryRow['questions'],
    // The comments in a stable order that is not the order they came in.
    comments: group.map((r) => r.comments).filter((c): c is string => c !== null && c !== '').sort((a, b) => a.localeCompare(b)),
  }));
}
