// Deletes what has expired: sessions past their expiry (with anything kept in them, such as words
// kept for a member whose session had ended) and rate-limit counts whose window has ended. Each
// instance of the app looks every PRUNE_EVERY_MS, but only the one that takes the lease prunes,
// and the lease lasts as long as the interval: however many instances share the database, the
// pruning runs about once per interval, never in two places at once.
import type { Logger } from 'pino';
import type { Db } from '../../data/database';
import { rateLimitRepository } from '../../data/rate-limit-repository';
import { sessionRepository } from '../../data/session-repository';
import { takeLease, THIS_INSTANCE } from './leases';

export const PRUNE_EVERY_MS = 10 * 60 * 1000;
export const PRUNE_LEASE = 'prune-expired';

export type PruneRun = { ran: false } | { ran: true; sessions: number; rateLimits: number };

/** Prunes once if this holder can take the lease (for `everyMs` from `now`); otherwise does nothing. */
export async function pruneExpired(db: Db, holder: string, now: Date, everyMs = PRUNE_EVERY_MS): Promise<PruneRun> {
  if (!(await takeLease(db, PRUNE_LEASE, holder, now, everyMs))) return { ran: false };
  const at = now.toISOString();
  const sessions = await sessionRepository.removeExpired(db, at);
  const rateLimits = await rateLimitRepository.removeExpired(db, at);
  return { ran: true, sessions, rateLimits };
}

export interface Pruning {
  /** One look now (the timer's own, or a test's); never two at once in this process. */
  runNow(): Promise<PruneRun>;
  /** Stops the timer and waits for a run in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

export interface PruningOptions {
  now: () => Date;
  logger: Pick<Logger, 'info' | 'error'>;
  holder?: string;
  everyMs?: number;
}

/** Looks at once and then every `everyMs`; the timer never keeps the process alive. */
export function startPruning(db: Db, options: PruningOptions): Pruning {
  const everyMs = options.everyMs ?? PRUNE_EVERY_MS;
  const holder = options.holder ?? THIS_INSTANCE;
  let running: Promise<PruneRun> | undefined;
  const runNow = (): Promise<PruneRun> => {
    running ??= pruneExpired(db, holder, options.now(), everyMs).finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => {
    runNow().then(
      (run) => {
        if (run.ran && run.sessions + run.rateLimits > 0) options.logger.info({ sessions: run.sessions, rateLimits: run.rateLimits }, 'pruned expired sessions and rate-limit counts');
      },
      (error: unknown) => options.logger.error({ err: error }, 'pruning expired sessions failed; trying again at the next interval'),
    );
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
