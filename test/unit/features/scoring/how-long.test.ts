// How long scoring takes, as the start page says it: 10 to 20 minutes a score, in words a person
// can plan around, with "hour" for one.
import assert from 'node:assert/strict';
import { howLong } from '../../../../src/features/scoring/start-controller';

describe('scoring: how long the scores take, in words', () => {
  it('says minutes up to an hour', () => {
    assert.equal(howLong(2), 'about 20 to 40 minutes');
    assert.equal(howLong(3), 'about 30 to 60 minutes');
  });

  it('says one hour, not "1 hours"', () => {
    assert.equal(howLong(4), 'about 1 hour');
  });

  it('says a range of hours when the ends differ', () => {
    assert.equal(howLong(6), 'about 1 to 2 hours');
    assert.equal(howLong(185), 'about 31 to 62 hours');
  });
});
