// Where a signed-out person was going, for after they sign in. It is kept in a small cookie of
// its own (a path on this site, nothing else), never in a session: an anonymous visit to a staff
// page then stores nothing on the server, so visits cannot fill the disk with sessions.
import type { Request, Response } from 'express';

const NAME = 'return-to';
const MAX_LENGTH = 500;
/** As long as an idle session lasts. */
const KEPT_FOR_MS = 30 * 60 * 1000;

/** A path on this site: "/tenders/X", never "//elsewhere.example" or "https://…". */
export const isLocalPath = (path: string): boolean => path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && path.length <= MAX_LENGTH;

/** The value of a request's cookie, decoded; undefined when it did not come (or is empty). */
export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const raw = part.slice(at + 1).trim();
    if (raw === '') return undefined;
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

export function rememberReturnTo(req: Request, res: Response, path: string = req.originalUrl): void {
  if (isLocalPath(path)) res.cookie(NAME, path, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: KEPT_FOR_MS });
}

/** Where to go after signing in, if a staff page was asked for first; the cookie is then cleared. */
export function takeReturnTo(req: Request, res: Response): string | null {
  const path = cookieValue(req, NAME);
  if (path === undefined) return null;
  res.clearCookie(NAME, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
  return isLocalPath(path) ? path : null;
}
