import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { fingerprintOf, MAX_OVERRIDE_REASON, MIN_OVERRIDE_REASON, tenderReadiness, type Readiness } from '../../services/readiness/readiness';
import { advanceTender, createTender, uploadPack, type AdvanceRefusal } from '../../services/tender-setup';
import { rubricView } from '../../services/rubric-view';
import { visibleTender } from '../../services/tenders';
import type { TenderState } from '../../engine';
import { formErrors, type FormErrors } from '../form-errors';
import { packUploadProblem } from './pack-upload';
import { AdvanceForm, lightTouchItems, NewTenderForm } from './tender-setup-schema';

const AGGREGATION_ITEMS = [
  { value: 'equal-voice', text: 'Equal voice', hint: { text: 'Each perspective counts the same: two people with lived experience count as much as five professionals.' } },
  { value: 'mean', text: 'Average (mean)', hint: { text: 'Every panel member’s score counts the same.' } },
  { value: 'median', text: 'Middle score (median)', hint: { text: 'The middle of the scores, so one very high or very low score matters less.' } },
];

async function rubricChoices(deps: AppDeps, chosen?: string) {
  const choices = [];
  for (const entry of await deps.rubrics.list()) {
    const loaded = await deps.rubrics.load(entry.id);
    if (!loaded?.ok) continue;
    const view = rubricView(loaded.rubric);
    choices.push({
      value: entry.id,
      text: view.title,
      checked: entry.id === chosen,
      hint: { text: `${view.criteriaCount} criteria. Quality ${view.qualityWeight} points, of which co-production ${view.coProductionWeight}; price ${view.price.weight} points.` },
    });
  }
  return choices;
}

async function renderNew(deps: AppDeps, res: Response, values: Record<string, string>, errors?: ReturnType<typeof formErrors>) {
  res.status(errors ? 400 : 200).render('pages/tenders/new', {
    pageTitle: `${errors ? 'Error: ' : ''}Set up a tender`,
    backHref: '/tenders',
    values,
    errors,
    rubrics: await rubricChoices(deps, values['rubric']),
    aggregations: AGGREGATION_ITEMS.map((item) => ({ ...item, checked: item.value === (values['aggregation'] ?? 'equal-voice') })),
    anonymiseItems: [
      { value: 'yes', text: 'Yes, show a code such as “Bid A”', checked: (values['anonymise'] ?? 'yes') === 'yes' },
      { value: 'no', text: 'No, show the organisation’s name', checked: values['anonymise'] === 'no' },
    ],
    lightTouchItems: lightTouchItems(values['lightTouch']),
  });
}

const fields = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));

export function tenderNewGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => renderNew(deps, res, {});
}

export function tenderNewPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const values = fields(req.body);
    const parsed = NewTenderForm.safeParse(values);
    if (!parsed.success) return renderNew(deps, res, values, formErrors(parsed.error));
    const outcome = await createTender(deps.db, deps.rubrics, actorOf(res), { ...parsed.data, anonymise: parsed.data.anonymise === 'yes', lightTouch: parsed.data.lightTouch === 'yes', hourlyRate: deps.config.defaultHourlyRate }, deps.now());
    if (!outcome.ok) return renderNew(deps, res, values, formErrors(outcome.problems.map((p) => ({ field: p.path, text: p.message }))));
    res.redirect(303, `/tenders/${encodeURIComponent(outcome.reference)}`);
  };
}

export function tenderUploadGet(_req: Request, res: Response): void {
  res.render('pages/tenders/upload', { pageTitle: 'Upload a tender pack', backHref: '/tenders/new' });
}

function renderUploadProblem(res: Response, text: string, problems?: { path: string; message: string }[]): void {
  res.status(400).render('pages/tenders/upload', {
    pageTitle: 'Error: Upload a tender pack',
    backHref: '/tenders/new',
    errors: formErrors([{ field: 'pack', text }]),
    // Path and message only: never the server's folders (a FileProblem's `local`).
    problems: problems?.map((p) => ({ path: p.path, message: p.message })),
  });
}

export function tenderUploadPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const refused = packUploadProblem(res);
    if (refused) return renderUploadProblem(res, refused);
    const file = req.file;
    if (!file || file.size === 0) return renderUploadProblem(res, 'Choose a tender pack file (.yaml, .yml or .json)');
    const outcome = await uploadPack(deps.db, deps.rubrics, actorOf(res), { name: file.originalname, text: file.buffer.toString('utf8') }, deps.now(), deps.config.defaultHourlyRate);
    if (!outcome.ok) return renderUploadProblem(res, 'The tender pack has problems. Nothing was imported. Put them right and upload it again', outcome.problems);
    res.redirect(303, `/tenders/${encodeURIComponent(outcome.reference)}`);
  };
}

const LOCKS: Record<TenderState, string> = {
  draft: '',
  scoring: 'The rubric, the bids and the panel will be locked, and panel members can start scoring.',
  moderation: 'Scoring ends. The panel meets to agree scores; members’ own scores stay as they are.',
  finalised: 'The results are recorded as they stand, and nothing about the tender can change after this.',
};

interface AdvancePage {
  status?: number;
  readiness?: Readiness;
  /** Why the move was refused that is not about the form (already moved on, not the next stage). */
  problems?: string[];
  errors?: FormErrors;
  reason?: string;
}

const NOT_TICKED = 'Confirm that you want to move the tender on';

/**
 * The page to move the tender on: everything outstanding, each with a link to put it right.
 * Items that block replace the form; other items need a written reason; with nothing outstanding
 * the confirmation tick stays.
 */
async function renderAdvance(deps: AppDeps, res: Response, page: AdvancePage = {}): Promise<void> {
  const failed = page.errors !== undefined || (page.problems?.length ?? 0) > 0;
  // After a refusal, the tender as it is now: the one read before the write may have been moved on
  // meanwhile (by another tab or instance), and the page must not say both stages.
  const tender = failed || page.status !== undefined ? ((await visibleTender(deps.db, actorOf(res), tenderOf(res).reference)) ?? tenderOf(res)) : tenderOf(res);
  const readiness = page.readiness ?? (await tenderReadiness(deps.db, tender, deps.now()));
  const next = readiness.to;
  res.status(page.status ?? (failed ? 400 : 200)).render('pages/tenders/state', {
    pageTitle: `${failed ? 'Error: ' : ''}Move the tender on`,
    backHref: `/tenders/${encodeURIComponent(tender.reference)}`,
    tender,
    next,
    locks: next ? LOCKS[next] : '',
    problems: page.problems ?? [],
    blocking: readiness.blocking,
    overridable: readiness.items.filter((i) => !i.blocks),
    fingerprint: readiness.fingerprint,
    minReason: MIN_OVERRIDE_REASON,
    reason: page.reason ?? '',
    errors: page.errors,
  });
}

const REFUSALS: Record<Exclude<AdvanceRefusal, 'blocked'>, (to: string) => { field: string; text: string }> = {
  changed: () => ({ field: 'outstanding', text: 'What is outstanding changed while you were reading this page. Check the list again, then move on' }),
  'reason-missing': (to) => ({ field: 'reason', text: `Enter why the tender should move on to ${to} with these items outstanding` }),
  'reason-short': (to) => ({ field: 'reason', text: `The reason must be at least ${MIN_OVERRIDE_REASON} characters: say why the tender should move on to ${to} with these items outstanding` }),
  'reason-long': () => ({ field: 'reason', text: `The reason must be ${MAX_OVERRIDE_REASON.toLocaleString('en-GB')} characters or fewer` }),
};

export function tenderStateGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => renderAdvance(deps, res);
}

export function tenderStatePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = AdvanceForm.safeParse(req.body);
    if (!parsed.success) return renderAdvance(deps, res, { problems: [parsed.error.issues[0]!.message] });
    const { to, outstanding, confirm, reason } = parsed.data;
    // The page showed nothing outstanding, so it asked for the tick rather than a reason.
    if (outstanding === fingerprintOf([]) && confirm !== 'yes') {
      // If something became outstanding meanwhile, the tick box is gone: say the list changed instead.
      const readiness = await tenderReadiness(deps.db, tenderOf(res), deps.now());
      const error = readiness.fingerprint === outstanding ? { field: 'confirm', text: NOT_TICKED } : REFUSALS.changed(to);
      return renderAdvance(deps, res, { readiness, errors: formErrors([error]) });
    }
    const outcome = await advanceTender(deps.db, actorOf(res), tenderOf(res), to, deps.now(), { reason, seen: outstanding });
    if (outcome.ok) return res.redirect(303, `/tenders/${encodeURIComponent(tenderOf(res).reference)}`);
    if ('problems' in outcome) return renderAdvance(deps, res, { problems: outcome.problems });
    // What blocks is listed in place of the form, so there is no field for an error summary to point at.
    if (outcome.refused === 'blocked') return renderAdvance(deps, res, { status: 400, readiness: outcome.readiness });
    const error = REFUSALS[outcome.refused](to);
    return renderAdvance(deps, res, { readiness: outcome.readiness, errors: formErrors([error]), reason });
  };
}
