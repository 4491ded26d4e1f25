// What the timetable means on a given day: the panel member's deadline line and the late notices
// on staff pages. Days are plain YYYY-MM-DD strings; "today" is the UK day.
import assert from 'node:assert/strict';
import { lateNotices, memberDeadline } from '../../../src/services/timetable/deadlines';
import { outOfOrder, type Timetable } from '../../../src/services/timetable/timetable';

const NONE: Timetable = { scoringCloses: null, moderation: null, awardPlanned: null };
const BY = 'Send your scores by 5 March 2027.';
const PASSED = 'The date to send your scores was 5 March 2027. Please send them as soon as you can, or speak to your facilitator.';

describe('services: the timetable on a given day', () => {
  describe('a panel member\'s deadline', () => {
    const scoring = { state: 'scoring', cells: 4, sent: 0 };

    it('asks them to send by the day, up to and on that day', () => {
      assert.deepEqual(memberDeadline('2027-03-05', '2027-02-01', scoring), { passed: false, text: BY });
      assert.deepEqual(memberDeadline('2027-03-05', '2027-03-05', scoring), { passed: false, text: BY });
    });

    it('says kindly that the day has passed, from the next day, while scoring is open', () => {
      assert.deepEqual(memberDeadline('2027-03-05', '2027-03-06', scoring), { passed: true, text: PASSED });
      assert.deepEqual(memberDeadline('2027-03-05', '2028-01-01', { ...scoring, sent: 3 }), { passed: true, text: PASSED });
    });

    it('before scoring opens, tells them the day to plan for (never that it has passed)', () => {
      assert.deepEqual(memberDeadline('2027-03-05', '2027-03-10', { ...scoring, state: 'draft' }), { passed: false, text: BY });
    });

    it('says nothing with no day set, nothing to score, all sent, or once scoring has closed', () => {
      assert.equal(memberDeadline(null, '2027-03-06', scoring), null);
      assert.equal(memberDeadline('2027-03-05', '2027-03-06', { ...scoring, cells: 0 }), null);
      assert.equal(memberDeadline('2027-03-05', '2027-03-06', { ...scoring, sent: 4 }), null);
      assert.equal(memberDeadline('2027-03-05', '2027-03-01', { ...scoring, sent: 4 }), null);
      for (const state of ['moderation', 'finalised']) assert.equal(memberDeadline('2027-03-05', '2027-03-06', { ...scoring, state }), null, state);
    });
  });

  describe('late notices for staff', () => {
    const t: Timetable = { scoringCloses: '2027-03-05', moderation: '2027-03-12', awardPlanned: '2027-04-01' };

    it('nothing when no day is set or no day has passed (a day is late only after it)', () => {
      assert.deepEqual(lateNotices(NONE, 'scoring', '2030-01-01', 3), []);
      assert.deepEqual(lateNotices(t, 'scoring', '2027-03-05', 3), []);
    });

    it('scoring closed with members who have not sent: how many, in words', () => {
      assert.deepEqual(lateNotices(t, 'scoring', '2027-03-06', 3), ['Scoring closed on 5 March 2027 and 3 members have not sent their scores']);
      assert.deepEqual(lateNotices(t, 'scoring', '2027-03-06', 1), ['Scoring closed on 5 March 2027 and 1 member has not sent their scores']);
      assert.deepEqual(lateNotices(t, 'scoring', '2027-03-06', 0), []);
    });

    it('scoring that should have closed but never opened', () => {
      assert.deepEqual(lateNotices(t, 'draft', '2027-03-06', 0), ['Scoring was due to close on 5 March 2027 and it has not opened yet']);
    });

    it('the moderation meeting passed before the tender moved on to moderation; nothing once it has', () => {
      assert.deepEqual(lateNotices(t, 'scoring', '2027-03-13', 0), ['The moderation meeting, 12 March 2027, has passed and the tender has not moved on to moderation']);
      assert.deepEqual(lateNotices(t, 'moderation', '2027-03-13', 2), []);
    });

    it('the planned award passed and the tender is not finalised; nothing at all once finalised', () => {
      assert.deepEqual(lateNotices(t, 'moderation', '2027-04-02', 0), ['The planned award date, 1 April 2027, has passed and the tender is not finalised']);
      assert.deepEqual(lateNotices(t, 'finalised', '2028-01-01', 3), []);
    });

    it('every notice at once, in the timetable\'s order', () => {
      assert.equal(lateNotices(t, 'scoring', '2027-04-02', 2).length, 3);
    });
  });

  describe('the order of the days', () => {
    it('scoring closes, then moderation, then the award; a day may be shared and days not set are skipped', () => {
      assert.deepEqual(outOfOrder({ scoringCloses: '2027-03-05', moderation: '2027-03-05', awardPlanned: '2027-03-05' }), []);
      assert.deepEqual(outOfOrder({ ...NONE, awardPlanned: '2027-01-01' }), []);
      assert.deepEqual(outOfOrder({ scoringCloses: '2027-03-05', moderation: '2027-03-04', awardPlanned: null }), [{ date: 'moderation', before: 'scoringCloses' }]);
      assert.deepEqual(outOfOrder({ scoringCloses: '2027-03-05', moderation: null, awardPlanned: '2027-03-04' }), [{ date: 'awardPlanned', before: 'scoringCloses' }]);
      // An early meeting is the one wrong day: the award is checked against the scoring day, not the wrong one.
      assert.deepEqual(outOfOrder({ scoringCloses: '2027-03-05', moderation: '2027-03-01', awardPlanned: '2027-03-10' }), [{ date: 'moderation', before: 'scoringCloses' }]);
    });
  });
});
