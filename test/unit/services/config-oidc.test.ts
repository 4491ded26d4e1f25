import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config';

const OIDC = { OIDC_ISSUER: 'https://login.example/tenant/v2.0', OIDC_CLIENT_ID: 'app', OIDC_CLIENT_SECRET: 's', PUBLIC_URL: 'https://tenders.example/' };
const refused = (env: Record<string, string>, variable: RegExp) =>
  assert.throws(() => loadConfig({ NODE_ENV: 'test', ...env }), (e: unknown) => e instanceof ConfigError && variable.test(e.message));

describe('config: single sign-on', () => {
  it('is off without OIDC_ISSUER, with passwords on', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    assert.equal(c.oidc, null);
    assert.equal(c.localPasswords, true);
  });

  it('reads the provider, the redirect address and the role map', () => {
    const c = loadConfig({ NODE_ENV: 'test', ...OIDC, OIDC_ROLE_CLAIM: 'roles', OIDC_ROLE_MAP: 'Tender.Admins=admin, Buyers=procurement', LOCAL_PASSWORDS: 'off' });
    assert.equal(c.oidc?.redirectUri, 'https://tenders.example/sign-in/sso/callback');
    assert.deepEqual(c.oidc?.roleMap, { 'Tender.Admins': 'admin', Buyers: 'procurement' });
    assert.equal(c.localPasswords, false);
  });

  it('refuses a half set-up, passwords off without single sign-on, and a role map naming no role', () => {
    refused({ OIDC_ISSUER: OIDC.OIDC_ISSUER, OIDC_CLIENT_ID: 'app', PUBLIC_URL: OIDC.PUBLIC_URL }, /OIDC_CLIENT_SECRET: is missing/);
    refused({ LOCAL_PASSWORDS: 'off' }, /LOCAL_PASSWORDS: is off, but OIDC_ISSUER is not set/);
    refused({ ...OIDC, OIDC_ROLE_MAP: 'Tender.Admins=root' }, /OIDC_ROLE_MAP: holds "Tender.Admins=root"/);
    refused({ ...OIDC, PUBLIC_URL: 'not a url' }, /PUBLIC_URL: /);
  });
});
