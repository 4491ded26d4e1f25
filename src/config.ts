// The environment, read once and checked with zod. A wrong value stops start-up with a message
// naming the variable, what it holds and what is expected.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { check, type Problem } from './engine';

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number from 1 to 65535, such as 3000' }).int('must be a whole port number from 1 to 65535').min(1, 'must be a port number from 1 to 65535').max(65535, 'must be a port number from 1 to 65535').default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:PATH, such as sqlite:data/app.sqlite, or postgres://USER:PASSWORD@HOST:PORT/DATABASE')
    .default('sqlite:data/app.sqlite'),
  /** PostgreSQL only: the most connections one app instance keeps open. */
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number of connections' }).int('must be a whole number').min(1, 'must be from 1 to 200').max(200, 'must be from 1 to 200').default(10),
  RUBRICS_DIR: z.string().min(1).default('rubrics'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters; expected a long random string').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The buyer, as the contract award notice names it; the notice says which are missing.
  BUYER_NAME: z.string().trim().min(1).max(200).optional(),
  BUYER_ID_SCHEME: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{2,10}$/, 'must be a register code such as GB-PPON or GB-GOR').default('GB-PPON'),
  BUYER_ID: z.string().trim().min(1).max(50).optional(),
  BUYER_STREET_ADDRESS: z.string().trim().min(1).max(200).optional(),
  BUYER_LOCALITY: z.string().trim().min(1).max(100).optional(),
  BUYER_POSTCODE: z.string().trim().min(1).max(20).optional(),
  BUYER_COUNTRY: z.string().trim().min(1).max(100).default('United Kingdom'),
  OCID_PREFIX: z.string().regex(/^ocds-[a-z0-9]{6}$/, 'must be an OCID prefix such as ocds-h6vhtk (ocds- and 6 letters or digits)').optional(),
  // Who to contact about the accessibility of this service (the accessibility statement).
  ACCESSIBILITY_CONTACT: z.string().trim().min(3).max(200).optional(),
  TRUST_PROXY: z.string().trim().optional(),
  PUBLIC_URL: z.url({ error: 'must be the address people use for the app, like https://tenders.council.gov.uk' }).optional(),
  OIDC_ISSUER: z.url({ error: 'must be the identity provider’s issuer address, like https://login.microsoftonline.com/TENANT/v2.0' }).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** A claim holding the person's groups or roles, and how its values map to the app's roles. */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).optional(),
  OIDC_ROLE_MAP: z.string().trim().optional(),
  LOCAL_PASSWORDS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  // Email to panel members: unset, every message is a printable letter.
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must be an SMTP address like smtp://user:password@mail.council.gov.uk:587 or smtps://…:465').optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).default('Tender evaluation <no-reply@localhost>'),
  /** How many days before scoring closes members who have not sent are reminded. */
  REMINDER_DAYS: z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(0, 'must be from 0 to 30 days').max(30, 'must be from 0 to 30 days').default(3),
  // The hourly rate a new tender starts with for members who are paid (pounds, like 15 or 12.60).
  INVOLVEMENT_HOURLY_RATE: z
    .string()
    .trim()
    .regex(/^\d{1,4}(\.\d{1,2})?$/, 'must be pounds and pence with no £ sign, like 15 or 12.60')
    // Only a rate written as pounds is compared ("£15" is refused by the pattern alone).
    .refine((v) => !(Number(v) > 1000), 'must be 1000 or less (pounds an hour)')
    .optional(),
});

/** Single sign-on with OpenID Connect, when OIDC_ISSUER is set. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends people back: PUBLIC_URL + /sign-in/sso/callback. */
  redirectUri: string;
  publicUrl: string;
  roleClaim: string | null;
  /** Claim value → app role. */
  roleMap: Record<string, 'commissioner' | 'procurement' | 'facilitator' | 'admin'>;
}

const ROLES = ['commissioner', 'procurement', 'facilitator', 'admin'] as const;

function oidcConfig(c: z.infer<typeof ConfigSchema>): OidcConfig | null | Problem {
  if (!c.OIDC_ISSUER) {
    return c.LOCAL_PASSWORDS === 'off' ? { path: 'LOCAL_PASSWORDS', message: 'is off, but OIDC_ISSUER is not set, so no one could sign in; set up single sign-on first' } : null;
  }
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL'] as const) {
    if (!c[name]) return { path: name, message: 'is missing; single sign-on (OIDC_ISSUER is set) needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL' };
  }
  const roleMap: OidcConfig['roleMap'] = {};
  for (const pair of (c.OIDC_ROLE_MAP ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [value, role] = pair.split('=').map((p) => p.trim());
    if (!value || !role || !(ROLES as readonly string[]).includes(role)) {
      return { path: 'OIDC_ROLE_MAP', message: `holds "${pair}"; expected claim-value=role pairs separated by commas, each role one of ${ROLES.join(', ')}` };
    }
    roleMap[value] = role as OidcConfig['roleMap'][string];
  }
  const publicUrl = c.PUBLIC_URL!.replace(/\/+$/, '');
  return { issuer: c.OIDC_ISSUER, clientId: c.OIDC_CLIENT_ID!, clientSecret: c.OIDC_CLIENT_SECRET!, redirectUri: `${publicUrl}/sign-in/sso/callback`, publicUrl, roleClaim: c.OIDC_ROLE_CLAIM ?? null, roleMap };
}

/**
 * How the client's address is read: false (the connection's own address), a number of proxies in
 * front of the app (the address that many hops back in X-Forwarded-For), or the proxies' own
 * addresses and subnets (express's names loopback, linklocal and uniquelocal work too).
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as typed; unset: one proxy in production (as before), none elsewhere. */
export function parseTrustProxy(value: string | undefined, production: boolean): TrustProxy | Problem {
  const problem = (message: string): Problem => ({ path: 'TRUST_PROXY', message });
  if (value === undefined || value === '') return production ? 1 : false;
  if (/^(false|off|no|0)$/i.test(value)) return false;
  if (/^(true|on|yes)$/i.test(value)) {
    return problem(`is "${value}", which would trust every address, so anyone could choose the address the app sees; expected the number of proxies in front of the app (like 1) or their addresses (like 10.0.0.5, 10.0.0.0/8)`);
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : problem(`is ${value}; expected the number of proxies in front of the app, from 0 to 10`);
  }
  const parts = value.split(',').map((p) => p.trim());
  const wrong = parts.filter((p) => !PROXY_NAMES.has(p) && !isAddressOrSubnet(p));
  if (wrong.length > 0) {
    return problem(`holds "${wrong.join('", "')}", which is not an address or subnet; expected a number of proxies (like 1) or addresses and subnets separated by commas (like 10.0.0.5, 10.0.0.0/8)`);
  }
  return parts;
}

function isAddressOrSubnet(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

function isProblem(value: TrustProxy | Problem): value is Problem {
  return typeof value === 'object' && !Array.isArray(value);
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  /** PostgreSQL only: the most connections this instance keeps open. */
  databasePoolSize: number;
  rubricsDir: string;
  /** Signs session cookies. Required in production, and to serve on PostgreSQL (shared by every instance); elsewhere a random one is made at start. */
  sessionSecret: string;
  logLevel: string;
  /** The buyer for the award notice; each field undefined until configured. */
  buyer: {
    name: string | undefined;
    identifier: { scheme: string; id: string | undefined };
    address: { streetAddress: string | undefined; locality: string | undefined; postalCode: string | undefined; countryName: string };
  };
  /** The buyer's OCID prefix (ocds-xxxxxx); the notice's ocid is the prefix and the reference. */
  ocidPrefix: string | undefined;
  /** An email address or other contact for accessibility problems; undefined: the page says who to ask. */
  accessibilityContact: string | undefined;
  /** Express's `trust proxy`: how the client address (for the sign-in limits) is read. */
  trustProxy: TrustProxy;
  /** Single sign-on, or null when OIDC_ISSUER is not set. */
  oidc: OidcConfig | null;
  /** False only with LOCAL_PASSWORDS=off (and single sign-on set up): no password sign-in. */
  localPasswords: boolean;
  /** Email to panel members, or null (SMTP_URL unset): messages are printable letters. */
  smtp: { url: string; from: string } | null;
  /** Reminders go this many days before scoring closes. */
  reminderDays: number;
  /** The app's address for links in messages: PUBLIC_URL, or http://localhost:PORT. */
  publicUrl: string;
  /** PUBLIC_URL as configured (no trailing slash), or undefined: invitation letters then use the address the request came to. */
  configuredPublicUrl: string | undefined;
  /** The hourly rate a new tender starts with (pounds, two decimal places), or null: none until set. */
  defaultHourlyRate: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: Problem[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

/**
 * Reads a `.env` file in the working folder, where there is one, into process.env, as
 * `.env.example` says: a variable already set in the environment keeps its value. Called by the
 * entry points (`npm start`, the command line) before loadConfig, never by loadConfig itself.
 * Returns whether a file was read.
 */
export function loadEnvFile(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

/**
 * `serving`: for the web server (server.ts). Only the server signs session cookies, so only it
 * needs SESSION_SECRET (in production, and on PostgreSQL); commands such as `migrate` (a release
 * step) and the daily `remind` do not, in production too.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, use: { serving?: boolean } = {}): Config {
  const checked = check(ConfigSchema, env);
  if (!checked.ok) throw new ConfigError(checked.problems);
  const c = checked.value;
  if (use.serving && c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new ConfigError([{ path: 'SESSION_SECRET', message: 'is missing; production needs a random string of at least 32 characters' }]);
  }
  if (use.serving && /^postgres(ql)?:\/\//.test(c.DATABASE_URL) && !c.SESSION_SECRET) {
    throw new ConfigError([
      {
        path: 'SESSION_SECRET',
        message:
          'is missing; with DATABASE_URL on PostgreSQL several instances of the app can share the database, and each must sign session cookies with the same secret to read the others’ (a secret made at start would differ between instances and sign people out); set the same random string of at least 32 characters on every instance',
      },
    ]);
  }
  const trustProxy = parseTrustProxy(c.TRUST_PROXY, c.NODE_ENV === 'production');
  if (isProblem(trustProxy)) throw new ConfigError([trustProxy]);
  const oidc = oidcConfig(c);
  if (oidc !== null && 'path' in oidc) throw new ConfigError([oidc]);
  if (c.SMTP_URL && !c.PUBLIC_URL) {
    throw new ConfigError([{ path: 'PUBLIC_URL', message: 'is missing; email to panel members (SMTP_URL is set) needs the address people use for the app, for the links in messages' }]);
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    rubricsDir: path.resolve(c.RUBRICS_DIR),
    sessionSecret: c.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    logLevel: c.LOG_LEVEL,
    buyer: {
      name: c.BUYER_NAME,
      identifier: { scheme: c.BUYER_ID_SCHEME, id: c.BUYER_ID },
      address: { streetAddress: c.BUYER_STREET_ADDRESS, locality: c.BUYER_LOCALITY, postalCode: c.BUYER_POSTCODE, countryName: c.BUYER_COUNTRY },
    },
    ocidPrefix: c.OCID_PREFIX,
    accessibilityContact: c.ACCESSIBILITY_CONTACT,
    trustProxy,
    oidc,
    localPasswords: c.LOCAL_PASSWORDS === 'on',
    smtp: c.SMTP_URL ? { url: c.SMTP_URL, from: c.MAIL_FROM } : null,
    reminderDays: c.REMINDER_DAYS,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    configuredPublicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
    defaultHourlyRate: c.INVOLVEMENT_HOURLY_RATE === undefined ? null : Number(c.INVOLVEMENT_HOURLY_RATE).toFixed(2),
  };
}
