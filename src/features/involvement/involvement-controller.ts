// The panel's involvement for payment, for commissioners and facilitators who can see the tender:
// the hourly rate (set by the commissioner) and each member's time, expenses and amount due.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { maySetHourlyRate, setHourlyRate, tenderInvolvement, type MemberInvolvement } from '../../services/involvement';
import { duration, pounds } from '../../services/involvement-money';
import { PERSPECTIVE_LABELS, type Perspective } from '../../engine';
import { assertNotFinalised } from '../../services/tender-rules';
import { formErrors, type FormErrors } from '../form-errors';
import { parseRateForm } from './involvement-schema';

const involvementHref = (res: Response) => `${res.locals['tenderHref'] as string}/involvement`;
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const money = (value: string | null) => (value === null ? 'Rate not set' : pounds(value));
/**
 * The amount due. While no rate is set, the expenses already known are due all the same, so they
 * are shown, saying the time is not priced yet; "Rate not set" only when there are no expenses.
 */
const dueText = (due: string | null, expenses: string) => (due !== null ? pounds(due) : Number(expenses) > 0 ? `${pounds(expenses)} (expenses; time not priced until the rate is set)` : 'Rate not set');
/** Conflicts of interest: a member who has not answered yet is not the same as one who declared none. */
/** Pay for time by the claims' rule: nothing for a professional, nothing when the member chose so. */
function timePaymentText(m: MemberInvolvement): string {
  if (m.owed.basis === 'professional') return 'Not paid';
  if (m.owed.basis === 'declined') return '£0.00 (chose no payment for time)';
  if (m.owed.timePayment === null) return 'Rate not set';
  return m.owed.basis === 'voucher' ? `${pounds(m.owed.timePayment)} (as a voucher)` : pounds(m.owed.timePayment);
}
const conflictsText = (m: MemberInvolvement) => (m.conflicts > 0 ? String(m.conflicts) : m.member.conflicts_declared_at === null ? 'Not declared yet' : 'None');

async function renderInvolvement(deps: AppDeps, req: Request, res: Response, typedRate?: string, errors?: FormErrors): Promise<void> {
  const tender = tenderOf(res);
  const view = await tenderInvolvement(deps.db, tender);
  const title = 'Panel involvement and payment';
  const finalised = tender.state === 'finalised';
  res.status(errors ? 400 : 200).render('pages/involvement/summary', {
    pageTitle: errors ? `Error: ${title}` : title,
    title,
    tender,
    banner: req.query['done'] === 'rate' && !errors ? 'The hourly rate was saved.' : null,
    rate: view.rate === null ? null : pounds(view.rate),
    rateForm: maySetHourlyRate(actorOf(res), tender) && !finalised ? { action: `${involvementHref(res)}/rate`, value: typedRate ?? view.rate ?? '' } : null,
    finalised,
    claimsHref: `${res.locals['tenderHref'] as string}/claims`,
    errors,
    members: view.members.map((m) => ({
      key: m.member.key,
      name: m.member.name,
      perspective: capitalised(PERSPECTIVE_LABELS[m.member.perspective as Perspective] ?? m.member.perspective),
      conflicts: conflictsText(m),
      scoring: duration(m.scoringMinutes),
      other: duration(m.otherMinutes),
      total: duration(m.owed.minutes),
      timePayment: timePaymentText(m),
      expenses: m.owed.basis === 'professional' && m.owed.expenses !== '0.00' ? `${pounds(m.owed.expenses)} (not paid here)` : pounds(m.owed.expenses),
      // Said under what is still to pay, only when something was paid (the table is wide enough).
      paid: m.owed.paid === '0.00' ? null : pounds(m.owed.paid),
      due: dueText(m.owed.due, m.owed.expensesOwed),
      overpaid: m.owed.overpaid === null ? null : pounds(m.owed.overpaid),
    })),
    totals: {
      conflicts: view.totals.conflicts,
      scoring: duration(view.totals.scoringMinutes),
      other: duration(view.totals.otherMinutes),
      total: duration(view.totals.minutes),
      timePayment: money(view.totals.timePayment),
      expenses: pounds(view.totals.expenses),
      paid: view.totals.paid === '0.00' ? null : pounds(view.totals.paid),
      due: dueText(view.totals.due, view.totals.expensesOwed),
    },
    entries: view.entries,
  });
}

export function involvementGet(deps: AppDeps) {
  return (req: Request, res: Response): Promise<void> => renderInvolvement(deps, req, res);
}

export function ratePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    assertNotFinalised(tender, 'The hourly rate');
    const parsed = parseRateForm(req.body);
    if (!parsed.ok) {
      const typed = (req.body as Record<string, unknown> | undefined)?.['rate'];
      return renderInvolvement(deps, req, res, typeof typed === 'string' ? typed : '', formErrors(parsed.error));
    }
    await setHourlyRate(deps.db, actorOf(res), tender, parsed.value, deps.now());
    res.redirect(303, `${involvementHref(res)}?done=rate`);
  };
}
