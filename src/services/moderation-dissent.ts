// Dissent from a consensus score: a panel member who attended the moderation of a bid and
// criterion and does not agree with the score the meeting recorded says so, in their own words.
//
// - Who enters it: the commissioner or facilitator chairing the meeting (canModerate), on the bid
//   and criterion's moderation page, choosing the member from those recorded as attending the
//   current consensus score. The dissent is the member's; the chair only writes it down, as they
//   write down the consensus score.
// - When: only while the tender is at moderation (the meeting's stage), and only once a consensus
//   score is recorded. Finalising closes it, as it closes every other part of moderation.
// - What is kept: the member, the consensus score the dissent is from (a later consensus score may
//   replace it; the dissent stays, marked as being from the earlier one), the reason, who wrote it
//   down and when. The audit event names the member by key; the reason stays in the table.
import type { Db } from '../data/database';
import { moderationRepository } from '../data/moderation-repository';
import { panelRepository } from '../data/panel-repository';
import type { TenderRow } from '../data/schema';
import { writeTransaction } from '../data/write-transaction';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { attendeesOf, canModerate, type CellRef, type Outcome } from './moderation';
import { currentTender, TenderLockedError } from './tender-rules';

export interface DissentInput {
  /** The member's key. */
  member: string;
  reason: string;
  /** The id of the consensus score the form was showing, to notice one recorded meanwhile. */
  consensus: string;
}

const NOT_AT_MODERATION: Record<string, string> = {
  draft: 'scoring has not opened, so there is no consensus score to disagree with',
  scoring: 'the tender is still at scoring. Dissents are recorded at the moderation meeting, once the tender has moved on to moderation',
  finalised: 'the tender is finalised, so the moderation record cannot change',
};

/** Dissents are recorded only at moderation (the tender is read again inside the write). */
export function assertCanRecordDissent(tender: TenderRow): void {
  if (tender.state !== 'moderation') throw new TenderLockedError(`A dissent cannot be recorded now: ${NOT_AT_MODERATION[tender.state] ?? 'the tender is not at moderation'}`);
}

/** Whether a dissent was recorded against the consensus score now in force (not an earlier one). */
export const isAgainst = (dissent: { consensusScore: number; recordedAt: string }, consensus: { score: number; recorded_at: string } | null | undefined): boolean =>
  !!consensus && dissent.consensusScore === consensus.score && dissent.recordedAt >= consensus.recorded_at;

/** Records one attending member's dissent from the current consensus score of a bid and criterion. */
export async function recordDissent(db: Db, actor: Actor, tender: TenderRow, cell: CellRef, input: DissentInput, now: Date): Promise<Outcome> {
  if (!canModerate(actor, tender)) throw new Error('only a commissioner or facilitator records a dissent');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<Outcome> => {
    assertCanRecordDissent(await currentTender(trx, tender));
    const consensus = await moderationRepository.currentConsensus(trx, cell.bid.id, cell.criterion.id);
    if (!consensus) return { ok: false, problems: [{ field: 'member', text: 'There is no consensus score for this bid and criterion yet, so there is nothing to disagree with' }] };
    if (input.consensus !== String(consensus.id)) {
      const text = 'The consensus score changed while you were writing the dissent. Read the new consensus score on this page, then record the dissent again if the member still disagrees';
      return { ok: false, conflict: true, problems: [{ field: 'member', text }] };
    }
    const member = (await panelRepository.members(trx, tender.id)).find((m) => m.key === input.member);
    if (!member || !attendeesOf(consensus).includes(member.key)) {
      return { ok: false, problems: [{ field: 'member', text: 'Choose the member who disagrees from those who attended: only a member who attended the moderation of this score can record a dissent' }] };
    }
    const earlier = await moderationRepository.dissents(trx, tender.id, { bidId: cell.bid.id, criterion: cell.criterion.id });
    if (earlier.some((d) => d.member === member.key && isAgainst(d, consensus))) {
      return { ok: false, problems: [{ field: 'member', text: `${member.name}’s dissent from this consensus score is already recorded: it is shown on this page` }] };
    }
    const at = now.toISOString();
    const by = actorLabel(actor);
    await moderationRepository.recordDissent(trx, {
      tenderId: tender.id,
      bidId: cell.bid.id,
      criterion: cell.criterion.id,
      memberId: member.id,
      consensusScore: consensus.score,
      reason: input.reason,
      recordedBy: by,
      recordedAt: at,
    });
    await recordEvent(
      trx,
      { actor: by, action: 'moderation.dissent-recorded', tender: tender.reference, detail: { member: member.key, bid: cell.bid.key, criterion: cell.criterion.id, consensusScore: consensus.score } },
      now,
    );
    return { ok: true, count: 1 };
  });
}
