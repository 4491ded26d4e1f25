// The writer thread (started by writer-thread.ts): its own connection to the database file, with
// the same settings as the app's (WAL, synchronous=FULL, foreign keys, busy timeout). It commits
// the saves that have arrived in groups (commitSaves) and answers each only after its group's
// commit has returned, so an answered save is on disk. Migrations are the app's job, done before.
import { parentPort, workerData } from 'node:worker_threads';
import { connectDatabase } from '../../data/database';
import { commitSaves, type SaveRequest, type SaveSettled } from './score-save';
import { GROUP_MAX } from './score-saves';

export type WorkerMessage = { kind: 'save'; id: number; request: SaveRequest } | { kind: 'close' };
export interface WorkerAnswer {
  id: number;
  settled: SaveSettled;
}

const port = parentPort;
if (port) {
  const db = connectDatabase(`sqlite:${(workerData as { file: string }).file}`);
  let queue: { id: number; request: SaveRequest }[] = [];
  let scheduled = false;
  let closing = false;

  const flush = async (): Promise<void> => {
    // Everything that arrived while the last group was committing is committed now, together.
    while (queue.length > 0) {
      const group = queue.slice(0, GROUP_MAX);
      queue = queue.slice(group.length);
      const settled = await commitSaves(
        db,
        group.map((m) => m.request),
      );
      group.forEach((m, i) => port.postMessage({ id: m.id, settled: settled[i]! } satisfies WorkerAnswer));
    }
    scheduled = false;
    if (closing) {
      await db.destroy();
      port.close();
    }
  };

  port.postMessage('ready');
  port.on('message', (message: WorkerMessage) => {
    if (message.kind === 'close') closing = true;
    else queue.push({ id: message.id, request: message.request });
    if (!scheduled) {
      scheduled = true;
      // After the messages already waiting have been taken in.
      setImmediate(() => void flush());
    }
  });
}
