// Invitation links for panel members (engine rules §1; the README's "Quality bars"). A panel member has no account: a personal
// link signs them in. The link carries 32 random bytes (256 bits) in base64url; only the token's
// SHA-256 hash is stored, so finding a link by its hash is an exact index lookup and never a
// character-by-character comparison of secrets. A link works for 60 days, can be stopped, and
// making a new one stops the member's older ones. Every change is one transaction with its audit
// event; the token never goes into the audit trail. Each link also has a short code to type at
// /code (src/services/short-codes.ts), kept only as a slow hash on the link's own row, so the code
// works exactly as long as its link does.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../data/database';
import { invitationRepository, type InvitationRow } from '../data/invitation-repository';
import { panelRepository } from '../data/panel-repository';
import { scoringRepository } from '../data/scoring-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { writeTransaction } from '../data/write-transaction';
import { PERSPECTIVE_LABELS, type Perspective } from '../engine';
import { canSeeTender } from './access';
import { needsEasyRead } from './pack';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { isPaidMember } from './claims/claim-status';
import { hashShortCode, readTypedCode, newShortCode } from './short-codes';
import { TenderLockedError } from './tender-rules';

export const INVITATION_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding: 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const invitationPath = (token: string): string => `/invite/${token}`;
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export interface IssuedLink {
  key: string;
  name: string;
  path: string;
  /** The short code to type at /code, grouped for reading aloud: KQ4T-9WXM-7RBD. */
  code: string;
  expiresAt: Date;
}

export type IssueOutcome =
  | { ok: true; links: IssuedLink[] }
  | { ok: false; unknownTender: string }
  | { ok: false; unknownMembers: string[] }
  | { ok: false; withdrawnMembers: string[] };

/** Commissioners and facilitators who can see the tender invite its panel. */
export const canManageInvitations = (actor: Actor, tender: TenderRow): boolean =>
  actor.kind === 'staff' && (actor.role === 'commissioner' || actor.role === 'facilitator') && canSeeTender(actor, tender);

/** A short code and its slow hash, worked out before a transaction, which then holds no lock meanwhile. */
export interface PreparedCode {
  code: string;
  hash: string;
}

export async function prepareCode(): Promise<PreparedCode> {
  const code = newShortCode();
  return { code, hash: await hashShortCode(code) };
}

/**
 * Makes a new link for the member in the caller's transaction, with its audit event, stopping
 * their older ones. A member who withdrew from the panel can no longer take part, so gets no link.
 */
export async function writeLink(trx: Db, tender: TenderRow, member: MemberRow, prepared: PreparedCode, by: string, now: Date): Promise<IssuedLink> {
  if (member.withdrawn_at !== null) throw new TenderLockedError(`${member.name} has been withdrawn from the panel, so no invitation link can be made for them`);
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
  const stopped = await invitationRepository.revokeWorking(trx, member.id, now.toISOString());
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const id = await invitationRepository.insert(trx, { member_id: member.id, token_hash: hashToken(token), code_hash: prepared.hash, issued_at: now.toISOString(), expires_at: expiresAt.toISOString() });
  const detail = { member: member.key, invitation: id, expires: expiresAt.toISOString(), stoppedEarlierLinks: stopped };
  await recordEvent(trx, { actor: by, action: 'invitation.issued', tender: tender.reference, detail }, now);
  return { key: member.key, name: member.name, path: invitationPath(token), code: prepared.code, expiresAt };
}

async function issue(db: Db, tender: TenderRow, members: MemberRow[], by: string, now: Date): Promise<IssuedLink[]> {
  // A member who withdrew from the panel can no longer score, so gets no link.
  const withdrawn = members.find((m) => m.withdrawn_at !== null);
  if (withdrawn) throw new TenderLockedError(`${withdrawn.name} has been withdrawn from the panel, so no invitation link can be made for them`);
  const codes = await Promise.all(members.map(() => prepareCode()));
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const links: IssuedLink[] = [];
    for (const [i, member] of members.entries()) {
      const current = (await panelRepository.findById(trx, member.id)) ?? member;
      links.push(await writeLink(trx, tender, current, codes[i]!, by, now));
    }
    return links;
  });
}

/**
 * Links for the named members of the tender (every member when none is named), all or nothing.
 * For trusted callers (the CLI); the web app goes through issueInvitationAs.
 */
export async function issueInvitations(db: Db, reference: string, keys: readonly string[], by: string, now: Date): Promise<IssueOutcome> {
  const tender = await tenderRepository.findByReference(db, reference);
  if (!tender) return { ok: false, unknownTender: reference };
  const members = await panelRepository.members(db, tender.id);
  const wanted = [...new Set(keys)];
  const unknownMembers = wanted.filter((key) => !members.some((m) => m.key === key));
  if (unknownMembers.length > 0) return { ok: false, unknownMembers };
  const withdrawnMembers = wanted.filter((key) => members.some((m) => m.key === key && m.withdrawn_at !== null));
  if (withdrawnMembers.length > 0) return { ok: false, withdrawnMembers };
  // Every member still on the panel when none is named.
  const chosen = wanted.length === 0 ? members.filter((m) => m.withdrawn_at === null) : wanted.map((key) => members.find((m) => m.key === key)!);
  return { ok: true, links: await issue(db, tender, chosen, by, now) };
}

/** A member of this tender (never of another one), if the actor may manage its invitations. */
async function managedMember(db: Db, actor: Actor, tender: TenderRow, key: string): Promise<MemberRow | null> {
  if (!canManageInvitations(actor, tender)) return null;
  return (await panelRepository.members(db, tender.id)).find((m) => m.key === key) ?? null;
}

export async function issueInvitationAs(db: Db, actor: Actor, tender: TenderRow, key: string, now: Date): Promise<IssuedLink | null> {
  return (await issueInvitationWithMember(db, actor, tender, key, now))?.link ?? null;
}

/** As issueInvitationAs, with the member the link is for (a letter needs their access needs). */
export async function issueInvitationWithMember(db: Db, actor: Actor, tender: TenderRow, key: string, now: Date): Promise<{ link: IssuedLink; member: MemberRow } | null> {
  const member = await managedMember(db, actor, tender, key);
  if (!member) return null;
  const [link] = await issue(db, tender, [member], actorLabel(actor), now);
  return link ? { link, member } : null;
}

/** Stops the member's working link. Null when there is no such member (or the actor may not). */
export async function revokeInvitationAs(db: Db, actor: Actor, tender: TenderRow, key: string, now: Date): Promise<{ stopped: number } | null> {
  const member = await managedMember(db, actor, tender, key);
  if (!member) return null;
  const stopped = await writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const count = await invitationRepository.revokeWorking(trx, member.id, now.toISOString());
    if (count > 0) await recordEvent(trx, { actor: actorLabel(actor), action: 'invitation.revoked', tender: tender.reference, detail: { member: member.key, stopped: count } }, now);
    return count;
  });
  return { stopped };
}

export type LinkState =
  | { state: 'none' }
  | { state: 'working'; issuedAt: Date; expiresAt: Date }
  | { state: 'expired'; issuedAt: Date; expiresAt: Date }
  | { state: 'stopped'; issuedAt: Date; stoppedAt: Date };

function linkState(row: InvitationRow | undefined, now: Date): LinkState {
  if (!row) return { state: 'none' };
  const issuedAt = new Date(row.issued_at);
  if (row.revoked_at !== null) return { state: 'stopped', issuedAt, stoppedAt: new Date(row.revoked_at) };
  const expiresAt = new Date(row.expires_at);
  return expiresAt.getTime() > now.getTime() ? { state: 'working', issuedAt, expiresAt } : { state: 'expired', issuedAt, expiresAt };
}

export interface MemberInvitation {
  key: string;
  name: string;
  perspective: string;
  link: LinkState;
  /** False once the member was withdrawn from the panel. */
  canIssue: boolean;
  /**
   * The tender is finalised: scoring is closed, so a new link opens only what is left for the
   * member (what happened, the survey, their time and claim).
   */
  finished: boolean;
  /** Why no link can be made, when none can. */
  cannotIssue: string | null;
  /** Whether their access needs include easy read (their letter is easy read by default). */
  easyRead: boolean;
}

export async function memberInvitation(db: Db, actor: Actor, tender: TenderRow, key: string, now: Date): Promise<MemberInvitation | null> {
  const member = await managedMember(db, actor, tender, key);
  if (!member) return null;
  return {
    key: member.key,
    name: member.name,
    perspective: PERSPECTIVE_LABELS[member.perspective as Perspective] ?? member.perspective,
    link: linkState(await invitationRepository.latest(db, member.id), now),
    canIssue: member.withdrawn_at === null,
    cannotIssue: member.withdrawn_at !== null ? `${member.name} has been withdrawn from the panel, so no new link can be made.` : null,
    finished: tender.state === 'finalised',
    easyRead: needsEasyRead(member),
  };
}

export type Redeemed =
  | { ok: true; memberId: number; invitationId: number }
  | { ok: false; reason: 'expired' | 'revoked' | 'unknown' }
  | { ok: false; reason: 'withdrawn'; memberId: number };

/**
 * What signs a member in: the token of their link, or the short code from their letter as typed
 * (any letter case, with or without the dashes).
 */
export type Credential = { token: string } | { code: string };

/** Whether a link or code works, without signing anyone in (a signed-in staff member is asked first). */
export async function checkInvitation(db: Db, credential: string | Credential, now: Date): Promise<Redeemed> {
  const found = await workingInvitation(db, credential, now);
  return found.ok ? { ok: true, memberId: found.invitation.member_id, invitationId: found.invitation.id } : found;
}

async function findInvitation(db: Db, credential: string | Credential) {
  const given = typeof credential === 'string' ? { token: credential } : credential;
  if ('token' in given) return TOKEN_PATTERN.test(given.token) ? invitationRepository.findByHash(db, hashToken(given.token)) : undefined;
  const typed = readTypedCode(given.code);
  return typed.ok ? invitationRepository.findByCodeHash(db, await hashShortCode(typed.code)) : undefined;
}

async function workingInvitation(db: Db, credential: string | Credential, now: Date) {
  const invitation = await findInvitation(db, credential);
  if (!invitation) return { ok: false, reason: 'unknown' } as const;
  // The holder of a member's own link is told plainly that they are no longer on the panel.
  if (invitation.member_withdrawn_at !== null) return { ok: false, reason: 'withdrawn', memberId: invitation.member_id } as const;
  if (invitation.revoked_at !== null) return { ok: false, reason: 'revoked' } as const;
  if (invitation.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' } as const;
  return { ok: true, invitation } as const;
}

/** The member a link or code signs in, recorded in the audit trail; or why it does not work. */
export async function redeemInvitation(db: Db, credential: string | Credential, now: Date): Promise<Redeemed> {
  const found = await workingInvitation(db, credential, now);
  if (!found.ok) return found;
  const invitation = found.invitation;
  const by = typeof credential === 'object' && 'code' in credential ? 'code' : 'link';
  const detail = { member: invitation.member_key, invitation: invitation.id, with: by };
  await writeTransaction(db, [{ member: invitation.member_id, tender: invitation.tender_id }], async (trx) => {
    // Scoring time is counted from one save to the next, starting when the member signs in.
    await scoringRepository.setActivity(trx, invitation.member_id, 0, now.toISOString());
    await recordEvent(trx, { actor: `panel:${invitation.member_id}`, action: 'panel.signed-in', tender: invitation.tender_reference, detail }, now);
  });
  return { ok: true, memberId: invitation.member_id, invitationId: invitation.id };
}

/**
 * The link a panel member's session was opened with, if it still works: a session lasts no longer
 * than its link (stopped, replaced or expired). Every panel page should check this.
 */
export async function workingLinkOfSession(db: Db, memberId: number, invitationId: number | undefined, now: Date): Promise<InvitationRow | null> {
  if (invitationId === undefined) return null;
  const link = await invitationRepository.working(db, memberId, now.toISOString());
  return link?.id === invitationId ? link : null;
}

/** For a member who withdrew from the panel: the tender and who to contact; null for anyone else. */
export interface WithdrawalNotice {
  tenderTitle: string;
  /** The commissioner running the tender, to contact; null when unknown. */
  contactName: string | null;
  /** Paid for their time (lived experience): still paid for the time they gave before. */
  paidMember: boolean;
}

export async function withdrawalNotice(db: Db, memberId: number): Promise<WithdrawalNotice | null> {
  const found = await invitationRepository.tenderOfMember(db, memberId);
  return found && found.withdrawn_at !== null ? { tenderTitle: found.title, contactName: found.owner_name, paidMember: isPaidMember(found) } : null;
}

/** Who a member asks for help: the commissioner running their tender, when it has one. */
export async function panelContact(db: Db, memberId: number): Promise<string | null> {
  return (await invitationRepository.tenderOfMember(db, memberId))?.owner_name ?? null;
}

export interface PanelHome {
  memberName: string;
  tenderTitle: string;
  tenderState: string;
  /** The commissioner running the tender, to ask for help; null when the tender has no owner. */
  contactName: string | null;
  linkExpiresAt: Date;
}

/**
 * What a signed-in panel member sees first: their own tender only. Null when the link they signed
 * in with has stopped working since (it was stopped, replaced by a new one, or expired).
 */
export async function panelHome(db: Db, actor: Extract<Actor, { kind: 'panel' }>, invitationId: number | undefined, now: Date): Promise<PanelHome | null> {
  const link = await workingLinkOfSession(db, actor.memberId, invitationId, now);
  const tender = await invitationRepository.tenderOfMember(db, actor.memberId);
  if (!link || !tender) return null;
  return { memberName: actor.name, tenderTitle: tender.title, tenderState: tender.state, contactName: tender.owner_name, linkExpiresAt: new Date(link.expires_at) };
}
