// Facilitator mode: a facilitator chooses a panel member they are with and enters scores with
// them. The panel pages then work for that member, and everything saved records "entered by
// facilitator X with member Y" (in the score and in the audit trail). With a member withdrawn from
// the panel it is for their payment claim only (the scoring pages still refuse).
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { startSupporting, supportableMember, supportPurpose } from '../../services/support';
import { formErrors } from '../form-errors';

const MemberKey = z.string().min(1).max(64);
const SupportForm = z.object({ agreed: z.literal('yes', { message: 'Confirm that you are with the member and they agree' }) });

/** Where facilitator mode starts: the member's start page, or their payment for a withdrawn member. */
const startPage = { scoring: '/panel', claim: '/panel/claim' } as const;

export function supportGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => render(deps, req, res, 200, {});
}

async function render(deps: AppDeps, req: Request, res: Response, status: number, extra: Record<string, unknown>): Promise<void> {
  const tender = tenderOf(res);
  const key = MemberKey.safeParse(req.params['memberKey']);
  const member = key.success ? await supportableMember(deps.db, actorOf(res), tender, key.data) : null;
  if (!member) throw new HttpError(404);
  const claimOnly = supportPurpose(member) === 'claim';
  res.status(status).render('pages/scoring/support', {
    pageTitle: `${extra['errors'] ? 'Error: ' : ''}${claimOnly ? `Help ${member.name} claim payment` : `Enter scores with ${member.name}`}`,
    claimOnly,
    backHref: `/tenders/${encodeURIComponent(tender.reference)}/panel`,
    member,
    tender,
    ...extra,
  });
}

export function supportPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const form = SupportForm.safeParse(req.body);
    if (!form.success) {
      await render(deps, req, res, 400, { errors: formErrors(form.error) });
      return;
    }
    const key = MemberKey.safeParse(req.params['memberKey']);
    const member = key.success ? await startSupporting(deps.db, actorOf(res), tenderOf(res), key.data, deps.now()) : null;
    if (!member) throw new HttpError(404);
    req.session.supportingMemberId = member.id;
    delete req.session.easyRead;
    res.redirect(303, startPage[supportPurpose(member)]);
  };
}

export function supportStopPost() {
  return (req: Request, res: Response): void => {
    delete req.session.supportingMemberId;
    delete req.session.easyRead;
    res.redirect(303, '/tenders');
  };
}
