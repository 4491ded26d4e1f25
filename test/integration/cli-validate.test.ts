// `validate <rubric-or-pack-file>…` (a contract in the README): exit 0 when valid; otherwise exit 1 and one line
// per problem, `<file>: <field path>: <message>`. Every published rubric in rubrics/ and every
// example pack in fixtures/packs/ must validate, and a broken copy of each rubric must not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, cliSettled } from '../helpers/cli';
import { handWorkedRubric, readYaml, writeDataFile, type RubricDoc } from '../helpers/packs';
import { PACKS_DIR, REPO_ROOT, RUBRICS_DIR } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

const dataFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/i.test(name) && name !== 'schema.json')
    .sort()
    .map((name) => path.join(dir, name));

// Read when the suite is loaded, so a rubric added later is covered without changing this file.
const RUBRIC_FILES = dataFiles(RUBRICS_DIR);
const PACK_FILES = dataFiles(PACKS_DIR);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A problem line for `file`: `<file>: <path>: <message>`, split into its path and message. */
function problemsOf(file: string, lines: string[]): { path: string; message: string }[] {
  return lines.map((line) => {
    assert.ok(line.startsWith(`${file}: `), `"${line}" should start with the file name ${file}`);
    const rest = line.slice(file.length + 2);
    const at = rest.indexOf(': ');
    assert.ok(at > 0, `"${line}" should have a field path and a message`);
    return { path: rest.slice(0, at), message: rest.slice(at + 2) };
  });
}

describe('validate (CLI)', () => {
  const temp = useTempDatabase('all');

  it('names the one problem of a file that is neither a rubric nor a tender pack', async () => {
    const file = writeDataFile(temp.dir, 'not-ours.json', { name: 'something else', version: '1.0.0' });
    const run = await cli(['validate', file]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.out, [`${file}: format: is missing; expected a rubric (format: rubric/1) or a tender pack (format: tender-pack/1)`]);
  });

  describe('the published rubrics and example packs', () => {
    it('finds at least one published rubric in rubrics/', () => {
      assert.ok(RUBRIC_FILES.length > 0, `no rubric files in ${RUBRICS_DIR}`);
    });

    it('finds at least one example pack in fixtures/packs/', () => {
      assert.ok(PACK_FILES.length > 0, `no pack files in ${PACKS_DIR}`);
    });

    for (const file of [...RUBRIC_FILES, ...PACK_FILES]) {
      it(`accepts ${path.relative(REPO_ROOT, file)} (exit 0)`, async () => {
        const run = await cli(['validate', file]);
        assert.equal(run.code, 0, run.stdout);
        assert.deepEqual(run.out, [`${file}: valid ${file.startsWith(RUBRICS_DIR) ? 'rubric' : 'tender pack'}`]);
      });
    }

    for (const file of RUBRIC_FILES) {
      it(`names ${path.basename(file)} after its id, so packs can use it by id`, async () => {
        const rubric = readYaml<RubricDoc>(file);
        assert.equal(path.basename(file).replace(/\.(ya?ml|json)$/i, ''), rubric.id);
        const pack = writeDataFile(temp.dir, `uses-${rubric.id}.yaml`, {
          format: 'tender-pack/1',
          tender: { reference: `USES-${rubric.id}`.slice(0, 40), title: `Uses ${rubric.id}`, rubric: rubric.id },
          bids: [{ key: 'A', supplier: 'Alder Care', price: 1000 }],
        });
        const run = await cli(['validate', pack]);
        assert.equal(run.code, 0, run.stdout);
      });
    }

    it('accepts several valid files in one run, one line each', async () => {
      const files = [...RUBRIC_FILES, ...PACK_FILES];
      const run = await cli(['validate', ...files]);
      assert.equal(run.code, 0, run.stdout);
      assert.equal(run.out.length, files.length);
    });
  });

  // A broken copy of each published rubric, and of the hand-worked pack's inline rubric (so these
  // run even while rubrics/ is empty).
  const SOURCES: { name: string; load: () => RubricDoc }[] = [
    ...RUBRIC_FILES.map((file) => ({ name: path.basename(file), load: () => readYaml<RubricDoc>(file) })),
    { name: 'hand-worked inline rubric', load: handWorkedRubric },
  ];

  const breakWeight = (r: RubricDoc) => {
    r.sections[0]!.criteria[0]!.weight += 5; // all weights now add up to 105
  };
  const breakPlain = (r: RubricDoc) => {
    delete r.scale.points[1]!['plain'];
  };
  const breakMethod = (r: RubricDoc) => {
    r.price.method = 'cheapest';
    delete r.price['params'];
  };

  for (const source of SOURCES) {
    describe(`a broken copy of ${source.name}`, () => {
      const write = (label: string, ...breaks: ((r: RubricDoc) => void)[]) => {
        const rubric = source.load();
        breaks.forEach((b) => b(rubric));
        return writeDataFile(temp.dir, `${label}-${rubric.id}.yaml`, rubric);
      };

      it('with one criterion weight changed fails: the weights must add up to 100', async () => {
        const file = write('weights', breakWeight);
        const run = await cli(['validate', file]);
        assert.equal(run.code, 1);
        const problems = problemsOf(file, run.out);
        assert.equal(problems.length, 1, run.stdout);
        assert.match(problems[0]!.path, /^sections\[\d+\]\.criteria\[\d+\]\.weight$/);
        assert.match(problems[0]!.message, /add up to 105; they must add up to 100/);
      });

      it('with no plain words for a scale point fails, naming scale.points[1].plain', async () => {
        const file = write('plain', breakPlain);
        const run = await cli(['validate', file]);
        assert.equal(run.code, 1);
        assert.deepEqual(problemsOf(file, run.out), [{ path: 'scale.points[1].plain', message: 'is missing; expected text' }]);
      });

      it('with the unknown price method "cheapest" fails, naming price.method and the methods there are', async () => {
        const file = write('method', breakMethod);
        const run = await cli(['validate', file]);
        assert.equal(run.code, 1);
        const problems = problemsOf(file, run.out);
        assert.equal(problems.length, 1, run.stdout);
        assert.equal(problems[0]!.path, 'price.method');
        assert.match(problems[0]!.message, /"cheapest"/);
        assert.match(problems[0]!.message, /"lowest-relative"/);
      });

      it('with two problems gives two lines: the missing plain words and the weights', async () => {
        const file = write('two', breakPlain, breakWeight);
        const run = await cli(['validate', file]);
        assert.equal(run.code, 1);
        const paths = problemsOf(file, run.out).map((p) => p.path);
        assert.equal(paths.length, 2, run.stdout);
        assert.ok(paths.includes('scale.points[1].plain'));
        assert.ok(paths.some((p) => /\.weight$/.test(p)));
      });

      it('with two problems gives two lines: the missing plain words and the price method', async () => {
        const file = write('two-b', breakPlain, breakMethod);
        const run = await cli(['validate', file]);
        assert.equal(run.code, 1);
        assert.deepEqual(
          problemsOf(file, run.out)
            .map((p) => p.path)
            .sort(),
          ['price.method', 'scale.points[1].plain'],
        );
      });
    });
  }

  it('reports each file of a run separately: a valid one as valid, a broken one by its problems (exit 1)', async () => {
    const good = writeDataFile(temp.dir, 'good.yaml', handWorkedRubric());
    const broken = handWorkedRubric();
    broken.price.method = 'cheapest';
    const bad = writeDataFile(temp.dir, 'bad.yaml', broken);
    const run = await cli(['validate', good, bad]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.out, [`${good}: valid rubric`, `${bad}: price.method: ${problemsOf(bad, run.out.slice(1))[0]!.message}`]);
  });

  it('passes a valid rubric named other than its id, with a note that the rubrics folder needs it named by its id', async () => {
    const rubric = handWorkedRubric();
    const misnamed = writeDataFile(temp.dir, 'my-copy.yaml', rubric);
    const named = writeDataFile(temp.dir, `${rubric.id}.json`, rubric);
    const run = await cli(['validate', misnamed, named]);
    assert.equal(run.code, 0);
    assert.deepEqual(run.out, [`${misnamed}: valid rubric`, `${named}: valid rubric`]);
    assert.deepEqual(run.err, [
      `${misnamed}: note: its id is "${rubric.id}", so in the rubrics folder it must be named ${rubric.id}.yaml, ${rubric.id}.yml or ${rubric.id}.json to be used`,
    ]);
  });

  it('reports every problem of a broken pack, one line each with its field path', async () => {
    const pack = readYaml<Record<string, unknown> & { scores: Record<string, unknown>[] }>(path.join(PACKS_DIR, 'hand-worked.yaml'));
    pack.scores[0]!['score'] = 9;
    pack.scores[1]!['criterion'] = 'innovation';
    const file = writeDataFile(temp.dir, 'broken-pack.yaml', pack);
    const run = await cli(['validate', file]);
    assert.equal(run.code, 1);
    const problems = problemsOf(file, run.out);
    assert.deepEqual(
      problems.map((p) => p.path),
      ['scores[0].score', 'scores[1].criterion'],
    );
    assert.match(problems[0]!.message, /is 9, off the scale/);
  });

  it('reports a file that does not exist (exit 1)', async () => {
    const file = path.join(temp.dir, 'nowhere.yaml');
    const run = await cli(['validate', file]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`^${escape(file)}: \\(file\\): does not exist`));
  });

  it('needs at least one file: exit 2 with the usage', async () => {
    const run = await cli(['validate']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage:/);
  });

  it('refuses an unknown command with exit 2 and the usage', async () => {
    const run = await cli(['frobnicate', 'x']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /"frobnicate" is not a command/);
    assert.match(run.stderr, /Usage:/);
    assert.match(run.stderr, /validate <rubric-or-pack-file>/);
  });

  it('refuses no command at all with exit 2 and the usage', async () => {
    const run = await cli([]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage:/);
  });

  it('refuses an unknown option with exit 2 and the usage', async () => {
    const run = await cli(['results', 'HW-2026-01', '--jsn']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage:/);
  });

  it('prints the rubric JSON Schema that is shipped as rubrics/schema.json', async () => {
    const run = await cli(['schema']);
    assert.equal(run.code, 0);
    assert.deepEqual(JSON.parse(run.stdout), JSON.parse(readFileSync(path.join(RUBRICS_DIR, 'schema.json'), 'utf8')));
  });

  it('writes the schema with --out, and says so in words (exit 1) when the file cannot be written', async () => {
    const file = path.join(temp.dir, 'schema.json');
    const written = await cli(['schema', '--out', file]);
    assert.equal(written.code, 0, written.stderr);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(readFileSync(path.join(RUBRICS_DIR, 'schema.json'), 'utf8')));
    const missing = path.join(temp.dir, 'no-such-folder', 'schema.json');
    const settled = await cliSettled(['schema', '--out', missing]);
    assert.ok('run' in settled, `a message, not a thrown error: ${'error' in settled ? settled.error.stack : ''}`);
    const { run } = settled;
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^The schema could not be written to ${escape(missing)}: ENOENT: no such file or directory`));
    assert.equal(run.stderr.trim().split('\n').length, 1, `one line, no stack trace:\n${run.stderr}`);
  });

  describe('packs the web upload refuses are refused here too, one line each, never a stack trace', () => {
    /** A small valid pack (the published home-care rubric), changed by `change`. */
    const small = (change: (p: { tender: Record<string, unknown>; bids: Record<string, unknown>[] }) => void = () => {}) => {
      const pack = { format: 'tender-pack/1', tender: { reference: 'V-1', title: 'Validate', rubric: 'home-care-outcomes' } as Record<string, unknown>, bids: [{ key: 'A', supplier: 'Alder Care', price: 1000 }] as Record<string, unknown>[] };
      change(pack);
      return pack;
    };
    const validate = async (file: string) => {
      const run = await cli(['validate', file]);
      return { code: run.code, problems: problemsOf(file, run.out) };
    };

    it('a YAML "billion laughs": one problem line for the file, exit 1', async () => {
      const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
      const file = path.join(temp.dir, 'laughs.yaml');
      writeFileSync(file, `${lines.join('\n')}\nformat: tender-pack/1\n`);
      assert.deepEqual(await validate(file), {
        code: 1,
        problems: [{ path: '(file)', message: 'uses YAML aliases (*name) that expand into too much data (more than 100 copies of anchored values); expected the data written out, or only a few aliases' }],
      });
    });

    it('a few aliases are still fine', async () => {
      const file = path.join(temp.dir, 'aliases.yaml');
      writeFileSync(file, 'format: tender-pack/1\ntender: { reference: V-2, title: &t Aliases, rubric: home-care-outcomes }\nbids:\n  - { key: A, supplier: *t, price: 1000 }\n  - { key: B, supplier: *t, price: 2000 }\n');
      const run = await cli(['validate', file]);
      assert.deepEqual([run.code, run.out], [0, [`${file}: valid tender pack`]]);
    });

    it('a JSON pack or rubric saved with a UTF-8 byte-order mark (Windows tools) is read like one without', async () => {
      const pack = path.join(temp.dir, 'bom-pack.json');
      writeFileSync(pack, `\uFEFF${JSON.stringify(small(), null, 2)}`);
      const rubric = path.join(temp.dir, 'bom-rubric.json');
      writeFileSync(rubric, `\uFEFF${JSON.stringify(handWorkedRubric(), null, 2)}`);
      const yaml = path.join(temp.dir, 'bom-pack.yaml');
      writeFileSync(yaml, '\uFEFFformat: tender-pack/1\ntender: { reference: V-3, title: Bom, rubric: home-care-outcomes }\nbids:\n  - { key: A, supplier: Alder Care, price: 1000 }\n');
      const run = await cli(['validate', pack, rubric, yaml]);
      assert.equal(run.code, 0, run.stdout);
      assert.deepEqual(run.out, [`${pack}: valid tender pack`, `${rubric}: ${run.out[1]!.slice(rubric.length + 2)}`, `${yaml}: valid tender pack`]);
      assert.match(run.out[1]!, /: valid rubric/);
    });

    it('a JSON syntax error is one line, even when the text it quotes spans lines', async () => {
      const file = path.join(temp.dir, 'broken.json');
      writeFileSync(file, '{\n  "format": "tender-pack/1",\n  "tender": \n}\n');
      const { code, problems } = await validate(file);
      assert.equal(code, 1);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]!.path, '(file)');
      assert.match(problems[0]!.message, /^is not valid JSON \(Unexpected token .*"tender": .*\); expected a JSON object$/);
    });

    it('a JSON pack with a field given twice, naming each repeat by its path', async () => {
      const file = path.join(temp.dir, 'repeated.json');
      writeFileSync(file, JSON.stringify(small()).replace('"title":"Validate"', '"title":"Validate","title":"Again"').replace('"price":1000', '"price":1000,"price":1'));
      const message = 'is given more than once in the same group of fields; expected each field once (a JSON reader would keep only the last)';
      assert.deepEqual(await validate(file), { code: 1, problems: [{ path: 'tender.title', message }, { path: 'bids[0].price', message }] });
    });

    it('prices outside the rules of the forms', async () => {
      const file = writeDataFile(temp.dir, 'prices.yaml', small((p) => (p.bids = [1e300, 0.001, 5e-324].map((price, i) => ({ key: `b${i}`, supplier: `S${i}`, price })))));
      assert.deepEqual(await validate(file), {
        code: 1,
        problems: [
          { path: 'bids[0].price', message: 'is too large; expected a price under £1,000,000,000,000' },
          { path: 'bids[1].price', message: 'has more than 2 decimal places; expected pounds and pence, like 125000.50' },
          { path: 'bids[2].price', message: 'has more than 2 decimal places; expected pounds and pence, like 125000.50' },
        ],
      });
    });

    it('the references "new" and "Upload", which are pages of the app', async () => {
      for (const reference of ['new', 'Upload']) {
        const file = writeDataFile(temp.dir, `ref-${reference}.yaml`, small((p) => (p.tender['reference'] = reference)));
        assert.deepEqual(await validate(file), {
          code: 1,
          problems: [{ path: 'tender.reference', message: `is "${reference}", a word the app uses for its own pages (/tenders/new, /tenders/upload); expected another reference, such as "HC-2026-07"` }],
        });
      }
    });

    it('a rubric id that is not published, naming the folder looked in', async () => {
      const file = writeDataFile(temp.dir, 'no-rubric.yaml', small((p) => (p.tender['rubric'] = 'no-such')));
      const { code, problems } = await validate(file);
      assert.equal(code, 1);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, new RegExp(`^"no-such" is not a published rubric; expected one of: .*home-care-outcomes.* \\(rubrics folder: ${escape(RUBRICS_DIR)}\\)$`));
    });
  });
});
