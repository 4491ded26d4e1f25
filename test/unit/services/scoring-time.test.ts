// Time spent scoring, counted from one save to the next (reciprocity).
import assert from 'node:assert/strict';
import { activitySeconds, LONGEST_GAP_SECONDS } from '../../../src/services/scoring/time';

describe('scoring time from activity', () => {
  const at = (iso: string) => new Date(iso);
  it('counts the gap since the last save or sign-in', () => {
    assert.equal(activitySeconds('2026-11-23T10:00:00.000Z', at('2026-11-23T10:07:30Z')), 450);
  });
  it('counts a long gap (a break, a forgotten tab) as 20 minutes', () => {
    assert.equal(LONGEST_GAP_SECONDS, 1200);
    assert.equal(activitySeconds('2026-11-23T10:00:00.000Z', at('2026-11-23T13:00:00Z')), 1200);
  });
  it('counts nothing without an earlier activity, for a clock that went back, or for a damaged time', () => {
    assert.equal(activitySeconds(null, at('2026-11-23T10:00:00Z')), 0);
    assert.equal(activitySeconds('2026-11-23T10:05:00.000Z', at('2026-11-23T10:00:00Z')), 0);
    assert.equal(activitySeconds('not a time', at('2026-11-23T10:00:00Z')), 0);
  });
});
