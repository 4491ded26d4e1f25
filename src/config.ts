// The environment, read once and checked with zod. A wrong value stops start-up with a message
// naming the variable, what it holds and what is expected.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { check, type Problem } from './engine';

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:PATH (or postgres://… later)').default('sqlite:data/app.sqlite'),
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
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  rubricsDir: string;
  /** Signs session cookies. Required in production; elsewhere a random one is made at start. */
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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: Problem[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const checked = check(ConfigSchema, env);
  if (!checked.ok) throw new ConfigError(checked.problems);
  const c = checked.value;
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new ConfigError([{ path: 'SESSION_SECRET', message: 'is missing; production needs a random string of at least 32 characters' }]);
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
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
  };
}
