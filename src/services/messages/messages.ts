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
import { prepareCode, writeLink, type IssuedLink } from '../invitations';
import { currentTender } from '../tender-rules';
import { ukDateText } from '../uk-dates';
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
  // newLinkExpires: the email carried a new link (the member had none that worked), until this day.
  | { kind: 'outcome'; newLinkExpires?: string };

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
      return link ? invitationMessage(a, { url: link, expires: detail.expires }, tender.state === 'finalised') : null;
    case 'reminder':
      return reminderMessage(a, detail.closesOn, panelUrl);
    case 'reopened':
      return reopenedMessage(a, detail.count, detail.reason, panelUrl);
    case 'outcome': {
      const facts = await outcomeFacts(m.db, tender, member, m.publicUrl);
      if (!facts) return null;
      const expires = detail.newLinkExpires;
      return outcomeMessage(a, facts, link && expires ? { url: link, expires } : null);
    }
  }
}

export type Delivery =
  | { ok: true; id: number; status: 'sent' | 'failed' | 'letter'; error: string | null }
  // by-post: an invitation cannot be emailed now (staff print it); already: the reminder was sent.
  | { ok: false; reason: 'stopped' | 'unwritable' | 'by-post' | 'already' };

type Route = ReturnType<typeof channelFor>;

/** Records the attempt with its audit event, in the caller's transaction. */
async function recordAttempt(trx: Db, tender: TenderRow, member: MemberRow, detail: MessageDetail, text: MessageText, route: Route, by: string, now: Date, resendOf?: number): Promise<number> {
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
    created_at: now.toISOString(),
    finished_at: null,
    resend_of: resendOf ?? null,
  });
  const event = { message: id, kind: detail.kind, member: member.key, channel: route.channel, ...(resendOf ? { resendOf } : {}) };
  await recordEvent(trx, { actor: by, action: route.channel === 'email' ? 'message.sending' : 'message.letter', tender: tender.reference, detail: event }, now);
  return id;
}

/** Hands a recorded email to the mail server (outside any transaction), then records what happened. */
async function sendRecorded(m: Messaging, tender: TenderRow, member: MemberRow, kind: MessageKind, id: number, route: Route, text: MessageText, by: string, now: () => Date): Promise<Delivery> {
  if (route.channel === 'letter' || !m.mailer) return { ok: true, id, status: 'letter', error: null };
  let error: string | null = null;
  try {
    await m.mailer.send({ to: route.to, subject: text.subject, text: mailText(text) });
  } catch (e) {
    error = (e as Error).message.slice(0, 500) || 'the mail server refused the message';
  }
  const status = error === null ? 'sent' : 'failed';
  await writeTransaction(m.db, [{ tender: tender.id }], async (trx) => {
    await messageRepository.finish(trx, id, status, error, now().toISOString());
    await recordEvent(trx, { actor: by, action: status === 'sent' ? 'message.sent' : 'message.failed', tender: tender.reference, detail: { message: id, kind, member: member.key, ...(error ? { error } : {}) } }, now());
  });
  return { ok: true, id, status, error };
}

/**
 * Records the message and, by email, sends it: one transaction recording the attempt (the member,
 * the tender and, for a reminder, whether it was already sent, re-read inside it), the send outside
 * any transaction, one transaction recording what happened. An emailed outcome to a member who has
 * no working link (it expired, or none was made) carries a new one, made in the same transaction.
 */
export async function deliver(m: Messaging, tender: TenderRow, member: MemberRow, detail: MessageDetail, by: string, now: () => Date, options: { link?: string; resendOf?: number } = {}): Promise<Delivery> {
  // The new link's code is hashed (slowly) before the transaction when it looks to be needed.
  const wantsLink = detail.kind === 'outcome' && channelFor(m, member).channel === 'email' && !(await invitationRepository.working(m.db, member.id, now().toISOString()));
  const prepared = wantsLink ? await prepareCode() : null;
  const recorded = await writeTransaction(m.db, [{ tender: tender.id }], async (trx) => {
    const current = await panelRepository.findById(trx, member.id);
    if (!current || (await messagesStopped(trx, current))) return 'stopped' as const;
    // Two runs at once take turns here: the second finds the first's reminder and sends nothing.
    if (detail.kind === 'reminder' && options.resendOf === undefined && (await messageRepository.remindedFor(trx, member.id, detail.closesOn))) return 'already' as const;
    const state = await currentTender(trx, tender);
    const route = channelFor(m, current);
    let link = options.link;
    let written: MessageDetail = detail.kind === 'outcome' ? { kind: 'outcome' } : detail;
    if (detail.kind === 'outcome' && route.channel === 'email' && !(await invitationRepository.working(trx, current.id, now().toISOString()))) {
      const made = await writeLink(trx, state, current, prepared ?? (await prepareCode()), by, now());
      link = `${m.publicUrl}${made.path}`;
      written = { kind: 'outcome', newLinkExpires: ukDateText(made.expiresAt) };
    }
    const text = await compose({ ...m, db: trx }, state, current, written, link);
    if (!text) return 'unwritable' as const;
    const id = await recordAttempt(trx, state, current, written, text, route, by, now(), options.resendOf);
    return { id, route, text, current };
  });
  if (typeof recorded === 'string') return { ok: false, reason: recorded };
  return sendRecorded(m, tender, recorded.current, detail.kind, recorded.id, recorded.route, recorded.text, by, now);
}

/** Emails a new invitation link, when the member gets email; null when they do not (staff print or pass on the link). */
export async function sendInvitation(m: Messaging, tender: TenderRow, member: MemberRow, link: { url: string; expires: string }, by: string, now: () => Date, resendOf?: number): Promise<Delivery | null> {
  if (channelFor(m, member).channel !== 'email') return null;
  return deliver(m, tender, member, { kind: 'invitation', expires: link.expires }, by, now, { link: link.url, ...(resendOf ? { resendOf } : {}) });
}

export type NewLinkEmailed = Delivery & ({ ok: true; link: IssuedLink } | { ok: false });

/**
 * An invitation sent again: a new link (stopping the older one) and the email carrying it, made in
 * one transaction with their audit events, and only when the member gets email now (asked for
 * post, no email address, or SMTP not set up: nothing is made, by-post). Then the email is sent.
 * The link is returned so staff can be shown it when the mail server does not take the email.
 */
export async function emailNewLink(m: Messaging, tender: TenderRow, member: MemberRow, by: string, now: () => Date, resendOf?: number): Promise<NewLinkEmailed> {
  if (channelFor(m, member).channel !== 'email') return { ok: false, reason: 'by-post' };
  const prepared = await prepareCode();
  const recorded = await writeTransaction(m.db, [{ tender: tender.id }], async (trx) => {
    const current = await panelRepository.findById(trx, member.id);
    if (!current || (await messagesStopped(trx, current))) return 'stopped' as const;
    const route = channelFor(m, current);
    if (route.channel !== 'email') return 'by-post' as const;
    const state = await currentTender(trx, tender);
    const link = await writeLink(trx, state, current, prepared, by, now());
    const detail: MessageDetail = { kind: 'invitation', expires: ukDateText(link.expiresAt) };
    const text = (await compose({ ...m, db: trx }, state, current, detail, `${m.publicUrl}${link.path}`))!;
    const id = await recordAttempt(trx, state, current, detail, text, route, by, now(), resendOf);
    return { id, route, text, current, link };
  });
  if (typeof recorded === 'string') return { ok: false, reason: recorded };
  const sent = await sendRecorded(m, tender, recorded.current, 'invitation', recorded.id, recorded.route, recorded.text, by, now);
  return sent.ok ? { ...sent, link: recorded.link } : sent;
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
