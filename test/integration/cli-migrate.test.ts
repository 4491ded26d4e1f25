// `migrate` (a release step, run once before the new instances start): applies every migration to
// a new database, then finds it up to date.
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli';
import { useTempDatabase } from '../helpers/temp-db';

describe('migrate (a release step)', () => {
  useTempDatabase('each', { empty: true });

  it('applies every migration to a new database, then finds it up to date', async () => {
    const first = await cli(['migrate']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Applied \d+ migrations to .*: 001-initial, 002-web, /);
    const second = await cli(['migrate']);
    assert.equal(second.code, 0);
    assert.match(second.stdout, /is up to date\.$/);
  });
});
