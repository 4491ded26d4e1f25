// The practice round (calibration). Before their real scoring a member may score a few short
// made-up answers from the tender's rubric, on the same pages as the real thing, and then read
// the reference score and why beside their own, as learning, never as a test. The commissioner
// sets the round off, offered or expected (asked first, never a block). Practice scores are the
// member's own: staff see only whether the round is done, and no audit event holds a score.
//
// Time spent practising is counted as scoring time is (services/scoring/time): each save adds the
// time since the member's last activity, a gap over 20 minutes counting as 20, and moves that
// activity on (the same last-activity time as scoring, so no minute counts twice). When the
// member finishes the round, the whole minutes are recorded as one involvement entry of the kind
// "practice", so they count in the member's contribution, the payment summary and the export
// like any other involvement time. The round is then kept as it was, to read.
import type { Db } from '../../data/database';
import { involvementRepository } from '../../data/involvement-repository';
import { panelRepository } from '../../data/panel-repository';
import { practiceRepository } from '../../data/practice-repository';
import type { MemberRow, PracticeMode, PracticeScoreRow, TenderRow } from '../../data/schema';
import { writeTransaction } from '../../data/write-transaction';
import type { Criterion, PracticeAnswer } from '../../engine';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';
import { recordEvent } from '../audit';
import { storedKind } from '../involvement-entries';
import { scoringMinutes } from '../involvement-money';
import { rubricOf } from '../results/results';
import type { Scorer } from '../scoring/scorer';
import { activitySeconds } from '../scoring/time';
import { problemsOf } from '../score-saves/score-save';
import type { SaveMode, ScoreInput } from '../scoring/scoring';
import { assertNotFinalised, currentTender } from '../tender-rules';
import { ukToday } from '../uk-dates';

export const PRACTICE_MODES = ['off', 'offered', 'expected'] as const satisfies readonly PracticeMode[];

export interface PracticeItem extends PracticeAnswer {
  /** The answer's place in the rubric's practice list, from 1 (its address). */
  item: number;
  criterionOf: Criterion;
}

/** The tender's practice answers, each with its criterion (an answer for a criterion the rubric lacks is left out). */
export function practiceItems(tender: TenderRow): PracticeItem[] {
  const rubric = rubricOf(tender);
  const criteria = new Map(rubric.sections.flatMap((s) => s.criteria).map((c) => [c.id, c]));
  return (rubric.practice ?? []).flatMap((answer, i) => {
    const criterionOf = criteria.get(answer.criterion);
    return criterionOf ? [{ ...answer, item: i + 1, criterionOf }] : [];
  });
}

/** The round is there for members: the commissioner has not turned it off, and the rubric has practice answers. */
export const practiceOn = (tender: TenderRow): boolean => tender.practice !== 'off' && practiceItems(tender).length > 0;

/** Practice scores can be saved before and during scoring, until the member finishes the round. */
const practiceOpen = (tender: TenderRow, member: MemberRow): boolean =>
  practiceOn(tender) && (tender.state === 'draft' || tender.state === 'scoring') && member.practice_done_at === null && member.withdrawn_at === null;

export interface RoundItem extends PracticeItem {
  saved: PracticeScoreRow | undefined;
  finished: boolean;
}

export interface PracticeRound {
  mode: PracticeMode;
  items: RoundItem[];
  done: boolean;
  open: boolean;
  finished: number;
}

const isFinished = (row: PracticeScoreRow | undefined): boolean => row !== undefined && (row.score !== null || row.abstain === 1) && row.rationale.trim() !== '';

export async function practiceRound(db: Db, scorer: Scorer): Promise<PracticeRound> {
  const member = (await panelRepository.findById(db, scorer.member.id)) ?? scorer.member;
  const saved = await practiceRepository.scoresOf(db, member.id);
  const items = practiceItems(scorer.tender).map((p) => ({ ...p, saved: saved.get(p.item), finished: isFinished(saved.get(p.item)) }));
  return {
    mode: scorer.tender.practice,
    items,
    done: member.practice_done_at !== null,
    open: practiceOpen(scorer.tender, member),
    finished: items.filter((i) => i.finished).length,
  };
}

export type PracticeOutcome = { kind: 'saved'; done: boolean } | { kind: 'invalid'; problems: { field: string; text: string }[] } | { kind: 'locked' };

/**
 * Saves one practice score (a draft, or finished with a score and a reason), in one transaction
 * with its audit event; the round is done, and its time recorded, when every answer is finished.
 * Null when there is no such practice answer. The last save wins: practice has no versions.
 */
export async function savePractice(db: Db, scorer: Scorer, item: number, input: ScoreInput, mode: SaveMode, now: Date): Promise<PracticeOutcome | null> {
  return writeTransaction(db, [{ member: scorer.member.id, tender: scorer.tender.id }], async (trx): Promise<PracticeOutcome | null> => {
    const tender = await currentTender(trx, scorer.tender);
    const member = await panelRepository.findById(trx, scorer.member.id);
    if (!member) return { kind: 'locked' };
    const items = practiceItems(tender);
    if (!practiceOn(tender) || !items.some((p) => p.item === item)) return null;
    if (!practiceOpen(tender, member)) return { kind: 'locked' };
    // The same checks as a real score, so practice teaches what scoring will ask.
    const problems = problemsOf(rubricOf(tender).scale, input, mode);
    if (problems.length > 0) return { kind: 'invalid', problems };
    const at = now.toISOString();
    const scores = await practiceRepository.scoresOf(trx, member.id);
    const saved = scores.get(item);
    const write = { score: typeof input.choice === 'number' ? input.choice : null, abstain: input.choice === 'abstain' ? 1 : 0, rationale: input.reason, entered_by: scorer.enteredBy, updated_at: at };
    if (saved) await practiceRepository.update(trx, saved.id, write);
    else await practiceRepository.insert(trx, { ...write, tender_id: tender.id, member_id: member.id, item });
    const seconds = activitySeconds(member.last_active_at, now);
    await practiceRepository.addSeconds(trx, member.id, seconds, at);
    const withMember = scorer.facilitator ? member.key : undefined;
    // No score and no reason in the audit trail: practice scores are the member's own.
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'practice.saved', tender: tender.reference, detail: { member: member.key, item, enteredBy: scorer.enteredBy, withMember } }, now);
    scores.set(item, { ...write, id: saved?.id ?? 0, tender_id: tender.id, member_id: member.id, item });
    const done = items.every((p) => isFinished(scores.get(p.item)));
    if (done) {
      await practiceRepository.setDone(trx, member.id, at);
      const minutes = scoringMinutes(member.practice_seconds + seconds);
      if (minutes > 0) {
        await involvementRepository.insert(trx, { tender_id: tender.id, member_id: member.id, ...storedKind('practice'), on_date: ukToday(now), minutes, amount: null, note: 'The practice round', entered_by: scorer.enteredBy, recorded_at: at });
      }
      await recordEvent(trx, { actor: scorer.enteredBy, action: 'practice.done', tender: tender.reference, detail: { member: member.key, minutes, enteredBy: scorer.enteredBy, withMember } }, now);
    }
    return { kind: 'saved', done };
  });
}

/** Only a commissioner who can see the tender chooses whether practice is off, offered or expected. */
export const maySetPractice = (actor: Actor, tender: TenderRow): boolean => actor.kind === 'staff' && actor.role === 'commissioner' && canSeeTender(actor, tender);

/** Sets the tender's practice round, with a `tender.practice-set` event (old and new); nothing is written when nothing changed. */
export async function setPracticeMode(db: Db, actor: Actor, tender: TenderRow, mode: PracticeMode, now: Date): Promise<{ changed: boolean }> {
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await currentTender(trx, tender);
    assertNotFinalised(current, 'The practice round');
    if (current.practice === mode) return { changed: false };
    await practiceRepository.setMode(trx, current.id, mode, now.toISOString());
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.practice-set', tender: current.reference, detail: { old: current.practice, new: mode } }, now);
    return { changed: true };
  });
}

/** What staff see of a member's practice: done or not, never a score. Null when the round is off. */
export function practiceStatusText(tender: TenderRow, member: MemberRow): string | null {
  if (!practiceOn(tender)) return null;
  return member.practice_done_at !== null ? 'Practice done' : 'Practice not done yet';
}

export interface PracticeOffer {
  expected: boolean;
  done: boolean;
  count: number;
  href: string;
}

/**
 * What the member's start page and task list say about the practice round: null when there is
 * none, or when it is over for them (scoring has finished and they did not practise).
 */
export function practiceOffer(scorer: Scorer): PracticeOffer | null {
  const { tender, member } = scorer;
  if (!practiceOn(tender)) return null;
  const done = member.practice_done_at !== null;
  if (!done && !practiceOpen(tender, member)) return null;
  return { expected: tender.practice === 'expected', done, count: practiceItems(tender).length, href: done ? '/panel/practice/compare' : '/panel/practice' };
}

/** The tender's practice round as the panel page states it, with the setting's link for those who may change it. */
export function practiceSummary(actor: Actor, tender: TenderRow): { text: string; href: string | null } {
  const count = practiceItems(tender).length;
  const text =
    count === 0
      ? 'No practice round: the rubric has no practice answers.'
      : { off: 'Off: members are not offered a practice round.', offered: 'Offered: members may practise first.', expected: 'Expected: members are asked to practise first, and may still go on without.' }[tender.practice];
  const href = maySetPractice(actor, tender) && tender.state !== 'finalised' ? `/tenders/${encodeURIComponent(tender.reference)}/practice` : null;
  return { text, href };
}
