// Score saves committed on a worker thread (writer-worker.ts) with its own connection to the
// database file: the disk sync of each commit happens there, never on the app's event loop, and
// saves arriving while one group commits are committed together in the next (one sync for all).
// A save is acknowledged only when the worker reports its group committed. WAL lets the app's own
// connection keep reading meanwhile; every transaction takes the write lock at its start (BEGIN
// IMMEDIATE, database.ts), so the two connections never fight over a read that turns into a write.
import { Worker } from 'node:worker_threads';
import type { SaveOutcome, SaveRequest } from './score-save';
import { settle, type ScoreSaves } from './score-saves';
import type { WorkerAnswer, WorkerMessage } from './writer-worker';

/**
 * The worker runs TypeScript as the app does (tsx): a small CommonJS start registers tsx's
 * loader in the thread, then imports writer-worker.ts.
 */
const START = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`;

interface Pending {
  resolve: (outcome: SaveOutcome | null) => void;
  reject: (error: Error) => void;
}

/** The writer thread's saves, and `ready`: resolves once the thread has opened the database. */
export function writerThread(file: string): ScoreSaves & { ready: Promise<void> } {
  let worker: Worker | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const started = new Worker(START, {
      eval: true,
      workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./writer-worker.ts', import.meta.url).href, file },
    });
    started.on('message', (answer: WorkerAnswer | 'ready') => {
      if (answer === 'ready') {
        // Held open until the thread is ready; then only while a save waits for its commit.
        if (pending.size === 0) started.unref();
        markReady();
        return;
      }
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      settle(waiting, answer.settled);
      if (pending.size === 0) started.unref();
    });
    started.on('error', (error) => failAll(new Error(`the score writer stopped: ${error.message}`)));
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the score writer stopped (exit ${code})`));
    });
    return started;
  };

  // Started at once, so the first save does not wait for the thread to load.
  worker = start();
  return {
    ready,
    save(request: SaveRequest) {
      worker ??= start();
      const id = nextId++;
      const message: WorkerMessage = { kind: 'save', id, request };
      const answered = new Promise<SaveOutcome | null>((resolve, reject) => pending.set(id, { resolve, reject }));
      // Keep the process alive while a save is waiting for its commit.
      worker.ref();
      worker.postMessage(message);
      return answered;
    },
    async close() {
      const running = worker;
      if (!running) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.ref();
      running.postMessage({ kind: 'close' } satisfies WorkerMessage);
      await exited;
    },
  };
}
