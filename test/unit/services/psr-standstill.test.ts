// The Provider Selection Regime's standstill worked by hand (regulation 12): it begins the day after
// the notice of intention to award is published, and representations may be made until midnight at
// the end of the 8th working day after that day; England's bank holidays only.
import assert from 'node:assert/strict';
import { standstill } from '../../../src/services/notices/standstill';
import { hasPsrStandstill, psrStandstill } from '../../../src/services/provider-selection/psr-standstill';

describe('the Provider Selection Regime standstill', () => {
  it('begins the day after the notice and ends on the 8th working day after that (the reviewer’s case)', () => {
    // Notice Mon 7 Dec 2026; begins Tue 8; 9, 10, 11, 14, 15, 16, 17, 18: ends Fri 18; contract from Mon 21.
    assert.deepEqual(psrStandstill('2026-12-07'), { published: '2026-12-07', begins: '2026-12-08', days: 8, ends: '2026-12-18', contractFrom: '2026-12-21', skipped: [] });
    // The Procurement Act's count (8 working days beginning with the notice day) ends two working days earlier.
    assert.equal(standstill('2026-12-07').ends, '2026-12-16');
  });

  it('begins on a Saturday when the notice is published on a Friday', () => {
    // Notice Fri 11 Dec 2026; begins Sat 12; 14, 15, 16, 17, 18, 21, 22, 23: ends Wed 23 Dec.
    const period = psrStandstill('2026-12-11');
    assert.equal(period.begins, '2026-12-12');
    assert.equal(period.ends, '2026-12-23');
    assert.equal(period.contractFrom, '2026-12-24');
  });

  it('spans Christmas 2026 and New Year with England’s bank holidays only (not Scotland’s 4 January 2027)', () => {
    // Notice Tue 22 Dec; begins Wed 23; 24, [25 Christmas], [28 Boxing Day substitute], 29, 30, 31, [1 Jan], 4, 5, 6, 7.
    assert.deepEqual(psrStandstill('2026-12-22'), { published: '2026-12-22', begins: '2026-12-23', days: 8, ends: '2027-01-07', contractFrom: '2027-01-08', skipped: ['2026-12-25', '2026-12-28', '2027-01-01'] });
  });

  it('counts St Andrew’s Day (Mon 30 Nov 2026), a Scottish bank holiday, as a working day', () => {
    // Notice Mon 23 Nov; begins Tue 24; 25, 26, 27, 30, 1 Dec, 2, 3, 4.
    assert.deepEqual(psrStandstill('2026-11-23'), { published: '2026-11-23', begins: '2026-11-24', days: 8, ends: '2026-12-04', contractFrom: '2026-12-07', skipped: [] });
  });

  it('spans Easter 2027: Good Friday and Easter Monday are not working days in England', () => {
    // Notice Wed 24 Mar; begins Thu 25; [26 Good Friday], [29 Easter Monday], 30, 31, 1 Apr, 2, 5, 6, 7, 8.
    const period = psrStandstill('2027-03-24');
    assert.equal(period.ends, '2027-04-08');
    assert.deepEqual(period.skipped, ['2027-03-26', '2027-03-29']);
  });

  it('gives the contract day after a bank holiday Monday that follows the standstill', () => {
    // Notice Mon 17 May 2027; begins Tue 18; 19, 20, 21, 24, 25, 26, 27, 28: ends Fri 28 May; Mon 31 May is
    // the spring bank holiday, so the contract can be entered into from Tue 1 June.
    const period = psrStandstill('2027-05-17');
    assert.equal(period.ends, '2027-05-28');
    assert.equal(period.contractFrom, '2027-06-01');
  });

  it('has a standstill for Direct Award Process C, the Most Suitable Provider Process and the Competitive Process only', () => {
    assert.deepEqual(
      (['direct-award-a', 'direct-award-b', 'direct-award-c', 'most-suitable-provider', 'competitive'] as const).filter(hasPsrStandstill),
      ['direct-award-c', 'most-suitable-provider', 'competitive'],
    );
  });

  it('refuses a day that does not exist', () => {
    assert.throws(() => psrStandstill('2027-02-29'), /not a real calendar day/);
  });
});
