// Standstill worked by hand: 8 working days beginning with the day the notice is published,
// across Easter, Christmas and New Year, and Scottish and Northern Irish bank holidays.
import assert from 'node:assert/strict';
import { isWorkingDay, standstill } from '../../../src/services/notices/standstill';

describe('standstill: working days from a publication day', () => {
  it('counts the publication day as day 1 and skips the weekend (no holidays)', () => {
    // Thu 14 Jan 2027: 14, 15, 18, 19, 20, 21, 22, 25.
    assert.deepEqual(standstill('2027-01-14'), { published: '2027-01-14', days: 8, ends: '2027-01-25', contractFrom: '2027-01-26', skipped: [] });
  });

  it('starts on the next working day when published on a Saturday', () => {
    // Sat 16 Jan 2027: 18 … 22, 25, 26, 27.
    assert.equal(standstill('2027-01-16').ends, '2027-01-27');
  });

  it('spans Easter 2027: Good Friday everywhere, Easter Monday in England, Wales and Northern Ireland only', () => {
    // Wed 24 Mar: 24, 25, [Fri 26 Good Friday], [27, 28], [Mon 29 Easter Monday], 30, 31, 1 Apr, 2, [3, 4], 5, 6.
    assert.deepEqual(standstill('2027-03-24', 8, ['england-wales']), { published: '2027-03-24', days: 8, ends: '2027-04-06', contractFrom: '2027-04-07', skipped: ['2027-03-26', '2027-03-29'] });
    // In Scotland Easter Monday is a working day: 24, 25, 29, 30, 31, 1, 2, 5.
    assert.equal(standstill('2027-03-24', 8, ['scotland']).ends, '2027-04-05');
    // The Act counts a bank holiday anywhere in the UK.
    assert.equal(standstill('2027-03-24').ends, '2027-04-06');
  });

  it('spans Christmas 2026 and New Year, with the Scottish 2 January substitute (Mon 4 Jan 2027)', () => {
    // Tue 22 Dec: 22, 23, 24, [25 Christmas], [26, 27], [Mon 28 Boxing Day substitute], 29, 30, 31, [1 Jan], [2, 3], 4, 5.
    const england = standstill('2026-12-22', 8, ['england-wales']);
    assert.equal(england.ends, '2027-01-05');
    assert.deepEqual(england.skipped, ['2026-12-25', '2026-12-28', '2027-01-01']);
    // Scotland also has 2 January (a Saturday in 2027), so Monday 4 January is a holiday: ends Wed 6 Jan.
    const scotland = standstill('2026-12-22', 8, ['scotland']);
    assert.equal(scotland.ends, '2027-01-06');
    assert.deepEqual(scotland.skipped, ['2026-12-25', '2026-12-28', '2027-01-01', '2027-01-04']);
    assert.equal(standstill('2026-12-22').ends, '2027-01-06');
  });

  it('skips St Andrew’s Day (Mon 30 Nov 2026) in Scotland only', () => {
    // Wed 25 Nov: 25, 26, 27, 30, 1 Dec, 2, 3, 4 in England; Scotland skips the 30th and ends Mon 7 Dec.
    assert.equal(standstill('2026-11-25', 8, ['england-wales']).ends, '2026-12-04');
    assert.equal(standstill('2026-11-25', 8, ['scotland']).ends, '2026-12-07');
    assert.equal(isWorkingDay('2026-11-30', ['england-wales']), true);
    assert.equal(isWorkingDay('2026-11-30', ['scotland']), false);
  });

  it('skips the Battle of the Boyne (Mon 12 Jul 2027) in Northern Ireland only', () => {
    // Thu 8 Jul: 8, 9, 12, 13, 14, 15, 16, 19 in England; Northern Ireland skips the 12th.
    assert.equal(standstill('2027-07-08', 8, ['england-wales']).ends, '2027-07-19');
    assert.equal(standstill('2027-07-08', 8, ['northern-ireland']).ends, '2027-07-20');
  });

  it('refuses a day that does not exist and a nonsense length', () => {
    assert.throws(() => standstill('2027-02-29'), /not a real calendar day/);
    assert.throws(() => standstill('27-02-01'), /YYYY-MM-DD/);
    assert.throws(() => standstill('2027-02-01', 0), /whole number from 1 to 60/);
  });
});
