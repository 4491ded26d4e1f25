// Facilitator mode (engine rules §1): a facilitator may enter scores on a member's behalf, with their
// agreement, and never in their own name. Starting it is recorded in the audit trail.
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import { writeTransaction } from '../data/write-transaction';
import { canSeeTender } from './access';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';

/** The member of this tender a facilitator may enter scores with, or null. */
export async function supportableMember(db: Db, actor: Actor, tender: TenderRow, memberKey: string): Promise<MemberRow | null> {
  if (actor.kind !== 'staff' || actor.role !== 'facilitator' || !canSeeTender(actor, tender)) return null;
  const member = await panelRepository.findByKey(db, tender.id, memberKey);
  // A member withdrawn from the panel scores nothing more, with a facilitator or without.
  return member && member.withdrawn_at === null ? member : null;
}

/** Starts facilitator mode with a member, recorded in the audit trail; null when not allowed. */
export async function startSupporting(db: Db, actor: Actor, tender: TenderRow, memberKey: string, now: Date): Promise<MemberRow | null> {
  const member = await supportableMember(db, actor, tender, memberKey);
  if (!member) return null;
  await writeTransaction(db, [{ tender: tender.id }], (trx) =>
    recordEvent(trx, { actor: actorLabel(actor), action: 'facilitator.supporting', tender: tender.reference, detail: { member: member.key } }, now),
  );
  return member;
}
