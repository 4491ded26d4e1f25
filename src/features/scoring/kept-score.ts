// A reason typed when the session has ended is not lost (DESIGN §7). A score form posted without
// a session (idle or absolute timeout, or the link stopped) cannot be saved, because nobody is
// signed in; its words are kept in the new session and shown back at once, and after the member
// signs in again with their link the same score page opens with them filled in, to check and save.
// Kept words are given back only to the member whose form it was (the form carries their key),
// only within 12 hours, only once, and only for a same-origin post, so another site cannot plant
// text in someone's form.
import type { Request, RequestHandler } from 'express';
import { actorOf } from '../../middleware/auth';

const SCORE_PATH = /^\/panel\/bids\/[^/]+\/criteria\/[^/]+$/;
const KEEP_MS = 12 * 60 * 60 * 1000;

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

/** Runs before the CSRF check: a signed-out score post is kept, never treated as an attack or lost. */
export const keepScoreAfterSignOut: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !SCORE_PATH.test(req.path) || actorOf(res).kind !== 'anonymous' || !sameOrigin(req)) {
    next();
    return;
  }
  const fields = { choice: field(req.body, 'choice'), reason: field(req.body, 'reason'), version: field(req.body, 'version') };
  const memberKey = field(req.body, 'memberKey');
  req.session.keptScore = { memberKey, path: req.path, fields, at: Date.now() };
  if (field(req.body, 'action') === 'autosave') {
    res.status(401).json({ saved: false, problem: 'signed-out' });
    return;
  }
  res.status(401).render('pages/scoring/signed-out-kept', { pageTitle: 'You have been signed out', reason: fields.reason, signedIn: false });
};

export interface KeptScore {
  choice: string;
  reason: string;
  version: number;
}

/** The kept words for this page and member, once; null when there are none. */
export function takeKeptScore(req: Request, memberKey: string): KeptScore | null {
  const kept = req.session.keptScore;
  if (!kept || kept.path !== req.path) return null;
  delete req.session.keptScore;
  if (kept.memberKey !== memberKey || Date.now() - kept.at > KEEP_MS) return null;
  const version = /^\d{1,9}$/.test(kept.fields['version'] ?? '') ? Number(kept.fields['version']) : 0;
  return { choice: kept.fields['choice'] ?? '', reason: kept.fields['reason'] ?? '', version };
}
