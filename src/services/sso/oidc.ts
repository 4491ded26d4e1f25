// Single sign-on with OpenID Connect (openid-client): the authorisation code flow with PKCE, state
// and nonce; openid-client checks the ID token (issuer, audience, expiry, nonce) and, because
// non-repudiation checks are turned on here, its signature against the keys the provider publishes
// (its jwks_uri): openid-client does not check the signature of a token from the token endpoint
// unless asked, and a token signed with any other key is refused. A person signs in only to an active account that already has the
// email the provider vouches for (email_verified); no one makes their own account.
import * as client from 'openid-client';
import type { OidcConfig } from '../../config';
import type { Kysely } from 'kysely';
import type { Db } from '../../data/database';
import type { Database, UserRow } from '../../data/schema';
import { userRepository } from '../../data/user-repository';
import { ADMIN_RULE, AUDIT_ONLY, writeTransaction, type WriteLock } from '../../data/write-transaction';
import { otherActiveAdmins } from '../accounts/admin-rule';
import { recordEvent } from '../audit';

export interface OidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /**
   * Confirming it is you: the most seconds since the person signed in at the provider that the ID
   * token's auth_time may say (it must say), however the provider treated prompt=login.
   */
  maxAge?: number;
}

/**
 * How long a confirmation may take, from signing in at the provider to the app checking the ID
 * token (the person may be shown a consent page; clocks differ a little): five minutes.
 */
export const FRESH_SIGN_IN_SECONDS = 5 * 60;

const loopback = (url: string): boolean => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url);

/** The provider's configuration, discovered once (and again after a failure). */
/** `testing.clockSkewSeconds` moves the client's clock (tests of an expired ID token only). */
export function oidcProvider(config: OidcConfig, testing: { clockSkewSeconds?: number | undefined } = {}) {
  const metadata: Partial<client.ClientMetadata> = { client_secret: config.clientSecret, ...(testing.clockSkewSeconds ? { [client.clockSkew]: testing.clockSkewSeconds } : {}) };
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(config.issuer), config.clientId, metadata, undefined, {
        execute: [...(loopback(config.issuer) ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  return {
    /** Where to send the person, and what to keep in their session to check their return. */
    /** `fresh`: the provider asks the person to sign in again, even with a session of its own. */
    async start(options: { fresh?: boolean } = {}): Promise<{ url: string; login: OidcLogin }> {
      const login: OidcLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), ...(options.fresh ? { maxAge: FRESH_SIGN_IN_SECONDS } : {}) };
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: config.redirectUri,
        scope: 'openid email profile',
        state: login.state,
        nonce: login.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
        code_challenge_method: 'S256',
        ...(options.fresh ? { prompt: 'login', max_age: '0' } : {}),
      });
      return { url: url.href, login };
    },

    /**
     * Exchanges the code and checks everything; throws when any check fails. With `login.maxAge`
     * (confirming it is you), the ID token must carry auth_time, no older than that.
     * `signedInSecondsAgo`: how long before the token was issued the person signed in at the
     * provider (its iat less its auth_time, both by the provider's clock); null when the token
     * does not say (no auth_time), so the sign-in cannot count as a recent one.
     */
    async finish(callbackPathAndQuery: string, login: OidcLogin): Promise<{ idToken: string; claims: client.IDToken; signedInSecondsAgo: number | null }> {
      const tokens = await client.authorizationCodeGrant(await configuration(), new URL(callbackPathAndQuery, config.publicUrl), {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
        ...(login.maxAge !== undefined ? { maxAge: login.maxAge } : {}),
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new Error('no ID token');
      return { idToken: tokens.id_token, claims, signedInSecondsAgo: signedInSecondsAgo(claims) };
    },

    /** The provider's sign-out page for this ID token, where it has one. */
    async endSessionUrl(idToken: string): Promise<string | null> {
      const c = await configuration();
      if (!c.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(c, { id_token_hint: idToken, post_logout_redirect_uri: `${config.publicUrl}/sign-in` }).href;
    },
  };
}

export type OidcProvider = ReturnType<typeof oidcProvider>;

/** The ID token's issue time less its auth_time (never below 0); null without an auth_time. */
export function signedInSecondsAgo(claims: client.IDToken): number | null {
  const authTime = claims.auth_time;
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return null;
  return Math.max(0, claims.iat - authTime);
}

export type SsoAccount = { ok: true; userId: number; sessionGeneration: number } | { ok: false; reason: 'unverified-email' | 'unknown-email' | 'deactivated' };

/** The account an ID token signs in to, with its role from the role claim when one is mapped. */
export async function ssoAccount(db: Db, config: OidcConfig, claims: client.IDToken, now: Date): Promise<SsoAccount> {
  const email = typeof claims['email'] === 'string' ? claims['email'].toLowerCase() : '';
  const refuse = async (reason: Exclude<SsoAccount, { ok: true }>['reason']): Promise<SsoAccount> => {
    await writeTransaction(db, AUDIT_ONLY, (trx) => recordEvent(trx, { actor: 'sso', action: 'user.sso-refused', tender: null, detail: { email, reason } }, now));
    return { ok: false, reason };
  };
  // Entra ID gives no email_verified; its optional claim xms_edov says the email's domain is verified.
  const verified = claims['email_verified'] === true || claims['xms_edov'] === true;
  if (!email || !verified) return refuse('unverified-email');
  const found = await userRepository.findByEmail(db, email);
  const claimed = mappedRole(config, claims);
  // A claim of another role could take away the last admin: such sign-ins take turns with admins' changes.
  const locks: WriteLock[] = found ? [{ user: found.id }, ...(claimed && claimed !== 'admin' ? [ADMIN_RULE] : [])] : [{ email }];
  return writeTransaction(db, locks, async (trx) => {
    const user = await userRepository.findByEmail(trx, email);
    if (!user) {
      await recordEvent(trx, { actor: 'sso', action: 'user.sso-refused', tender: null, detail: { email, reason: 'unknown-email' } }, now);
      return { ok: false, reason: 'unknown-email' } as const;
    }
    if (user.deactivated_at !== null) {
      await recordEvent(trx, { actor: 'sso', action: 'user.sso-refused', tender: null, detail: { email, reason: 'deactivated' } }, now);
      return { ok: false, reason: 'deactivated' } as const;
    }
    const role = await roleToGive(trx, config, user, claimed, now);
    if (role && role !== user.role) {
      await userRepository.update(trx, user.id, { role });
      await recordEvent(trx, { actor: 'sso', action: 'account.role-changed', tender: null, detail: { account: user.email, from: user.role, to: role, claim: config.roleClaim } }, now);
    }
    await recordEvent(trx, { actor: `${role ?? user.role}:${user.email}`, action: 'user.signed-in', tender: null, detail: { method: 'oidc' } }, now);
    return { ok: true, userId: user.id, sessionGeneration: user.session_generation } as const;
  });
}

/**
 * The role the claim gives, except that the last active admin keeps the admin role (so there is
 * always an admin to look after accounts), with an `account.role-kept` event saying why.
 */
async function roleToGive(trx: Kysely<Database>, config: OidcConfig, user: UserRow, claimed: OidcConfig['roleMap'][string] | null, now: Date): Promise<OidcConfig['roleMap'][string] | null> {
  if (!claimed || user.role !== 'admin' || claimed === 'admin' || (await otherActiveAdmins(trx, user.id)) > 0) return claimed;
  await recordEvent(trx, { actor: 'sso', action: 'account.role-kept', tender: null, detail: { account: user.email, role: 'admin', claimed, claim: config.roleClaim, reason: 'last-admin' } }, now);
  return 'admin';
}

/** The first claim value (in the map's order of roles: admin first) that the map knows. */
function mappedRole(config: OidcConfig, claims: client.IDToken): OidcConfig['roleMap'][string] | null {
  if (!config.roleClaim) return null;
  const raw = claims[config.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const roles = values.map((v) => config.roleMap[v]).filter((r) => r !== undefined);
  for (const role of ['admin', 'commissioner', 'procurement', 'facilitator'] as const) if (roles.includes(role)) return role;
  return null;
}
