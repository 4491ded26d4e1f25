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
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  rubricsDir: string;
  /** Signs session cookies. Required in production; elsewhere a random one is made at start. */
  sessionSecret: string;
  logLevel: string;
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
  };
}
