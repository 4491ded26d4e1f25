// express-session's store, kept in the database so sessions survive a restart and sign-out ends
// a session on the server.
import session from 'express-session';
import type { Db } from '../data/database';
import { sessionRepository } from '../data/session-repository';

const DAY_MS = 24 * 60 * 60 * 1000;

export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    super();
  }

  /** Expiry by the app's clock: the cookie's max age (the idle timeout) from now. */
  private expiry(data: session.SessionData): string {
    return new Date(this.now().getTime() + (data.cookie?.originalMaxAge ?? DAY_MS)).toISOString();
  }

  override get(sid: string, done: (err: unknown, data?: session.SessionData | null) => void): void {
    sessionRepository
      .find(this.db, sid, this.now().toISOString())
      .then((data) => done(null, data ? (JSON.parse(data) as session.SessionData) : null), done);
  }

  override set(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    sessionRepository.save(this.db, sid, JSON.stringify(data), this.expiry(data)).then(() => done?.(), (e: unknown) => done?.(e));
  }

  override touch(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    sessionRepository.touch(this.db, sid, this.expiry(data)).then(() => done?.(), (e: unknown) => done?.(e));
  }

  override destroy(sid: string, done?: (err?: unknown) => void): void {
    sessionRepository.remove(this.db, sid).then(() => done?.(), (e: unknown) => done?.(e));
  }
}
