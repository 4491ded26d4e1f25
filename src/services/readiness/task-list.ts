// The commissioner's way from draft to award, as a GOV.UK task list on the tender's overview:
// each task with its status, worked out from the same facts and checks as the readiness before
// each stage change, so the overview and the "move on" page never disagree.
import type { TenderState } from '../../engine';
import { money } from '../rubric-view';
import { checks, paidMembers, summaryReviewState } from './readiness-checks';
import type { ReadinessFacts } from './readiness-facts';
import type { Readiness } from './readiness';

/** The GOV.UK task list statuses used here. */
export type TaskStatus = 'completed' | 'in-progress' | 'incomplete' | 'not-started' | 'cannot-start';

export interface Task {
  id: string;
  title: string;
  /** Null when the task cannot be started yet (GOV.UK: no link then). */
  href: string | null;
  hint: string | null;
  status: TaskStatus;
}

const STAGE: Record<TenderState, number> = { draft: 0, scoring: 1, moderation: 2, finalised: 3 };
const of = (done: number, total: number, words: string): string => `${done} of ${total} ${words}`;

/** Done, partly done or not started; "incomplete" once its stage has passed. */
function progress(done: number, total: number, passed: boolean): TaskStatus {
  if (total > 0 && done >= total) return 'completed';
  if (passed) return 'incomplete';
  return done > 0 ? 'in-progress' : 'not-started';
}

export function tenderTasks(facts: ReadinessFacts, readiness: Readiness): Task[] {
  const base = `/tenders/${encodeURIComponent(facts.tender.reference)}`;
  const stage = STAGE[facts.tender.state as TenderState] ?? 0;
  const task = (id: string, title: string, href: string, status: TaskStatus, hint: string | null = null): Task => ({ id, title, href: status === 'cannot-start' ? null : href, hint, status });
  const live = facts.bids.filter((b) => b.withdrawn === 0);
  const scorers = new Set(facts.assignments.map((a) => a.memberId));
  const paid = paidMembers(facts).length;
  const coProduction = checks.coProduction(facts);
  const tasks: Task[] = [];

  tasks.push(task('bids', 'Add bids', `${base}/bids`, live.length > 0 ? 'completed' : stage === 0 ? 'not-started' : 'incomplete', live.length > 0 ? `${live.length} ${live.length === 1 ? 'bid' : 'bids'}` : null));

  const panelHint = coProduction[0]?.text ?? (scorers.size > 0 ? `${scorers.size} ${scorers.size === 1 ? 'member scores' : 'members score'}: ${facts.assignments.length} scores to give` : null);
  const panelStatus: TaskStatus = scorers.size === 0 ? (facts.members.length === 0 && stage === 0 ? 'not-started' : 'incomplete') : coProduction.length > 0 ? 'incomplete' : 'completed';
  tasks.push(task('panel', 'Set up the panel and what each member scores', `${base}/panel`, panelStatus, panelHint));

  if (paid > 0) {
    const rate = facts.tender.hourly_rate;
    tasks.push(task('rate', 'Set the hourly rate for paid members', `${base}/involvement`, rate !== null ? 'completed' : stage === 0 ? 'not-started' : 'incomplete', rate !== null ? `${money(rate)} an hour` : `${paid} ${paid === 1 ? 'member' : 'members'} with lived experience ${paid === 1 ? 'is' : 'are'} paid for their time`));
  }

  const dates = [facts.tender.scoring_closes_on, facts.tender.moderation_on, facts.tender.award_planned_on].filter((d) => d !== null).length;
  tasks.push(task('timetable', 'Set the timetable', `${base}/timetable`, dates === 3 ? 'completed' : dates > 0 ? 'in-progress' : 'not-started', dates < 3 ? of(dates, 3, 'dates set') : null));

  const linked = [...scorers].filter((id) => facts.withLinks.has(id)).length;
  const inviteStatus: TaskStatus = scorers.size === 0 ? 'cannot-start' : stage >= 2 ? 'completed' : progress(linked, scorers.size, false);
  tasks.push(task('invitations', 'Issue invitation links', `${base}/panel`, inviteStatus, stage >= 2 ? 'Scoring has closed' : scorers.size > 0 ? of(linked, scorers.size, 'members have a working link') : null));

  tasks.push(task('open-scoring', 'Open scoring', `${base}/state`, stage >= 1 ? 'completed' : readiness.blocking.length > 0 ? 'cannot-start' : 'not-started', stage === 0 && readiness.blocking.length > 0 ? 'Add bids and set up the panel first' : null));

  const expected = facts.assignments.length;
  const sent = expected - facts.owed.length;
  tasks.push(task('scores-sent', 'Scores sent by the panel', `${base}/results#still-needed`, stage === 0 ? 'cannot-start' : progress(sent, expected, stage >= 2), stage === 0 ? null : of(sent, expected, 'scores sent')));

  tasks.push(task('close-scoring', 'Close scoring and start moderation', `${base}/state`, stage >= 2 ? 'completed' : stage === 1 ? 'not-started' : 'cannot-start'));

  const unscored = checks.incompleteBids(facts).filter((i) => i.kind === 'no-final-score').length;
  const toAgree = checks.flaggedWithoutConsensus(facts).length;
  const moderationHint = stage === 0 ? null : unscored + toAgree === 0 ? 'Every score has a final score, and every disagreement is agreed' : `${toAgree} flagged ${toAgree === 1 ? 'score has' : 'scores have'} no consensus; ${unscored} ${unscored === 1 ? 'bid has' : 'bids have'} a score with no final score`;
  const moderationStatus: TaskStatus = stage === 0 ? 'cannot-start' : stage === 1 ? 'not-started' : unscored + toAgree === 0 ? 'completed' : stage === 3 ? 'incomplete' : 'in-progress';
  tasks.push(task('moderation', 'Agree scores at moderation', `${base}/moderation`, moderationStatus, moderationHint));

  const reviewed = live.filter((b) => summaryReviewState(facts, b.key) === 'reviewed').length;
  tasks.push(task('summaries', 'Review the assessment summaries', `${base}/summaries`, stage < 2 ? 'cannot-start' : progress(reviewed, live.length, stage === 3), stage < 2 ? 'At moderation' : of(reviewed, live.length, 'reviewed')));

  const priced = live.filter((b) => b.price !== null && Number(b.price) > 0).length;
  tasks.push(task('prices', 'Enter prices', `${base}/bids/prices`, progress(priced, live.length, stage === 3), live.length > 0 ? of(priced, live.length, 'bids have a price') : null));

  const finalise = stage === 3 ? 'completed' : stage < 2 || readiness.blocking.length > 0 ? 'cannot-start' : 'not-started';
  const finaliseHint = stage === 2 && readiness.blocking.length > 0 ? `${readiness.blocking.length} ${readiness.blocking.length === 1 ? 'thing stops' : 'things stop'} it: ${readiness.blocking[0]!.text}${readiness.blocking.length > 1 ? ', …' : ''}` : null;
  tasks.push(task('finalise', 'Finalise the evaluation', `${base}/state`, finalise, finaliseHint));
  return tasks;
}
