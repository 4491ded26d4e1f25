import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { canSeePrices } from '../../services/access';
import { stageOverridesFor } from '../../services/readiness/stage-overrides';
import { standstill } from '../../services/notices/standstill';
import { psrStandstillView, regimeProcess } from '../../services/provider-selection/psr-notices';
import { resultsView } from '../../services/results/view';
import { dayText, ukToday } from '../../services/uk-dates';

const STAGES: Record<string, string> = {
  draft: 'The tender is still being set up, so there are no scores yet and these results will change.',
  scoring: 'The panel is still scoring, so these results will change as scores come in.',
  moderation: 'The tender is at moderation: these results change when the panel agrees consensus scores, and are final only when the tender is finalised.',
  finalised: 'The tender is finalised: these results are final and nothing can change them.',
};


export function resultsGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const results = await resultsView(deps.db, actorOf(res), tender);
    const overrides = await stageOverridesFor(deps.db, tender, canSeePrices(actorOf(res)));
    // For a finalised tender with a winner: the standstill if the notice were published today: the
    // Procurement Act's after its award notice, or, for a tender bought under the Provider Selection
    // Regime, the regime's after its notice of intention to award (none for Direct Award A and B).
    // With no single winner there is no contract to award, so no notice and no standstill.
    const awarding = tender.state === 'finalised' && results.hasWinner;
    const regime = tender.state === 'finalised' ? await regimeProcess(deps.db, tender.id) : null;
    const period = awarding && regime === null ? standstill(ukToday(deps.now())) : null;
    const actor = actorOf(res);
    res.render('pages/results/show', {
      psrStandstill: awarding && regime !== null ? psrStandstillView(regime, ukToday(deps.now())) : null,
      standstill: period && {
        days: period.days,
        publishedText: dayText(period.published),
        endsText: dayText(period.ends),
        contractFromText: dayText(period.contractFrom),
        lightTouch: tender.light_touch === 1,
        noticeHref: actor.kind === 'staff' && actor.role !== 'facilitator' ? `/tenders/${encodeURIComponent(tender.reference)}/notice` : null,
      },
      noAward: tender.state === 'finalised' && !results.hasWinner ? { psr: regime !== null } : null,
      pageTitle: `Results: ${tender.title}`,
      tenderNav: 'results',
      results,
      overrides,
      stageText: STAGES[tender.state] ?? '',
      workbookHref: `/tenders/${encodeURIComponent(tender.reference)}/results/workbook.xlsx`,
    });
  };
}
