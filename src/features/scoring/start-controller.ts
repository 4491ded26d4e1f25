// The panel member's start page and their declaration of conflicts of interest, which comes
// before any bid is shown.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { scorerOf } from '../../middleware/scorer';
import { declarationOf, declareConflicts } from '../../services/conflicts';
import { memberWork } from '../../services/scoring-work';
import { formErrors } from '../form-errors';
import { ConflictsForm } from './scoring-schema';
import { glossaryLinks, panelPageLocals } from './scoring-view';

/** About 15 minutes a score, said as a range people can plan around. */
function howLong(cells: number): string {
  const low = Math.max(1, Math.round((cells * 10) / 60));
  const high = Math.max(low + 1, Math.round((cells * 20) / 60));
  return `about ${low} to ${high} hours`;
}

export function startGet(deps: AppDeps) {
  return async (_req: Request, res: Response, contact: { contactName: string | null; linkExpires: string | null }): Promise<void> => {
    const scorer = scorerOf(res);
    const work = await memberWork(deps.db, scorer);
    const state = scorer.tender.state;
    res.render('pages/scoring/start', {
      ...panelPageLocals(res),
      pageTitle: scorer.tender.title,
      tenderTitle: scorer.tender.title,
      memberName: scorer.member.name,
      ...contact,
      scoring: state === 'scoring',
      notYet: state === 'draft',
      moderation: state === 'moderation',
      finished: state === 'finalised',
      cellCount: work.cells.length,
      bidCount: work.bids.length,
      howLong: howLong(work.cells.length),
      progress: { finished: work.finished, total: work.cells.length },
      startHref: scorer.member.conflicts_declared_at === null ? '/panel/conflicts' : '/panel/tasks',
      started: work.finished > 0 || scorer.member.conflicts_declared_at !== null,
      sentBack: state === 'moderation' && work.open.length > 0,
      glossary: glossaryLinks,
    });
  };
}

async function renderConflicts(deps: AppDeps, res: Response, status: number, extra: Record<string, unknown>): Promise<void> {
  const scorer = scorerOf(res);
  const declaration = await declarationOf(deps.db, scorer);
  const items = declaration.organisations.map((o) => ({
    value: o.key,
    text: o.supplier,
    checked: o.conflicted,
    disabled: o.conflicted,
    hint: o.conflicted ? { text: 'You told us about this. You will not score it.' } : undefined,
  }));
  res.status(status).render('pages/scoring/conflicts', {
    ...panelPageLocals(res),
    pageTitle: 'Do you have a link with any of these organisations?',
    backHref: '/panel',
    items,
    declared: declaration.declared,
    conflicted: declaration.organisations.filter((o) => o.conflicted).length,
    ...extra,
  });
}

export function conflictsGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => renderConflicts(deps, res, 200, {});
}

export function conflictsPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = ConflictsForm.safeParse(req.body);
    const body = req.body as Record<string, unknown>;
    if (!parsed.success) {
      await renderConflicts(deps, res, 400, { errors: formErrors(parsed.error), values: { anyConflict: body['anyConflict'] } });
      return;
    }
    const outcome = await declareConflicts(deps.db, scorerOf(res), { anyConflict: parsed.data.anyConflict === 'yes', organisations: parsed.data.organisations }, deps.now());
    if (!outcome.ok) {
      await renderConflicts(deps, res, 400, { errors: formErrors(outcome.problems), values: parsed.data });
      return;
    }
    res.redirect(303, outcome.newConflicts > 0 ? '/panel/tasks?conflicts=1' : '/panel/tasks');
  };
}
