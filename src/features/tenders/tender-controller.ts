import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { rubricOf } from '../../services/results';
import { money, rubricView } from '../../services/rubric-view';
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

export function tenderGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const overview = await tenderOverview(deps.db, actorOf(res), tenderOf(res));
    res.render('pages/tenders/show', {
      pageTitle: overview.tender.title,
      ...overview,
      lateNotices: await tenderLateNotices(deps.db, tenderOf(res), deps.now()),
      tag: STATE_TAGS[overview.tender.state],
      rubricTitle: overview.rubric.title,
      bids: overview.bids.map((b) => ({ ...b, priceText: money(b.price) })),
      rubricHref: `/tenders/${encodeURIComponent(overview.tender.reference)}/rubric`,
      tenderNav: 'overview',
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
