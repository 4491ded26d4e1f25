// The member's task list (every bid × criterion with its status and progress), the check page
// with every answer, and submitting them all at once.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { scorerOf } from '../../middleware/scorer';
import { submitScores } from '../../services/scoring/scoring';
import { memberWork, type MemberWork, type WorkCell } from '../../services/scoring/work';
import { practiceOffer } from '../../services/practice/practice';
import { memberDeadline } from '../../services/timetable/deadlines';
import { ukToday } from '../../services/uk-dates';
import { cellHref, choiceText, glossaryLinks, panelPageLocals, paragraphs, savedChoice, STATUS_TAGS } from './scoring-view';

/** Tasks and the check page need the scoring to have opened and the declaration made. */
function gate(res: Response): boolean {
  const scorer = scorerOf(res);
  if (scorer.tender.state === 'draft') res.redirect(303, '/panel');
  else if (scorer.member.conflicts_declared_at === null) res.redirect(303, '/panel/conflicts');
  else return true;
  return false;
}

const byBid = (work: MemberWork) => work.bids.map((bid) => ({ bid, cells: work.cells.filter((c) => c.bid.id === bid.id) }));

/** A score never sent, once scoring has closed: it was not counted, whatever state the draft was in. */
const NOT_SENT = { text: 'Not sent: not counted', classes: 'govuk-tag--grey' };

function taskItem(cell: WorkCell) {
  const open = cell.editable || cell.status === 'submitted';
  const tag = open ? STATUS_TAGS[cell.status] : NOT_SENT;
  return {
    title: { text: cell.criterion.title },
    href: open ? cellHref(cell) : undefined,
    hint: cell.criterion.coProduction ? { text: 'About working together with the people who use the service (co-production)' } : undefined,
    status: { tag: { text: tag.text, classes: tag.classes } },
  };
}

export function tasksGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!gate(res)) return;
    const scorer = scorerOf(res);
    const work = await memberWork(deps.db, scorer);
    const saved = typeof req.query['saved'] === 'string' ? work.cells.find((c) => `${c.bid.key}/${c.criterion.id}` === req.query['saved']) : undefined;
    res.render('pages/scoring/tasks', {
      ...panelPageLocals(res),
      pageTitle: 'Your scores',
      groups: byBid(work).map((g) => ({ label: g.bid.label, items: g.cells.map(taskItem) })),
      finished: work.finished,
      total: work.cells.length,
      allFinished: work.cells.length > 0 && work.finished === work.cells.length,
      allSent: work.cells.length > 0 && work.submitted === work.cells.length,
      canChange: work.open.length > 0,
      // A reason saved before a score is chosen is kept, but the score is not given yet: say so.
      savedCell: saved ? { criterion: saved.criterion.title, bid: saved.bid.label, noScoreYet: saved.score?.score === null && saved.score.abstain === 0 } : null,
      conflictsAdded: req.query['conflicts'] === '1',
      deadline: memberDeadline(scorer.tender.scoring_closes_on, ukToday(deps.now()), { state: scorer.tender.state, cells: work.cells.length, sent: work.submitted }),
      practice: work.submitted === 0 ? practiceOffer(scorer) : null,
      glossary: glossaryLinks,
    });
  };
}

async function renderCheck(deps: AppDeps, res: Response, status: number, extra: Record<string, unknown>): Promise<void> {
  const work = await memberWork(deps.db, scorerOf(res));
  const unfinished = work.open.filter((c) => c.status !== 'done');
  res.status(status).render('pages/scoring/check', {
    ...panelPageLocals(res),
    pageTitle: `${extra['errors'] ? 'Error: ' : ''}Check your scores before you send them`,
    backHref: '/panel/tasks',
    groups: byBid(work).map((g) => ({
      label: g.bid.label,
      rows: g.cells.map((c) => ({
        value: choiceText(work.rubric, savedChoice(c.score)),
        reason: c.score ? paragraphs(c.score.rationale) : [],
        status: STATUS_TAGS[c.status],
        href: c.editable ? cellHref(c) : null,
        hrefText: c.status === 'not-started' ? 'Score' : 'Change',
        criterion: c.criterion.title,
      })),
    })),
    unfinished: unfinished.map((c) => ({ text: `${c.criterion.title} for ${c.bid.label} is not finished`, href: cellHref(c) })),
    canSend: work.open.length > 0 && unfinished.length === 0,
    allSent: work.cells.length > 0 && work.submitted === work.cells.length,
    glossary: glossaryLinks,
    ...extra,
  });
}

export function checkGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    if (gate(res)) await renderCheck(deps, res, 200, {});
  };
}

export function submitPost(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    if (!gate(res)) return;
    const outcome = await submitScores(deps.db, scorerOf(res), deps.now());
    // Sent now, or sent already (pressed twice, or in another tab): either way, they are sent.
    if (outcome.kind === 'submitted' || outcome.kind === 'sent-already') {
      res.redirect(303, '/panel/sent');
      return;
    }
    const list =
      outcome.kind === 'unfinished'
        ? outcome.cells.map((c) => ({ text: `Finish your score for ${c.criterion.title} (${c.bid.label})`, href: cellHref(c) }))
        : outcome.kind === 'closed'
          ? [{ text: 'Scoring has closed, so scores cannot be sent now. Ask the person running the tender', href: '/panel' }]
          : [{ text: 'There are no scores to send', href: '/panel/tasks' }];
    await renderCheck(deps, res, 400, { errors: { list, fields: {} } });
  };
}

export function sentGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    if (!gate(res)) return;
    const work = await memberWork(deps.db, scorerOf(res));
    res.render('pages/scoring/sent', { ...panelPageLocals(res), pageTitle: 'Your scores have been sent', count: work.submitted, glossary: glossaryLinks });
  };
}
