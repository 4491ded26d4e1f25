// CSRF protection on every form (csrf-sync: synchroniser tokens kept in the session), checked
// once, globally, before any route. Forms send the token in the `_csrf` field. A file-upload
// form (multipart) sends it in the form's action URL instead (`?_csrf=`), because its body is
// read only later by the route; so no route, multipart or not, is ever left unchecked.
import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

function submittedToken(req: Request): string | undefined {
  if (req.is('multipart/form-data')) {
    const fromQuery = req.query['_csrf'];
    return typeof fromQuery === 'string' ? fromQuery : undefined;
  }
  const fromBody = (req.body as Record<string, unknown> | undefined)?.['_csrf'];
  return typeof fromBody === 'string' ? fromBody : undefined;
}

const { csrfSynchronisedProtection, generateToken } = csrfSync({ getTokenFromRequest: submittedToken });

export const csrf: { protect: RequestHandler; token: RequestHandler } = {
  protect: csrfSynchronisedProtection,
  token: (req, res, next) => {
    res.locals['csrfToken'] = generateToken(req);
    next();
  },
};
