import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { renderWithdrawn } from '../../middleware/scorer';
import { checkInvitation, issueInvitationAs, memberInvitation, panelContact, panelHome, redeemInvitation, revokeInvitationAs, withdrawalNotice, type IssuedLink, type LinkState, type WithdrawalNotice } from '../../services/invitations';
import { publicBase } from '../../services/invitation-letter';
import { scorerFor } from '../../services/scoring/scorer';
import { actorLabel } from '../../services/actors';
import { emailOf, sendInvitation } from '../../services/messages/messages';
import { findMember } from '../../services/panel';
import { messagingOf } from '../messages/messaging';
import { ukDateText } from '../../services/uk-dates';
import { keptScorePath } from '../scoring/kept-score';
import { renderStart } from '../scoring/start-controller';
import type { FormErrors } from '../form-errors';
import { InviteToken, MemberKeyParam } from './invitation-schema';
import { isPaidMember } from '../../services/claims/claim-status';

const dateText = ukDateText;

/** Pages showing or taking a secret link are never kept by the browser or a proxy. */
export const noStore = (res: Response): void => {
  res.set('Cache-Control', 'no-store');
};

function linkNotWorking(res: Response, status: 404 | 410, expired: boolean, signedOut = false): void {
  res.status(status).render('pages/invitations/invalid', {
    pageTitle: expired ? 'This link has expired' : signedOut ? 'Your link no longer works' : 'This link does not work',
    expired,
    signedOut,
    // The session has ended: no account bar on this page.
    ...(signedOut ? { signedIn: false } : {}),
  });
}

/**
 * A link that works signs the panel member in, in a new session, and goes to their page. Staff who
 * are signed in are asked first (their session would be replaced); their answer is a POST.
 */
export function inviteGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = actorOf(res);
    if (actor.kind === 'staff') {
      noStore(res);
      const token = InviteToken.safeParse(req.params['token']);
      const link = token.success ? await checkInvitation(deps.db, token.data, deps.now()) : ({ ok: false, reason: 'unknown' } as const);
      if (!link.ok) {
        linkNotWorking(res, link.reason === 'unknown' ? 404 : 410, link.reason === 'expired');
        return;
      }
      res.render('pages/invitations/confirm-switch', { pageTitle: 'Open a panel member’s link?', staffName: actor.name, action: req.originalUrl, cancelHref: '/tenders' });
      return;
    }
    await signInWithLink(deps, req, res);
  };
}

/** A signed-in staff member confirmed: their session ends and the member's begins. */
export function invitePost(deps: AppDeps) {
  return (req: Request, res: Response): Promise<void> => signInWithLink(deps, req, res);
}

async function signInWithLink(deps: AppDeps, req: Request, res: Response): Promise<void> {
  noStore(res);
  const token = InviteToken.safeParse(req.params['token']);
  const redeemed = token.success ? await redeemInvitation(deps.db, token.data, deps.now()) : ({ ok: false, reason: 'unknown' } as const);
  if (!redeemed.ok && redeemed.reason === 'withdrawn') {
    const notice = await withdrawalNotice(deps.db, redeemed.memberId);
    if (notice) return renderWithdrawn(res, notice);
  }
  if (!redeemed.ok) {
    // Only "expired" or "not valid" is said; which of the other cases applies is not.
    linkNotWorking(res, redeemed.reason === 'unknown' ? 404 : 410, redeemed.reason === 'expired');
    return;
  }
  await startMemberSession(deps, req, res, redeemed);
}

/**
 * Signs in the member a link or short code let in: a new session, the member's kept words only,
 * then their start page (or the score page whose words were kept). The same for links and codes.
 */
export async function startMemberSession(deps: AppDeps, req: Request, res: Response, redeemed: { memberId: number; invitationId: number }): Promise<void> {
  // A new session id, so a session id known before the link was opened is of no use after.
  const kept = req.session.keptScore;
  await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
  // Kept words go only to the member who typed them: on a shared computer, another member may
  // open their own link next.
  if (kept && kept.memberId === String(redeemed.memberId)) req.session.keptScore = kept;
  req.session.memberId = redeemed.memberId;
  req.session.invitationId = redeemed.invitationId;
  req.session.signedInAt = deps.now().getTime();
  // Words kept from a form posted after the last session ended: back to that score page.
  res.redirect(303, keptScorePath(req) ?? '/panel');
}

export function panelHomeGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = actorOf(res);
    if (actor.kind === 'anonymous' && res.locals['panelWithdrawn']) {
      // Signed out because they were withdrawn from the panel (auth ended the session): say so.
      renderWithdrawn(res, res.locals['panelWithdrawn'] as WithdrawalNotice);
      return;
    }
    if (actor.kind === 'anonymous' && res.locals['panelLinkStopped'] === true) {
      // The link was stopped, replaced or has expired since they signed in (auth ended the session).
      linkNotWorking(res, 410, false, true);
      return;
    }
    if (actor.kind === 'anonymous') {
      res.render('pages/invitations/signed-out', { pageTitle: 'Use your invitation link' });
      return;
    }
    if (actor.kind === 'staff') {
      // A facilitator in facilitator mode sees the member's start page; other staff have none.
      const scorer = await scorerFor(deps.db, actor, req.session.supportingMemberId);
      if (!scorer) throw new HttpError(403);
      if (scorer.member.withdrawn_at !== null) return renderWithdrawn(res, { tenderTitle: scorer.tender.title, contactName: null, paidMember: isPaidMember(scorer.member) }, scorer.member.name);
      res.locals['scorer'] = scorer;
      res.locals['supporting'] = { memberName: scorer.member.name, facilitatorName: actor.name };
      const contact = await panelContact(deps.db, scorer.member.id);
      await renderStart(deps, res, { contactName: contact, linkExpires: null });
      return;
    }
    const home = await panelHome(deps.db, actor, req.session.invitationId, deps.now());
    const scorer = home ? await scorerFor(deps.db, actor, undefined) : null;
    if (!home || !scorer) {
      // The link was stopped, replaced or has expired since they signed in: end the session too.
      await new Promise<void>((resolve, reject) => req.session.destroy((e) => (e ? reject(e) : resolve())));
      linkNotWorking(res, 410, false, true);
      return;
    }
    res.locals['scorer'] = scorer;
    await renderStart(deps, res, { contactName: home.contactName, linkExpires: dateText(home.linkExpiresAt) });
  };
}

export function memberKey(req: Request): string {
  const key = MemberKeyParam.safeParse(req.params['memberKey']);
  if (!key.success) throw new HttpError(404);
  return key.data;
}

export const memberHref = (reference: string, key: string): string => `/tenders/${encodeURIComponent(reference)}/panel/${encodeURIComponent(key)}/invitation`;

function linkText(link: LinkState): string {
  switch (link.state) {
    case 'none':
      return 'No link made yet';
    case 'working':
      return `Works until ${dateText(link.expiresAt)} (made on ${dateText(link.issuedAt)})`;
    case 'expired':
      return `Expired on ${dateText(link.expiresAt)}`;
    case 'stopped':
      return `Stopped on ${dateText(link.stoppedAt)}`;
  }
}

/** The member's invitation page; with `errors` (status 400) when the letter form was sent wrong. */
export async function renderManage(deps: AppDeps, req: Request, res: Response, errors?: FormErrors): Promise<void> {
  const tender = tenderOf(res);
  const member = await memberInvitation(deps.db, actorOf(res), tender, memberKey(req), deps.now());
  if (!member) throw new HttpError(404);
  const href = memberHref(tender.reference, member.key);
  res.status(errors ? 400 : 200).render('pages/invitations/manage', {
    pageTitle: `${errors ? 'Error: ' : ''}Invitation link for ${member.name}`,
    backHref: `/tenders/${encodeURIComponent(tender.reference)}/panel`,
    member,
    linkText: linkText(member.link),
    working: member.link.state === 'working',
    issueHref: href,
    revokeHref: `${href}/revoke`,
    letterHref: `${href}/letter`,
    stopped: req.query['stopped'] === '1',
    errors,
  });
}

export function invitationGet(deps: AppDeps) {
  return (req: Request, res: Response): Promise<void> => renderManage(deps, req, res);
}

/** Shows the new link once, on this response only: it is never stored, so it cannot be shown again. */
export function invitationIssuePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const link = await issueInvitationAs(deps.db, actorOf(res), tender, memberKey(req), deps.now());
    if (!link) throw new HttpError(404);
    noStore(res);
    const base = publicBase(deps.config.configuredPublicUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
    const emailed = await emailInvitation(deps, res, link);
    res.render('pages/invitations/issued', {
      pageTitle: `New link for ${link.name}`,
      link,
      url: `${base}${link.path}`,
      codeUrl: `${base}/code`,
      expires: dateText(link.expiresAt),
      emailed,
      memberHref: memberHref(tender.reference, link.key),
      finished: tender.state === 'finalised',
      panelHref: `/tenders/${encodeURIComponent(tender.reference)}/panel`,
    });
  };
}

/** Emails the new link to a member who gets email (nothing otherwise); what happened, for the page. */
async function emailInvitation(deps: AppDeps, res: Response, link: IssuedLink): Promise<{ to: string; sent: boolean; error: string | null } | null> {
  const tender = tenderOf(res);
  const member = await findMember(deps.db, tender, link.key);
  if (!member) return null;
  const sent = await sendInvitation(messagingOf(deps), tender, member, { url: `${deps.config.publicUrl}${link.path}`, expires: dateText(link.expiresAt) }, actorLabel(actorOf(res)), deps.now);
  return sent?.ok ? { to: emailOf(member) ?? '', sent: sent.status === 'sent', error: sent.error } : null;
}

export function invitationRevokePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const key = memberKey(req);
    const revoked = await revokeInvitationAs(deps.db, actorOf(res), tender, key, deps.now());
    if (!revoked) throw new HttpError(404);
    res.redirect(303, `${memberHref(tender.reference, key)}?stopped=1`);
  };
}
