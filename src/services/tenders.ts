// Tenders as the web app shows them: the list a person may see, and one tender's overview.
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import type { TenderRow } from '../data/schema';
import { scoreRepository } from '../data/score-repository';
import { scoringRepository } from '../data/scoring-repository';
import { tenderRepository } from '../data/tender-repository';
import { PERSPECTIVE_LABELS, type Perspective, type Rubric } from '../engine';
import { canSeePrices, canSeeTender } from './access';
import type { Actor } from './actors';
import { readinessOf } from './readiness/readiness';
import { readinessFacts } from './readiness/readiness-facts';
import { tenderTasks, type Task } from './readiness/task-list';
import { rubricOf } from './results/results';

export interface TenderProgress {
  scored: number;
  expected: number;
}

export interface TenderSummary {
  reference: string;
  title: string;
  state: string;
  progress: TenderProgress;
}

async function progressOf(db: Db, tenderId: number): Promise<{ perMember: Map<number, TenderProgress>; total: TenderProgress }> {
  const [assigned, submitted] = await Promise.all([panelRepository.assignedCells(db, tenderId), scoreRepository.submittedPerMember(db, tenderId)]);
  const perMember = new Map<number, TenderProgress>();
  const total = { scored: 0, expected: 0 };
  for (const [member, expected] of assigned) {
    const scored = submitted.get(member) ?? 0;
    perMember.set(member, { scored, expected });
    total.scored += scored;
    total.expected += expected;
  }
  return { perMember, total };
}

export async function tendersFor(db: Db, actor: Actor): Promise<TenderSummary[]> {
  const visible = (await tenderRepository.list(db)).filter((t) => canSeeTender(actor, t));
  return Promise.all(
    visible.map(async (t) => ({ reference: t.reference, title: t.title, state: t.state, progress: (await progressOf(db, t.id)).total })),
  );
}

/** The tender if this actor may see it; null otherwise (the caller answers 404 either way). */
export async function visibleTender(db: Db, actor: Actor, reference: string): Promise<TenderRow | null> {
  const tender = await tenderRepository.findByReference(db, reference);
  return tender && canSeeTender(actor, tender) ? tender : null;
}

export interface TenderOverview {
  tender: TenderRow;
  rubric: Rubric;
  showPrices: boolean;
  progress: TenderProgress;
  bids: { key: string; supplier: string; price: string | null; withdrawn: boolean }[];
  members: { key: string; name: string; perspective: string; accessNeeds: string[]; progress: TenderProgress; withdrawn: boolean }[];
  /** Conflicts of interest the panel has declared (for commissioners and facilitators; else 0). */
  conflicts: number;
  /** The way from draft to award, for a commissioner (null for anyone else). */
  tasks: Task[] | null;
}

/** The commissioner's task list, from the same facts as the checks before each stage change. */
async function tasksFor(db: Db, actor: Actor, tender: TenderRow, now: Date): Promise<Task[] | null> {
  if (actor.kind !== 'staff' || actor.role !== 'commissioner') return null;
  const facts = await readinessFacts(db, tender, now);
  return tenderTasks(facts, readinessOf(facts));
}

export async function tenderOverview(db: Db, actor: Actor, tender: TenderRow, now: Date): Promise<TenderOverview> {
  const [bids, members, progress, conflicts, tasks] = await Promise.all([
    tenderRepository.bids(db, tender.id),
    panelRepository.members(db, tender.id),
    progressOf(db, tender.id),
    scoringRepository.conflictsOfTender(db, tender.id),
    tasksFor(db, actor, tender, now),
  ]);
  const showPrices = canSeePrices(actor);
  return {
    tender,
    rubric: rubricOf(tender),
    showPrices,
    conflicts: actor.kind === 'staff' && actor.role !== 'procurement' ? conflicts.length : 0,
    progress: progress.total,
    tasks,
    bids: bids.map((b) => ({ key: b.key, supplier: b.supplier, price: showPrices ? b.price : null, withdrawn: b.withdrawn === 1 })),
    members: members.map((m) => ({
      key: m.key,
      name: m.name,
      perspective: PERSPECTIVE_LABELS[m.perspective as Perspective] ?? m.perspective,
      accessNeeds: JSON.parse(m.access_needs) as string[],
      progress: progress.perMember.get(m.id) ?? { scored: 0, expected: 0 },
      // A member withdrawn from the panel owes nothing (left out of the progress above).
      withdrawn: m.withdrawn_at !== null,
    })),
  };
}
