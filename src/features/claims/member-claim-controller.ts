// The member's claim pages (/panel/claim…): the note that payments may affect benefits with their
// choice, where their claim is in plain words, claiming, and their printable claim form. Only
// ever the signed-in member's own claim (or, in facilitator mode, the member they are with).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { scorerOf } from '../../middleware/scorer';
import { MAX_ADVANCE_POUNDS, requestAdvance } from '../../services/claims/advances';
import { claimOf, makeClaim, recordChoice } from '../../services/claims/claims';
import { pounds } from '../../services/involvement-money';
import type { PaymentChoice } from '../../data/schema';
import { formErrors, type FormErrors } from '../form-errors';
import { panelPageLocals } from '../scoring/scoring-view';
import { advanceViews, claimFormView, claimSteps, CHOICE_OWN, memberStatusWords } from './claim-view';
import { parseAdvance, parseChoice } from './claim-schema';

export const CLAIM = '/panel/claim';

const BANNERS = new Map<string, string>([
  ['choice', 'Your choice was saved.'],
  ['claimed', 'Your claim was sent. Thank you.'],
  ['advance', 'You asked for travel money. We will show here when it is paid.'],
]);

const CHOICE_ITEMS = (chosen: string | null) => [
  { value: 'paid', text: 'Yes, pay me', hint: { text: 'Money for your time and the money you spent, paid to you.' }, checked: chosen === 'paid' },
  { value: 'voucher', text: 'Give me a voucher instead of money for my time', hint: { text: 'A shopping voucher for your time. The money you spent is paid back as money.' }, checked: chosen === 'voucher' },
  { value: 'declined', text: 'Do not pay me for my time', hint: { text: 'You give your time for free. The money you spent is still paid back.' }, checked: chosen === 'declined' },
];

async function renderChoice(res: Response, chosen: string | null, errors?: FormErrors): Promise<void> {
  const scorer = scorerOf(res);
  const title = 'Payment and your benefits';
  res.status(errors ? 400 : 200).render('pages/claims/choice', {
    ...panelPageLocals(res),
    pageTitle: errors ? `Error: ${title}` : title,
    title,
    memberName: scorer.member.name,
    facilitatorName: scorer.facilitator?.name ?? null,
    items: CHOICE_ITEMS(chosen),
    errors,
    action: `${CLAIM}/choice`,
    backHref: CLAIM,
  });
}

export function claimGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const scorer = scorerOf(res);
    const c = await claimOf(deps.db, scorer.tender, scorer.member);
    // The note about benefits comes first: before the member has chosen, it is the page.
    if (c.eligible && c.figures.choice === null) return renderChoice(res, null);
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    const status = memberStatusWords(c);
    res.render('pages/claims/member', {
      ...panelPageLocals(res),
      pageTitle: 'Your payment',
      facilitatorName: scorer.facilitator?.name ?? null,
      memberName: scorer.member.name,
      banner: BANNERS.get(done) ?? null,
      eligible: c.eligible,
      choiceText: c.figures.choice ? CHOICE_OWN[c.figures.choice] : null,
      status,
      steps: claimSteps(c),
      toClaim: c.figures.toClaim === null ? null : pounds(c.figures.toClaim),
      rateSet: c.figures.rate !== null || c.figures.choice === 'declined',
      canClaim: c.canClaim,
      // The choice prices time already paid for, so it stays once a claim is paid.
      mayChangeChoice: c.paid.length === 0,
      form: await claimFormView(deps.db, scorer.tender, c),
      advances: advanceViews(c),
      // Withdrawn from the panel (onPanel false): no panel page to go back to.
      backHref: scorer.member.withdrawn_at === null ? '/panel' : null,
    });
  };
}

export function choiceGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const scorer = scorerOf(res);
    const c = await claimOf(deps.db, scorer.tender, scorer.member);
    // Not paid for time, or paid already (the choice no longer changes): their payment page says so.
    if (!c.eligible || c.paid.length > 0) return res.redirect(303, CLAIM);
    return renderChoice(res, c.figures.choice);
  };
}

export function choicePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = parseChoice(req.body);
    if (!parsed.ok) return renderChoice(res, null, formErrors(parsed.errors));
    const outcome = await recordChoice(deps.db, scorerOf(res), parsed.value as PaymentChoice, deps.now());
    if (!outcome.ok) return renderChoice(res, parsed.value, formErrors([{ field: 'choice', text: outcome.message }]));
    res.redirect(303, `${CLAIM}?done=choice`);
  };
}

export function claimPost(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const outcome = await makeClaim(deps.db, scorerOf(res), deps.now());
    // Nothing to claim (already claimed, in another tab): the page says where the claim is.
    res.redirect(303, outcome.ok ? `${CLAIM}?done=claimed` : CLAIM);
  };
}

export function memberFormGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const scorer = scorerOf(res);
    const c = await claimOf(deps.db, scorer.tender, scorer.member);
    res.render('pages/claims/form', {
      ...panelPageLocals(res),
      pageTitle: `Claim form: ${scorer.member.name}`,
      form: await claimFormView(deps.db, scorer.tender, c),
      forStaff: false,
      backHref: CLAIM,
    });
  };
}

/**
 * The travel money form. `refusal`: the service's reason for refusing, shown in the error summary
 * linked to what the page shows instead of the form (the request waiting, or why none can be made),
 * or to the amount.
 */
async function renderAdvance(deps: AppDeps, res: Response, values: { amount?: string; purpose?: string } = {}, errors?: FormErrors, refusal?: string): Promise<void> {
  const scorer = scorerOf(res);
  const c = await claimOf(deps.db, scorer.tender, scorer.member);
  if (!c.eligible) return res.redirect(303, CLAIM);
  const waiting = c.advances.find((a) => a.paid_on === null);
  // Withdrawn from the panel: no journeys to come, so no form (the GET sends them back; a post says why).
  const closed = scorer.member.withdrawn_at !== null;
  const shown = refusal === undefined ? errors : formErrors([{ field: waiting ? 'advance-waiting' : closed ? 'advance-closed' : 'amount', text: refusal }]);
  const title = 'Ask for travel money before you go';
  res.status(shown ? 400 : 200).render('pages/claims/advance', {
    ...panelPageLocals(res),
    pageTitle: shown ? `Error: ${title}` : title,
    title,
    memberName: scorer.member.name,
    facilitatorName: scorer.facilitator?.name ?? null,
    waiting: waiting ? { amount: pounds(waiting.amount), purpose: waiting.purpose } : null,
    closed: closed && !waiting,
    values,
    max: String(MAX_ADVANCE_POUNDS),
    errors: shown,
    action: `${CLAIM}/advance`,
    backHref: CLAIM,
  });
}

export function advanceGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    // Travel money is for journeys to come: a member withdrawn from the panel is not offered it.
    if (scorerOf(res).member.withdrawn_at !== null) return res.redirect(303, CLAIM);
    return renderAdvance(deps, res);
  };
}

export function advancePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { amount: typeof body['amount'] === 'string' ? body['amount'] : '', purpose: typeof body['purpose'] === 'string' ? body['purpose'] : '' };
    const parsed = parseAdvance(req.body);
    if (!parsed.ok) return renderAdvance(deps, res, values, formErrors(parsed.errors));
    const outcome = await requestAdvance(deps.db, scorerOf(res), parsed.value, deps.now());
    if (!outcome.ok) return renderAdvance(deps, res, values, undefined, outcome.message);
    res.redirect(303, `${CLAIM}?done=advance`);
  };
}
