// Runs one test tier with mocha in this process and reports its counts on the last line as
// `TIER <name> <passed> <failed>`; pending tests count as failures (none may be skipped).
// With TEST_DATABASE=postgres the integration tier runs on PostgreSQL: every test's database is a
// PostgreSQL one (test/helpers/temp-db.ts), and the tests of SQLite itself (its file, backup,
// integrity check and writer thread, under test/integration/sqlite/) are left to the SQLite run.
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
const onPostgres = process.env['TEST_DATABASE'] === 'postgres';
const SQLITE_ONLY = path.join('test', 'integration', 'sqlite') + path.sep;
const files = testFiles(tier.dir).filter((f) => !(onPostgres && f.startsWith(SQLITE_ONLY)));
const reported = onPostgres ? `${name}-postgres` : name;
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
  console.log(`TIER ${reported} ${stats.passes} ${failed}`);
  // A connection pool or server a test left open must not keep the tier from ending.
  setTimeout(() => process.exit(), 2000).unref();
});
