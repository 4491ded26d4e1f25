// The panel pages (/panel/…) serve a Scorer: the signed-in panel member, or a facilitator in
// facilitator mode entering scores with a member. Anyone else is sent to the start page (signed
// out) or refused (other staff). A member withdrawn from the panel gets the page saying so,
// except on the pages of their payment (`{ withdrawn: 'may-claim' }`): the time they gave before
// is still paid, and a facilitator can help them claim it.
import type { RequestHandler, Response } from 'express';
import type { Db } from '../data/database';
import type { PanelSessionRows } from '../data/panel-session-repository';
import { isPaidMember } from '../services/claims/claim-status';
import { withdrawalNotice, type WithdrawalNotice } from '../services/invitations';
import { scorerFor, type Scorer } from '../services/scoring/scorer';
import { actorOf } from './auth';
import { HttpError } from './errors';

export interface ScorerOptions {
  /**
   * `may-claim`: a withdrawn member paid for their time is served too (their payment claim and
   * contribution pages); anyone else withdrawn still gets the page saying they left the panel.
   */
  withdrawn?: 'refused' | 'may-claim';
}

/** Whether this page serves this withdrawn member: only their payment, and only if they are paid for their time. */
const servesWithdrawn = (options: ScorerOptions, scorer: Scorer): boolean => options.withdrawn === 'may-claim' && isPaidMember(scorer.member);

export function requireScorer(db: Db, options: ScorerOptions = {}): RequestHandler {
  return async (req, res, next) => {
    const actor = actorOf(res);
    if (actor.kind === 'anonymous' && res.locals['panelWithdrawn']) {
      // Signed out because they were withdrawn from the panel: say so, rather than ask for the link.
      renderWithdrawn(res, res.locals['panelWithdrawn'] as WithdrawalNotice);
      return;
    }
    if (actor.kind === 'anonymous') {
      // /panel says why (link stopped, session ended) and how to come back.
      res.redirect(303, '/panel');
      return;
    }
    const scorer = await scorerFor(db, actor, req.session.supportingMemberId, res.locals['panelRows'] as PanelSessionRows | undefined);
    if (!scorer) throw new HttpError(403);
    if (scorer.member.withdrawn_at !== null && !servesWithdrawn(options, scorer)) {
      // A member withdrawn from the panel scores nothing more (a facilitator cannot enter scores with them either).
      const notice = (await withdrawalNotice(db, scorer.member.id)) ?? { tenderTitle: scorer.tender.title, contactName: null, paidMember: isPaidMember(scorer.member) };
      renderWithdrawn(res, notice, scorer.facilitator ? scorer.member.name : undefined);
      return;
    }
    res.locals['scorer'] = scorer;
    // With a withdrawn member, facilitator mode is for their payment claim only, and its banner says so.
    if (scorer.facilitator) res.locals['supporting'] = { memberName: scorer.member.name, facilitatorName: scorer.facilitator.name, forClaim: scorer.member.withdrawn_at !== null };
    next();
  };
}

export const scorerOf = (res: Response): Scorer => {
  const scorer = res.locals['scorer'] as Scorer | undefined;
  if (!scorer) throw new Error('requireScorer must run before this handler');
  return scorer;
};

/**
 * The page for a member withdrawn from the panel: they are no longer on it and should contact the
 * commissioner. For a facilitator in facilitator mode, the same in the third person.
 */
export function renderWithdrawn(res: Response, notice: WithdrawalNotice, memberName?: string): void {
  const forStaff = memberName !== undefined;
  res.status(403).render('pages/scoring/withdrawn', {
    pageTitle: forStaff ? `${memberName} is no longer on this panel` : 'You are no longer on this panel',
    memberName,
    forStaff,
    // A member paid for their time is still paid for the time they gave: a facilitator helps them claim.
    paidMember: notice.paidMember,
    claimHref: forStaff && notice.paidMember ? '/panel/claim' : null,
    tenderTitle: notice.tenderTitle,
    contactName: notice.contactName,
    ...(forStaff ? {} : { signedIn: false }),
  });
}
