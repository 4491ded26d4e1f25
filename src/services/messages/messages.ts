// Messages to panel members: the invitation, a reminder before scoring closes, a note when
// moderation re-opens their scores, and the outcome. Each goes by email when SMTP is set up and
// the member has an email address and did not ask for post; otherwise it is a printable letter
// (the invitation letter is made with the invitation link, not here). Every message is recorded:
// what, to which member, when, and whether it was delivered (or the mail server's error), so it
// can be re-sent. A member whose link was stopped (or who was withdrawn) gets nothing.
//
// Sending never holds a transaction open: the attempt is recorded (with its audit event) in one
// transaction, the mail server is asked outside any transaction, and the outcome is recorded in a
// second one.
import { z } from 'zod';
import type { Db } from '../../data/database';
import { invitationRepository } from '../../data/invitation-repository';
import { messageRepository } from '../../data/message-repository';
import { panelRepository } from '../../data/panel-repository';
import type { MemberRow, MessageRow, TenderRow } from '../../data/schema';
import { writeTransaction } from '../../data/write-transaction';
import { recordEvent } from '../audit';
import { outcomeFacts } from '../outcome/outcome-facts';
import type { Mailer } from './mailer';
import { invitationMessage, mailText, outcomeMessage, reminderMessage, reopenedMessage, type Addressee, type MessageText } from './message-templates';

export interface Messaging {
  db: Db;
  /** Null when SMTP_URL is not set: every message is a letter. */
  mailer: Mailer | null;
  /** PUBLIC_URL, for the links in messages. */
  publicUrl: string;
  reminderDays: number;
}

export type MessageKind = MessageRow['kind'];

/** What a message is about, kept with it so it can be written again when re-sent. */
export type MessageDetail =
  | { kind: 'invitation'; expires: string }
  | { kind: 'reminder'; closesOn: string }
  | { kind: 'reopened'; count: number; reason: string }
  | { kind: 'outcome' };

const EMAIL = z.email();

/** The member's email address, if their contact details are one. */
export const emailOf = (member: MemberRow): string | null => (member.contact !== null && EMAIL.safeParse(member.contact.trim()).success ? member.contact.trim() : null);

const easyReadFor = (member: MemberRow): boolean => (JSON.parse(member.access_needs) as string[]).includes('easy-read');

/** By email when it can be; a letter for members who asked for post, have no email address, or when SMTP is not set up. */
export function channelFor(m: Messaging, member: MemberRow): { channel: 'email'; to: string } | { channel: 'letter' } {
  const to = emailOf(member);
  return m.mailer && to && member.prefers_post === 0 ? { channel: 'email', to } : { channel: 'letter' };
}

/** Withdrawn from the panel, or their link was stopped: no message. */
export async function messagesStopped(db: Db, member: MemberRow): Promise<boolean> {
  return member.withdrawn_at !== null || (await messageRepository.linkStopped(db, member.id));
}

async function addressee(db: Db, tender: TenderRow, member: MemberRow): Promise<Addressee> {
  const owner = await invitationRepository.tenderOfMember(db, member.id);
  return { memberName: member.name, tenderTitle: tender.title, contactName: owner?.owner_name ?? null, easyRead: easyReadFor(member) };
}

/** The words of a message, written from its detail as things stand; null when they cannot be (an invitation's link is never kept). */
export async function compose(m: Messaging, tender: TenderRow, member: MemberRow, detail: MessageDetail, link?: string): Promise<MessageText | null> {
  const a = await addressee(m.db, tender, member);
  const panelUrl = `${m.publicUrl}/panel`;
  switch (detail.kind) {
    case 'invitation':
      return link ? invitationMessage(a, { url: link, expires: detail.expires }) : null;
    case 'reminder':
      return reminderMessage(a, detail.closesOn, panelUrl);
    case 'reopened':
      return reopenedMessage(a, detail.count, detail.reason, panelUrl);
    case 'outcome': {
      const facts = await outcomeFacts(m.db, tender, member, m.publicUrl);
      return facts ? outcomeMessage(a, facts) : null;
    }
  }
}

export type Delivery = { ok: true; id: number; status: 'sent' | 'failed' | 'letter'; error: string | null } | { ok: false; reason: 'stopped' | 'unwritable' };

/**
 * Records the message and, by email, sends it: one transaction recording the attempt, the send
 * outside any transaction, one transaction recording what happened.
 */
export async function deliver(m: Messaging, tender: TenderRow, member: MemberRow, detail: MessageDetail, by: string, now: () => Date, options: { link?: string; resendOf?: number } = {}): Promise<Delivery> {
  const text = await compose(m, tender, member, detail, options.link);
  if (!text) return { ok: false, reason: 'unwritable' };
  const route = channelFor(m, member);
  const recorded = await writeTransaction(m.db, [{ tender: tender.id }], async (trx) => {
    const current = await panelRepository.findById(trx, member.id);
    if (!current || (await messagesStopped(trx, current))) return null;
    const at = now().toISOString();
    const id = await messageRepository.insert(trx, {
      tender_id: tender.id,
      member_id: member.id,
      kind: detail.kind,
      channel: route.channel,
      easy_read: easyReadFor(member) ? 1 : 0,
      to_address: route.channel === 'email' ? route.to : null,
      subject: text.subject,
      status: route.channel === 'email' ? 'sending' : 'letter',
      error: null,
      detail: JSON.stringify(detail),
      created_by: by,
      created_at: at,
      finished_at: null,
      resend_of: options.resendOf ?? null,
    });
    const event = { message: id, kind: detail.kind, member: member.key, channel: route.channel, ...(options.resendOf ? { resendOf: options.resendOf } : {}) };
    await recordEvent(trx, { actor: by, action: route.channel === 'email' ? 'message.sending' : 'message.letter', tender: tender.reference, detail: event }, now());
    return id;
  });
  if (recorded === null) return { ok: false, reason: 'stopped' };
  if (route.channel === 'letter' || !m.mailer) return { ok: true, id: recorded, status: 'letter', error: null };
  let error: string | null = null;
  try {
    await m.mailer.send({ to: route.to, subject: text.subject, text: mailText(text) });
  } catch (e) {
    error = (e as Error).message.slice(0, 500) || 'the mail server refused the message';
  }
  const status = error === null ? 'sent' : 'failed';
  await writeTransaction(m.db, [{ tender: tender.id }], async (trx) => {
    await messageRepository.finish(trx, recorded, status, error, now().toISOString());
    await recordEvent(trx, { actor: by, action: status === 'sent' ? 'message.sent' : 'message.failed', tender: tender.reference, detail: { message: recorded, kind: detail.kind, member: member.key, ...(error ? { error } : {}) } }, now());
  });
  return { ok: true, id: recorded, status, error };
}

/** Emails a new invitation link, when the member gets email; null when they do not (staff print or pass on the link). */
export async function sendInvitation(m: Messaging, tender: TenderRow, member: MemberRow, link: { url: string; expires: string }, by: string, now: () => Date, resendOf?: number): Promise<Delivery | null> {
  if (channelFor(m, member).channel !== 'email') return null;
  return deliver(m, tender, member, { kind: 'invitation', expires: link.expires }, by, now, { link: link.url, ...(resendOf ? { resendOf } : {}) });
}

/** After moderation re-opened a member's scores: a note saying how many, and why. */
export function sendReopenNote(m: Messaging, tender: TenderRow, member: MemberRow, count: number, reason: string, by: string, now: () => Date): Promise<Delivery> {
  return deliver(m, tender, member, { kind: 'reopened', count, reason }, by, now);
}

export interface Tally {
  sent: number;
  failed: number;
  letters: number;
  skipped: number;
}

export const tallyOf = (deliveries: Delivery[]): Tally => ({
  sent: deliveries.filter((d) => d.ok && d.status === 'sent').length,
  failed: deliveries.filter((d) => d.ok && d.status === 'failed').length,
  letters: deliveries.filter((d) => d.ok && d.status === 'letter').length,
  skipped: deliveries.filter((d) => !d.ok).length,
});

/** The outcome to every member on the panel whose link was not stopped, one after another. */
export async function sendOutcomeMessages(m: Messaging, tender: TenderRow, by: string, now: () => Date): Promise<Tally> {
  const deliveries: Delivery[] = [];
  for (const member of await panelRepository.members(m.db, tender.id)) {
    deliveries.push(await deliver(m, tender, member, { kind: 'outcome' }, by, now));
  }
  return tallyOf(deliveries);
}
