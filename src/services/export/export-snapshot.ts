// What one export reads, taken in one transaction together with its audit event (the export's
// only write), so the figures, the bounds of the long sheets and the recorded event agree.
// The long sheets (Scores, Audit) are then read in pages up to the bounds fixed here, never all
// at once. Audit events are append-only, so that page is exactly the snapshot; a score changed
// while a long download is under way (possible only before finalising) shows its new text.
import type { Db } from '../../data/database';
import { moderationRepository, type DissentRecord } from '../../data/moderation-repository';
import { panelRepository } from '../../data/panel-repository';
import { readinessRepository, type StageOverrideRow } from '../../data/readiness-repository';
import type { BidRow, ConsensusRow, MemberRow, TenderRow } from '../../data/schema';
import { scoreRepository } from '../../data/score-repository';
import { tenderRepository } from '../../data/tender-repository';
import { writeTransaction } from '../../data/write-transaction';
import { scoreTender, type PreparedRubric, type TenderResult } from '../../engine';
import { appendEvent } from '../audit';
import { exportRepository, type Involvement } from '../../data/export-repository';
import { engineInput } from './engine-input';
import { involvementOf } from './involvement-rows';

/** The procurement copy names organisations and shows prices; the panel copy does neither. */
export const EXPORT_COPIES = ['procurement', 'panel'] as const;
export type ExportCopy = (typeof EXPORT_COPIES)[number];

export interface ExportSnapshot {
  tender: TenderRow;
  copy: ExportCopy;
  rubric: PreparedRubric;
  aggregation: string;
  result: TenderResult;
  /** Every bid, withdrawn ones too, by key. */
  bids: BidRow[];
  members: MemberRow[];
  assigned: Map<number, { criteria: number; bids: number }>;
  submitted: Map<number, number>;
  involvement: Map<number, Involvement>;
  consensus: (ConsensusRow & { bid: string })[];
  /** Consensus scores replaced by later ones, and scores re-opened in moderation. */
  replaced: Awaited<ReturnType<typeof exportRepository.consensusHistory>>;
  reopened: Awaited<ReturnType<typeof exportRepository.reopenings>>;
  /** Members' dissents from consensus scores, oldest first. */
  dissents: DissentRecord[];
  /** Stage changes made with items outstanding, with the commissioner's reasons. */
  overrides: StageOverrideRow[];
  exportedAt: Date;
  exportedBy: string;
  scores: { maxId: number; count: number };
  /** The export's own event: the head of the tender's chain, its number in the whole trail and in the chain. */
  chain: { head: string; seq: number; chainSeq: number };
}

export interface ExportRequest {
  copy: ExportCopy;
  /** The audit label of who exports (actorLabel). */
  actor: string;
  now: Date;
}

async function assignments(db: Db, tenderId: number): Promise<Map<number, { criteria: number; bids: number }>> {
  const [criteria, bids] = await Promise.all([panelRepository.criteriaOf(db, tenderId), panelRepository.bidsOf(db, tenderId)]);
  const counts = new Map<number, { criteria: number; bids: number }>();
  const of = (member: number) => counts.get(member) ?? counts.set(member, { criteria: 0, bids: 0 }).get(member)!;
  criteria.forEach((c) => (of(c.member).criteria += 1));
  bids.filter((b) => b.withdrawn === 0).forEach((b) => (of(b.member).bids += 1));
  return counts;
}

/** Reads the tender for export and records `tender.exported`; null when there is no such tender. */
export async function takeSnapshot(db: Db, reference: string, request: ExportRequest): Promise<ExportSnapshot | null> {
  const found = await tenderRepository.findByReference(db, reference);
  if (!found) return null;
  // The tender's lock, taken alone: no write under the tender runs meanwhile, so every read below sees the tender at one moment.
  return writeTransaction(db, [{ tender: found.id }], async (trx) => {
    const tender = await tenderRepository.findById(trx, found.id);
    if (!tender) return null;
    const [bids, members, assigned, involvement, consensus, replaced, reopened, dissents, scores, submittedScores, overrides] = await Promise.all([
      tenderRepository.bids(trx, tender.id),
      panelRepository.members(trx, tender.id),
      assignments(trx, tender.id),
      involvementOf(trx, tender.id),
      scoreRepository.consensus(trx, tender.id),
      exportRepository.consensusHistory(trx, tender.id),
      exportRepository.reopenings(trx, tender.id),
      moderationRepository.dissents(trx, tender.id),
      exportRepository.scoreBounds(trx, tender.id, request.copy === 'panel'),
      scoreRepository.submittedTuples(trx, tender.id),
      readinessRepository.stageOverrides(trx, tender.id),
    ]);
    const input = engineInput({ tender, bids, members, consensus, scores: submittedScores });
    const result = scoreTender(input);
    const appended = await appendEvent(
      trx,
      { actor: request.actor, action: 'tender.exported', tender: tender.reference, detail: { copy: request.copy, format: 'xlsx', scores: scores.count } },
      request.now,
    );
    // Submitted scores per member, counted from the scores the engine was given rather than read again.
    const submitted = new Map(members.map((m): [number, number] => [m.id, 0]));
    for (const [member] of submittedScores) if (submitted.has(member)) submitted.set(member, submitted.get(member)! + 1);
    return {
      tender,
      copy: request.copy,
      rubric: input.rubric,
      aggregation: input.aggregation,
      result,
      bids,
      members,
      assigned,
      submitted,
      involvement,
      consensus,
      replaced,
      reopened,
      dissents,
      overrides,
      exportedAt: request.now,
      exportedBy: request.actor,
      scores,
      chain: { head: appended.hash, seq: appended.seq, chainSeq: appended.chainSeq },
    };
  });
}
