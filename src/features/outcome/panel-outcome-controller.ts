// "What happened" for a panel member (/panel/outcome), reachable with their link once the tender
// is finalised and the commissioner released the outcome; and the anonymous survey, once.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { scorerOf } from '../../middleware/scorer';
import { finalScoresWords, thanksWords } from '../../services/messages/message-templates';
import { answerSurvey, memberOutcome, SURVEY_QUESTIONS } from '../../services/outcome/outcome';
import { formErrors, type FormErrors } from '../form-errors';
import { panelPageLocals } from '../scoring/scoring-view';
import { QUESTION_TEXT, SURVEY_FORMS } from './outcome-schema';

const SCALE = [
  { value: '5', standard: '5: Yes, completely', easyRead: '5: Yes, a lot' },
  { value: '4', standard: '4: Mostly', easyRead: '4: Mostly' },
  { value: '3', standard: '3: Partly', easyRead: '3: A bit' },
  { value: '2', standard: '2: Not much', easyRead: '2: Not much' },
  { value: '1', standard: '1: Not at all', easyRead: '1: No, not at all' },
];

async function outcomeOf(deps: AppDeps, res: Response) {
  const scorer = scorerOf(res);
  return memberOutcome(deps.db, scorer.tender, scorer.member, deps.config.publicUrl);
}

function notYet(res: Response, status = 200): void {
  res.status(status).render('pages/outcome/not-yet', { ...panelPageLocals(res), pageTitle: 'What happened: not ready yet', tenderTitle: scorerOf(res).tender.title, backHref: '/panel' });
}

export function outcomeGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const outcome = await outcomeOf(deps, res);
    if (!outcome) return notYet(res);
    const locals = panelPageLocals(res);
    const easyRead = locals['easyRead'] === true;
    res.render('pages/outcome/what-happened', {
      ...locals,
      partWords: finalScoresWords(outcome.finalScores, easyRead),
      thanks: thanksWords(outcome.finalScores, easyRead),
      pageTitle: `What happened: ${scorerOf(res).tender.title}`, tenderTitle: scorerOf(res).tender.title, outcome, thanked: req.query['done'] === 'survey',
      backHref: '/panel',
    });
  };
}

function renderSurvey(res: Response, status: number, values: Record<string, string>, errors?: FormErrors): void {
  const locals = panelPageLocals(res);
  const easyRead = locals['easyRead'] === true;
  const title = easyRead ? 'Tell us what it was like' : 'What was taking part like?';
  res.status(status).render('pages/outcome/survey', {
    ...locals,
    pageTitle: `${errors ? 'Error: ' : ''}${title}`,
    title,
    errors,
    values,
    backHref: '/panel/outcome',
    questions: SURVEY_QUESTIONS.map((id) => ({
      idPrefix: id,
      name: id,
      value: values[id],
      fieldset: { legend: { text: easyRead ? QUESTION_TEXT[id].easyRead : QUESTION_TEXT[id].standard, classes: 'govuk-fieldset__legend--m' } },
      errorMessage: errors?.fields[id],
      items: [...SCALE.map((s) => ({ value: s.value, text: easyRead ? s.easyRead : s.standard })), { divider: 'or' }, { value: 'none', text: id === 'payment' ? 'Does not apply, or I would rather not say' : 'I would rather not say' }],
    })),
  });
}

const pick = (body: unknown): Record<string, string> =>
  Object.fromEntries(['listened', 'support', 'information', 'payment', 'comments'].map((k) => [k, typeof (body as Record<string, unknown> | undefined)?.[k] === 'string' ? ((body as Record<string, string>)[k] ?? '') : '']));

export function surveyGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const outcome = await outcomeOf(deps, res);
    if (!outcome) return notYet(res);
    if (outcome.surveyAnswered) return res.redirect(303, '/panel/outcome');
    renderSurvey(res, 200, {});
  };
}

export function surveyPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const outcome = await outcomeOf(deps, res);
    if (!outcome) return notYet(res, 409);
    const parsed = SURVEY_FORMS[panelPageLocals(res)['easyRead'] === true ? 'easyRead' : 'standard'].safeParse(req.body ?? {});
    if (!parsed.success) return renderSurvey(res, 400, pick(req.body), formErrors(parsed.error));
    const scorer = scorerOf(res);
    const answered = await answerSurvey(deps.db, scorer.tender, scorer.member, parsed.data, deps.now());
    if (!answered.ok && answered.reason === 'not-released') return notYet(res, 409);
    // Answered before (another tab): the first answer stands; say thank you all the same.
    res.redirect(303, '/panel/outcome?done=survey');
  };
}
