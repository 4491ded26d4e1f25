// Releasing the outcome to the panel (the commissioner, once the tender is finalised), and the
// survey's results by perspective.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { releaseOf, releaseOutcome, SURVEY_QUESTIONS, surveySummary, YOU_SAID_MAX } from '../../services/outcome/outcome';
import { ukDateText } from '../../services/uk-dates';
import { formErrors, type FormErrors } from '../form-errors';
import { messagingOf } from '../messages/messaging';
import { QUESTION_TEXT, ReleaseForm } from './outcome-schema';

async function renderRelease(deps: AppDeps, req: Request, res: Response, status = 200, form?: { values: { youSaidWeDid: string }; errors?: FormErrors; notice?: string }): Promise<void> {
  const tender = tenderOf(res);
  const release = await releaseOf(deps.db, tender);
  const summary = release ? await surveySummary(deps.db, tender) : [];
  const q = req.query;
  const title = 'What happened: the outcome for the panel';
  res.status(status).render('pages/outcome/release', {
    pageTitle: `${form?.errors ? 'Error: ' : ''}${title}`,
    title,
    tender,
    finalised: tender.state === 'finalised',
    release: release ? { text: release.you_said_we_did, when: ukDateText(new Date(release.released_at)) } : null,
    released: q['done'] === 'released' ? { sent: Number(q['sent'] ?? 0) || 0, letters: Number(q['letters'] ?? 0) || 0, failed: Number(q['failed'] ?? 0) || 0 } : null,
    notice: form?.notice,
    errors: form?.errors,
    values: form?.values ?? { youSaidWeDid: '' },
    maxLength: YOU_SAID_MAX,
    action: `${res.locals['tenderHref'] as string}/outcome`,
    messagesHref: `${res.locals['tenderHref'] as string}/messages`,
    questions: SURVEY_QUESTIONS.map((id) => ({ id, text: QUESTION_TEXT[id].standard })),
    summary: summary.map((row) => ({ ...row, cells: SURVEY_QUESTIONS.map((id) => ({ id, text: row.questions[id].average === null ? 'No answers' : `${row.questions[id].average} out of 5 (${row.questions[id].count} ${row.questions[id].count === 1 ? 'answer' : 'answers'})` })) })),
    anyAnswers: summary.some((r) => r.answers > 0),
  });
}

export function releaseGet(deps: AppDeps) {
  return (req: Request, res: Response): Promise<void> => renderRelease(deps, req, res);
}

export function releasePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { youSaidWeDid: typeof body['youSaidWeDid'] === 'string' ? body['youSaidWeDid'] : '' };
    const parsed = ReleaseForm.safeParse(req.body);
    if (!parsed.success) return renderRelease(deps, req, res, 400, { values, errors: formErrors(parsed.error) });
    const done = await releaseOutcome(messagingOf(deps), actorOf(res), tenderOf(res), parsed.data.youSaidWeDid, deps.now);
    if (!done.ok) {
      const notice = done.reason === 'not-finalised' ? 'The outcome can be released only once the tender is finalised.' : 'The outcome was already released.';
      return renderRelease(deps, req, res, 409, { values, notice });
    }
    const t = done.tally;
    res.redirect(303, `${res.locals['tenderHref'] as string}/outcome?done=released&sent=${t.sent}&letters=${t.letters}&failed=${t.failed}`);
  };
}
