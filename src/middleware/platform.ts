// The middleware the README's "Technology" names, as this app configures it, in the order every request meets
// it: a CSP nonce, helmet's headers, the form body parser, express-session over the database
// store (a redirect waits for the session it changed to be stored), and csrf-sync's check and token. createApp puts its own middleware (who is signed in,
// page locals, kept words) between the session and the CSRF check; the scoring benchmark runs the
// same pieces alone in front of a fixed page, to measure what they cost before any page work.
import express, { type Express, type RequestHandler } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Config } from '../config';
import type { Db } from '../data/database';
import { IDLE_TIMEOUT_MS } from './auth';
import { csrf } from './csrf';
import { cspNonce } from './locals';
import { DatabaseSessionStore, TOUCH_EVERY_MS } from './session-store';
import { refuseNullCharacters } from './null-characters';
import { storedBeforeRedirect } from './stored-before-redirect';

export interface PlatformDeps {
  db: Db;
  config: Config;
  now: () => Date;
}

/** The nonce and helmet's headers: first of all, so static files get the headers too. */
export function securityHeaders(): RequestHandler[] {
  return [
    cspNonce,
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals['cspNonce'] as string}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  ];
}

/**
 * The most a form may send: 1 MB, in at most 20,000 fields (a moderator may tick one box for each
 * of a member's scores, thousands in a framework tender). More is refused with the too-large page.
 */
export const FORM_LIMITS = { limit: '1mb', parameterLimit: 20_000 } as const;

/** The session cookie's name: `__Host-session` in production (HTTPS only, this host only). */
export const sessionCookieName = (config: Config): string => (config.env === 'production' ? '__Host-session' : 'session');

/**
 * App settings every response depends on. No ETag on answers built per request: every page
 * carries its own CSP nonce, so its ETag could never match and hashing the page is wasted work.
 * (Static files keep theirs from express.static; the stylesheet sets its own.)
 */
export function platformSettings(app: Express): void {
  app.disable('x-powered-by');
  app.set('etag', false);
}

/**
 * The session cookie's idle expiry rolls forward, but the cookie is signed and sent again only
 * when the expiry has moved by TOUCH_EVERY_MS or more, as the store writes the stored expiry (so
 * the cookie, like the stored session, may end up to a minute before the idle timeout, never
 * after it). Only a session already holding something is renewed: an empty one stays unstored.
 */
function renewSessionCookie(now: () => Date): RequestHandler {
  return (req, _res, next) => {
    const s = req.session as (typeof req.session & { cookieRenewedAt?: number }) | undefined;
    if (s && Object.keys(s).some((k) => k !== 'cookie' && k !== 'cookieRenewedAt')) {
      const at = now().getTime();
      const renewed = s.cookieRenewedAt;
      if (renewed === undefined || at < renewed || at - renewed >= TOUCH_EVERY_MS) s.cookieRenewedAt = at;
    }
    next();
  };
}

/** The form body parser and the session kept in the database. */
export function sessions(deps: PlatformDeps): RequestHandler[] {
  const production = deps.config.env === 'production';
  return [
    express.urlencoded({ extended: false, ...FORM_LIMITS }),
    refuseNullCharacters,
    session({
      name: sessionCookieName(deps.config),
      secret: deps.config.sessionSecret,
      store: new DatabaseSessionStore(deps.db, deps.now),
      resave: false,
      saveUninitialized: false,
      // Renewed at most once a minute instead (renewSessionCookie).
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: production, path: '/', maxAge: IDLE_TIMEOUT_MS },
    }),
    renewSessionCookie(deps.now),
    storedBeforeRedirect(),
  ];
}

/** The CSRF check on every unsafe method, then the token for the page's forms. */
export const csrfChecks = (): RequestHandler[] => [csrf.protect, csrf.token];
