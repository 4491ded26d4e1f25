// A real OpenID Provider (oidc-provider) on 127.0.0.1 for the single sign-on tests, with its
// development sign-in pages, which a test fills in as a person would (any login, any password).
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { load } from 'cheerio';
import Provider from 'oidc-provider';

export const CLIENT = { id: 'tender-evaluation', secret: 'a-client-secret-only-for-these-tests' };
export const PUBLIC_URL = 'http://app.test';

/** Claims the provider gives for each login (the login is the email); by default a verified email. */
export type ClaimsFor = (login: string) => Record<string, unknown>;

export interface TestProvider {
  issuer: string;
  /**
   * From now on, the provider's key list (jwks_uri) publishes another public key under the id of
   * the key it signs with: every ID token it signs is then wrongly signed for anyone checking
   * against the published keys, as a forged token would be. `false` publishes the real one again.
   */
  publishOtherKey(other: boolean): void;
  close(): Promise<void>;
}

const SIGNING_KID = 'signing-key';

/** A new RSA key pair as JWKs, with the id the provider signs with. */
function rsaKey(): { privateJwk: JsonWebKey; publicJwk: JsonWebKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const meta = { kid: SIGNING_KID, use: 'sig', alg: 'RS256' };
  return { privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta }, publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta } };
}

/**
 * `authTime: false`: the provider puts auth_time (when the person signed in there) in an ID token
 * only when asked (max_age, prompt=login), as some providers do; by default in every one, as many do.
 */
export async function startProvider(claimsFor: ClaimsFor = () => ({}), options: { authTime?: boolean } = {}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signing = rsaKey();
  const other = rsaKey();
  let publishOther = false;
  const provider = new Provider(issuer, {
    jwks: { keys: [signing.privateJwk] },
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${PUBLIC_URL}/sign-in/sso/callback`],
        post_logout_redirect_uris: [`${PUBLIC_URL}/sign-in`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        require_auth_time: options.authTime ?? true,
      },
    ],
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true, ...claimsFor(id) }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['roles'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['a-cookie-key-only-for-these-tests'] },
  });
  const answer = provider.callback();
  server.on('request', (req, res) => {
    if (publishOther && req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify({ keys: [other.publicJwk] }));
      return;
    }
    answer(req, res);
  });
  return {
    issuer,
    publishOtherKey: (value) => {
      publishOther = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A browser at the provider: its cookies (the provider's own session, kept from one sign-in to the
 * next) and the pages it was shown (`login`, `consent`), in order.
 */
export interface ProviderBrowser {
  cookies: Map<string, string>;
  prompts: string[];
}

export const providerBrowser = (): ProviderBrowser => ({ cookies: new Map(), prompts: [] });

/**
 * Follows the provider's pages from the authorisation URL, signing in as `login` and agreeing,
 * until it sends the browser back to the app; returns that path and query. A browser given keeps
 * the provider's session, so a second sign-in may be answered without any page.
 */
export async function signInAtProvider(authorisationUrl: string, login: string, browser: ProviderBrowser = providerBrowser()): Promise<string> {
  const { cookies, prompts } = browser;
  let url = authorisationUrl;
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ?? undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    form = null;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin === PUBLIC_URL) return `${next.pathname}${next.search}`;
      url = next.href;
      continue;
    }
    const $ = load(await res.text());
    const action = $('form').attr('action');
    const prompt = $('input[name="prompt"]').val();
    if (!action || typeof prompt !== 'string') throw new Error(`the provider showed no form at ${url} (status ${res.status})`);
    prompts.push(prompt);
    url = new URL(action, url).href;
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}

/**
 * Moves the real clock (Date.now, which the provider and openid-client read) on by `ms`, as time
 * passing would; returns the function that puts it back. Tests move the app's own clock with it.
 */
export function moveRealClock(ms: number): () => void {
  const real = Date.now;
  Date.now = () => real() + ms;
  return () => {
    Date.now = real;
  };
}
