// `npm test`: lint, typecheck and every test tier, each in its own process. The last line is
// the plain totals of every tier, `N passed, N failed`, as CI reads it.
import { spawnSync } from 'node:child_process';

interface Step {
  name: string;
  command: string[];
  /** Whether the step reports test counts (`TIER name passed failed`) or is one check. */
  counted: boolean;
}

const tiers = (process.env['TEST_TIERS'] ?? 'unit,integration,browser').split(',').filter(Boolean);
const steps: Step[] = [
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'], counted: false },
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit'], counted: false },
  ...tiers.map((tier) => ({ name: tier, command: ['node', '--import', 'tsx', 'test/run-tier.ts', tier], counted: true })),
];

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const run = spawnSync(step.command[0]!, step.command.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'test' } });
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
