// Where the app's score saves are committed. Saves that arrive together are committed together
// (group commit): one transaction and one disk sync for all of them, each save acknowledged only
// once that commit has returned, so `synchronous=FULL` keeps every acknowledged save.
// - `groupCommit(db)`: on the app's own connection: on SQLite the sync still happens on the event
//   loop, once per group instead of once per save (tests, and any database the writer thread cannot
//   open); on PostgreSQL, whose driver never blocks the event loop, this is how the server saves:
//   saves to one tender take turns on its audit chain until their commit, so committing them
//   together is what lets them share a commit (measured: README, "Running on PostgreSQL");
// - `writerThread(file)` (writer-thread.ts): on a second connection in a worker thread, so no
//   disk sync happens on the event loop at all; WAL lets the app's connection keep reading.
import type { Db } from '../../data/database';
import { commitSaves, type SaveOutcome, type SaveRequest, type SaveSettled } from './score-save';

export interface ScoreSaves {
  /** Commits the save (with others arriving meanwhile); resolves once it is on disk. */
  save(request: SaveRequest): Promise<SaveOutcome | null>;
  /** Finishes the saves in flight, then stops. */
  close(): Promise<void>;
}

/** The most saves committed in one transaction. */
export const GROUP_MAX = 64;

interface Waiting {
  request: SaveRequest;
  resolve: (outcome: SaveOutcome | null) => void;
  reject: (error: Error) => void;
}

export const settle = (waiting: Pick<Waiting, 'resolve' | 'reject'>, settled: SaveSettled): void =>
  settled.ok ? waiting.resolve(settled.outcome) : waiting.reject(new Error(`the score was not saved: ${settled.error}`));

/**
 * Group commit on the app's connection: saves arriving in the same turn of the event loop (and
 * while a group is being committed) are committed together in the next group.
 */
export function groupCommit(db: Db): ScoreSaves {
  let queue: Waiting[] = [];
  let running: Promise<void> | null = null;
  const run = async (): Promise<void> => {
    // Let the saves of this turn of the event loop arrive first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const group = queue.slice(0, GROUP_MAX);
      queue = queue.slice(group.length);
      const settled = await commitSaves(
        db,
        group.map((w) => w.request),
      );
      group.forEach((w, i) => settle(w, settled[i]!));
    }
    running = null;
  };
  return {
    save(request) {
      return new Promise((resolve, reject) => {
        queue.push({ request, resolve, reject });
        running ??= run();
      });
    },
    async close() {
      await running;
    },
  };
}
