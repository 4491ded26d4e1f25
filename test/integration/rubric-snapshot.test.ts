// A tender keeps a snapshot of its rubric (engine rules §2): editing the published rubric file after
// import changes nothing about the tender's results.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { handWorkedRubric, writeChangedPack, writeDataFile } from '../helpers/packs';
import { useTempDatabase } from '../helpers/temp-db';

describe('the rubric snapshot', () => {
  const temp = useTempDatabase('each');

  it('keeps a tender scored by the rubric it was imported with after the rubric file changes', async () => {
    const rubricsDir = path.join(temp.dir, 'rubrics');
    mkdirSync(rubricsDir);
    process.env['RUBRICS_DIR'] = rubricsDir;
    const rubric = handWorkedRubric();
    writeDataFile(rubricsDir, 'hand-worked.yaml', rubric);
    const pack = writeChangedPack(temp.dir, 'pack.yaml', (p) => {
      p.tender.rubric = 'hand-worked';
    });
    assert.equal((await cli(['import', pack])).code, 0);
    const before = (await cli(['results', 'HW-2026-01', '--json'])).stdout;

    // The published rubric now weighs price at 70 and co-production at 15: a different winner.
    rubric.price.weight = 70;
    rubric.sections[0]!.criteria[0]!.weight = 15;
    rubric.sections[0]!.criteria[1]!.weight = 15;
    writeDataFile(rubricsDir, 'hand-worked.yaml', rubric);
    assert.equal((await cli(['validate', path.join(rubricsDir, 'hand-worked.yaml')])).code, 0);

    const after = (await cli(['results', 'HW-2026-01', '--json'])).stdout;
    assert.equal(after, before);
    assert.equal((JSON.parse(after) as { winner: string }).winner, 'C');
  });
});
