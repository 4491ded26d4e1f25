// Handing a tender to another commissioner (an admin, or the commissioner who owns it): choose the
// person, confirm, and the tender is theirs.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { handOverTender, mayHandOver, ownerChoices } from '../../services/tender-owner';
import { formErrors, type FormErrors } from '../form-errors';
import { HandOverForm } from './tender-owner-schema';

const isAdmin = (res: Response): boolean => {
  const actor = actorOf(res);
  return actor.kind === 'staff' && actor.role === 'admin';
};

async function renderHandOver(deps: AppDeps, res: Response, values: Record<string, string> = {}, errors?: FormErrors): Promise<void> {
  const tender = tenderOf(res);
  if (!mayHandOver(actorOf(res), tender)) throw new HttpError(403);
  const { owner, choices } = await ownerChoices(deps.db, tender);
  const admin = isAdmin(res);
  res.status(errors ? 400 : 200).render('pages/tenders/owner', {
    pageTitle: `${errors ? 'Error: ' : ''}Hand over ${tender.reference}`,
    backHref: admin ? (owner ? `/accounts/${owner.id}` : '/accounts') : `/tenders/${encodeURIComponent(tender.reference)}`,
    tender,
    owner,
    choices: choices.map((c) => ({ value: String(c.id), text: c.name, hint: { text: c.email }, checked: values['to'] === String(c.id) })),
    confirmItems: [{ value: 'yes', text: 'I want to hand this tender over to the person chosen', checked: values['confirm'] === 'yes' }],
    errors,
  });
}

export function tenderOwnerGet(deps: AppDeps) {
  return (_req: Request, res: Response): Promise<void> => renderHandOver(deps, res);
}

export function tenderOwnerPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    if (!mayHandOver(actorOf(res), tender)) throw new HttpError(403);
    const values = req.body as Record<string, string>;
    const parsed = HandOverForm.safeParse(values);
    if (!parsed.success) return renderHandOver(deps, res, values, formErrors(parsed.error));
    const outcome = await handOverTender(deps.db, actorOf(res), tender, parsed.data.to, deps.now());
    if (!outcome.ok) {
      if ('forbidden' in outcome) throw new HttpError(403);
      return renderHandOver(deps, res, values, formErrors([{ field: outcome.field, text: outcome.text }]));
    }
    const admin = isAdmin(res);
    res.render('pages/tenders/owner-changed', {
      pageTitle: `${tender.reference} handed over`,
      tender,
      from: outcome.from,
      to: outcome.to,
      nextHref: admin ? (outcome.from ? `/accounts/${outcome.from.id}` : '/accounts') : '/tenders',
      nextText: admin ? (outcome.from ? `Back to ${outcome.from.name}’s account` : 'Back to accounts') : 'Back to your tenders',
    });
  };
}
