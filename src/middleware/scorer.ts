// The panel pages (/panel/…) serve a Scorer: the signed-in panel member, or a facilitator in
// facilitator mode entering scores with a member. Anyone else is sent to the start page (signed
// out) or refused (other staff).
import type { RequestHandler, Response } from 'express';
import type { Db } from '../data/database';
import { scorerFor, type Scorer } from '../services/scorer';
import { actorOf } from './auth';
import { HttpError } from './errors';

export function requireScorer(db: Db): RequestHandler {
  return async (req, res, next) => {
    const actor = actorOf(res);
    if (actor.kind === 'anonymous') {
      // /panel says why (link stopped, session ended) and how to come back.
      res.redirect(303, '/panel');
      return;
    }
    const scorer = await scorerFor(db, actor, req.session.supportingMemberId);
    if (!scorer) throw new HttpError(403);
    res.locals['scorer'] = scorer;
    if (scorer.facilitator) res.locals['supporting'] = { memberName: scorer.member.name, facilitatorName: scorer.facilitator.name };
    next();
  };
}

export const scorerOf = (res: Response): Scorer => {
  const scorer = res.locals['scorer'] as Scorer | undefined;
  if (!scorer) throw new Error('requireScorer must run before this handler');
  return scorer;
};
