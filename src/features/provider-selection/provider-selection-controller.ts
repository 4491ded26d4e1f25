// The Provider Selection Regime pages: the decision record (commissioners and procurement; it
// holds prices) and the form where the commissioner marks the tender as bought under the regime,
// chooses the process and records what the evaluation does not hold.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { recordOf, type DecisionRecord } from '../../services/provider-selection/decision-record';
import { mayRecordSelection, PROCESS_WORDS, PSR_PROCESSES, saveProviderSelection } from '../../services/provider-selection/provider-selection';
import { formErrors, type FormErrors } from '../form-errors';
import { NOT_PSR, parseSelectionForm } from './provider-selection-schema';

const baseHref = (res: Response) => `${res.locals['tenderHref'] as string}/provider-selection`;

export function recordGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const record = await recordOf(deps.db, tender);
    res.render('pages/provider-selection/record', {
      pageTitle: `Provider Selection Regime decision record: ${tender.title}`,
      tender,
      record,
      saved: req.query['done'] === 'saved',
      canEdit: mayRecordSelection(actorOf(res), tender),
      editHref: `${baseHref(res)}/edit`,
    });
  };
}

type Typed = Record<string, string>;

function typedOf(record: DecisionRecord, body: unknown): Typed {
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  }
  const typed: Typed = {
    process: record.process?.id ?? '',
    decisionMakers: record.decisionMakers ?? '',
    basicSelection: record.basicSelection ?? '',
    reasons: record.reasons.commissioner ?? '',
    otherInterests: record.otherInterests ?? '',
  };
  record.conflicts.forEach((c, n) => (typed[`note-${n}`] = c.note ?? ''));
  return typed;
}

async function renderEdit(deps: AppDeps, res: Response, body?: unknown, errors?: FormErrors): Promise<void> {
  const tender = tenderOf(res);
  const record = await recordOf(deps.db, tender);
  const values = typedOf(record, body);
  const radio = (value: string, text: string, hint?: string) => ({ value, text, checked: values['process'] === value, ...(hint ? { hint: { text: hint } } : {}) });
  res.status(errors ? 400 : 200).render('pages/provider-selection/edit', {
    pageTitle: `${errors ? 'Error: ' : ''}Provider Selection Regime: ${tender.title}`,
    tender,
    errors,
    values,
    action: `${baseHref(res)}/edit`,
    backHref: baseHref(res),
    processes: [
      ...PSR_PROCESSES.map((p) => radio(p, `${PROCESS_WORDS[p].title} (${PROCESS_WORDS[p].regulation})`, PROCESS_WORDS[p].when)),
      { divider: 'or' },
      radio(NOT_PSR, 'No: not bought under the Provider Selection Regime'),
    ],
    conflicts: record.conflicts.map((c, n) => ({
      n,
      field: c.field,
      title: `${c.member.name} (${c.member.key}) and bid ${c.bid.key}: ${c.bid.supplier}`,
      label: `How ${c.member.name}’s conflict with bid ${c.bid.key} was managed (optional)`,
      handled: c.handled,
      warnings: c.warnings,
      errorMessage: errors?.fields[`note-${n}`],
      value: values[`note-${n}`] ?? '',
    })),
  });
}

export function editGet(deps: AppDeps) {
  return (_req: Request, res: Response): Promise<void> => renderEdit(deps, res);
}

export function editPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const record = await recordOf(deps.db, tender);
    const words = (n: number) => {
      const c = record.conflicts[n];
      return c ? `${c.member.name} with bid ${c.bid.key}` : 'a panel member';
    };
    const parsed = parseSelectionForm(req.body, words);
    if (!parsed.ok) return renderEdit(deps, res, req.body, formErrors(parsed.problems));
    const outcome = await saveProviderSelection(deps.db, actorOf(res), tender, parsed.value, deps.now());
    if (!outcome.ok) return renderEdit(deps, res, req.body, formErrors(outcome.problems));
    res.redirect(303, `${baseHref(res)}?done=saved`);
  };
}
