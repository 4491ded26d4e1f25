// SESSION_SECRET: instances sharing a PostgreSQL database must share it, so it is required there;
// on SQLite (one instance) outside production a random one is still made at start.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config';

const SECRET = 'a-long-random-string-for-signing-cookies-0123';

const refusal = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return '';
};

describe('config: SESSION_SECRET with PostgreSQL', () => {
  for (const url of ['postgres://app@db.council.example/tenders', 'postgresql://app@db.council.example/tenders']) {
    it(`is required with DATABASE_URL=${url.split(':')[0]}://…, even outside production, saying why`, () => {
      const message = refusal({ NODE_ENV: 'development', DATABASE_URL: url });
      assert.match(message, /SESSION_SECRET: is missing; with DATABASE_URL on PostgreSQL several instances/);
      assert.match(message, /the same secret to read the others’/);
      assert.match(message, /at least 32 characters on every instance/);
      assert.equal(loadConfig({ NODE_ENV: 'development', DATABASE_URL: url, SESSION_SECRET: SECRET }).sessionSecret, SECRET);
    });
  }

  it('is still made at start on SQLite outside production, and required in production', () => {
    const first = loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'sqlite:data/app.sqlite' });
    assert.ok(first.sessionSecret.length >= 32);
    assert.match(refusal({ NODE_ENV: 'production', DATABASE_URL: 'sqlite:data/app.sqlite' }), /SESSION_SECRET: is missing; production needs/);
  });
});
