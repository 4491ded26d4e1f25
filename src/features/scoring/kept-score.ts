// A reason typed is not lost when the form cannot be taken (the README's "Quality bars"):
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
//
// Keeping words stores a session, so a signed-out post keeps them only when it came with a
// session cookie (the member's, now expired or unknown): a client with no session cookie at all,
// which no member's browser is, gets the signed-out page and nothing is stored. At most
// KEPT_MAX characters are kept (a longer reason could not be saved anyway), and at most
// KEEPS_PER_WINDOW new sessions are made for kept words from one address in KEEP_WINDOW_MS
// (words kept again in the same session do not count, and the count is shared by every instance);
// beyond that the words are only shown. A session holding nothing but a sign-in form's token is
// new for that count (anyone can get one by opening the sign-in page). Only a real score page's
// path is kept (its bid key and criterion id no longer than the page allows); a post to any other
// path keeps nothing. So an anonymous client cannot fill the disk with sessions.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../data/database';
import { actorOf } from '../../middleware/auth';
import { sharedRateLimit } from '../../middleware/rate-limit-store';
import { cookieValue } from '../../middleware/return-to';
import { REASON_MAX } from '../../services/scoring/scoring';
import { CellParams } from './scoring-schema';
import { renderWithdrawn } from '../../middleware/scorer';
import type { WithdrawalNotice } from '../../services/invitations';

/** A score page's path: each part at most 64 characters, or 192 as sent (every one %-encoded). */
const SCORE_PATH = /^\/panel\/bids\/([^/]{1,192})\/criteria\/([^/]{1,192})$/;

/** The most characters of a reason kept: the most a reason may have. */
export const KEPT_MAX = REASON_MAX;
export const KEEP_WINDOW_MS = 15 * 60 * 1000;
/** New sessions made for kept words, per address and window. */
export const KEEPS_PER_WINDOW = 20;

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

const decoded = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

/** The path of a score page the scoring routes would take: nothing longer is ever kept. */
function scorePagePath(path: string): boolean {
  const parts = SCORE_PATH.exec(path);
  return parts !== null && CellParams.safeParse({ bidKey: decoded(parts[1]!), criterionId: decoded(parts[2]!) }).success;
}

const keepable = (req: Request): boolean => req.method === 'POST' && scorePagePath(req.path) && sameOrigin(req);

/** What was typed, as posted (shown back on the signed-out page, to copy). */
const typed = (req: Request) => ({ reason: field(req.body, 'reason'), autosave: field(req.body, 'action') === 'autosave' });

function keep(req: Request): void {
  const fields = { choice: field(req.body, 'choice').slice(0, 20), reason: field(req.body, 'reason').slice(0, KEPT_MAX), version: field(req.body, 'version').slice(0, 20) };
  req.session.keptScore = { memberId: field(req.body, 'memberId').slice(0, 20), path: req.path, fields };
}

const answerAutosave = (res: Response, problem: string): void => {
  res.status(problem === 'signed-out' ? 401 : 409).json({ saved: false, problem });
};

/** The signed-out answer: the words shown to copy, and whether they are also kept for signing in again. */
function answerSignedOut(req: Request, res: Response, kept: boolean): void {
  const words = typed(req);
  if (words.autosave) answerAutosave(res, 'signed-out');
  else res.status(401).render('pages/scoring/signed-out-kept', { pageTitle: 'You have been signed out', reason: words.reason, kept, signedIn: false });
}

/**
 * Words are kept again in the session that holds them already (the newest replace them, no new
 * row). Any other session is new for the limit, one holding only a sign-in form's token too.
 */
const keptBefore = (req: Request): boolean => req.session.keptScore !== undefined;

/**
 * Runs before the CSRF check: a signed-out score post is never treated as an attack or lost. Its
 * words are shown back, and kept when a session cookie came with it, within the limits above.
 */
export function keepScoreAfterSignOut(db: Db, sessionCookie: string): RequestHandler {
  const limited = sharedRateLimit(db, 'kept-words', {
    windowMs: KEEP_WINDOW_MS,
    limit: KEEPS_PER_WINDOW,
    standardHeaders: false,
    legacyHeaders: false,
    handler: (req, res) => answerSignedOut(req, res, false),
  });
  return (req, res, next) => {
    if (!keepable(req) || actorOf(res).kind !== 'anonymous') {
      next();
      return;
    }
    if (res.locals['panelWithdrawn']) {
      // Withdrawn from the panel: nothing is kept for a score they can no longer give; they are told why.
      if (typed(req).autosave) answerAutosave(res, 'signed-out');
      else renderWithdrawn(res, res.locals['panelWithdrawn'] as WithdrawalNotice);
      return;
    }
    if (cookieValue(req, sessionCookie) === undefined) {
      answerSignedOut(req, res, false);
      return;
    }
    const keepAndAnswer = () => {
      keep(req);
      answerSignedOut(req, res, true);
    };
    if (keptBefore(req)) keepAndAnswer();
    else void limited(req, res, keepAndAnswer);
  };
}

/** Runs before the error pages: a signed-in member's score post with an old form token is kept. */
export const keepScoreAfterOldToken: ErrorRequestHandler = (error, req, res, next) => {
  if ((error as { code?: string }).code !== 'EBADCSRFTOKEN' || !keepable(req) || actorOf(res).kind === 'anonymous') {
    next(error);
    return;
  }
  keep(req);
  if (typed(req).autosave) answerAutosave(res, 'expired');
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
