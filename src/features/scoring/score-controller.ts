// One score: one bid and one criterion, with the bid's answer, the scale and the reason box.
// Saves go to the server as drafts ("save and come back later", and autosave with JavaScript on);
// "save and continue" needs a score and a reason. A save based on an old version of the score
// (another tab) gets the conflict page with both versions, never a silent overwrite.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { HttpError } from '../../middleware/errors';
import { scorerOf } from '../../middleware/scorer';
import { enteredByName } from '../../services/scoring/scorer';
import { saveRequest } from '../../services/score-saves/save-request';
import type { ScoreSaves } from '../../services/score-saves/score-saves';
import { findCell, type SaveOutcome } from '../../services/scoring/scoring';
import { scoringCell, type CellView } from '../../services/scoring/cell';
import { memberWork, nextCell } from '../../services/scoring/work';
import { formErrors, type FormErrors } from '../form-errors';
import { CellParams, choiceOf, ScoreForm, type ScoreFormData } from './scoring-schema';
import { cellHref, choiceText, glossaryLinks, panelPageLocals, paragraphs, savedChoice, scaleItems, when } from './scoring-view';
import { takeKeptScore } from './kept-score';

interface Typed {
  choice: number | 'abstain' | null;
  reason: string;
  version: number;
}

/** The redirect for a member who cannot score yet: the tender is a draft, or conflicts are not declared. */
function notYet(res: Response): string | null {
  const scorer = scorerOf(res);
  if (scorer.tender.state === 'draft') return '/panel';
  if (scorer.member.conflicts_declared_at === null) return '/panel/conflicts';
  return null;
}

async function cellOf(deps: AppDeps, req: Request, res: Response): Promise<CellView> {
  const params = CellParams.safeParse(req.params);
  if (!params.success) throw new HttpError(404);
  const cell = await scoringCell(deps.db, scorerOf(res), params.data.bidKey, params.data.criterionId);
  if (!cell) throw new HttpError(404);
  return cell;
}

async function renderScore(deps: AppDeps, res: Response, cell: CellView, status: number, typed: Typed | null, extra: Record<string, unknown> = {}): Promise<void> {
  const scorer = scorerOf(res);
  const locals = panelPageLocals(res);
  const easyRead = locals['easyRead'] === true;
  const choice = typed ? typed.choice : savedChoice(cell.score);
  res.status(status).render('pages/scoring/score', {
    ...locals,
    pageTitle: `${extra['errors'] ? 'Error: ' : ''}${cell.criterion.title}: ${cell.bid.label}`,
    backHref: '/panel/tasks',
    bidLabel: cell.bid.label,
    position: cell.position,
    criterion: cell.criterion,
    responseParagraphs: paragraphs(cell.response),
    items: scaleItems(cell.rubric, easyRead, choice),
    reason: typed ? typed.reason : (cell.score?.rationale ?? ''),
    version: typed ? typed.version : (cell.score?.version ?? 0),
    memberId: scorer.member.id,
    editable: cell.editable,
    submitted: cell.status === 'submitted',
    savedText: cell.score ? choiceText(cell.rubric, savedChoice(cell.score)) : null,
    savedAt: cell.score ? when(cell.score.updated_at) : null,
    enteredWith: cell.score ? await enteredByName(deps.db, cell.score.entered_by) : null,
    action: cellHref(cell),
    glossary: glossaryLinks,
    ...extra,
  });
}

export function scoreGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const away = notYet(res);
    if (away) {
      res.redirect(303, away);
      return;
    }
    const cell = await cellOf(deps, req, res);
    const kept = takeKeptScore(req, scorerOf(res).member.id);
    const typed = kept ? { choice: choiceOf(kept.choice), reason: kept.reason, version: kept.version } : null;
    await renderScore(deps, res, cell, 200, typed, { kept: kept !== null, saved: req.query['saved'] === '1' });
  };
}

const wantsJson = (req: Request, form: ScoreFormData): boolean => form.action === 'autosave' && (req.get('accept') ?? '').includes('application/json');

function answerJson(res: Response, outcome: SaveOutcome): void {
  const status = outcome.kind === 'saved' ? 200 : outcome.kind === 'invalid' ? 400 : 409;
  res.status(status).json(outcome.kind === 'saved' ? { saved: outcome.changed, version: outcome.version } : { saved: false, problem: outcome.kind });
}

/**
 * A save reads nothing before it is committed: the writer checks the cell is the member's and
 * still open inside the saving transaction. The page is read only when it is shown again (a
 * problem, a lock), and the member's work only for "save and continue" (the next cell).
 */
export function scorePost(deps: AppDeps, saves: ScoreSaves) {
  return async (req: Request, res: Response): Promise<void> => {
    const away = notYet(res);
    if (away) {
      res.redirect(303, away);
      return;
    }
    const params = CellParams.safeParse(req.params);
    if (!params.success) throw new HttpError(404);
    const { bidKey, criterionId } = params.data;
    const form = ScoreForm.safeParse(req.body);
    if (!form.success) {
      // A damaged form (its hidden fields): the member's words stay; the problem points at the score.
      const cell = await cellOf(deps, req, res);
      const problems = form.error.issues.map((i) => ({ field: i.path[0] === 'reason' ? 'reason' : 'choice', text: i.message }));
      const body = req.body as Record<string, unknown>;
      const reason = typeof body['reason'] === 'string' ? body['reason'] : '';
      await renderScore(deps, res, cell, 400, { choice: null, reason, version: cell.score?.version ?? 0 }, { errors: formErrors(problems) });
      return;
    }
    const typed = { choice: choiceOf(form.data.choice), reason: form.data.reason, version: form.data.version };
    const mode = form.data.action === 'continue' ? 'finish' : 'draft';
    const request = saveRequest(scorerOf(res), bidKey, criterionId, typed, mode, deps.now());
    const outcome = request ? await saves.save(request) : null;
    if (!outcome) throw new HttpError(404);
    if (wantsJson(req, form.data)) {
      answerJson(res, outcome);
      return;
    }
    const target = { bid: { key: bidKey }, criterion: { id: criterionId } };
    switch (outcome.kind) {
      case 'invalid': {
        const errors: FormErrors = formErrors(outcome.problems);
        await renderScore(deps, res, await cellOf(deps, req, res), 400, typed, { errors });
        return;
      }
      case 'locked':
        // Sent already, or scoring has closed: nothing saved, and the member's words shown back.
        await renderScore(deps, res, await cellOf(deps, req, res), 409, null, { lockedNow: true, typedReason: typed.reason });
        return;
      case 'conflict': {
        const cell = await cellOf(deps, req, res);
        res.status(409).render('pages/scoring/conflict', {
          ...panelPageLocals(res),
          pageTitle: 'This score was changed on another screen',
          bidLabel: cell.bid.label,
          criterion: cell.criterion,
          action: cellHref(cell),
          mine: { text: choiceText(cell.rubric, typed.choice), reason: paragraphs(typed.reason), choice: form.data.choice, rawReason: typed.reason },
          saved: outcome.saved
            ? { text: choiceText(cell.rubric, savedChoice(outcome.saved)), reason: paragraphs(outcome.saved.rationale), at: when(outcome.saved.updated_at), version: outcome.saved.version, by: await enteredByName(deps.db, outcome.saved.entered_by) }
            : null,
          memberId: scorerOf(res).member.id,
        });
        return;
      }
      case 'saved':
        break;
    }
    if (form.data.action === 'continue') {
      const after = await memberWork(deps.db, scorerOf(res));
      const next = nextCell(after, findCell(after, bidKey, criterionId));
      res.redirect(303, next ? cellHref(next) : '/panel/check');
    } else if (form.data.action === 'mine') res.redirect(303, `${cellHref(target)}?saved=1`);
    else res.redirect(303, `/panel/tasks?saved=${encodeURIComponent(`${bidKey}/${criterionId}`)}`);
  };
}
