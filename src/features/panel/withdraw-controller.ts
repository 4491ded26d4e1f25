// Withdrawing a member who can no longer take part, once scoring has opened: a confirmation page
// saying what will happen (their link stops, their sent scores stay stored and are not counted),
// with the commissioner's reason, which is required.
import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app';
import type { MemberRow } from '../../data/schema';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { canWithdraw, isWithdrawn, perspectiveLabel, WITHDRAWAL_CLOSED, withdrawalEffects, withdrawalOpen, withdrawMember, withdrawnText } from '../../services/panel-membership';
import { TenderLockedError } from '../../services/tender-rules';
import { formErrors } from '../form-errors';
import { memberOf } from './panel-controller';
import { fieldProblems, WithdrawForm } from './panel-schema';

const panelHref = (res: Response) => `${res.locals['tenderHref'] as string}/panel`;

/** Per object: only the commissioner who may see the tender withdraws its members (403 otherwise). */
export const mayWithdraw: RequestHandler = (_req, res, next) => {
  if (!canWithdraw(actorOf(res), tenderOf(res))) throw new HttpError(403);
  next();
};

function openForWithdrawal(res: Response): void {
  const tender = tenderOf(res);
  if (!withdrawalOpen(tender)) throw new TenderLockedError(WITHDRAWAL_CLOSED[tender.state] ?? WITHDRAWAL_CLOSED['finalised']!);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

async function renderWithdraw(deps: AppDeps, res: Response, member: MemberRow, options: { reason?: string; problems?: { field: string; text: string }[]; status?: number } = {}): Promise<void> {
  const title = `Withdraw ${member.name} from the panel`;
  const effects = await withdrawalEffects(deps.db, member);
  const already = isWithdrawn(member) ? `${member.name} ${withdrawnText(member)!}.` : null;
  res.status(options.status ?? (options.problems ? 400 : 200)).render('pages/panel/withdraw', {
    pageTitle: options.problems ? `Error: ${title}` : title,
    title,
    member: { key: member.key, name: member.name, perspective: perspectiveLabel(member) },
    already,
    sent: effects.submitted === 0 ? 'they have not sent any scores, so none are left out' : `the ${plural(effects.submitted, 'score', 'scores')} they sent stay on record, but are not counted in the results (the results say why)`,
    drafts: effects.drafts === 0 ? null : `their ${plural(effects.drafts, 'unsent draft is', 'unsent drafts are')} not counted`,
    reason: options.reason ?? '',
    errors: options.problems ? formErrors(options.problems) : undefined,
    action: `${panelHref(res)}/${encodeURIComponent(member.key)}/withdraw`,
    panelHref: panelHref(res),
  });
}

export function memberWithdrawGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openForWithdrawal(res);
    await renderWithdraw(deps, res, await memberOf(deps, req, res));
  };
}

export function memberWithdrawPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openForWithdrawal(res);
    const member = await memberOf(deps, req, res);
    const typed = typeof (req.body as Record<string, unknown> | undefined)?.['reason'] === 'string' ? String((req.body as Record<string, unknown>)['reason']) : '';
    const parsed = WithdrawForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderWithdraw(deps, res, member, { reason: typed, problems: fieldProblems(parsed.error) });
    const outcome = await withdrawMember(deps.db, actorOf(res), tenderOf(res), member, parsed.data.reason, deps.now());
    if (!outcome.ok) return renderWithdraw(deps, res, member, { reason: typed, problems: outcome.problems, status: 409 });
    res.redirect(303, `${panelHref(res)}?done=withdrawn&member=${encodeURIComponent(member.key)}#member-${encodeURIComponent(member.key)}`);
  };
}
