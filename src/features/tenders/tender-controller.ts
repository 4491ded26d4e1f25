import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { rubricOf } from '../../services/results/results';
import { money, rubricView } from '../../services/rubric-view';
import type { Task, TaskStatus } from '../../services/readiness/task-list';
import { tenderOverview, tendersFor } from '../../services/tenders';
import { lateNoticesByReference, tenderLateNotices } from '../../services/timetable/timetable';

const STATE_TAGS: Record<string, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  scoring: { text: 'Scoring', classes: 'govuk-tag--blue' },
  moderation: { text: 'Moderation', classes: 'govuk-tag--yellow' },
  finalised: { text: 'Finalised', classes: 'govuk-tag--green' },
};

export function tenderListGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const actor = actorOf(res);
    const [tenders, late] = await Promise.all([tendersFor(deps.db, actor), lateNoticesByReference(deps.db, actor, deps.now())]);
    res.render('pages/tenders/list', {
      pageTitle: 'Tenders',
      canSetUp: actor.kind === 'staff' && actor.role === 'commissioner',
      tenders: tenders.map((t) => ({ ...t, tag: STATE_TAGS[t.state], href: `/tenders/${encodeURIComponent(t.reference)}`, late: late.get(t.reference) ?? [] })),
    });
  };
}

/** GOV.UK task list statuses: plain text when done or when it cannot start; a tag otherwise. */
const TASK_STATUS: Record<TaskStatus, { text?: string; classes?: string; tag?: { text: string; classes: string } }> = {
  completed: { text: 'Completed' },
  'in-progress': { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } },
  incomplete: { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
  'not-started': { tag: { text: 'Not yet started', classes: 'govuk-tag--blue' } },
  'cannot-start': { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' },
};

const taskItems = (tasks: Task[]) =>
  tasks.map((t) => ({ title: { text: t.title }, href: t.href ?? undefined, hint: t.hint === null ? undefined : { text: t.hint }, status: TASK_STATUS[t.status] }));

export function tenderGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const overview = await tenderOverview(deps.db, actorOf(res), tenderOf(res), deps.now());
    res.render('pages/tenders/show', {
      pageTitle: overview.tender.title,
      ...overview,
      lateNotices: await tenderLateNotices(deps.db, tenderOf(res), deps.now()),
      tag: STATE_TAGS[overview.tender.state],
      rubricTitle: overview.rubric.title,
      bids: overview.bids.map((b) => ({ ...b, priceText: money(b.price) })),
      rubricHref: `/tenders/${encodeURIComponent(overview.tender.reference)}/rubric`,
      tenderNav: 'overview',
      taskItems: overview.tasks ? taskItems(overview.tasks) : null,
      canChangeLightTouch: actorOf(res).kind === 'staff' && (actorOf(res) as { role?: string }).role === 'commissioner',
      canAdvance: actorOf(res).kind === 'staff' && (actorOf(res) as { role?: string }).role === 'commissioner' && overview.tender.state !== 'finalised',
    });
  };
}

export function tenderRubricGet(_req: Request, res: Response): void {
  const tender = tenderOf(res);
  const rubric = rubricView(rubricOf(tender));
  res.render('pages/rubrics/show', {
    pageTitle: `${rubric.title}: rubric for ${tender.reference}`,
    rubric,
    caption: `${tender.reference}: the rubric for this tender`,
    tenderNav: 'rubric',
  });
}
