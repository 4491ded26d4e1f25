// `npm test`: lint, typecheck and every test tier, each in its own process. The last line is
// the plain totals of every tier, `N passed, N failed`, as CI reads it.
// The integration tier runs twice: on SQLite, then on PostgreSQL (`integration-postgres`), on the
// cluster TEST_POSTGRES_URL names or, without it, on a throw-away cluster started here with
// scripts/postgres-cluster.sh and stopped afterwards. Without PostgreSQL installed that tier fails
// and says so: no test is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Step {
  name: string;
  command: string[];
  /** Whether the step reports test counts (`TIER name passed failed`) or is one check. */
  counted: boolean;
  env?: NodeJS.ProcessEnv;
}

const tiers = (process.env['TEST_TIERS'] ?? 'unit,integration,integration-postgres,browser').split(',').filter(Boolean);

/** A throw-away PostgreSQL cluster for the tier, unless TEST_POSTGRES_URL names one. */
function postgresForTests(): { url: string; stop(): void } {
  const given = process.env['TEST_POSTGRES_URL'];
  if (given) return { url: given, stop: () => undefined };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tender-eval-pg-'));
  const script = path.join('scripts', 'postgres-cluster.sh');
  const url = execFileSync(script, ['start', dir], { encoding: 'utf8', env: { ...process.env, POSTGRES_FOR_TESTS: '1' } }).trim();
  return {
    url,
    stop() {
      spawnSync(script, ['stop', dir], { stdio: 'inherit' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const tierStep = (tier: string, env?: NodeJS.ProcessEnv): Step => ({ name: tier, command: ['node', '--import', 'tsx', 'test/run-tier.ts', tier.replace(/-postgres$/, '')], counted: true, ...(env ? { env } : {}) });

const steps: Step[] = [
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'], counted: false },
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit'], counted: false },
  ...tiers.map((tier) => (tier.endsWith('-postgres') ? tierStep(tier, { TEST_DATABASE: 'postgres' }) : tierStep(tier))),
];

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  let postgres: ReturnType<typeof postgresForTests> | undefined;
  if (step.env?.['TEST_DATABASE'] === 'postgres') {
    try {
      postgres = postgresForTests();
    } catch (error) {
      console.log(`PostgreSQL could not be started for the ${step.name} tier: ${(error as Error).message}`);
      failed += 1;
      lines.push(`${step.name}: could not start PostgreSQL (is the postgresql package installed?), counted as 1 failed`);
      continue;
    }
  }
  const env = { ...process.env, NODE_ENV: 'test', ...step.env, ...(postgres ? { TEST_POSTGRES_URL: postgres.url } : {}) };
  const run = spawnSync(step.command[0]!, step.command.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env, maxBuffer: 256 * 1024 * 1024 });
  postgres?.stop();
  process.stdout.write(run.stdout ?? '');
  if (!step.counted) {
    const ok = run.status === 0;
    passed += ok ? 1 : 0;
    failed += ok ? 0 : 1;
    lines.push(`${step.name}: ${ok ? 'passed' : 'FAILED'}`);
    continue;
  }
  const report = /^TIER \S+ (\d+) (\d+)$/m.exec(run.stdout ?? '');
  const p = report ? Number(report[1]) : 0;
  // A tier that crashed before reporting, or exited non-zero, is a failure even if it counted none.
  const f = report ? Number(report[2]) : 1;
  const extra = run.status !== 0 && f === 0 ? 1 : 0;
  passed += p;
  failed += f + extra;
  lines.push(`${step.name}: ${p} passed, ${f + extra} failed`);
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
