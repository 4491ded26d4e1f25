// The messages of a tender for staff: who was sent what, when, and whether it arrived; re-sending
// one; and a letter's words for printing. Commissioners and facilitators who can see the tender.
import type { Db } from '../../data/database';
import { invitationRepository } from '../../data/invitation-repository';
import { messageRepository, type MessageWithMember } from '../../data/message-repository';
import { panelRepository } from '../../data/panel-repository';
import type { TenderRow } from '../../data/schema';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';
import { channelFor, compose, deliver, emailNewLink, messagesStopped, type Delivery, type MessageDetail, type Messaging, type NewLinkEmailed } from './messages';
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

export type Resent = Delivery | NewLinkEmailed;

/**
 * Sends a message again, as things stand now, by the member's channel now. An invitation's link is
 * never kept, so re-sending an invitation makes a new link (which stops the earlier one), and only
 * when the member gets email now: otherwise nothing is made (by-post) and staff make a link or a
 * letter on the member's invitation page.
 */
export async function resendMessage(m: Messaging, actor: Actor, tender: TenderRow, message: MessageWithMember, now: () => Date): Promise<Resent> {
  const member = await panelRepository.findById(m.db, message.member_id);
  if (!member || member.tender_id !== tender.id || (await messagesStopped(m.db, member))) return { ok: false, reason: 'stopped' };
  const by = actorLabel(actor);
  const detail = JSON.parse(message.detail) as MessageDetail;
  if (detail.kind === 'invitation') return emailNewLink(m, tender, member, by, now, message.id);
  return deliver(m, tender, member, detail, by, now, { resendOf: message.id });
}

/** What staff can do with a message now: send it again (an email), and for an invitation that cannot be emailed now, make a link on the member's page. */
export interface MessageActions {
  resend: boolean;
  newLinkOnInvitationPage: boolean;
}

/** Each message's actions, as the member's channel and link stand now. */
export async function messageActions(m: Messaging, tender: TenderRow, messages: readonly MessageWithMember[]): Promise<Map<number, MessageActions>> {
  const members = await panelRepository.members(m.db, tender.id);
  const open = new Map<number, { byEmail: boolean }>();
  for (const member of members) {
    if (!(await messagesStopped(m.db, member))) open.set(member.id, { byEmail: channelFor(m, member).channel === 'email' });
  }
  return new Map(
    messages.map((message) => {
      const member = open.get(message.member_id);
      const emailRow = message.channel === 'email' && message.status !== 'sending';
      const invitation = message.kind === 'invitation';
      return [message.id, { resend: member !== undefined && emailRow && (!invitation || member.byEmail), newLinkOnInvitationPage: member !== undefined && emailRow && invitation && !member.byEmail }];
    }),
  );
}

/** Whether the member has a link that works now (a posted outcome letter needs one to be of use). */
export const hasWorkingLink = async (db: Db, memberId: number, now: Date): Promise<boolean> => (await invitationRepository.working(db, memberId, now.toISOString())) !== undefined;

/** A letter's words (any message but an invitation, whose link is not kept). */
export async function letterOf(m: Messaging, tender: TenderRow, message: MessageWithMember): Promise<MessageText | null> {
  const member = await panelRepository.findById(m.db, message.member_id);
  const detail = JSON.parse(message.detail) as MessageDetail;
  return member && detail.kind !== 'invitation' ? compose(m, tender, member, detail) : null;
}
