// File uploads (multipart forms) are read before the CSRF check, so that their token travels in
// the form's body like every other form's, never in the address (where it would stay in the
// browser's history and address bar). Only a POST to a known upload address, from staff whose
// role may upload there, is read, each upload with its own limits; any other multipart request
// (signed out, a panel member, another address) is not read at all, and the CSRF check then
// refuses it for want of a token. Which tender the upload is for is checked by the route after.
import type { RequestHandler } from 'express';
import type { StaffRole } from '../services/actors';
import { actorOf } from './auth';

export interface UploadRoute {
  /** The POST address it answers, as a pattern over the whole path. */
  path: RegExp;
  /** The staff roles that may upload there. */
  roles: readonly StaffRole[];
  /** The parser with its limits (multer), which records a refused upload for the route to show. */
  parse: RequestHandler;
}

export function uploadsBeforeCsrf(routes: readonly UploadRoute[]): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    const actor = actorOf(res);
    const route = routes.find((r) => r.path.test(req.path));
    if (!route || actor.kind !== 'staff' || !route.roles.includes(actor.role)) return next();
    route.parse(req, res, next);
  };
}
