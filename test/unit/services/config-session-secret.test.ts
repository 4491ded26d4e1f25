// SESSION_SECRET: instances sharing a PostgreSQL database must share it, so the web server requires
// it there; commands (migrate as a release step, imports, backups) sign no cookies and do not. On
// SQLite (one instance) outside production a random one is still made at start.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config';

const SECRET = 'a-long-random-string-for-signing-cookies-0123';

const refusal = (env: Record<string, string>, use = { serving: true }): string => {
  try {
    loadConfig(env, use);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return '';
};

describe('config: SESSION_SECRET with PostgreSQL', () => {
  for (const url of ['postgres://app@db.council.example/tenders', 'postgresql://app@db.council.example/tenders']) {
    it(`is required to serve with DATABASE_URL=${url.split(':')[0]}://…, even outside production, saying why`, () => {
      const message = refusal({ NODE_ENV: 'development', DATABASE_URL: url });
      assert.match(message, /SESSION_SECRET: is missing; with DATABASE_URL on PostgreSQL several instances/);
      assert.match(message, /the same secret to read the others’/);
      assert.match(message, /at least 32 characters on every instance/);
      assert.equal(loadConfig({ NODE_ENV: 'development', DATABASE_URL: url, SESSION_SECRET: SECRET }, { serving: true }).sessionSecret, SECRET);
    });
  }

  it('is not needed by commands on PostgreSQL, such as migrate as a release step', () => {
    assert.equal(refusal({ NODE_ENV: 'development', DATABASE_URL: 'postgres://app@db.council.example/tenders' }, { serving: false }), '');
  });

  it('is still made at start on SQLite outside production, and required in production', () => {
    const first = loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'sqlite:data/app.sqlite' }, { serving: true });
    assert.ok(first.sessionSecret.length >= 32);
    assert.match(refusal({ NODE_ENV: 'production', DATABASE_URL: 'sqlite:data/app.sqlite' }), /SESSION_SECRET: is missing; production needs/);
  });

  it('is not needed by commands in production (migrate, the daily remind), which sign no cookies', () => {
    for (const url of ['sqlite:data/app.sqlite', 'postgres://app@db.council.example/tenders']) {
      assert.equal(refusal({ NODE_ENV: 'production', DATABASE_URL: url }, { serving: false }), '', url);
    }
  });
});
