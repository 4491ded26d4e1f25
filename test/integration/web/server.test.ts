// `npm start` as a newcomer runs it: the server starts on an empty database, prints the demo
// accounts and two panel links, serves the pages, lets a panel member in by link, and stops
// cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import request from 'supertest';
import { REPO_ROOT } from '../../helpers/paths';
import { makeTempDatabase } from '../../helpers/temp-db';

describe('web: the server (npm start)', function () {
  this.timeout(60_000);

  it('starts with the demo, serves sign-in and a panel link, and stops on SIGTERM', async () => {
    const temp = await makeTempDatabase('tender-server-');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'server.ts')], {
      cwd: REPO_ROOT,
      // A session secret, as every deployment on PostgreSQL must set (the server refuses to start without one there).
      env: { ...process.env, NODE_ENV: 'development', PORT: String(port), DATABASE_URL: temp.url, LOG_LEVEL: 'silent', SESSION_SECRET: 'a-secret-the-test-sets-0123456789abcdef' },
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 40_000;
      while (!/Demo panel members[\s\S]*\/invite\/[\s\S]*\/invite\//.test(output)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.match(output, /commissioner@demo\.example {2}password: \S+/);
      assert.match(output, /procurement@demo\.example/);
      assert.match(output, /facilitator@demo\.example/);
      const base = `http://localhost:${port}`;
      assert.equal((await request(base).get('/sign-in')).status, 200);
      const link = /http:\/\/localhost:\d+(\/invite\/\S+)/.exec(output)![1]!;
      const agent = request.agent(base);
      const invited = await agent.get(link);
      assert.equal(invited.status, 303);
      assert.equal(invited.headers['location'], '/panel');
      assert.match((await agent.get('/panel')).text, /Home care for older people/);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await temp.cleanup();
    }
  });
});
