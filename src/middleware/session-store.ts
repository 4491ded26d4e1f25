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

  override set(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    const expiry = this.expiry(data);
    this.written.delete(sid);
    this.afterWrite(sessionRepository.save(this.db, sid, JSON.stringify(data), new Date(expiry).toISOString()), sid, expiry, done);
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
