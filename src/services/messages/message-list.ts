// The messages of a tender for staff: who was sent what, when, and whether it arrived; re-sending
// one; and a letter's words for printing. Commissioners and facilitators who can see the tender.
import type { Db } from '../../data/database';
import { messageRepository, type MessageWithMember } from '../../data/message-repository';
import { panelRepository } from '../../data/panel-repository';
import type { TenderRow } from '../../data/schema';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';
import { issueInvitationAs } from '../invitations';
import { ukDateText } from '../uk-dates';
import { compose, deliver, messagesStopped, sendInvitation, type Delivery, type MessageDetail, type Messaging } from './messages';
import type { MessageText } from './message-templates';

export const canSeeMessages = (actor: Actor, tender: TenderRow): boolean =>
  actor.kind === 'staff' && (actor.role === 'commissioner' || actor.role === 'facilitator') && canSeeTender(actor, tender);

export const KIND_TEXT: Record<MessageWithMember['kind'], string> = {
  invitation: 'Invitation',
  reminder: 'Reminder to send scores',
  reopened: 'Scores re-opened',
  outcome: 'What happened',
};

export const listMessages = (db: Db, tender: TenderRow): Promise<MessageWithMember[]> => messageRepository.ofTender(db, tender.id);

export const findMessage = (db: Db, tender: TenderRow, id: number): Promise<MessageWithMember | undefined> => messageRepository.find(db, tender.id, id);

export type Resent = Delivery | { ok: false; reason: 'finalised' };

/**
 * Sends a message again, as things stand now, by the member's channel now. An invitation's link is
 * never kept, so re-sending an invitation makes a new link (which stops the earlier one).
 */
export async function resendMessage(m: Messaging, actor: Actor, tender: TenderRow, message: MessageWithMember, publicUrl: string, now: () => Date): Promise<Resent> {
  const member = await panelRepository.findById(m.db, message.member_id);
  if (!member || (await messagesStopped(m.db, member))) return { ok: false, reason: 'stopped' };
  const by = actorLabel(actor);
  const detail = JSON.parse(message.detail) as MessageDetail;
  if (detail.kind === 'invitation') {
    if (tender.state === 'finalised') return { ok: false, reason: 'finalised' };
    const link = await issueInvitationAs(m.db, actor, tender, member.key, now());
    if (!link) return { ok: false, reason: 'stopped' };
    const sent = await sendInvitation(m, tender, member, { url: `${publicUrl}${link.path}`, expires: ukDateText(link.expiresAt) }, by, now, message.id);
    return sent ?? { ok: false, reason: 'unwritable' };
  }
  return deliver(m, tender, member, detail, by, now, { resendOf: message.id });
}

/** A letter's words (any message but an invitation, whose link is not kept). */
export async function letterOf(m: Messaging, tender: TenderRow, message: MessageWithMember): Promise<MessageText | null> {
  const member = await panelRepository.findById(m.db, message.member_id);
  const detail = JSON.parse(message.detail) as MessageDetail;
  return member && detail.kind !== 'invitation' ? compose(m, tender, member, detail) : null;
}
