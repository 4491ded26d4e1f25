// Regression tests for bugs found while writing the integration tests (all fixed). The comment
// above each says what used to happen.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { cli, cliSettled } from '../helpers/cli';
import { handWorkedRubric, writeChangedPack, writeDataFile } from '../helpers/packs';
import { rowCounts } from '../helpers/database-peek';
import { makeTempDatabase, useTempDatabase } from '../helpers/temp-db';

describe('regressions found by the integration tests', () => {
  const temp = useTempDatabase('each');

  // src/cli/main.ts recognises configuration errors by `error.name === 'ConfigError'` or
  // 'DatabaseUrlError', but neither class (src/config.ts, src/data/database.ts) sets `name`, so
  // it is 'Error': runCli rethrows and the command dies with a stack trace instead of printing
  // the message and exiting 1.
  it('a DATABASE_URL that is not sqlite: gives exit 1 and the message, not a thrown error', async () => {
    process.env['DATABASE_URL'] = 'mysql://localhost/tenders';
    const outcome = await cliSettled(['verify-audit']);
    assert.ok('run' in outcome, `runCli threw: ${'error' in outcome ? outcome.error.message : ''}`);
    assert.equal(outcome.run.code, 1);
    assert.match(outcome.run.stderr, /DATABASE_URL/);
  });

  // verify-audit said "The database file passed SQLite's integrity check." on PostgreSQL too,
  // where no such check is run.
  it('verify-audit says only what it checked on the database: SQLite\'s integrity check on SQLite alone', async () => {
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /audit chain/i);
    if (temp.kind === 'sqlite') assert.match(run.stdout, /^The database file passed SQLite's integrity check\.$/m);
    else assert.doesNotMatch(run.stdout, /SQLite|integrity/);
  });

  it('a PostgreSQL DATABASE_URL gives exit 1 and the message, not a thrown error', async () => {
    process.env['DATABASE_URL'] = 'postgres://user@localhost/tenders';
    const outcome = await cliSettled(['verify-audit']);
    assert.ok('run' in outcome, `runCli threw: ${'error' in outcome ? outcome.error.message : ''}`);
    assert.equal(outcome.run.code, 1);
    assert.match(outcome.run.stderr, /PostgreSQL/);
  });

  // packProblems (src/engine/tender-pack.ts) never checks a member's `criteria` or `bids` list
  // for repeats. `validate` calls such a pack valid, and `import` gets as far as the transaction,
  // where the member_criteria (or member_bids) primary key refuses the second row: runCli throws
  // "SqliteError: UNIQUE constraint failed: member_criteria.member_id, member_criteria.criterion".
  // (The transaction is rolled back, so nothing is stored; the bad input gets no clear message.)
  for (const [list, value, at] of [
    ['criteria', ['co-production', 'safety', 'safety'], 'panel[0].criteria[2]'],
    ['bids', ['A', 'B', 'B', 'C', 'D', 'E'], 'panel[0].bids[2]'],
  ] as const) {
    it(`a member whose ${list} list repeats an entry is refused by validate and import, naming ${at}`, async () => {
      const file = writeChangedPack(temp.dir, `repeat-${list}.yaml`, (p) => (p.panel[0]![list] = [...value]));
      const checked = await cli(['validate', file]);
      assert.equal(checked.code, 1, `validate says: ${checked.stdout}`);
      assert.ok(checked.out.some((l) => l.startsWith(`${file}: ${at}: `)), checked.stdout);

      await cli(['verify-audit']); // creates the database, so the counts below have a "before"
      const before = await rowCounts(temp.url);
      const outcome = await cliSettled(['import', file]);
      assert.ok('run' in outcome, `import threw: ${'error' in outcome ? outcome.error.message : ''}`);
      assert.equal(outcome.run.code, 1);
      assert.ok(outcome.run.err.some((l) => l.startsWith(`${file}: ${at}: `)), outcome.run.stderr);
      assert.deepEqual(await rowCounts(temp.url), before);
    });
  }

  // src/services/data-files.ts parses YAML with `prettyErrors: false`, so the yaml package never
  // fills in `linePos`, and every YAML error is reported at "(file)" instead of the
  // "line N, column M" the code means to give (the pack below breaks on line 4).
  it('a YAML syntax error names the line and column where it is', async () => {
    const file = path.join(temp.dir, 'broken.yaml');
    writeFileSync(file, 'format: tender-pack/1\ntender: { reference: X, title: "unclosed\nbids: [\n');
    const run = await cli(['validate', file]);
    assert.equal(run.code, 1);
    assert.match(run.out[0]!, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+, column \\d+: is not valid YAML`), run.stdout);
  });

  it('a repeated key in YAML names the line and column of the repeat', async () => {
    const file = path.join(temp.dir, 'repeated.yaml');
    writeFileSync(file, 'format: tender-pack/1\nformat: tender-pack/1\n');
    const run = await cli(['validate', file]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /: line 2, column 1: is not valid YAML/);
  });

  // src/engine/rubric-schema.ts runs the cross-field rules only when RuleInput parses, and
  // RuleInput requires a known price.method. So a rubric with an unknown method AND weights that
  // do not add up to 100 reports only the method; the weights appear after the method is fixed.
  // The file's own comment promises "one pass reports every problem in the file".
  it('a rubric with an unknown price method and weights adding to 105 reports both problems', async () => {
    const rubric = handWorkedRubric();
    rubric.price.method = 'cheapest';
    rubric.sections[0]!.criteria[0]!.weight += 5;
    const file = writeDataFile(temp.dir, 'two-problems.yaml', rubric);
    const run = await cli(['validate', file]);
    assert.equal(run.code, 1);
    const paths = run.out.map((l) => l.slice(file.length + 2).split(': ')[0]);
    assert.ok(paths.includes('price.method'), run.stdout);
    assert.ok(
      paths.some((p) => /\.weight$/.test(p!)),
      `expected a weights line too, got:\n${run.stdout}`,
    );
  });

  // Kysely's SQLite adapter took no migration lock, so two processes opening a new database file
  // at the same moment (the server and a CLI command) both tried to create the tables. Within one
  // process the database is opened once; across processes the lock (BEGIN IMMEDIATE) serialises.
  it('two processes opening a new database at the same moment both succeed', async () => {
    const script = `import { openDatabase } from ${JSON.stringify(path.resolve('src/data/database.ts'))};
      const db = await openDatabase(process.env.DATABASE_URL); await db.destroy(); console.log('opened');`;
    const fresh = await makeTempDatabase('tender-fresh-', { empty: true });
    try {
      const open = () =>
        new Promise<string>((resolve) => {
          execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, DATABASE_URL: fresh.url } }, (error, stdout, stderr) =>
            resolve(error ? `failed: ${stderr}` : stdout.trim()),
          );
        });
      assert.deepEqual(await Promise.all([open(), open()]), ['opened', 'opened']);
    } finally {
      await fresh.cleanup();
    }
  });

  // A price the YAML/JSON parser reads as a number whose String() is in exponent notation (at or
  // above 1e21, or below 1e-6) is stored as text such as "1e-7" by import (String(price) in
  // src/services/tender-import.ts); fraction.js cannot parse that text, so every later `results`
  // for the tender throws "Invalid argument". The pack is accepted, then the tender is unusable.
  it('a price import accepts is a price results can work with (0.0000001)', async () => {
    const file = writeChangedPack(temp.dir, 'tiny-price.yaml', (p) => (p.bids[1]!.price = 0.0000001));
    const imported = await cli(['import', file]);
    if (imported.code !== 0) return; // refusing the price with a clear message is a fix too
    const outcome = await cliSettled(['results', 'HW-2026-01', '--json']);
    assert.ok('run' in outcome, `results threw: ${'error' in outcome ? outcome.error.message : ''}`);
    assert.equal(outcome.run.code, 0);
  });
});
