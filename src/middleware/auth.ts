// Who is asking (res.locals.actor) and who may: staff by role, panel members by invitation.
// Sessions end after 30 idle minutes (the cookie rolls) or 12 hours after signing in.
import type { RequestHandler } from 'express';
import type { Db } from '../data/database';
import { panelSessionRepository } from '../data/panel-session-repository';
import { memberActor, staffActor, type Actor, type StaffRole } from '../services/actors';
import { withdrawalNotice } from '../services/invitations';
import { HttpError } from './errors';
import { rememberReturnTo } from './return-to';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export function loadActor(db: Db, now: () => Date): RequestHandler {
  return async (req, res, next) => {
    let actor: Actor = { kind: 'anonymous' };
    const s = req.session;
    if (s.signedInAt !== undefined && now().getTime() - s.signedInAt > ABSOLUTE_TIMEOUT_MS) {
      await new Promise<void>((resolve) => s.regenerate(() => resolve()));
    } else if (s.userId !== undefined) actor = await staffActor(db, s.userId, s.sessionGeneration ?? 0);
    else if (s.memberId !== undefined) {
      // A panel member's session lasts only as long as the link they signed in with works. One
      // query reads the link, the member and the tender; the panel pages reuse the rows.
      const rows = s.invitationId === undefined ? undefined : await panelSessionRepository.rows(db, s.memberId, s.invitationId, now().toISOString());
      if (rows) {
        actor = memberActor(rows.member);
        res.locals['panelRows'] = rows;
      } else {
        const memberId = s.memberId;
        await new Promise<void>((resolve) => s.regenerate(() => resolve()));
        // Pages can say why the member was signed out, rather than just asking for the link.
        res.locals['panelLinkStopped'] = true;
        // A member withdrawn from the panel is told so plainly, and who to contact, on every page
        // they open in this browser until they use a link again.
        const withdrawn = await withdrawalNotice(db, memberId);
        if (withdrawn) {
          res.locals['panelWithdrawn'] = withdrawn;
          // The new session (regenerate replaced req.session) remembers it.
          req.session.withdrawnMemberId = memberId;
        }
      }
    } else if (s.withdrawnMemberId !== undefined) {
      const withdrawn = await withdrawalNotice(db, s.withdrawnMemberId);
      if (withdrawn) res.locals['panelWithdrawn'] = withdrawn;
    }
    res.locals['actor'] = actor;
    next();
  };
}

export const actorOf = (res: { locals: Record<string, unknown> }): Actor => (res.locals['actor'] as Actor | undefined) ?? { kind: 'anonymous' };

/** Staff of the given roles only: signed-out people go to sign-in, others get 403. */
export function requireStaff(...roles: StaffRole[]): RequestHandler {
  return (req, res, next) => {
    const actor = actorOf(res);
    if (actor.kind === 'anonymous') {
      // In a cookie, not the session: a signed-out visit stores nothing (return-to.ts).
      if (req.method === 'GET') rememberReturnTo(req, res);
      res.redirect(303, '/sign-in');
      return;
    }
    if (actor.kind !== 'staff' || !roles.includes(actor.role)) throw new HttpError(403);
    next();
  };
}
