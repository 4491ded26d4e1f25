// The panel of a tender (engine rules §1, §2): who is on it, what each member scores, and whether the
// mix of perspectives is right for each criterion. In draft everything can change. Once scoring
// opens, a member's name and perspective stay as they are; a replacement member can still be
// added and given what to score while scoring is open; contact details and access needs can be
// kept right until the tender is finalised; and a member who drops out is withdrawn rather than
// removed (services/panel-membership.ts).
//
// Who may change it: the owning commissioner does everything. A facilitator supports panel
// members, so may add a member and keep their details and access needs right; what a member
// scores, and removing a member, shape the evaluation and stay with the commissioner.
// Procurement reads the panel but never sees members' contact details or access needs.
import type { Db } from '../data/database';
import { involvementRepository } from '../data/involvement-repository';
import { panelRepository } from '../data/panel-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import { scoreRepository } from '../data/score-repository';
import { scoringRepository } from '../data/scoring-repository';
import { tenderRepository } from '../data/tender-repository';
import { writeTransaction } from '../data/write-transaction';
import { compareKeys, PERSPECTIVE_LABELS, type AccessNeed, type Criterion, type Perspective, type Rubric } from '../engine';
import { practiceStatusText, practiceSummary } from './practice/practice';
import { canSeeTender } from './access';
import { canWithdraw, withdrawalOpen } from './panel-membership';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { isPaidMember } from './claims/claim-status';
import { rubricOf } from './results/results';
import { isWithdrawn, withdrawnText } from './panel-membership';
import { panelChangeOpen, panelLockedText, stageText, type PanelChange } from './panel-stages';
import { isDraft, TenderLockedError } from './tender-rules';

export { panelChangeOpen, type PanelChange } from './panel-stages';



export function canChangePanel(actor: Actor, tender: TenderRow, change: PanelChange): boolean {
  if (actor.kind !== 'staff' || !canSeeTender(actor, tender)) return false;
  return actor.role === 'commissioner' || (actor.role === 'facilitator' && (change === 'add' || change === 'edit'));
}

/** Contact details and access needs are personal: only for those who invite and support members. */
export const canSeeMemberDetails = (actor: Actor): boolean => actor.kind === 'staff' && (actor.role === 'commissioner' || actor.role === 'facilitator');

export const ACCESS_NEED_LABELS: Record<AccessNeed, string> = {
  'large-print': 'Large print',
  'easy-read': 'Easy read',
  'screen-reader': 'Uses a screen reader',
  'printed-pack': 'A printed pack',
  supporter: 'Needs a supporter',
  other: 'Other',
};

/** "professionals" or "people with lived experience", for sentences. */
const WHO: Record<Perspective, string> = { professional: 'professionals', 'lived-experience': 'people with lived experience' };

export const PANEL_LOCKED = 'The panel cannot change now: scoring has opened, so members, their details and what they score are locked';


export interface MemberDetails {
  name: string;
  perspective: Perspective;
  contact: string | null;
  accessNeeds: AccessNeed[];
  accessNotes: string | null;
  /** They asked for their messages by post (printable letters), not email. */
  byPost: boolean;
}

export interface Assignment {
  criteria: string[];
  bids: string[];
}

export type Problem = { field: string; text: string };
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

const criteriaOf = (rubric: Rubric): Criterion[] => rubric.sections.flatMap((s) => s.criteria);
const mayScore = (c: Criterion, perspective: Perspective): boolean => !c.scoredBy || c.scoredBy.includes(perspective);
const onlyWho = (c: Criterion): string | null => (c.scoredBy && c.scoredBy.length === 1 ? `Only ${WHO[c.scoredBy[0]!]} score this` : null);

export const detailsOf = (m: MemberRow): MemberDetails => ({
  name: m.name,
  perspective: m.perspective as Perspective,
  contact: m.contact,
  accessNeeds: JSON.parse(m.access_needs) as AccessNeed[],
  accessNotes: m.access_notes,
  byPost: m.prefers_post === 1,
});

export async function findMember(db: Db, tender: TenderRow, key: string): Promise<MemberRow | undefined> {
  return panelRepository.findByKey(db, tender.id, key);
}

/** The panel page: members, what each scores and their progress, and the balance per criterion. */
function conflictsText(member: MemberRow, bids: string[]): { text: string; bids: string[] } {
  if (member.conflicts_declared_at === null) return { text: 'Not declared yet', bids: [] };
  return bids.length === 0 ? { text: 'None declared', bids: [] } : { text: bids.length === 1 ? 'Declared a link with 1 organisation, so does not score its bid' : `Declared a link with ${bids.length} organisations, so does not score their bids`, bids };
}

/**
 * Facilitator mode and the printable pack, for those who support members. For a member withdrawn
 * from the panel, only facilitator mode for their payment claim (when they are paid for their time).
 */
function memberLinks(actor: Actor, tender: TenderRow, key: string, withdrawn: boolean, paid: boolean): { href: string; text: string }[] {
  if (actor.kind !== 'staff' || !canSeeMemberDetails(actor)) return [];
  const base = `/tenders/${encodeURIComponent(tender.reference)}/panel/${encodeURIComponent(key)}`;
  if (withdrawn) return actor.role === 'facilitator' && paid ? [{ href: `${base}/support`, text: 'Help them claim payment' }] : [];
  const links = [{ href: `${base}/pack`, text: 'Printable pack' }];
  if (actor.role === 'facilitator' && (tender.state === 'scoring' || tender.state === 'moderation')) links.push({ href: `${base}/support`, text: 'Enter scores with them' });
  return links;
}

export async function panelOverview(db: Db, actor: Actor, tender: TenderRow) {
  const rubric = rubricOf(tender);
  const [members, bids, criteria, memberBids, cells, submitted, conflicts] = await Promise.all([
    panelRepository.members(db, tender.id),
    tenderRepository.bids(db, tender.id),
    panelRepository.criteriaOf(db, tender.id),
    panelRepository.bidsOf(db, tender.id),
    panelRepository.assignedCells(db, tender.id),
    scoreRepository.submittedPerMember(db, tender.id),
    scoringRepository.conflictsOfTender(db, tender.id),
  ]);
  // The balance counts members still on the panel: one who withdrew scores nothing more.
  const perspectiveOf = new Map(members.filter((m) => !isWithdrawn(m)).map((m) => [m.id, m.perspective as Perspective]));
  const supplier = new Map(bids.map((b) => [b.key, b.supplier]));
  const showDetails = canSeeMemberDetails(actor);
  const balance = criteriaOf(rubric).map((c) => {
    const scorers = criteria.filter((a) => a.criterion === c.id).flatMap((a) => perspectiveOf.get(a.member) ?? []);
    const professional = scorers.filter((p) => p === 'professional').length;
    const livedExperience = scorers.filter((p) => p === 'lived-experience').length;
    return {
      id: c.id,
      title: c.title,
      coProduction: c.coProduction === true,
      professional,
      livedExperience,
      onlyWho: onlyWho(c),
      warning: c.coProduction && livedExperience === 0 ? `No one with lived experience scores “${c.title}”. It is a co-production criterion, so at least one person with lived experience should score it.` : null,
      note: scorers.length === 0 ? `No one scores “${c.title}” yet, so no bid can get a score for it.` : null,
    };
  });
  const titleOf = new Map(criteriaOf(rubric).map((c) => [c.id, c.title]));
  const can = Object.fromEntries((['add', 'edit', 'assign', 'remove'] as const).map((c) => [c, panelChangeOpen(tender, c) && canChangePanel(actor, tender, c)])) as Record<PanelChange, boolean>;
  const mayWithdraw = withdrawalOpen(tender) && canWithdraw(actor, tender);
  const counted = members.filter((m) => !isWithdrawn(m));
  return {
    locked: !isDraft(tender),
    lockedText: stageText(tender),
    can,
    showDetails,
    mix: {
      livedExperience: counted.filter((m) => m.perspective === 'lived-experience').length,
      professional: counted.filter((m) => m.perspective === 'professional').length,
      withdrawn: members.length - counted.length,
    },
    balance,
    practice: practiceSummary(actor, tender),
    members: members.map((m) => {
      const details = detailsOf(m);
      const withdrawn = withdrawnText(m);
      const own = criteria.filter((a) => a.member === m.id).map((a) => a.criterion);
      return {
        key: m.key,
        name: m.name,
        perspective: PERSPECTIVE_LABELS[details.perspective] ?? m.perspective,
        contact: showDetails ? details.contact : null,
        accessNeeds: showDetails ? details.accessNeeds.map((n) => ACCESS_NEED_LABELS[n] ?? n) : [],
        accessNotes: showDetails ? details.accessNotes : null,
        criteria: criteriaOf(rubric).filter((c) => own.includes(c.id)).map((c) => ({ id: c.id, title: titleOf.get(c.id) ?? c.id })),
        // Withdrawn bids are left out of everything, so they are not counted here either.
        bids: memberBids.filter((b) => b.member === m.id && b.withdrawn === 0).sort((a, b) => compareKeys(a.bid, b.bid)).map((b) => ({ key: b.bid, supplier: supplier.get(b.bid) ?? '' })),
        progress: { scored: submitted.get(m.id) ?? 0, expected: cells.get(m.id) ?? 0 },
        // The practice round: done or not, never the member's practice scores.
        practice: practiceStatusText(tender, m),
        // A member who withdrew owes nothing more; their sent scores stay stored and are not counted.
        withdrawn: withdrawn === null ? null : { text: `${withdrawn.charAt(0).toUpperCase()}${withdrawn.slice(1)}.`, notCounted: submitted.get(m.id) ?? 0 },
        actions: {
          edit: can.edit,
          assign: can.assign && withdrawn === null,
          remove: can.remove,
          withdraw: mayWithdraw && withdrawn === null,
        },
        // Those who may see members' details (commissioners, facilitators) also manage their links.
        // Declared conflicts of interest: the commissioner is told here (and on the tender's page).
        conflicts: showDetails ? conflictsText(m, conflicts.filter((c) => c.member_id === m.id).map((c) => `Bid ${c.bid}: ${supplier.get(c.bid) ?? ''}`)) : null,
        links: memberLinks(actor, tender, m.key, withdrawn !== null, isPaidMember(m)),
        invitation: showDetails && withdrawn === null ? { href: `/tenders/${encodeURIComponent(tender.reference)}/panel/${encodeURIComponent(m.key)}/invitation`, text: 'Invitation link' } : null,
      };
    }),
  };
}

/** The criteria and bids a member may be assigned, with their current (or posted) choice. */
export async function assignmentChoices(db: Db, tender: TenderRow, member: MemberRow, chosen?: Assignment) {
  const perspective = member.perspective as Perspective;
  const [bids, criteria, memberBids] = await Promise.all([
    tenderRepository.bids(db, tender.id),
    panelRepository.criteriaOf(db, tender.id),
    panelRepository.bidsOf(db, tender.id),
  ]);
  const all = criteriaOf(rubricOf(tender));
  const open = bids.filter((b) => b.withdrawn === 0);
  const saved = {
    criteria: criteria.filter((a) => a.member === member.id).map((a) => a.criterion),
    bids: memberBids.filter((b) => b.member === member.id && b.withdrawn === 0).map((b) => b.bid),
  };
  // With nothing saved yet, start from what a new member gets: what their perspective may score, every bid.
  const current: Assignment = chosen ?? {
    criteria: saved.criteria.length > 0 ? saved.criteria : all.filter((c) => mayScore(c, perspective)).map((c) => c.id),
    bids: saved.bids.length > 0 ? saved.bids : open.map((b) => b.key),
  };
  return {
    criteria: all.map((c) => ({ id: c.id, title: c.title, allowed: mayScore(c, perspective), onlyWho: onlyWho(c), checked: current.criteria.includes(c.id) })),
    bids: open.map((b) => ({ key: b.key, supplier: b.supplier, checked: current.bids.includes(b.key) })),
  };
}

/** The tender as it stands inside the transaction, refused unless this change is open at its stage. */
async function openTender(trx: Db, tender: TenderRow, change: PanelChange): Promise<TenderRow> {
  const current = await tenderRepository.findByReference(trx, tender.reference);
  if (!current) throw new Error(`tender ${tender.reference} has gone`);
  if (!panelChangeOpen(current, change)) throw new TenderLockedError(panelLockedText(current, change));
  return current;
}

/** The tender inside the transaction, refused unless it is still a draft (names and perspectives). */
async function draftTender(trx: Db, tender: TenderRow): Promise<TenderRow> {
  const current = await tenderRepository.findByReference(trx, tender.reference);
  if (!current) throw new Error(`tender ${tender.reference} has gone`);
  if (!isDraft(current)) throw new TenderLockedError(PANEL_LOCKED);
  return current;
}

function assertMay(actor: Actor, tender: TenderRow, change: PanelChange): void {
  if (!canChangePanel(actor, tender, change)) throw new Error(`${actorLabel(actor)} may not ${change} on the panel of ${tender.reference}`);
}

function nextKey(keys: string[]): string {
  const taken = new Set(keys);
  let n = keys.filter((k) => /^m\d+$/.test(k)).reduce((max, k) => Math.max(max, Number(k.slice(1))), 0) + 1;
  while (taken.has(`m${n}`)) n++;
  return `m${n}`;
}

const memberColumns = (d: MemberDetails) => ({
  name: d.name,
  perspective: d.perspective,
  contact: d.contact,
  access_needs: JSON.stringify(d.accessNeeds),
  access_notes: d.accessNotes,
  prefers_post: d.byPost ? 1 : 0,
});

/** Adds a member, assigned every criterion their perspective may score and every bid not withdrawn. */
export async function addMember(db: Db, actor: Actor, tender: TenderRow, details: MemberDetails, now: Date): Promise<string> {
  assertMay(actor, tender, 'add');
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await openTender(trx, tender, 'add');
    const key = nextKey((await panelRepository.members(trx, current.id)).map((m) => m.key));
    const id = await panelRepository.insertMember(trx, { tender_id: current.id, key, ...memberColumns(details) });
    const criteria = criteriaOf(rubricOf(current)).filter((c) => mayScore(c, details.perspective)).map((c) => c.id);
    const bids = (await tenderRepository.bids(trx, current.id)).filter((b) => b.withdrawn === 0);
    await panelRepository.reassign(trx, id, criteria, bids.map((b) => b.id));
    // Names, contact details and access needs stay out of the append-only audit trail.
    const detail = { member: key, perspective: details.perspective, criteria, bids: bids.map((b) => b.key), stage: current.state };
    await recordEvent(trx, { actor: actorLabel(actor), action: 'panel.member-added', tender: current.reference, detail }, now);
    return key;
  });
}

/** Saves a member's details; a new perspective drops the criteria it may not score. */
export async function changeMember(db: Db, actor: Actor, tender: TenderRow, member: MemberRow, details: MemberDetails, now: Date): Promise<Outcome<{ dropped: string[] }>> {
  assertMay(actor, tender, 'edit');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<Outcome<{ dropped: string[] }>> => {
    const current = await draftTender(trx, tender);
    const before = detailsOf(member);
    const changed = (Object.keys(before) as (keyof MemberDetails)[]).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(details[f]));
    let dropped: Criterion[] = [];
    if (details.perspective !== before.perspective) {
      const rubric = criteriaOf(rubricOf(current));
      const own = (await panelRepository.criteriaOf(trx, current.id)).filter((a) => a.member === member.id).map((a) => a.criterion);
      dropped = rubric.filter((c) => own.includes(c.id) && !mayScore(c, details.perspective));
      const scored = new Set((await panelRepository.scoredCells(trx, member.id)).map((s) => s.criterion));
      const blocked = dropped.filter((c) => scored.has(c.id));
      if (blocked.length > 0) {
        return { ok: false, problems: [{ field: 'perspective', text: `${member.name} has scores for “${blocked[0]!.title}”, which only ${WHO[before.perspective]} score, so their perspective cannot change` }] };
      }
      if (dropped.length > 0) {
        const kept = rubric.filter((c) => own.includes(c.id) && mayScore(c, details.perspective));
        const criteria = (kept.length > 0 ? kept : rubric.filter((c) => mayScore(c, details.perspective))).map((c) => c.id);
        const bids = await tenderRepository.bids(trx, current.id);
        const ownBids = new Set((await panelRepository.bidsOf(trx, current.id)).filter((b) => b.member === member.id).map((b) => b.bid));
        await panelRepository.reassign(trx, member.id, criteria, bids.filter((b) => ownBids.has(b.key)).map((b) => b.id));
      }
    }
    await panelRepository.updateMember(trx, member.id, memberColumns(details));
    const detail = { member: member.key, changed, perspective: details.perspective, droppedCriteria: dropped.map((c) => c.id) };
    await recordEvent(trx, { actor: actorLabel(actor), action: 'panel.member-changed', tender: current.reference, detail }, now);
    return { ok: true, value: { dropped: dropped.map((c) => c.title) } };
  });
}

/** Problems with a chosen assignment, in the words the commissioner needs to put it right. */
async function assignmentProblems(db: Db, tender: TenderRow, member: MemberRow, chosen: Assignment): Promise<Problem[]> {
  const perspective = member.perspective as Perspective;
  const criteria = new Map(criteriaOf(rubricOf(tender)).map((c) => [c.id, c]));
  const bids = new Map((await tenderRepository.bids(db, tender.id)).filter((b) => b.withdrawn === 0).map((b) => [b.key, b]));
  const problems: Problem[] = [];
  const unknownCriterion = chosen.criteria.find((id) => !criteria.has(id));
  const refused = chosen.criteria.map((id) => criteria.get(id)).find((c) => c !== undefined && !mayScore(c, perspective));
  if (chosen.criteria.length === 0) problems.push({ field: 'criteria', text: `Choose at least one criterion for ${member.name} to score` });
  else if (unknownCriterion !== undefined) problems.push({ field: 'criteria', text: 'Choose criteria from the list: one of those sent is not in this tender’s rubric' });
  else if (refused) {
    problems.push({ field: 'criteria', text: `${member.name} cannot score “${refused.title}”: only ${WHO[refused.scoredBy![0]!]} score it, and ${member.name} is on the panel as ${WHO[perspective] === 'professionals' ? 'a professional' : 'a person with lived experience'}` });
  }
  if (chosen.bids.length === 0) problems.push({ field: 'bids', text: `Choose at least one bid for ${member.name} to score` });
  else if (chosen.bids.some((k) => !bids.has(k))) problems.push({ field: 'bids', text: 'Choose bids from the list: one of those sent is not a bid of this tender, or it was withdrawn' });
  const kept = (await panelRepository.scoredCells(db, member.id)).find((s) => !chosen.criteria.includes(s.criterion) || !chosen.bids.includes(s.bid));
  if (kept && problems.length === 0) {
    const field = chosen.criteria.includes(kept.criterion) ? 'bids' : 'criteria';
    problems.push({ field, text: `${member.name} already has a score for bid ${kept.bid} on “${criteria.get(kept.criterion)?.title ?? kept.criterion}”, so keep both chosen` });
  }
  return problems;
}

/** Replaces what a member scores, after checking each choice against the rubric and the bids. */
export async function assignMember(db: Db, actor: Actor, tender: TenderRow, member: MemberRow, chosen: Assignment, now: Date): Promise<Outcome<null>> {
  assertMay(actor, tender, 'assign');
  const wanted = { criteria: [...new Set(chosen.criteria)], bids: [...new Set(chosen.bids)] };
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<Outcome<null>> => {
    const current = await openTender(trx, tender, 'assign');
    const stored = await panelRepository.findById(trx, member.id);
    if (!stored || isWithdrawn(stored)) return { ok: false, problems: [{ field: 'criteria', text: `${member.name} has been withdrawn from the panel, so what they score cannot change` }] };
    const problems = await assignmentProblems(trx, current, member, wanted);
    if (problems.length > 0) return { ok: false, problems };
    const bids = (await tenderRepository.bids(trx, current.id)).filter((b) => wanted.bids.includes(b.key));
    const criteria = criteriaOf(rubricOf(current)).map((c) => c.id).filter((id) => wanted.criteria.includes(id));
    await panelRepository.reassign(trx, member.id, criteria, bids.map((b) => b.id));
    const detail = { member: member.key, criteria, bids: bids.map((b) => b.key), stage: current.state };
    await recordEvent(trx, { actor: actorLabel(actor), action: 'panel.member-assigned', tender: current.reference, detail }, now);
    return { ok: true, value: null };
  });
}

/** Why a member cannot be removed (they have scores, or took part in moderation); empty when they can. */
export async function removalBlockers(db: Db, tender: TenderRow, member: MemberRow): Promise<string[]> {
  const [scored, consensus, entries] = await Promise.all([panelRepository.scoredCells(db, member.id), scoreRepository.consensus(db, tender.id), involvementRepository.entriesOfMember(db, member.id)]);
  const blockers: string[] = [];
  if (entries.length > 0) blockers.push(`${member.name} has time or expenses recorded. They stay on the panel so that they can be paid.`);
  if (scored.length > 0) blockers.push(`${member.name} has ${scored.length === 1 ? '1 score' : `${scored.length} scores`} stored. A member with scores stays on the panel, so that every score can be traced to who gave it.`);
  if (consensus.some((c) => (JSON.parse(c.attendees) as string[]).includes(member.key))) blockers.push(`${member.name} took part in agreeing a moderated score.`);
  return blockers;
}

/** Removes a member with no scores, with their assignments and invitation links. */
export async function removeMember(db: Db, actor: Actor, tender: TenderRow, member: MemberRow, now: Date): Promise<Outcome<null>> {
  assertMay(actor, tender, 'remove');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<Outcome<null>> => {
    const current = await openTender(trx, tender, 'remove');
    const blockers = await removalBlockers(trx, current, member);
    if (blockers.length > 0) return { ok: false, problems: blockers.map((text) => ({ field: 'form', text })) };
    const { invitations } = await panelRepository.removeMember(trx, member.id);
    const detail = { member: member.key, perspective: member.perspective, invitationsRemoved: invitations };
    await recordEvent(trx, { actor: actorLabel(actor), action: 'panel.member-removed', tender: current.reference, detail }, now);
    return { ok: true, value: null };
  });
}
