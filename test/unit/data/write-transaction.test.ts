// The locks a write takes on PostgreSQL (write-transaction.ts): each name once, in one order for
// every write (so two writes never wait for each other in a circle), exclusive over shared.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lockKey, lockPlan } from '../../../src/data/write-transaction';

const keyOf = (name: string): bigint => BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(`tender-evaluation:${name}`).digest('hex').slice(0, 16)}`));

describe('write locks', () => {
  it('keys a name by the first 64 bits of SHA-256 over it, signed, the same every time', () => {
    assert.equal(lockKey('tender:42'), keyOf('tender:42'));
    assert.notEqual(lockKey('tender:42'), lockKey('member:42'));
    assert.ok(lockKey('tender:42') >= -(2n ** 63n) && lockKey('tender:42') < 2n ** 63n);
  });

  it('takes a tender alone, exclusively', () => {
    assert.deepEqual(lockPlan([{ tender: 7 }]), [{ key: keyOf('tender:7'), mode: 'exclusive' }]);
  });

  it('takes a member exclusively and shares their tender', () => {
    const plan = lockPlan([{ member: 3, tender: 7 }]);
    assert.deepEqual(new Map(plan.map((l) => [l.key, l.mode])), new Map([[keyOf('member:3'), 'exclusive'], [keyOf('tender:7'), 'shared']]));
  });

  it('takes each lock once, exclusively when any write asks for it so, in key order whatever order it was named in', () => {
    const locks = [{ member: 3, tender: 7 }, { member: 4, tender: 7 }, { tender: 7 }, { user: 1 }, { email: 'Sam@Council.example' }];
    const plan = lockPlan(locks);
    assert.deepEqual(plan, lockPlan([...locks].reverse()));
    assert.deepEqual(plan.map((l) => l.key), [...plan.map((l) => l.key)].sort((a, b) => (a < b ? -1 : 1)));
    assert.equal(plan.length, 5, 'member 3, member 4, tender 7, user 1, the email');
    assert.equal(plan.find((l) => l.key === keyOf('tender:7'))?.mode, 'exclusive');
  });

  it('takes a new tender reference and a new account email in any letter case as one lock', () => {
    assert.deepEqual(lockPlan([{ reference: 'HW-2026-01' }]), lockPlan([{ reference: ' hw-2026-01 ' }]));
    assert.deepEqual(lockPlan([{ email: 'Sam@Council.example' }]), lockPlan([{ email: 'sam@council.example' }]));
  });
});
