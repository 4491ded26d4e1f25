// CSRF protection on every form (csrf-sync, synchroniser tokens kept in the session). Every
// POST must carry the session's token in the `_csrf` field; pages get it as `csrfToken`.
import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?.['_csrf'] as string | undefined,
});

export const csrf: { protect: RequestHandler; token: RequestHandler } = {
  protect: csrfSynchronisedProtection,
  token: (req, res, next) => {
    res.locals['csrfToken'] = generateToken(req);
    next();
  },
};
