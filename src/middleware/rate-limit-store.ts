// express-rate-limit's counts kept in the database, so every app instance on one database counts
// the same tries: ten wrong passwords spread over two instances are still ten.
//
// Each limit has its own name. A client's key (an address, or an account typed into a form) is
// stored only as a hash of fixed length, so the table holds no addresses or email addresses, and
// an anonymous client cannot make a row bigger than one hash; rows are one per limit, key and
// window, and expired ones are deleted by the pruning job (services/maintenance.ts).
//
// Windows follow the real clock, as express-rate-limit itself does (it compares the window's end
// with Date.now() before taking back a hit that does not count); tests of the store give it a clock.
import { createHash } from 'node:crypto';
import { rateLimit, type ClientRateLimitInfo, type Options, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import type { Db } from '../data/database';
import { rateLimitRepository, type Hits } from '../data/rate-limit-repository';

/** The stored form of a client's key: a SHA-256 hash, 43 characters whatever the key's length. */
export const storedKey = (key: string): string => createHash('sha256').update(key).digest('base64url');

const info = (hits: Hits): ClientRateLimitInfo => ({ totalHits: hits.hits, resetTime: new Date(hits.resetsAt) });

export class DatabaseRateLimitStore implements Store {
  /** Counts live in the database, shared with other instances (express-rate-limit's checks read this). */
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;

  constructor(
    private readonly db: Db,
    readonly name: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const resetsAt = new Date(now.getTime() + this.windowMs).toISOString();
    return info(await rateLimitRepository.increment(this.db, this.name, storedKey(key), now.toISOString(), resetsAt));
  }

  async decrement(key: string): Promise<void> {
    await rateLimitRepository.decrement(this.db, this.name, storedKey(key), this.now().toISOString());
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const hits = await rateLimitRepository.find(this.db, this.name, storedKey(key), this.now().toISOString());
    return hits ? info(hits) : undefined;
  }

  async resetKey(key: string): Promise<void> {
    await rateLimitRepository.remove(this.db, this.name, storedKey(key));
  }

  async resetAll(): Promise<void> {
    await rateLimitRepository.removeAll(this.db, this.name);
  }
}

/** A rate limit counted in the database under `name` (one name per limit). */
export function sharedRateLimit(db: Db, name: string, options: Partial<Omit<Options, 'store'>>): RateLimitRequestHandler {
  return rateLimit({ ...options, store: new DatabaseRateLimitStore(db, name) });
}
