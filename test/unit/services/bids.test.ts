// The small rules of bids: prices as exact decimal pounds, and the next bid letters.
import assert from 'node:assert/strict';
import { nextBidKeys, parsePounds, sameOrganisation } from '../../../src/services/bids';

describe('bids: prices typed by people', () => {
  it('reads pounds and pence as an exact decimal string', () => {
    for (const [typed, stored] of [
      ['125000', '125000'],
      ['£1,850,000.50', '1850000.5'],
      ['1,250', '1250'],
      [' £ 99.99 ', '99.99'],
      ['0.01', '0.01'],
      ['007', '7'],
    ]) {
      assert.deepEqual(parsePounds(typed!), { ok: true, value: stored }, typed);
    }
  });

  it('refuses anything that is not pounds above 0 with up to 2 decimal places', () => {
    for (const [typed, message] of [
      ['', /not an amount of pounds/],
      ['abc', /not an amount of pounds/],
      ['1e6', /not an amount of pounds/],
      ['=1+1', /not an amount of pounds/],
      ['0', /not above £0/],
      ['0.00', /not above £0/],
      ['-5', /below £0/],
      ['10.005', /more than 2 decimal places/],
      ['1234567890123', /too large/],
      // A comma for the point would make the price a hundred times too big: refused, never dropped.
      ['125000,50', /comma where the pence start/],
      ['12,50', /comma where the pence start/],
      ['1,2345', /comma where the pence start/],
      ['1,,000', /comma where the pence start/],
    ] as const) {
      const parsed = parsePounds(typed);
      assert.equal(parsed.ok, false, typed);
      if (!parsed.ok) assert.match(parsed.message, message, typed);
    }
  });
});

describe('bids: keys', () => {
  it('gives the letter after the last one used, then AA after Z, never reusing a letter', () => {
    assert.deepEqual(nextBidKeys([]), ['A']);
    assert.deepEqual(nextBidKeys(['A', 'B', 'D']), ['E']);
    assert.deepEqual(nextBidKeys(['A', 'bid-7', 'm1']), ['B']);
    assert.deepEqual(nextBidKeys(['Y'], 3), ['Z', 'AA', 'AB']);
    assert.deepEqual(nextBidKeys(['AZ']), ['BA']);
  });

  it('compares organisations as people read them', () => {
    assert.ok(sameOrganisation(' Alder  Care ', 'alder care'));
    assert.ok(!sameOrganisation('Alder Care', 'Alder Care Ltd'));
  });
});
