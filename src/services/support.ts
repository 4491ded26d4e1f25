// Facilitator mode (engine rules §1): a facilitator may enter scores on a member's behalf, with their
// agreement, and never in their own name. Starting it is recorded in the audit trail. With a member
// withdrawn from the panel it serves only their payment: no scores, but the time they gave before is
// still paid, and the facilitator can help them claim it.
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import { writeTransaction } from '../data/write-transaction';
import { canSeeTender } from './access';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { isPaidMember } from './claims/claim-status';

/** What facilitator mode with this member is for: their scores, or (withdrawn from the panel) only their payment. */
export type SupportPurpose = 'scoring' | 'claim';

export const supportPurpose = (member: Pick<MemberRow, 'withdrawn_at'>): SupportPurpose => (member.withdrawn_at === null ? 'scoring' : 'claim');

/**
 * The member of this tender a facilitator may work with, or null: any member on the panel, and a
 * withdrawn one who is paid for their time (lived experience), for their claim.
 */
export async function supportableMember(db: Db, actor: Actor, tender: TenderRow, memberKey: string): Promise<MemberRow | null> {
  if (actor.kind !== 'staff' || actor.role !== 'facilitator' || !canSeeTender(actor, tender)) return null;
  const member = await panelRepository.findByKey(db, tender.id, memberKey);
  if (!member) return null;
  return supportPurpose(member) === 'scoring' || isPaidMember(member) ? member : null;
}

/** Starts facilitator mode with a member, recorded in the audit trail; null when not allowed. */
export async function startSupporting(db: Db, actor: Actor, tender: TenderRow, memberKey: string, now: Date): Promise<MemberRow | null> {
  const member = await supportableMember(db, actor, tender, memberKey);
  if (!member) return null;
  await writeTransaction(db, [{ tender: tender.id }], (trx) =>
    recordEvent(trx, { actor: actorLabel(actor), action: 'facilitator.supporting', tender: tender.reference, detail: { member: member.key, for: supportPurpose(member) } }, now),
  );
  return member;
}
