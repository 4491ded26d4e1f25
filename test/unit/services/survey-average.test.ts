// The survey summary's averages: one decimal place, half up, from the exact average of the answers.
import assert from 'node:assert/strict';
import { surveyAverage } from '../../../src/services/outcome/outcome';

describe('survey averages', () => {
  it('rounds the exact average half up: 29 over 20 answers is 1.45, shown 1.5 (binary 1.45 is 1.4499…)', () => {
    const answers = [...Array<number>(9).fill(2), ...Array<number>(11).fill(1)];
    assert.equal(answers.reduce((a, b) => a + b, 0), 29);
    assert.equal((29 / 20).toFixed(1), '1.4', 'what rounding the binary number shows');
    assert.equal(surveyAverage(answers), '1.5');
  });

  it('shows other averages to one place, and none for no answers', () => {
    assert.equal(surveyAverage([3, 3, 2]), '2.7');
    assert.equal(surveyAverage([1, 2]), '1.5');
    assert.equal(surveyAverage([2]), '2.0');
    assert.equal(surveyAverage([]), null);
  });
});
