import assert from 'node:assert/strict';
import { ConfigError, loadConfig, parseTrustProxy } from '../../../src/config';

describe('config: TRUST_PROXY', () => {
  it('defaults to one proxy in production and none elsewhere', () => {
    assert.equal(parseTrustProxy(undefined, true), 1);
    assert.equal(parseTrustProxy(undefined, false), false);
    assert.equal(parseTrustProxy('', true), 1);
  });

  it('reads a hop count, off, or addresses and subnets', () => {
    assert.equal(parseTrustProxy('2', false), 2);
    assert.equal(parseTrustProxy('false', true), false);
    assert.equal(parseTrustProxy('0', true), false);
    assert.deepEqual(parseTrustProxy('10.0.0.5, 10.0.0.0/8,loopback, fd00::/8', false), ['10.0.0.5', '10.0.0.0/8', 'loopback', 'fd00::/8']);
  });

  it('refuses true, a wrong address or subnet, and too many hops, naming the variable', () => {
    for (const value of ['true', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '11']) {
      assert.throws(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: value }), (e: unknown) => e instanceof ConfigError && /TRUST_PROXY: /.test(e.message), value);
    }
  });
});
