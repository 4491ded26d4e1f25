// The panel member's start page and their declaration of conflicts of interest, which comes
// before any bid is shown.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { scorerOf } from '../../middleware/scorer';
import { declarationOf, declareConflicts, type Declaration } from '../../services/scoring/conflicts';
import { memberWork } from '../../services/scoring/work';
import { practiceOffer } from '../../services/practice/practice';
import { memberDeadline } from '../../services/timetable/deadlines';
import { ukToday } from '../../services/uk-dates';
import { formErrors } from '../form-errors';
import { ConflictsForm, fieldList } from './scoring-schema';
import { glossaryLinks, panelPageLocals } from './scoring-view';

/** 10 to 20 minutes a score, said as a range people can plan around. */
export function howLong(cells: number): string {
  const low = cells * 10;
  const high = cells * 20;
  if (high <= 60) return `about ${low} to ${high} minutes`;
  const hours = (minutes: number) => Math.max(1, Math.round(minutes / 60));
  if (hours(low) === hours(high)) return hours(low) === 1 ? 'about 1 hour' : `about ${hours(low)} hours`;
  return `about ${hours(low)} to ${hours(high)} hours`;
}

/** The start page (GET /panel, reached through the invitations controller, which checks the link). */
export async function renderStart(deps: AppDeps, res: Response, contact: { contactName: string | null; linkExpires: string | null }): Promise<void> {
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
    progress: { finished: work.finished, sent: work.submitted, total: work.cells.length, left: work.cells.length - work.finished },
    // Worked out from the scores still to do, once some are done.
    howLongLeft: howLong(work.cells.length - work.finished),
    allFinished: work.cells.length > 0 && work.finished === work.cells.length,
    allSent: work.cells.length > 0 && work.submitted === work.cells.length,
    startHref: scorer.member.conflicts_declared_at === null ? '/panel/conflicts' : '/panel/tasks',
    started: work.finished > 0 || scorer.member.conflicts_declared_at !== null,
    sentBack: state === 'moderation' && work.open.length > 0,
    deadline: memberDeadline(scorer.tender.scoring_closes_on, ukToday(deps.now()), { state, cells: work.cells.length, sent: work.submitted }),
    practice: practiceOffer(scorer),
    glossary: glossaryLinks,
  });
}

/**
 * The form's value for the i-th organisation of the list (alphabetical by name), never the bid's
 * code: on an anonymised tender the page's source would otherwise pair each name with its code.
 */
const organisationValue = (i: number): string => `org-${i + 1}`;

/** The bid keys of the organisations ticked; a value not on the list becomes one no bid has (and is refused). */
function tickedKeys(declaration: Declaration, values: string[]): string[] {
  return values.map((v) => {
    const i = /^org-\d{1,4}$/.test(v) ? Number(v.slice(4)) - 1 : -1;
    return declaration.organisations[i]?.key ?? '\u0000not on the list';
  });
}

async function renderConflicts(deps: AppDeps, res: Response, status: number, extra: Record<string, unknown>): Promise<void> {
  const scorer = scorerOf(res);
  const declaration = await declarationOf(deps.db, scorer);
  // After an error, the boxes the member ticked stay ticked.
  const ticked = new Set((extra['values'] as { organisations?: string[] } | undefined)?.organisations ?? []);
  const items = declaration.organisations.map((o, i) => ({
    value: organisationValue(i),
    text: o.supplier,
    checked: o.conflicted || ticked.has(organisationValue(i)),
    disabled: o.conflicted,
    hint: o.conflicted ? { text: 'You told us about this. You will not score it.' } : undefined,
  }));
  res.status(status).render('pages/scoring/conflicts', {
    ...panelPageLocals(res),
    pageTitle: `${extra['errors'] ? 'Error: ' : ''}Do you have a link with any of these organisations?`,
    backHref: '/panel',
    items,
    declared: declaration.declared,
    conflicted: declaration.organisations.filter((o) => o.conflicted).length,
    ...extra,
  });
}

export function conflictsGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    // Asked once scoring has opened, when the bids and the panel are settled.
    if (scorerOf(res).tender.state === 'draft') res.redirect(303, '/panel');
    else await renderConflicts(deps, res, 200, {});
  };
}

export function conflictsPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = ConflictsForm.safeParse(req.body);
    const body = req.body as Record<string, unknown>;
    if (!parsed.success) {
      await renderConflicts(deps, res, 400, { errors: formErrors(parsed.error), values: { anyConflict: body['anyConflict'], organisations: fieldList(body['organisations']).slice(0, 500) } });
      return;
    }
    const organisations = tickedKeys(await declarationOf(deps.db, scorerOf(res)), parsed.data.organisations);
    const outcome = await declareConflicts(deps.db, scorerOf(res), { anyConflict: parsed.data.anyConflict === 'yes', organisations }, deps.now());
    if (!outcome.ok) {
      await renderConflicts(deps, res, 400, { errors: formErrors(outcome.problems), values: parsed.data });
      return;
    }
    res.redirect(303, outcome.newConflicts > 0 ? '/panel/tasks?conflicts=1' : '/panel/tasks');
  };
}
