// express-session's store, kept in the database so sessions survive a restart and sign-out ends
// a session on the server.
//
// The cookie rolls (platform.ts sends it with a new idle expiry once a minute), and the stored expiry is written at most
// once a minute for each session: with SQLite's synchronous writes, a write on every page would
// make every page wait for the disk. So a session may end on the server up to a minute before
// its idle timeout, never after it.
//
// Expired sessions are never read (find looks at the expiry); they are deleted, with anything
// they held, by the pruning job that one instance at a time runs (services/shared-state/pruning.ts).
//
// A deleted session stays deleted. Signing out, a password reset, an authenticator reset or a
// deactivation deletes rows while other requests of those sessions may still be running (on this
// instance or another); each of them writes its session as it ends. So a session read from the
// database (or written once already) is written again only by updating its row: when the row has
// gone, nothing is written. Only a new session (a new id, from signing in) inserts a row.
import type { Request } from 'express';
import session from 'express-session';
import type { Db } from '../data/database';
import { sessionRepository } from '../data/session-repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far the idle expiry must move before it is written again. */
export const TOUCH_EVERY_MS = 60 * 1000;
/** Written expiries remembered, at most (beyond that they are forgotten, which only means extra writes). */
const REMEMBERED_MAX = 10_000;

export class DatabaseSessionStore extends session.Store {
  /** The expiry last written for each session id, in milliseconds. */
  private readonly written = new Map<string, number>();
  /** Sessions (express-session's objects, one per request) that have a row: read from it, or inserted. */
  private readonly stored = new WeakSet<object>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    super();
  }

  /** Expiry by the app's clock: the cookie's max age (the idle timeout) from now. */
  private expiry(data: session.SessionData): number {
    return this.now().getTime() + (data.cookie?.originalMaxAge ?? DAY_MS);
  }

  /** After a write of the session's expiry: remembers the expiry, then calls back. */
  private afterWrite(write: Promise<void>, sid: string, expiry: number, done?: (err?: unknown) => void): void {
    write.then(
      () => {
        this.remember(sid, expiry);
        done?.();
      },
      (e: unknown) => done?.(e),
    );
  }

  private remember(sid: string, expiry: number): void {
    if (this.written.size >= REMEMBERED_MAX) this.written.clear();
    this.written.set(sid, expiry);
  }

  override get(sid: string, done: (err: unknown, data?: session.SessionData | null) => void): void {
    sessionRepository
      .find(this.db, sid, this.now().toISOString())
      .then((data) => done(null, data ? (JSON.parse(data) as session.SessionData) : null), done);
  }

  /** express-session makes a request's session object from the stored data here. */
  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const made = super.createSession(req, data);
    this.stored.add(made);
    return made;
  }

  override set(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    const expiry = this.expiry(data);
    const expiresAt = new Date(expiry).toISOString();
    this.written.delete(sid);
    if (this.stored.has(data)) {
      // Its row may have been deleted meanwhile (signed out, or the account's sessions ended): never brought back.
      this.afterWrite(sessionRepository.update(this.db, sid, JSON.stringify(data), expiresAt), sid, expiry, done);
      return;
    }
    const write = sessionRepository.save(this.db, sid, JSON.stringify(data), expiresAt).then(() => {
      this.stored.add(data);
    });
    this.afterWrite(write, sid, expiry, done);
  }

  override touch(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    const expiry = this.expiry(data);
    const moved = expiry - (this.written.get(sid) ?? -Infinity);
    if (moved >= 0 && moved < TOUCH_EVERY_MS) {
      done?.();
      return;
    }
    this.afterWrite(sessionRepository.touch(this.db, sid, new Date(expiry).toISOString()), sid, expiry, done);
  }

  override destroy(sid: string, done?: (err?: unknown) => void): void {
    this.written.delete(sid);
    sessionRepository.remove(this.db, sid).then(() => done?.(), (e: unknown) => done?.(e));
  }
}
