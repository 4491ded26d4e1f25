// Recording a member's dissent from a consensus score, from the bid and criterion's moderation
// page (services/moderation-dissent.ts says who enters it, when, and what is kept). Problems are
// shown on that page, beside the dissent form.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { assertCanRecordDissent, recordDissent } from '../../services/moderation-dissent';
import { cellOr404, renderCell } from './moderation-controller';
import { DissentForm, fieldProblems } from './moderation-schema';
import { cellHref } from './moderation-view';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function dissentPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    assertCanRecordDissent(tender);
    const ref = await cellOr404(deps, req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { member: text(body['member']), reason: text(body['reason']) };
    const parsed = DissentForm.safeParse(req.body);
    if (!parsed.success) return renderCell(deps, req, res, ref, { dissent: { values, problems: fieldProblems(parsed.error), status: 400 } });
    const saved = await recordDissent(deps.db, actorOf(res), tender, ref, parsed.data, deps.now());
    if (!saved.ok) return renderCell(deps, req, res, ref, { dissent: { values, problems: saved.problems, status: saved.conflict ? 409 : 400 } });
    res.redirect(303, `${cellHref(tender, ref.bid.key, ref.criterion.id)}?done=dissent#dissents`);
  };
}
