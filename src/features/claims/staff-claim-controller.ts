// Staff's claim pages for a tender: every member's claim (commissioners, procurement and
// facilitators who can see it), each member's printable claim form, and the two steps: approve
// (a commissioner) and mark paid with the day (procurement or a commissioner).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { staffNames } from '../../services/actors';
import { CHOICE_TEXT, type MemberClaim } from '../../services/claims/claim-status';
import { markAdvancePaid } from '../../services/claims/advances';
import { approveClaim, claimOf, claimsOfTender, markClaimPaid, mayApproveClaims, mayMarkPaid } from '../../services/claims/claims';
import { pounds } from '../../services/involvement-money';
import { findMember } from '../../services/panel';
import { dayParts, dayText, ukDay, ukToday } from '../../services/uk-dates';
import { PERSPECTIVE_LABELS, type Perspective } from '../../engine';
import { formErrors, type FormErrors } from '../form-errors';
import { advanceViews, claimFormView, staffChangeWords, STATE_TAGS } from './claim-view';
import { PAID_ON_PARTS, parseAdvanceId, parseAdvancePaidOn, parsePaidOn, parseSeen } from './claim-schema';

const claimsHref = (res: Response) => `${res.locals['tenderHref'] as string}/claims`;
const day = (iso: string | null): string => (iso === null ? '' : dayText(ukDay(new Date(iso))));

const BANNERS = new Map<string, string>([
  ['approved', 'The claim was approved.'],
  ['paid', 'The claim was marked as paid.'],
  ['advance-paid', 'The travel money was marked as paid.'],
]);

/** The member's latest advance in a few words, for the list. */
function advanceText(c: MemberClaim): string {
  const a = c.advances.at(-1);
  if (!a) return '';
  return a.paid_on === null ? `${pounds(a.amount)} asked, not paid yet` : `${pounds(a.amount)} paid ${dayText(a.paid_on)}`;
}

/** What a staff member sees of one claim in the list. */
function row(c: MemberClaim, names: Map<string, string>, href: string) {
  const claim = c.state === 'paid' ? c.latest : c.current;
  // A claim that no longer holds shows what there is to claim now, not what was claimed.
  const holds = c.state !== 'changed' && c.state !== 'nothing-to-pay';
  const amount = claim && holds ? claim.amount : c.figures.toClaim;
  const who = (label: string | null) => (label === null ? '' : (names.get(label) ?? (label.startsWith('panel:') ? 'The member' : label)));
  return {
    key: c.member.key,
    name: c.member.name,
    perspective: PERSPECTIVE_LABELS[c.member.perspective as Perspective] ?? c.member.perspective,
    eligible: c.eligible,
    choice: c.figures.choice === null ? 'Not chosen yet' : CHOICE_TEXT[c.figures.choice],
    tag: STATE_TAGS[c.state],
    amount: amount === null ? 'Rate not set' : pounds(amount),
    // Travel money paid for time not given yet (or a rate lowered after a payment): said beside the amount.
    overpaid: c.figures.overpaid === null ? null : pounds(c.figures.overpaid),
    claimed: claim && holds ? `${day(claim.claimed_at)}, ${who(claim.claimed_by)}` : '',
    approved: claim && holds && claim.approved_at ? `${day(claim.approved_at)}, ${who(claim.approved_by)}` : '',
    paid: claim?.paid_on ? `${dayText(claim.paid_on)}, ${who(claim.paid_by)}` : '',
    advance: advanceText(c),
    href: `${href}/${encodeURIComponent(c.member.key)}`,
  };
}

export function claimsListGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const claims = await claimsOfTender(deps.db, tender);
    const labels = claims.flatMap((c) => [c.current, c.latest].flatMap((r) => (r ? [r.claimed_by, r.approved_by, r.paid_by] : [])));
    const names = await staffNames(deps.db, labels);
    res.render('pages/claims/list', {
      pageTitle: `Payment claims: ${tender.title}`,
      tender,
      rate: tender.hourly_rate === null ? null : pounds(tender.hourly_rate),
      paid: claims.filter((c) => c.eligible).map((c) => row(c, names, claimsHref(res))),
      unpaid: claims.filter((c) => !c.eligible).map((c) => ({ name: c.member.name, key: c.member.key })),
      mayApprove: mayApproveClaims(actorOf(res), tender),
      mayPay: mayMarkPaid(actorOf(res), tender),
      done: req.query['done'],
    });
  };
}

interface Typed {
  [name: string]: string;
}

async function renderMemberForm(deps: AppDeps, req: Request, res: Response, typed: Typed = {}, errors?: FormErrors, wrongParts: string[] = [], advanceWrongParts: string[] = []): Promise<void> {
  const tender = tenderOf(res);
  const member = await findMember(deps.db, tender, String(req.params['memberKey']));
  if (!member) throw new HttpError(404);
  const c = await claimOf(deps.db, tender, member);
  const actor = actorOf(res);
  const current = c.current;
  const seen = current ? { claim: String(current.id), amount: current.amount } : null;
  const today = dayParts(ukToday(deps.now()));
  const message = PAID_ON_PARTS.map((p) => errors?.fields[`paidOn-${p}`]).find(Boolean);
  const advanceMessage = PAID_ON_PARTS.map((p) => errors?.fields[`advancePaidOn-${p}`]).find(Boolean);
  const waitingAdvance = c.advances.find((a) => a.paid_on === null) ?? null;
  const mayPay = mayMarkPaid(actor, tender);
  const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
  const title = `Claim form: ${member.name}`;
  res.status(errors ? 400 : 200).render('pages/claims/form', {
    pageTitle: errors ? `Error: ${title}` : title,
    forStaff: true,
    tender,
    errors,
    banner: errors ? null : (BANNERS.get(done) ?? null),
    backHref: claimsHref(res),
    form: await claimFormView(deps.db, tender, c),
    actions: {
      state: STATE_TAGS[c.state],
      changed: c.state === 'changed' ? staffChangeWords(c) : null,
      closed: c.state === 'nothing-to-pay' ? staffChangeWords(c) : null,
      notClaimed: c.state === 'not-claimed',
      eligible: c.eligible,
      approve: current && c.state === 'claimed' && mayApproveClaims(actor, tender) ? { action: `${claimsHref(res)}/${encodeURIComponent(member.key)}/approve`, seen, amount: pounds(current.amount) } : null,
      pay:
        current && c.state === 'approved' && mayMarkPaid(actor, tender)
          ? {
              action: `${claimsHref(res)}/${encodeURIComponent(member.key)}/paid`,
              seen,
              amount: pounds(current.amount),
              date: {
                id: 'paidOn',
                namePrefix: 'paidOn',
                fieldset: { legend: { text: 'What day was it paid?', classes: 'govuk-fieldset__legend--s' } },
                hint: { text: `For example, ${Number(today.day)} ${Number(today.month)} ${today.year}` },
                errorMessage: message,
                items: PAID_ON_PARTS.map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}`, value: typed[`paidOn-${part}`] ?? '', error: wrongParts.includes(part) })),
              },
            }
          : null,
      waitingForApproval: c.state === 'claimed' && !mayApproveClaims(actor, tender),
      waitingForPayment: c.state === 'approved' && !mayMarkPaid(actor, tender),
      advances: advanceViews(c),
      payAdvance:
        waitingAdvance && mayPay
          ? {
              action: `${claimsHref(res)}/${encodeURIComponent(member.key)}/advance-paid`,
              id: String(waitingAdvance.id),
              amount: pounds(waitingAdvance.amount),
              date: {
                id: 'advancePaidOn',
                namePrefix: 'advancePaidOn',
                fieldset: { legend: { text: 'What day was the travel money paid?', classes: 'govuk-fieldset__legend--s' } },
                hint: { text: `For example, ${Number(today.day)} ${Number(today.month)} ${today.year}` },
                errorMessage: advanceMessage,
                items: PAID_ON_PARTS.map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}`, value: typed[`advancePaidOn-${part}`] ?? '', error: advanceWrongParts.includes(part) })),
              },
            }
          : null,
      advanceWaiting: waitingAdvance !== null && !mayPay,
    },
  });
}

export function memberClaimGet(deps: AppDeps) {
  return (req: Request, res: Response): Promise<void> => renderMemberForm(deps, req, res);
}

const typedOf = (body: unknown): Typed => Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));

export function approvePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const seen = parseSeen(req.body);
    if (!seen) return renderMemberForm(deps, req, res, {}, formErrors([{ field: 'approve', text: 'The form was not complete. Check the claim and approve it again' }]));
    const outcome = await approveClaim(deps.db, actorOf(res), tender, String(req.params['memberKey']), seen, deps.now());
    if (!outcome.ok) return renderMemberForm(deps, req, res, {}, formErrors([{ field: 'approve', text: outcome.message }]));
    res.redirect(303, `${claimsHref(res)}/${encodeURIComponent(String(req.params['memberKey']))}?done=approved`);
  };
}

export function paidPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const typed = typedOf(req.body);
    const seen = parseSeen(req.body);
    if (!seen) return renderMemberForm(deps, req, res, typed, formErrors([{ field: 'paidOn-day', text: 'The form was not complete. Check the claim and mark it paid again' }]));
    const paidOn = parsePaidOn(req.body, ukToday(deps.now()));
    if (!paidOn.ok) return renderMemberForm(deps, req, res, typed, formErrors(paidOn.errors), paidOn.parts);
    const outcome = await markClaimPaid(deps.db, actorOf(res), tender, String(req.params['memberKey']), seen, paidOn.value, deps.now());
    if (!outcome.ok) return renderMemberForm(deps, req, res, typed, formErrors([{ field: 'paidOn-day', text: outcome.message }]), ['day', 'month', 'year']);
    res.redirect(303, `${claimsHref(res)}/${encodeURIComponent(String(req.params['memberKey']))}?done=paid`);
  };
}

export function advancePaidPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const typed = typedOf(req.body);
    const id = parseAdvanceId(req.body);
    if (id === null) return renderMemberForm(deps, req, res, typed, formErrors([{ field: 'advancePaidOn-day', text: 'The form was not complete. Check the travel money and mark it paid again' }]));
    const paidOn = parseAdvancePaidOn(req.body, ukToday(deps.now()));
    if (!paidOn.ok) return renderMemberForm(deps, req, res, typed, formErrors(paidOn.errors), [], paidOn.parts);
    const outcome = await markAdvancePaid(deps.db, actorOf(res), tender, String(req.params['memberKey']), id, paidOn.value, deps.now());
    if (!outcome.ok) return renderMemberForm(deps, req, res, typed, formErrors([{ field: 'advancePaidOn-day', text: outcome.message }]), [], ['day', 'month', 'year']);
    res.redirect(303, `${claimsHref(res)}/${encodeURIComponent(String(req.params['memberKey']))}?done=advance-paid`);
  };
}
