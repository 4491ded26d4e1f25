// The practice round for a panel member (or a facilitator with them): the start page, each
// practice answer on the same page as a real score, and afterwards their scores beside the
// reference scores. Practice is kept out of the real scoring: its own routes, service and table.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { HttpError } from '../../middleware/errors';
import { scorerOf } from '../../middleware/scorer';
import { practiceRound, savePractice, type PracticeRound, type RoundItem } from '../../services/practice/practice';
import { rubricOf } from '../../services/results/results';
import { formErrors, type FormErrors } from '../form-errors';
import { glossaryLinks, panelPageLocals, paragraphs, savedChoice, scaleItems } from '../scoring/scoring-view';
import { choiceOf, ItemParams, ScoreForm } from './practice-schema';
import { COMPARE_HREF, compareRows, practiceHref } from './practice-view';

/** Where the member's real scoring starts: the conflicts question first, then the task list. */
const scoringHref = (res: Response): string | null => {
  const scorer = scorerOf(res);
  if (scorer.tender.state !== 'scoring') return null;
  return scorer.member.conflicts_declared_at === null ? '/panel/conflicts' : '/panel/tasks';
};

/** The round, or 404 when the tender has no practice round (turned off, or no practice answers). */
async function roundOf(deps: AppDeps, res: Response): Promise<PracticeRound> {
  const round = await practiceRound(deps.db, scorerOf(res));
  if (round.mode === 'off' || round.items.length === 0) throw new HttpError(404);
  return round;
}

const firstToDo = (round: PracticeRound): RoundItem => round.items.find((i) => !i.finished) ?? round.items[0]!;

export function practiceStartGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const round = await roundOf(deps, res);
    const savedItem = Number(req.query['saved']);
    res.render('pages/practice/start', {
      ...panelPageLocals(res),
      pageTitle: 'Practise before you score',
      backHref: '/panel',
      round,
      count: round.items.length,
      expected: round.mode === 'expected',
      started: round.finished > 0 || round.items.some((i) => i.saved),
      startHref: practiceHref(firstToDo(round).item),
      compareHref: COMPARE_HREF,
      scoringHref: scoringHref(res),
      saved: Number.isInteger(savedItem) && round.items.some((i) => i.item === savedItem),
      glossary: glossaryLinks,
    });
  };
}

interface Typed {
  choice: number | 'abstain' | null;
  reason: string;
}

function renderItem(res: Response, round: PracticeRound, item: RoundItem, status: number, typed: Typed | null, errors?: FormErrors): void {
  const locals = panelPageLocals(res);
  const rubric = rubricOf(scorerOf(res).tender);
  const choice = typed ? typed.choice : savedChoice(item.saved);
  res.status(status).render('pages/practice/score', {
    ...locals,
    pageTitle: `${errors ? 'Error: ' : ''}Practice: ${item.criterionOf.title}`,
    backHref: '/panel/practice',
    position: { at: round.items.indexOf(item) + 1, of: round.items.length },
    criterion: item.criterionOf,
    answerParagraphs: paragraphs(item.answer),
    items: scaleItems(rubric, locals['easyRead'] === true, choice),
    reason: typed ? typed.reason : (item.saved?.rationale ?? ''),
    memberId: scorerOf(res).member.id,
    action: practiceHref(item.item),
    glossary: glossaryLinks,
    errors,
  });
}

/** The practice answer this address names, or 404. */
function itemOf(req: Request, round: PracticeRound): RoundItem {
  const params = ItemParams.safeParse(req.params);
  const item = params.success ? round.items.find((i) => i.item === params.data.item) : undefined;
  if (!item) throw new HttpError(404);
  return item;
}

export function practiceItemGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const round = await roundOf(deps, res);
    const item = itemOf(req, round);
    // Done (or no longer open): the scores are kept as they were, to read beside the reference scores.
    if (!round.open) {
      res.redirect(303, round.done ? COMPARE_HREF : '/panel/practice');
      return;
    }
    renderItem(res, round, item, 200, null);
  };
}

export function practiceItemPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const round = await roundOf(deps, res);
    const item = itemOf(req, round);
    const form = ScoreForm.safeParse(req.body);
    if (!form.success) {
      const problems = form.error.issues.map((i) => ({ field: i.path[0] === 'reason' ? 'reason' : 'choice', text: i.message }));
      const body = req.body as Record<string, unknown>;
      renderItem(res, round, item, 400, { choice: null, reason: typeof body['reason'] === 'string' ? body['reason'] : '' }, formErrors(problems));
      return;
    }
    const typed = { choice: choiceOf(form.data.choice), reason: form.data.reason, version: 0 };
    const finish = form.data.action === 'continue';
    const outcome = await savePractice(deps.db, scorerOf(res), item.item, typed, finish ? 'finish' : 'draft', deps.now());
    if (!outcome) throw new HttpError(404);
    if (outcome.kind === 'invalid') {
      renderItem(res, round, item, 400, typed, formErrors(outcome.problems));
      return;
    }
    if (outcome.kind === 'locked' || outcome.done) {
      res.redirect(303, outcome.kind === 'locked' && !round.done ? '/panel/practice' : COMPARE_HREF);
      return;
    }
    if (!finish) {
      res.redirect(303, `/panel/practice?saved=${item.item}`);
      return;
    }
    // On to the next answer not finished yet, after this one (then from the start of the list).
    const after = await practiceRound(deps.db, scorerOf(res));
    const at = after.items.findIndex((i) => i.item === item.item);
    const next = [...after.items.slice(at + 1), ...after.items.slice(0, at)].find((i) => !i.finished);
    res.redirect(303, next ? practiceHref(next.item) : COMPARE_HREF);
  };
}

export function practiceCompareGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const round = await roundOf(deps, res);
    if (!round.done) {
      res.redirect(303, '/panel/practice');
      return;
    }
    const locals = panelPageLocals(res);
    res.render('pages/practice/compare', {
      ...locals,
      pageTitle: 'Your practice scores and ours',
      backHref: '/panel/practice',
      rows: compareRows(rubricOf(scorerOf(res).tender), round.items, locals['easyRead'] === true),
      scoringHref: scoringHref(res),
      glossary: glossaryLinks,
    });
  };
}
