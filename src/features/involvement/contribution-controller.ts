// "Your contribution" for a panel member (or a facilitator with them): the time they have given,
// their expenses and what they are due; and the two short forms to add time or an expense.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { scorerOf } from '../../middleware/scorer';
import { CONTRIBUTION_LOCKED, memberContribution, recordInvolvement } from '../../services/involvement';
import { EXPENSE_KINDS, KIND_LABELS, TIME_KINDS, ukToday } from '../../services/involvement-entries';
import { duration, pounds } from '../../services/involvement-money';
import { assertNotFinalised } from '../../services/tender-rules';
import { isPaidMember, type Owed } from '../../services/claims/claim-status';
import { formErrors, type FormErrors } from '../form-errors';
import { checkDay, checkTime, parseEntryForm, type EntryFormKind } from './involvement-schema';
import { panelPageLocals } from '../scoring/scoring-view';

const CONTRIBUTION = '/panel/contribution';

/** The success banner for each known ?done= value; a Map, so "__proto__" or "constructor" find nothing. */
const BANNERS = new Map<string, string>([
  ['time', 'Your time was added.'],
  ['expense', 'Your expense was added.'],
]);

/** The pay for time in the member's words, with their choice when it changes what they get. */
function timePaymentText(owed: Owed): string | null {
  if (owed.basis === 'declined') return '£0.00 (you chose not to be paid for your time)';
  if (owed.timePayment === null) return null;
  return owed.basis === 'voucher' ? `${pounds(owed.timePayment)}, as a voucher` : pounds(owed.timePayment);
}

export function contributionGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const scorer = scorerOf(res);
    const c = await memberContribution(deps.db, scorer);
    const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
    res.render('pages/involvement/contribution', {
      ...panelPageLocals(res),
      pageTitle: 'Your contribution',
      memberName: scorer.member.name,
      facilitatorName: scorer.facilitator?.name ?? null,
      banner: BANNERS.get(done) ?? null,
      scoringTime: duration(c.scoringMinutes),
      entries: c.entries,
      otherTime: duration(c.otherMinutes),
      totalTime: duration(c.owed.minutes),
      rate: c.rate === null ? null : pounds(c.rate),
      professional: c.owed.basis === 'professional',
      // Priced: the rate is set, or no payment for time was chosen (then only money spent is owed).
      priced: c.owed.due !== null,
      timePayment: timePaymentText(c.owed),
      expenses: pounds(c.owed.expenses),
      paid: c.owed.paid === '0.00' ? null : pounds(c.owed.paid),
      due: c.owed.due === null ? null : pounds(c.owed.due),
      overpaid: c.owed.overpaid === null ? null : pounds(c.owed.overpaid),
      open: c.open,
      mayClaim: isPaidMember(scorer.member),
      // Withdrawn from the panel (onPanel false): their payment is all that is left to them, so back goes there.
      backHref: scorer.member.withdrawn_at === null ? '/panel' : '/panel/claim',
    });
  };
}

const FORMS: Record<EntryFormKind, { title: string; kindLegend: string; kinds: readonly (keyof typeof KIND_LABELS)[] }> = {
  time: { title: 'Add time you spent', kindLegend: 'What was the time for?', kinds: TIME_KINDS },
  expense: { title: 'Add an expense', kindLegend: 'What did you spend money on?', kinds: EXPENSE_KINDS },
};

const KIND_HINTS: Partial<Record<keyof typeof KIND_LABELS, string>> = {
  reading: 'Reading the bids and the papers, at home or anywhere else',
  meeting: 'A panel meeting or the moderation meeting, with the time to get there',
  practice: 'Practising scoring on paper or with a facilitator (practice on this website is counted for you)',
  training: 'A training session about the scoring, with the time to get there',
  travel: 'Bus, train or taxi fares, petrol or parking',
  cover: 'Paying a carer or personal assistant while you took part',
  other: 'Say what it was for in the note',
};

function renderEntryForm(deps: AppDeps, res: Response, form: EntryFormKind, typed: Record<string, unknown>, errors?: FormErrors): void {
  const scorer = scorerOf(res);
  const spec = FORMS[form];
  const text = (name: string) => (typeof typed[name] === 'string' ? (typed[name] as string) : '');
  const today = ukToday(deps.now());
  // Which parts of the date to mark: the ones the date's problem is about.
  const day = errors ? checkDay(text('onDate-day'), text('onDate-month'), text('onDate-year'), today) : ({ ok: true } as const);
  const dateError = errors?.fields['onDate-day'] ?? errors?.fields['onDate-month'] ?? errors?.fields['onDate-year'];
  const time = errors && form === 'time' ? checkTime(text('hours').trim(), text('minutes').trim()) : ({ ok: true } as const);
  const [y, m, d] = today.split('-');
  res.status(errors ? 400 : 200).render('pages/involvement/entry-form', {
    ...panelPageLocals(res),
    pageTitle: errors ? `Error: ${spec.title}` : spec.title,
    title: spec.title,
    form,
    isTime: form === 'time',
    facilitatorName: scorer.facilitator?.name ?? null,
    memberName: scorer.member.name,
    kindLegend: spec.kindLegend,
    kindItems: spec.kinds.map((k) => ({ value: k, text: KIND_LABELS[k], hint: KIND_HINTS[k] ? { text: KIND_HINTS[k] } : undefined })),
    values: { kind: text('kind'), day: text('onDate-day'), month: text('onDate-month'), year: text('onDate-year'), hours: text('hours'), minutes: text('minutes'), amount: text('amount'), note: text('note') },
    dateExample: `${Number(d)} ${Number(m)} ${y}`,
    dateError,
    dateParts: day.ok ? {} : Object.fromEntries(day.parts.map((p) => [p, true])),
    timeError: errors?.fields['hours'] ?? errors?.fields['minutes'],
    timeParts: time.ok ? {} : Object.fromEntries(time.parts.map((p) => [p, true])),
    errors,
    action: CONTRIBUTION,
    backHref: CONTRIBUTION,
  });
}

/** Nothing is added once the tender is finalised (the locked page, 409). */
const assertOpen = (res: Response): void => assertNotFinalised(scorerOf(res).tender, CONTRIBUTION_LOCKED);

export function entryFormGet(deps: AppDeps, form: EntryFormKind) {
  return (_req: Request, res: Response): void => {
    assertOpen(res);
    renderEntryForm(deps, res, form, {});
  };
}

export function entryPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    assertOpen(res);
    const typed = (req.body ?? {}) as Record<string, unknown>;
    const form: EntryFormKind = typed['form'] === 'expense' ? 'expense' : 'time';
    const parsed = parseEntryForm(typed, form, ukToday(deps.now()));
    if (!parsed.ok) return renderEntryForm(deps, res, form, typed, formErrors(parsed.error));
    const recorded = await recordInvolvement(deps.db, scorerOf(res), parsed.value, deps.now());
    if (!recorded.ok) return renderEntryForm(deps, res, form, typed, formErrors([{ field: recorded.field === 'time' ? 'hours' : 'onDate-day', text: recorded.message }]));
    res.redirect(303, `${CONTRIBUTION}?done=${form}`);
  };
}
