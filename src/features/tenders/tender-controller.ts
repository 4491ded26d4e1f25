import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { money, rubricView } from '../../services/rubric-view';
import { tenderOverview, tendersFor, visibleTender } from '../../services/tenders';

const STATE_TAGS: Record<string, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  scoring: { text: 'Scoring', classes: 'govuk-tag--blue' },
  moderation: { text: 'Moderation', classes: 'govuk-tag--yellow' },
  finalised: { text: 'Finalised', classes: 'govuk-tag--green' },
};

export function tenderListGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const tenders = await tendersFor(deps.db, actorOf(res));
    res.render('pages/tenders/list', {
      pageTitle: 'Tenders',
      tenders: tenders.map((t) => ({ ...t, tag: STATE_TAGS[t.state], href: `/tenders/${encodeURIComponent(t.reference)}` })),
    });
  };
}

async function requireTender(deps: AppDeps, req: Request, res: Response) {
  const tender = await visibleTender(deps.db, actorOf(res), String(req.params['reference']));
  // A tender the person may not see answers exactly as one that does not exist.
  if (!tender) throw new HttpError(404);
  return tender;
}

export function tenderGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const overview = await tenderOverview(deps.db, actorOf(res), await requireTender(deps, req, res));
    res.render('pages/tenders/show', {
      pageTitle: overview.tender.title,
      ...overview,
      tag: STATE_TAGS[overview.tender.state],
      rubricTitle: overview.rubric.title,
      bids: overview.bids.map((b) => ({ ...b, priceText: money(b.price) })),
      rubricHref: `/tenders/${encodeURIComponent(overview.tender.reference)}/rubric`,
    });
  };
}

export function tenderRubricGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const overview = await tenderOverview(deps.db, actorOf(res), await requireTender(deps, req, res));
    const rubric = rubricView(overview.rubric);
    res.render('pages/rubrics/show', {
      pageTitle: `${rubric.title}: rubric for ${overview.tender.reference}`,
      rubric,
      caption: `${overview.tender.reference}: the rubric as it stands for this tender`,
      backHref: `/tenders/${encodeURIComponent(overview.tender.reference)}`,
    });
  };
}
