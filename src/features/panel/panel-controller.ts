import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import type { MemberRow } from '../../data/schema';
import { ACCESS_NEEDS } from '../../engine';
import {
  ACCESS_NEED_LABELS,
  addMember,
  assignMember,
  assignmentChoices,
  changeMember,
  detailsOf,
  findMember,
  panelChangeOpen,
  panelOverview,
  removalBlockers,
  removeMember,
  type Assignment,
  type MemberDetails,
  type PanelChange,
  type Problem,
} from '../../services/panel';
import { isWithdrawn, perspectiveLabel, updateMemberSupport } from '../../services/panel-membership';
import { panelLockedText } from '../../services/panel-stages';
import { TenderLockedError, isDraft } from '../../services/tender-rules';
import { formErrors } from '../form-errors';
import { AssignmentForm, fieldProblems, MemberForm, SupportForm } from './panel-schema';

const panelHref = (res: Response) => `${res.locals['tenderHref'] as string}/panel`;
const accessNeedItems = ACCESS_NEEDS.map((value) => ({ value, text: ACCESS_NEED_LABELS[value] }));

/** Forms of a change not open at the tender's stage answer with the locked page, saying why. */
function openFor(res: Response, change: PanelChange): void {
  const tender = tenderOf(res);
  if (!panelChangeOpen(tender, change)) throw new TenderLockedError(panelLockedText(tender, change));
}

export async function memberOf(deps: AppDeps, req: Request, res: Response): Promise<MemberRow> {
  const member = await findMember(deps.db, tenderOf(res), String(req.params['key']));
  if (!member) throw new HttpError(404);
  return member;
}

/** What a withdrawn member scores cannot change: they score nothing more. */
function stillOnPanel(member: MemberRow): void {
  if (isWithdrawn(member)) throw new TenderLockedError(`${member.name} has been withdrawn from the panel, so what they score cannot change`);
}

/** The success banner after a change, from a fixed set of messages (never text from the address). */
async function banner(deps: AppDeps, req: Request, res: Response): Promise<string | null> {
  const done = typeof req.query['done'] === 'string' ? req.query['done'] : '';
  if (done === 'removed') return 'The member was removed from the panel.';
  if (done === 'unchanged') return 'Nothing was changed.';
  const member = typeof req.query['member'] === 'string' ? await findMember(deps.db, tenderOf(res), req.query['member']) : undefined;
  if (!member) return null;
  const messages: Record<string, string> = {
    added: `${member.name} was added to the panel. Check what they will score below.`,
    changed: `${member.name}’s details were saved.`,
    assigned: `What ${member.name} scores was saved.`,
    withdrawn: `${member.name} was withdrawn from the panel. Their link no longer works, and the scores they sent are not counted.`,
  };
  return Object.hasOwn(messages, done) ? messages[done]! : null;
}

export function panelShowGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const overview = await panelOverview(deps.db, actorOf(res), tender);
    res.render('pages/panel/show', { pageTitle: `Panel: ${tender.title}`, tender, ...overview, panelHref: panelHref(res), banner: await banner(deps, req, res) });
  };
}

function renderMemberForm(res: Response, options: { member?: MemberRow; values: Partial<MemberDetails>; problems?: Problem[] }): void {
  const { member, values, problems } = options;
  const title = member ? `Change ${member.name}’s details` : 'Add a panel member';
  // After draft, a member's name and perspective stay as they are: only the rest is a form.
  const supportOnly = member !== undefined && !isDraft(tenderOf(res));
  res.status(problems ? 400 : 200).render('pages/panel/member-form', {
    pageTitle: problems ? `Error: ${title}` : title,
    title,
    member,
    supportOnly: supportOnly ? { name: member.name, perspective: perspectiveLabel(member), withdrawn: isWithdrawn(member) } : null,
    replacement: member === undefined && tenderOf(res).state === 'scoring',
    values: { ...values, contact: values.contact ?? '', accessNotes: values.accessNotes ?? '', byPost: values.byPost ? ['yes'] : [] },
    accessNeedItems,
    errors: problems ? formErrors(problems) : undefined,
    action: member ? `${panelHref(res)}/${encodeURIComponent(member.key)}/change` : `${panelHref(res)}/add`,
    backHref: panelHref(res),
  });
}

/** What was typed, to show again beside the problems. */
function typed(body: unknown): Partial<MemberDetails> {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const needs = Array.isArray(b['accessNeeds']) ? b['accessNeeds'] : [b['accessNeeds']];
  return {
    name: text(b['name']),
    perspective: text(b['perspective']) as MemberDetails['perspective'],
    contact: text(b['contact']),
    accessNeeds: needs.filter((n): n is MemberDetails['accessNeeds'][number] => typeof n === 'string'),
    accessNotes: text(b['accessNotes']),
    byPost: b['byPost'] === 'yes',
  };
}

export function memberAddGet(_req: Request, res: Response): void {
  openFor(res, 'add');
  renderMemberForm(res, { values: { accessNeeds: [] } });
}

export function memberAddPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openFor(res, 'add');
    const parsed = MemberForm.safeParse(req.body);
    if (!parsed.success) return renderMemberForm(res, { values: typed(req.body), problems: fieldProblems(parsed.error) });
    const key = await addMember(deps.db, actorOf(res), tenderOf(res), parsed.data, deps.now());
    res.redirect(303, `${panelHref(res)}?done=added&member=${encodeURIComponent(key)}#member-${encodeURIComponent(key)}`);
  };
}

export function memberChangeGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openFor(res, 'edit');
    const member = await memberOf(deps, req, res);
    renderMemberForm(res, { member, values: detailsOf(member) });
  };
}

export function memberChangePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openFor(res, 'edit');
    const member = await memberOf(deps, req, res);
    if (!isDraft(tenderOf(res))) return supportChange(deps, req, res, member);
    const parsed = MemberForm.safeParse(req.body);
    if (!parsed.success) return renderMemberForm(res, { member, values: typed(req.body), problems: fieldProblems(parsed.error) });
    const saved = await changeMember(deps.db, actorOf(res), tenderOf(res), member, parsed.data, deps.now());
    if (!saved.ok) return renderMemberForm(res, { member, values: typed(req.body), problems: saved.problems });
    res.redirect(303, `${panelHref(res)}?done=changed&member=${encodeURIComponent(member.key)}#member-${encodeURIComponent(member.key)}`);
  };
}

/** After draft: contact details, access needs and notes only. */
async function supportChange(deps: AppDeps, req: Request, res: Response, member: MemberRow): Promise<void> {
  const parsed = SupportForm.safeParse(req.body);
  if (!parsed.success) return renderMemberForm(res, { member, values: typed(req.body), problems: fieldProblems(parsed.error) });
  const saved = await updateMemberSupport(deps.db, actorOf(res), tenderOf(res), member, parsed.data, deps.now());
  const done = saved.changed.length === 0 ? 'unchanged' : 'changed';
  res.redirect(303, `${panelHref(res)}?done=${done}&member=${encodeURIComponent(member.key)}#member-${encodeURIComponent(member.key)}`);
}

async function renderAssignment(deps: AppDeps, res: Response, member: MemberRow, chosen?: Assignment, problems?: Problem[]): Promise<void> {
  const title = `What ${member.name} scores`;
  const choices = await assignmentChoices(deps.db, tenderOf(res), member, chosen);
  res.status(problems ? 400 : 200).render('pages/panel/assign', {
    pageTitle: problems ? `Error: ${title}` : title,
    title,
    member: { ...member, ...detailsOf(member) },
    criteriaItems: choices.criteria.map((c) => ({ value: c.id, text: c.title, checked: c.checked, hint: c.onlyWho ? { text: `${c.onlyWho}.${c.allowed ? '' : ` ${member.name} cannot score it.`}` } : undefined })),
    bidItems: choices.bids.map((b) => ({ value: b.key, text: `Bid ${b.key}: ${b.supplier}`, checked: b.checked })),
    errors: problems ? formErrors(problems) : undefined,
    action: `${panelHref(res)}/${encodeURIComponent(member.key)}/assign`,
    backHref: panelHref(res),
  });
}

export function memberAssignGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openFor(res, 'assign');
    const member = await memberOf(deps, req, res);
    stillOnPanel(member);
    await renderAssignment(deps, res, member);
  };
}

export function memberAssignPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openFor(res, 'assign');
    const member = await memberOf(deps, req, res);
    stillOnPanel(member);
    const parsed = AssignmentForm.safeParse(req.body);
    if (!parsed.success) return renderAssignment(deps, res, member, { criteria: [], bids: [] }, fieldProblems(parsed.error));
    const saved = await assignMember(deps.db, actorOf(res), tenderOf(res), member, parsed.data, deps.now());
    if (!saved.ok) return renderAssignment(deps, res, member, parsed.data, saved.problems);
    res.redirect(303, `${panelHref(res)}?done=assigned&member=${encodeURIComponent(member.key)}#member-${encodeURIComponent(member.key)}`);
  };
}

function renderRemove(res: Response, member: MemberRow, blockers: string[], status = 200): void {
  const title = blockers.length > 0 ? `${member.name} cannot be removed` : `Remove ${member.name} from the panel?`;
  res.status(status).render('pages/panel/remove', {
    pageTitle: title,
    title,
    member,
    blockers,
    action: `${panelHref(res)}/${encodeURIComponent(member.key)}/remove`,
    panelHref: panelHref(res),
    backHref: panelHref(res),
  });
}

export function memberRemoveGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openFor(res, 'remove');
    const member = await memberOf(deps, req, res);
    renderRemove(res, member, await removalBlockers(deps.db, tenderOf(res), member));
  };
}

export function memberRemovePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    openFor(res, 'remove');
    const member = await memberOf(deps, req, res);
    const removed = await removeMember(deps.db, actorOf(res), tenderOf(res), member, deps.now());
    if (!removed.ok) return renderRemove(res, member, removed.problems.map((p) => p.text), 409);
    res.redirect(303, `${panelHref(res)}?done=removed`);
  };
}
