// Runs one test tier with mocha in this process and reports its counts on the last line as
// `TIER <name> <passed> <failed>`; pending tests count as failures (none may be skipped).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

const TIERS: Record<string, { dir: string; timeout: number }> = {
  unit: { dir: 'test/unit', timeout: 20_000 },
  integration: { dir: 'test/integration', timeout: 60_000 },
  browser: { dir: 'test/browser', timeout: 120_000 },
};

/** Every `*.test.ts` under a folder (Node 20 has no fs.globSync). */
function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: false, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

const name = process.argv[2] ?? '';
const tier = TIERS[name];
if (!tier) {
  console.error(`unknown tier "${name}"; expected one of: ${Object.keys(TIERS).join(', ')}`);
  process.exit(2);
}
// Tests of SQLite itself (its file, backups, damage, the upgrade fixture, the SQLite writer) live
// in a `sqlite` folder of the tier: they run when the tier runs on SQLite and are not part of a
// run on PostgreSQL (TEST_DATABASE=postgres), which has no SQLite file to test. Not a skip: every
// test of the run on PostgreSQL runs.
const SQLITE_ONLY = `${path.sep}sqlite${path.sep}`;
const onPostgres = process.env['TEST_DATABASE'] === 'postgres';
const files = testFiles(tier.dir).filter((f) => !(onPostgres && f.includes(SQLITE_ONLY)));
if (onPostgres) console.log(`TEST_DATABASE=postgres: the tests of SQLite itself (${tier.dir}/sqlite/) run in the SQLite run only`);
if (files.length === 0) {
  console.error(`the ${name} tier has no test files under ${tier.dir}`);
  console.log(`TIER ${name} 0 1`);
  process.exit(1);
}
const mocha = new Mocha({ timeout: tier.timeout, forbidOnly: true, forbidPending: true, reporter: 'spec' });
files.forEach((f) => mocha.addFile(f));
await mocha.loadFilesAsync();
mocha.run((failures) => {
  process.exitCode = failures > 0 ? 1 : 0;
}).on('end', function (this: Mocha.Runner) {
  const stats = this.stats!;
  const failed = stats.failures + stats.pending;
  console.log(`TIER ${name} ${stats.passes} ${failed}`);
});
