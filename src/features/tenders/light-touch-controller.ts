// Changing whether a tender's contract is light touch: one question, the same as at set-up.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { setLightTouch } from '../../services/light-touch';
import { formErrors, type FormErrors } from '../form-errors';
import { lightTouchItems } from './tender-setup-schema';

const LightTouchForm = z.object({ lightTouch: z.enum(['yes', 'no'], { error: 'Choose whether the contract is a light-touch contract' }) });

function render(res: Response, chosen: string, errors?: FormErrors): void {
  const tender = tenderOf(res);
  res.status(errors ? 400 : 200).render('pages/tenders/light-touch', {
    pageTitle: `${errors ? 'Error: ' : ''}Is this a light-touch contract?`,
    backHref: `/tenders/${encodeURIComponent(tender.reference)}`,
    action: `/tenders/${encodeURIComponent(tender.reference)}/light-touch`,
    tender,
    items: lightTouchItems(chosen),
    errors,
  });
}

export function lightTouchGet(_req: Request, res: Response): void {
  render(res, tenderOf(res).light_touch === 1 ? 'yes' : 'no');
}

export function lightTouchPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = LightTouchForm.safeParse(req.body ?? {});
    if (!parsed.success) return render(res, '', formErrors(parsed.error));
    const tender = tenderOf(res);
    await setLightTouch(deps.db, actorOf(res), tender, parsed.data.lightTouch === 'yes', deps.now());
    res.redirect(303, `/tenders/${encodeURIComponent(tender.reference)}`);
  };
}
