// Re-opening one panel member's submitted scores: back to draft, for that member only, with a
// recorded reason. The score as submitted is kept on record; until the member submits again the
// re-opened scores do not count towards the results.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import type { MemberRow } from '../../data/schema';
import { findMember } from '../../services/panel';
import { assertCanModerate, cellValue, reopenChoices, reopenScores, type Problem } from '../../services/moderation';
import { rubricOf } from '../../services/results/results';
import { actorLabel } from '../../services/actors';
import { sendReopenNote } from '../../services/messages/messages';
import { formErrors } from '../form-errors';
import { messagingOf } from '../messages/messaging';
import { fieldProblems, ReopenForm } from './moderation-schema';
import { moderationHref, perspectiveText, reopenHref, scoreText } from './moderation-view';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

async function memberOr404(deps: AppDeps, req: Request, res: Response): Promise<MemberRow> {
  const member = await findMember(deps.db, tenderOf(res), String(req.params['memberKey']));
  if (!member) throw new HttpError(404);
  return member;
}

/**
 * The scores bid by bid (in the order given), and within a bid in the rubric's order (its sections,
 * then the criteria as the rubric lists them), as the member's task list shows them.
 */
export function inRubricOrder<T extends { bid: string; criterion: string }>(scores: readonly T[], criteria: readonly string[]): T[] {
  const bids = new Map<string, number>();
  for (const s of scores) if (!bids.has(s.bid)) bids.set(s.bid, bids.size);
  const place = new Map(criteria.map((id, i) => [id, i]));
  return [...scores].sort((a, b) => bids.get(a.bid)! - bids.get(b.bid)! || (place.get(a.criterion) ?? criteria.length) - (place.get(b.criterion) ?? criteria.length));
}

async function renderReopen(deps: AppDeps, res: Response, member: MemberRow, values: { cells: string[]; reason: string }, problems?: Problem[]): Promise<void> {
  const tender = tenderOf(res);
  const rubric = rubricOf(tender);
  const criteria = rubric.sections.flatMap((s) => s.criteria);
  const titles = new Map(criteria.map((c) => [c.id, c.title]));
  const submitted = inRubricOrder(await reopenChoices(deps.db, member), criteria.map((c) => c.id));
  const title = `Re-open ${member.name}’s scores`;
  const all = values.cells.includes('all');
  res.status(problems ? 400 : 200).render('pages/moderation/reopen', {
    pageTitle: problems ? `Error: ${title}` : title,
    title,
    tender,
    member: { ...member, perspective: perspectiveText(member.perspective) },
    errors: problems ? formErrors(problems) : undefined,
    values,
    cellItems: [
      { value: 'all', text: `All of ${member.name}’s submitted scores (${submitted.length})`, behaviour: 'exclusive', checked: all },
      { divider: 'or' },
      ...submitted.map((s) => {
        const value = cellValue(s.bid, s.criterion);
        return { value, text: `Bid ${s.bid}: ${titles.get(s.criterion) ?? s.criterion}`, hint: { text: `Score as submitted: ${scoreText(rubric.scale, s.score, s.abstain)}` }, checked: !all && values.cells.includes(value) };
      }),
    ],
    hasScores: submitted.length > 0,
    action: reopenHref(tender, member.key),
    moderationHref: moderationHref(tender),
    backHref: moderationHref(tender),
  });
}

export function scoresReopenGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    assertCanModerate(tenderOf(res), 'Panel members’ scores');
    const member = await memberOr404(deps, req, res);
    await renderReopen(deps, res, member, { cells: list(req.query['cell']), reason: '' });
  };
}

export function scoresReopenPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    assertCanModerate(tender, 'Panel members’ scores');
    const member = await memberOr404(deps, req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { cells: list(body['cells']), reason: text(body['reason']) };
    const parsed = ReopenForm.safeParse(req.body);
    if (!parsed.success) return renderReopen(deps, res, member, values, fieldProblems(parsed.error));
    const done = await reopenScores(deps.db, actorOf(res), tender, member, parsed.data, deps.now());
    if (!done.ok) return renderReopen(deps, res, member, values, done.problems);
    // The member is told, by email or a letter to print (after the change is stored).
    await sendReopenNote(messagingOf(deps), tender, member, done.count, parsed.data.reason, actorLabel(actorOf(res)), deps.now);
    res.redirect(303, `${moderationHref(tender)}?done=reopened#members`);
  };
}
