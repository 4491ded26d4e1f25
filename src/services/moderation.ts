// Moderation (engine rules §2, §3.8): the panel meets, reads every member's score and reason for a bid
// and criterion side by side, and records one consensus score with why and who attended.
//
// - Who: commissioners (of tenders they can see) and facilitators, who may chair the meeting.
//   Procurement checks prices and reads results; moderating quality scores is not theirs.
// - When: while scoring or in moderation. In draft there is nothing to moderate; once finalised
//   nothing changes.
// - What is kept: moderation never changes a member's score. A new consensus score replaces the
//   current one only after copying it to `consensus_history`. Re-opening sends one member's
//   submitted scores back to draft, keeping each as submitted in `score_reopenings`, with why.
// - Fairness: the members' reasons are read in turn by perspective (READING_ORDER); a consensus
//   rationale is the panel's own words, not a member's reason copied; a member who attended may
//   have a dissent recorded (services/moderation-dissent.ts).
import type { Db } from '../data/database';
import { moderationRepository } from '../data/moderation-repository';
import { panelRepository } from '../data/panel-repository';
import type { BidRow, ConsensusRow, MemberRow, TenderRow } from '../data/schema';
import { scoreRepository } from '../data/score-repository';
import { tenderRepository } from '../data/tender-repository';
import { writeTransaction } from '../data/write-transaction';
import { cellKey, disagreement, finalScore, prepareRubric, scoreTender, type IndividualScore, type Perspective, type PreparedCriterion } from '../engine';
import { canSeeTender } from './access';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { rubricOf, tenderInput } from './results/results';
import { assertNotFinalised, TenderLockedError } from './tender-rules';

export type Problem = { field: string; text: string };
export type Outcome = { ok: true; count: number } | { ok: false; problems: Problem[]; conflict?: boolean };

export function canModerate(actor: Actor, tender: TenderRow): boolean {
  return actor.kind === 'staff' && (actor.role === 'commissioner' || actor.role === 'facilitator') && canSeeTender(actor, tender);
}

/** What moderation can do in the tender's state, and what to say about it. */
export function moderationStage(tender: TenderRow): { open: boolean; note: string | null } {
  if (tender.state === 'draft') return { open: false, note: 'There is nothing to moderate yet: scoring has not opened, so no one has scored a bid' };
  if (tender.state === 'finalised') return { open: false, note: 'The tender is finalised, so consensus scores and panel members’ scores cannot change' };
  if (tender.state === 'scoring') return { open: true, note: 'Scoring is still open: members may still send scores, so the flags and scores below can change. Moderation usually starts when the tender moves on to moderation' };
  return { open: true, note: null };
}

/** Moderation writes only while scoring or in moderation (the tender is read again inside the write). */
export function assertCanModerate(tender: TenderRow | undefined, what: string): void {
  if (!tender) throw new TenderLockedError(`${what} cannot change: the tender no longer exists`);
  if (tender.state === 'draft') throw new TenderLockedError(`${what} cannot be recorded yet: scoring has not opened, so there is nothing to moderate`);
  assertNotFinalised(tender, what);
}

/** The tender's rubric snapshot, ready for the engine (without loading any scores). */
const rubricOfTender = (tender: TenderRow) => prepareRubric(rubricOf(tender));

const perspectiveOf = (m: MemberRow | undefined): Perspective => (m?.perspective === 'lived-experience' ? 'lived-experience' : 'professional');

/** Every bid × criterion with its disagreement flags and whether a consensus score is recorded. */
export async function moderationOverview(db: Db, tender: TenderRow) {
  const input = await tenderInput(db, tender);
  const result = scoreTender(input);
  const [drafts, members, submitted, dissents] = await Promise.all([
    moderationRepository.draftCells(db, tender.id),
    panelRepository.members(db, tender.id),
    scoreRepository.submittedPerMember(db, tender.id),
    moderationRepository.dissents(db, tender.id),
  ]);
  const draftCount = new Map<string, number>();
  for (const d of drafts) draftCount.set(cellKey(d.bid, d.criterion), (draftCount.get(cellKey(d.bid, d.criterion)) ?? 0) + 1);
  const dissentCount = new Map<string, number>();
  for (const d of dissents) dissentCount.set(cellKey(d.bid, d.criterion), (dissentCount.get(cellKey(d.bid, d.criterion)) ?? 0) + 1);
  const criteria = input.rubric.criteria.map((c) => ({
    id: c.id,
    title: c.title,
    coProduction: c.coProduction === true,
    cells: result.bids.map((b) => {
      const cell = b.criteria[c.id]!;
      return {
        bid: b.key,
        supplier: b.supplier,
        scored: cell.scores.filter((s) => s.score !== 'abstain').length,
        abstained: cell.scores.filter((s) => s.score === 'abstain').length,
        drafts: draftCount.get(cellKey(b.key, c.id)) ?? 0,
        dissents: dissentCount.get(cellKey(b.key, c.id)) ?? 0,
        flags: cell.flags,
        consensus: cell.basis === 'consensus',
        final: cell.final,
        basis: cell.basis,
      };
    }),
  }));
  const cells = criteria.flatMap((c) => c.cells);
  return {
    criteria,
    counts: { cells: cells.length, flagged: cells.filter((c) => c.flags.length > 0).length, flaggedAgreed: cells.filter((c) => c.flags.length > 0 && c.consensus).length, agreed: cells.filter((c) => c.consensus).length },
    members: members.map((m) => ({ key: m.key, name: m.name, perspective: perspectiveOf(m), submitted: submitted.get(m.id) ?? 0, withdrawn: m.withdrawn_at !== null })),
  };
}

export interface CellRef {
  bid: BidRow;
  criterion: PreparedCriterion;
}

/** The bid and criterion named in the address, if both belong to the tender (withdrawn bids do not). */
export async function findCell(db: Db, tender: TenderRow, bidKey: string, criterionId: string): Promise<CellRef | null> {
  const criterion = rubricOfTender(tender).criteria.find((c) => c.id === criterionId);
  const bid = await tenderRepository.findBid(db, tender.id, bidKey);
  return criterion && bid && bid.withdrawn === 0 ? { bid, criterion } : null;
}

/**
 * The order in which the panel's reasons are read at moderation: one from each perspective in turn,
 * starting with lived experience (L1, P1, L2, P2, …, then the rest of the larger group), each
 * perspective's members in the panel's order. No group's reasons are read as a block before the
 * other's; lived experience goes first because it is the voice a meeting of mostly professionals
 * is most likely to hear last.
 */
export const READING_ORDER: readonly Perspective[] = ['lived-experience', 'professional'];

/** Lists taken one item from each in turn, then what is left of the longer ones. */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

/** Text compared for sameness: trimmed, in lower case, with every run of white space as one space. */
export const normalised = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** One bid × criterion: every member's score and reason by perspective, the flags, the aggregate and the consensus. */
export async function moderationCell(db: Db, tender: TenderRow, { bid, criterion }: CellRef) {
  const [members, scores, assigned, responses, consensus, history, reopenings, dissents] = await Promise.all([
    panelRepository.members(db, tender.id),
    moderationRepository.cellScores(db, bid.id, criterion.id),
    moderationRepository.assignedTo(db, bid.id, criterion.id),
    tenderRepository.bidResponses(db, bid.id),
    moderationRepository.currentConsensus(db, bid.id, criterion.id),
    moderationRepository.consensusHistory(db, bid.id, criterion.id),
    moderationRepository.reopeningsOfCell(db, bid.id, criterion.id),
    moderationRepository.dissents(db, tender.id, { bidId: bid.id, criterion: criterion.id }),
  ]);
  const memberById = new Map(members.map((m) => [m.id, m]));
  // Scores of a member withdrawn from the panel stay on the page, marked, but are not counted.
  const submitted: IndividualScore[] = scores
    .filter((s) => s.status === 'submitted' && memberById.get(s.memberId)?.withdrawn_at === null)
    .map((s) => ({ member: s.member, perspective: perspectiveOf(memberById.get(s.memberId)), score: s.abstain ? 'abstain' : s.score! }));
  const rubric = rubricOfTender(tender);
  const aggregation = tender.aggregation as Parameters<typeof finalScore>[1];
  // Everyone assigned to score this cell, and anyone else who has a score for it.
  const involved = members.filter((m) => assigned.includes(m.id) || scores.some((s) => s.memberId === m.id));
  const groups = READING_ORDER.map((perspective) => ({
    perspective,
    mean: finalScore(submitted.filter((s) => s.perspective === perspective), 'mean'),
    members: involved.filter((m) => perspectiveOf(m) === perspective).map((m) => ({ member: m, perspective, score: scores.find((s) => s.memberId === m.id) ?? null })),
  })).filter((g) => g.members.length > 0);
  return {
    rubric: rubric.rubric,
    scale: rubric.rubric.scale,
    response: responses.find((r) => r.criterion === criterion.id)?.response ?? null,
    members,
    groups,
    /** Every involved member's score and reason, in READING_ORDER. */
    reasons: interleave(groups.map((g) => g.members)),
    flags: disagreement(submitted, rubric.rubric.scale),
    panelScore: finalScore(submitted, aggregation),
    final: finalScore(submitted, aggregation, consensus?.score),
    consensus: consensus ?? null,
    history,
    reopenings,
    dissents,
  };
}

export interface ConsensusInput {
  score: number;
  rationale: string;
  attendees: string[];
  replaces: string;
}

export const attendeesOf = (row: ConsensusRow | { attendees: string }): string[] => JSON.parse(row.attendees) as string[];

/** Why the consensus cannot be recorded as given, if anything stops it. */
async function consensusProblems(db: Db, tender: TenderRow, { bid, criterion }: CellRef, input: ConsensusInput): Promise<Problem[]> {
  const problems: Problem[] = [];
  const { scale } = rubricOfTender(tender).rubric;
  if (!scale.points.some((p) => p.score === input.score)) problems.push({ field: 'score', text: `Choose a score from ${scale.min} to ${scale.max}` });
  const panel = await panelRepository.members(db, tender.id);
  const members = new Map(panel.map((m) => [m.key, m]));
  // Only members still on the panel can have attended (a withdrawn member's scores are not counted).
  const onPanel = new Map(panel.filter((m) => m.withdrawn_at === null).map((m) => [m.key, m]));
  // The rationale is the panel's own: not a member's submitted reason copied in.
  const copied = (await moderationRepository.cellScores(db, bid.id, criterion.id)).find(
    (s) => s.status === 'submitted' && normalised(s.rationale) === normalised(input.rationale),
  );
  if (copied) {
    const name = [...members.values()].find((m) => m.key === copied.member)?.name ?? copied.member;
    problems.push({
      field: 'rationale',
      text: `The reason is the same as ${name}’s reason for their own score. Write why the panel as a whole agreed this score, in its own words`,
    });
  }
  if (input.attendees.some((k) => !onPanel.has(k))) problems.push({ field: 'attendees', text: 'Choose who attended from the list of panel members' });
  else if (criterion.coProduction && !input.attendees.some((k) => onPanel.get(k)?.perspective === 'lived-experience')) {
    problems.push({
      field: 'attendees',
      text: `“${criterion.title}” is the co-production criterion: it cannot be moderated without at least one panel member with lived experience attending. Tick who attended, or moderate it when someone with lived experience can be there`,
    });
  }
  return problems;
}

/** Records the consensus score of one bid and criterion, keeping any earlier one in the history. */
export async function recordConsensus(db: Db, actor: Actor, tender: TenderRow, cell: CellRef, input: ConsensusInput, now: Date): Promise<Outcome> {
  if (!canModerate(actor, tender)) throw new Error('only a commissioner or facilitator records a consensus score');
  const attendees = [...new Set(input.attendees)].sort();
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<Outcome> => {
    assertCanModerate(await tenderRepository.findByReference(trx, tender.reference), 'Consensus scores');
    // Checked on the panel as it stands inside the transaction: a member withdrawn meanwhile cannot attend.
    const problems = await consensusProblems(trx, tender, cell, input);
    if (problems.length > 0) return { ok: false, problems };
    const current = await moderationRepository.currentConsensus(trx, cell.bid.id, cell.criterion.id);
    if (input.replaces !== String(current?.id ?? 'none')) {
      const text = 'Someone else recorded a consensus score for this while you were writing yours. Read it on this page, then record yours again if it should change';
      return { ok: false, conflict: true, problems: [{ field: 'score', text }] };
    }
    const at = now.toISOString();
    const by = actorLabel(actor);
    await moderationRepository.recordConsensus(
      trx,
      { tenderId: tender.id, bidId: cell.bid.id, criterion: cell.criterion.id, score: input.score, rationale: input.rationale, attendees, recordedBy: by, recordedAt: at },
      current,
    );
    const previous = current ? { score: current.score, rationale: current.rationale, attendees: attendeesOf(current), recordedBy: current.recorded_by, recordedAt: current.recorded_at } : null;
    await recordEvent(
      trx,
      { actor: by, action: 'consensus.recorded', tender: tender.reference, detail: { bid: cell.bid.key, criterion: cell.criterion.id, previous, score: input.score, rationale: input.rationale, attendees } },
      now,
    );
    return { ok: true, count: 1 };
  });
}

export const cellValue = (bid: string, criterion: string): string => `${bid}:${criterion}`;

/** A member's submitted scores, which may be re-opened. */
export async function reopenChoices(db: Db, member: MemberRow) {
  return moderationRepository.submittedOfMember(db, member.id);
}

export interface ReopenInput {
  /** `bid:criterion` values, or "all". */
  cells: string[];
  reason: string;
}

/** Sends one member's chosen submitted scores back to draft, with the reason; no one else's change. */
export async function reopenScores(db: Db, actor: Actor, tender: TenderRow, member: MemberRow, input: ReopenInput, now: Date): Promise<Outcome> {
  if (!canModerate(actor, tender) || member.tender_id !== tender.id) throw new Error('only a commissioner or facilitator re-opens a member’s scores of this tender');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<Outcome> => {
    assertCanModerate(await tenderRepository.findByReference(trx, tender.reference), 'Panel members’ scores');
    if ((await panelRepository.findById(trx, member.id))?.withdrawn_at !== null) {
      return { ok: false, problems: [{ field: 'cells', text: `${member.name} has been withdrawn from the panel, so their scores cannot be re-opened` }] };
    }
    const submitted = await moderationRepository.submittedOfMember(trx, member.id);
    const all = input.cells.includes('all');
    const known = new Set(submitted.map((s) => cellValue(s.bid, s.criterion)));
    if (!all && input.cells.some((c) => !known.has(c))) return { ok: false, problems: [{ field: 'cells', text: 'Choose scores from the list: some of those chosen are not submitted scores of this member' }] };
    const chosen = all ? submitted : submitted.filter((s) => input.cells.includes(cellValue(s.bid, s.criterion)));
    if (chosen.length === 0) return { ok: false, problems: [{ field: 'cells', text: `${member.name} has no submitted scores to re-open` }] };
    const at = now.toISOString();
    const by = actorLabel(actor);
    await moderationRepository.reopen(
      trx,
      chosen.map((s) => s.id),
      chosen.map((s) => ({ tender_id: tender.id, member_id: member.id, bid_id: s.bidId, criterion: s.criterion, score: s.score, abstain: s.abstain, rationale: s.rationale, version: s.version, reason: input.reason, reopened_by: by, reopened_at: at })),
      at,
    );
    const cells = chosen.map((s) => ({ bid: s.bid, criterion: s.criterion, score: s.abstain ? 'abstain' : s.score, version: s.version }));
    await recordEvent(trx, { actor: by, action: 'scores.reopened', tender: tender.reference, detail: { member: member.key, reason: input.reason, cells } }, now);
    return { ok: true, count: chosen.length };
  });
}
