// Dates in UK time, written the GOV.UK way, across the changes to and from British Summer Time.
import assert from 'node:assert/strict';
import { dayParts, dayText, isCalendarDay, ukDateText, ukDay, ukToday } from '../../../src/services/uk-dates';

describe('services: UK dates', () => {
  it('writes a stored day the GOV.UK way, with no leading zero and the month in words', () => {
    assert.equal(dayText('2027-03-05'), '5 March 2027');
    assert.equal(dayText('2027-12-31'), '31 December 2027');
    assert.equal(dayText('2028-02-29'), '29 February 2028');
  });

  it('leaves a string that is not a real day as it is, rather than writing a wrong day', () => {
    assert.equal(dayText('2027-02-29'), '2027-02-29');
    assert.equal(dayText('5 March'), '5 March');
  });

  it('knows a real calendar day', () => {
    assert.ok(isCalendarDay('2028-02-29'));
    for (const bad of ['2027-02-29', '2027-13-01', '2027-00-10', '2027-04-31', '27-03-05', '2027-3-5', '']) assert.ok(!isCalendarDay(bad), bad);
  });

  it('finds the UK day of a moment around the start of British Summer Time (28 March 2027, 01:00 UTC)', () => {
    // Before the change the UK is on GMT: 23:30 UTC on 27 March is still 27 March.
    assert.equal(ukDay(new Date('2027-03-27T23:30:00Z')), '2027-03-27');
    // After it, BST is UTC+1: 23:30 UTC on 28 March is 00:30 on 29 March in the UK.
    assert.equal(ukDay(new Date('2027-03-28T23:30:00Z')), '2027-03-29');
    assert.equal(ukDay(new Date('2027-03-28T22:59:59Z')), '2027-03-28');
    assert.equal(ukDateText(new Date('2027-03-28T23:30:00Z')), '29 March 2027');
  });

  it('finds the UK day around the end of British Summer Time (31 October 2027, 01:00 UTC)', () => {
    assert.equal(ukDay(new Date('2027-10-30T23:30:00Z')), '2027-10-31');
    assert.equal(ukDay(new Date('2027-10-31T23:30:00Z')), '2027-10-31');
    assert.equal(ukToday(new Date('2027-10-31T23:59:59Z')), '2027-10-31');
    assert.equal(ukToday(new Date('2027-11-01T00:00:00Z')), '2027-11-01');
  });

  it('gives a stored day\'s parts as they are typed into a date input', () => {
    assert.deepEqual(dayParts('2027-03-05'), { day: '5', month: '3', year: '2027' });
    assert.deepEqual(dayParts(null), { day: '', month: '', year: '' });
  });
});
