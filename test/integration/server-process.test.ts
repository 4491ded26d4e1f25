// `npm start` as a deployer runs it: SIGTERM or SIGINT sent to npm stops the whole server (npm,
// tsx and node) and frees the port. (A damaged SQLite file: sqlite/server-damaged-file.test.ts.)
import assert from 'node:assert/strict';
import { freePort, listening, npmStart, untilRunning } from '../helpers/npm-start';
import { useTempDatabase } from '../helpers/temp-db';

describe('npm start as a process', function () {
  this.timeout(90_000);
  const temp = useTempDatabase('each');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops completely on ${signal} sent to npm, leaving the port free`, async () => {
      const port = await freePort();
      // A session secret, as every deployment on PostgreSQL must set (the server refuses to start without one there).
      const started = npmStart({ DATABASE_URL: temp.url, PORT: String(port), SESSION_SECRET: 'a-secret-the-test-sets-0123456789abcdef' });
      try {
        await untilRunning(started);
        assert.ok(await listening(port));
        started.npm.kill(signal);
        await started.exited;
        // The server finishes its requests and closes the database: once npm has gone, nothing
        // is left holding the port.
        for (let tries = 0; tries < 50 && (await listening(port)); tries += 1) await new Promise((r) => setTimeout(r, 100));
        assert.equal(await listening(port), false, `port ${port} is still held after ${signal}:\n${started.output()}`);
        assert.match(started.output(), new RegExp(`"signal":"${signal}","msg":"stopping: finishing requests in flight"`));
      } finally {
        if (started.npm.exitCode === null) started.npm.kill('SIGKILL');
      }
    });
  }
});
