// A serving app instance says so in the database: a heartbeat lease `serving:<instance>` that it
// renews every 20 seconds for a minute ahead, and removes when it stops cleanly. `restore`
// refuses while one is running, since a server holding the old file open would keep writing to it
// and those writes would be lost. A server that crashed leaves its heartbeat behind, but it runs
// out a minute after the last beat and then no longer counts.
import type { Db } from '../../data/database';
import { leaseRepository } from '../../data/lease-repository';
import { takeLease, THIS_INSTANCE } from './leases';

const PREFIX = 'serving:';
export const HEARTBEAT_EVERY_MS = 20_000;
/** How long a beat counts: a heartbeat older than this is a server that is gone. */
export const HEARTBEAT_VALID_MS = 60_000;

/** Beats now and then every 20 seconds; `stop` ends the timer and removes the heartbeat. */
export async function startHeartbeat(db: Db, options: { now: () => Date; holder?: string; onError?: (error: unknown) => void }): Promise<{ stop: () => Promise<void> }> {
  const holder = options.holder ?? THIS_INSTANCE;
  const beat = () => takeLease(db, `${PREFIX}${holder}`, holder, options.now(), HEARTBEAT_VALID_MS);
  await beat();
  const timer = setInterval(() => void beat().catch((error: unknown) => options.onError?.(error)), HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await leaseRepository.release(db, `${PREFIX}${holder}`, holder);
    },
  };
}

/** The instances serving on this database now (host:process:random), by their heartbeat. */
export async function servingInstances(db: Db, now: Date): Promise<string[]> {
  return (await leaseRepository.running(db, PREFIX, now.toISOString())).map((l) => l.holder);
}
