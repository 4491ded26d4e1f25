// Leases let one app instance at a time do a job on a shared database: the first to take a lease
// does the job; the others see it held and leave it. A lease runs until a time (by the taker's
// clock), so when its instance stops or dies another takes over once that time has passed.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../../data/database';
import { leaseRepository } from '../../data/lease-repository';

/** This process as a lease holder: its host, process id and a random part (so a restart is someone new). */
export const THIS_INSTANCE = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** Takes the lease `name` for `forMs` from `now`, unless another holder's lease is still running. */
export async function takeLease(db: Db, name: string, holder: string, now: Date, forMs: number): Promise<boolean> {
  return leaseRepository.take(db, name, holder, now.toISOString(), new Date(now.getTime() + forMs).toISOString());
}
