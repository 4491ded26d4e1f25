// A reason typed is not lost when the form cannot be taken (DESIGN §7):
// - posted after the session ended (idle or absolute timeout, or the link stopped): nobody is
//   signed in, so it cannot be saved; the words are shown back at once and kept in the new
//   session, and after the member opens their link again they land on the same score page with
//   the words filled in, to check and save;
// - posted by a signed-in member with a form token that no longer matches (they opened their
//   link again in another tab, which starts a new session): the words are kept and the score
//   page opens again with them filled in and a fresh token.
// Kept words are given back only to the member whose form it was (the form carries their member
// id, unique across tenders), only once, and only for a same-origin post, so another site cannot
// plant text in someone's form. They live as long as the browser's new session: 30 idle minutes.
// (The signed-out page shows them too, to copy, for a member who comes back later than that.)
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { actorOf } from '../../middleware/auth';
import { renderWithdrawn } from '../../middleware/scorer';
import type { WithdrawalNotice } from '../../services/invitations';

const SCORE_PATH = /^\/panel\/bids\/[^/]+\/criteria\/[^/]+$/;

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 20_000) : '';
};

function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = req.get('origin');
  return origin !== undefined && origin.replace(/^https?:\/\//, '') === req.get('host');
}

const keepable = (req: Request): boolean => req.method === 'POST' && SCORE_PATH.test(req.path) && sameOrigin(req);

function keep(req: Request): { reason: string; autosave: boolean } {
  const fields = { choice: field(req.body, 'choice'), reason: field(req.body, 'reason'), version: field(req.body, 'version') };
  req.session.keptScore = { memberId: field(req.body, 'memberId'), path: req.path, fields };
  return { reason: fields.reason, autosave: field(req.body, 'action') === 'autosave' };
}

const answerAutosave = (res: Response, problem: string): void => {
  res.status(problem === 'signed-out' ? 401 : 409).json({ saved: false, problem });
};

/** Runs before the CSRF check: a signed-out score post is kept, never treated as an attack or lost. */
export const keepScoreAfterSignOut: RequestHandler = (req, res, next) => {
  if (!keepable(req) || actorOf(res).kind !== 'anonymous') {
    next();
    return;
  }
  if (res.locals['panelWithdrawn']) {
    // Withdrawn from the panel: nothing is kept for a score they can no longer give; they are told why.
    if (field(req.body, 'action') === 'autosave') answerAutosave(res, 'signed-out');
    else renderWithdrawn(res, res.locals['panelWithdrawn'] as WithdrawalNotice);
    return;
  }
  const kept = keep(req);
  if (kept.autosave) answerAutosave(res, 'signed-out');
  else res.status(401).render('pages/scoring/signed-out-kept', { pageTitle: 'You have been signed out', reason: kept.reason, signedIn: false });
};

/** Runs before the error pages: a signed-in member's score post with an old form token is kept. */
export const keepScoreAfterOldToken: ErrorRequestHandler = (error, req, res, next) => {
  if ((error as { code?: string }).code !== 'EBADCSRFTOKEN' || !keepable(req) || actorOf(res).kind === 'anonymous') {
    next(error);
    return;
  }
  const kept = keep(req);
  if (kept.autosave) answerAutosave(res, 'expired');
  else res.redirect(303, req.path);
};

/** Where a member signing in again should go: the score page with kept words, if any. */
export const keptScorePath = (req: Request): string | null => req.session.keptScore?.path ?? null;

export interface KeptScore {
  choice: string;
  reason: string;
  version: number;
}

/** The kept words for this page and member, once; null when there are none. */
export function takeKeptScore(req: Request, memberId: number): KeptScore | null {
  const kept = req.session.keptScore;
  if (!kept || kept.path !== req.path) return null;
  delete req.session.keptScore;
  if (kept.memberId !== String(memberId)) return null;
  const version = /^\d{1,9}$/.test(kept.fields['version'] ?? '') ? Number(kept.fields['version']) : 0;
  return { choice: kept.fields['choice'] ?? '', reason: kept.fields['reason'] ?? '', version };
}
