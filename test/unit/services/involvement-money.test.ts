// The arithmetic of reciprocity: pounds typed by people, time in words, and what a member is due
// (time × rate worked out exactly and rounded to pence half up once per member, plus expenses).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDay } from '../../../src/features/involvement/involvement-schema';
import { ukToday } from '../../../src/services/involvement-entries';
import { addPounds, checkPounds, duration, paymentOf, pounds, scoringMinutes } from '../../../src/services/involvement-money';

describe('involvement: money and time', () => {
  it('reads pounds and pence exactly, with two decimal places', () => {
    const expense = { max: 10_000, allowZero: false };
    for (const [typed, value] of [
      ['12.6', '12.60'],
      ['£1,234.5', '1234.50'],
      [' 0.01 ', '0.01'],
      ['10000', '10000.00'],
      ['007', '7.00'],
    ] as const) {
      assert.deepEqual(checkPounds(typed, expense), { ok: true, value }, typed);
    }
    for (const [typed, reason] of [
      ['', 'format'],
      ['1e3', 'format'],
      ['=1+1', 'format'],
      ['12.345', 'places'],
      ['-1', 'negative'],
      ['-£1', 'negative'],
      ['0', 'zero'],
      ['0.00', 'zero'],
      ['10000.01', 'too-much'],
      ['9'.repeat(30), 'format'],
    ] as const) {
      assert.deepEqual(checkPounds(typed, expense), { ok: false, reason }, typed);
    }
    assert.deepEqual(checkPounds('0', { max: 1000, allowZero: true }), { ok: true, value: '0.00' });
    assert.deepEqual(checkPounds('1000.00', { max: 1000, allowZero: true }), { ok: true, value: '1000.00' });
  });

  it('reads a comma only between thousands: "12,50" is refused, never £1,250.00', () => {
    const expense = { max: 10_000, allowZero: false };
    for (const [typed, value] of [
      ['1,250.50', '1250.50'],
      ['£1,250', '1250.00'],
      ['9,999.99', '9999.99'],
      ['1,000,000', '1000000.00'],
    ] as const) {
      assert.deepEqual(checkPounds(typed, { max: 10_000_000, allowZero: false }), { ok: true, value }, typed);
    }
    for (const typed of ['12,50', '12,5', '1,2345', ',50', '1,,000', '1,00.50', '12,50,00', '1,250,5', '£12,50', '0,50']) {
      assert.deepEqual(checkPounds(typed, expense), { ok: false, reason: 'comma' }, typed);
    }
    // A comma among other wrong characters is a wrong format, not a misplaced comma.
    assert.deepEqual(checkPounds('ten, pounds', expense), { ok: false, reason: 'format' });
    assert.deepEqual(checkPounds('-12,50', expense), { ok: false, reason: 'negative' });
  });

  it('shows pounds with pence and thousands, and time in hours and minutes', () => {
    assert.deepEqual(['0', '42', '1234.5', '1000000.05'].map(pounds), ['£0.00', '£42.00', '£1,234.50', '£1,000,000.05']);
    assert.deepEqual([0, 1, 45, 60, 61, 200, 1440].map(duration), ['0 minutes', '1 minute', '45 minutes', '1 hour', '1 hour 1 minute', '3 hours 20 minutes', '24 hours']);
    assert.deepEqual([0, 29, 30, 89, 90, 3660].map(scoringMinutes), [0, 0, 1, 1, 2, 61]);
    assert.equal(addPounds(['0.10', '0.20', '1234.50']), '1234.80');
  });

  it('works out what is due exactly: 3 h 20 min at £12.60 is £42.00, 1 h 1 min at £15 is £15.25', () => {
    assert.deepEqual(paymentOf(200, '12.60', []), { minutes: 200, timePayment: '42.00', expenses: '0.00', due: '42.00' });
    assert.deepEqual(paymentOf(61, '15', ['3.10', '0.05']), { minutes: 61, timePayment: '15.25', expenses: '3.15', due: '18.40' });
    // Half a penny rounds up: 1 minute at £0.30 is £0.005.
    assert.equal(paymentOf(1, '0.30', []).timePayment, '0.01');
    // Just under half a penny rounds down: 1 minute at £0.29 is £0.004833….
    assert.equal(paymentOf(1, '0.29', []).timePayment, '0.00');
    assert.deepEqual(paymentOf(90, null, ['7']), { minutes: 90, timePayment: null, expenses: '7.00', due: null });
  });

  it('matches whole-pence arithmetic for any time and rate (rounded once, half up)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (minutes, ratePence) => {
        const rate = `${Math.floor(ratePence / 100)}.${String(ratePence % 100).padStart(2, '0')}`;
        // pence = minutes × ratePence / 60, rounded half up, in integers only.
        const pence = (BigInt(minutes) * BigInt(ratePence) * 2n + 60n) / 120n;
        const expected = `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
        return paymentOf(minutes, rate, []).timePayment === expected;
      }),
    );
  });
});

describe('involvement: the day of an entry', () => {
  const today = '2026-11-23';
  it('accepts a real day up to today, in the UK', () => {
    assert.deepEqual(checkDay('23', '11', '2026', today), { ok: true, value: '2026-11-23' });
    assert.deepEqual(checkDay(' 1 ', '02', '2024', today), { ok: true, value: '2024-02-01' });
    assert.deepEqual(checkDay('29', '2', '2024', today), { ok: true, value: '2024-02-29' });
    // 23:30 in London in summer is already the next day there.
    assert.equal(ukToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(ukToday(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
  });

  it('says what is wrong, and which parts', () => {
    assert.deepEqual(checkDay('', '', '', today), { ok: false, message: 'Enter the date', parts: ['day', 'month', 'year'] });
    assert.deepEqual(checkDay('', '', '2026', today), { ok: false, message: 'The date must include a day and month', parts: ['day', 'month'] });
    assert.deepEqual(checkDay('1', '1', '26', today), { ok: false, message: 'The year must include 4 numbers', parts: ['year'] });
    for (const [d, m, y] of [['29', '2', '2026'], ['31', '4', '2026'], ['0', '1', '2026'], ['1', '13', '2026'], ['1.5', '1', '2026'], ['1', 'May', '2026']]) {
      assert.deepEqual(checkDay(d!, m!, y!, today), { ok: false, message: 'The date must be a real date', parts: ['day', 'month', 'year'] }, `${d} ${m} ${y}`);
    }
    assert.deepEqual(checkDay('24', '11', '2026', today), { ok: false, message: 'The date must be today or in the past', parts: ['day', 'month', 'year'] });
  });

  it('refuses a day before 1 January 2000, such as the year 0202 typed for 2026', () => {
    assert.deepEqual(checkDay('1', '1', '2000', today), { ok: true, value: '2000-01-01' });
    for (const [d, m, y] of [['1', '11', '0202'], ['31', '12', '1999'], ['1', '1', '0000'], ['20', '11', '1026']]) {
      assert.deepEqual(checkDay(d!, m!, y!, today), { ok: false, message: 'The date must be 1 January 2000 or later', parts: ['year'] }, `${d} ${m} ${y}`);
    }
  });
});
