// There is always an active admin, also with two app instances: two admins deactivating or demoting
// each other at the same moment (each through their own connection, as two instances would) take
// turns; the second is refused in words, and one admin stays active.
import assert from 'node:assert/strict';
import type { Db } from '../../src/data/database';
import { dialectOf } from '../../src/data/dialect';
import { changeRole, setActive } from '../../src/services/accounts/accounts';
import { NO_LONGER_ADMIN } from '../../src/services/accounts/admin-rule';
import { verifyAuditChain } from '../../src/services/audit';
import { addUser } from '../../src/services/users';
import { useTwoConnections } from '../helpers/two-connections';

const admin = (id: number, email: string) => ({ kind: 'staff', id, email, name: email, role: 'admin' }) as const;

async function twoAdmins(db: Db, now: Date): Promise<[ReturnType<typeof admin>, ReturnType<typeof admin>]> {
  const made = [];
  for (const email of ['ada@council.example', 'bo@council.example']) {
    const added = await addUser(db, { email, name: email, role: 'admin', password: 'correct horse battery staple' }, 'test', now);
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
    made.push(admin(added.id, email));
  }
  return [made[0]!, made[1]!];
}

/**
 * Both changes at once on PostgreSQL. On SQLite, one process cannot have two connections in write
 * transactions at once (the second waits for the lock synchronously, blocking the first): two
 * instances' transactions take turns on the database's write lock, so they run one after the other.
 */
async function atOnce<T>(db: Db, first: () => Promise<T>, second: () => Promise<T>): Promise<T[]> {
  if (dialectOf(db) === 'postgres') return Promise.all([first(), second()]);
  return [await first(), await second()];
}

const activeAdmins = async (db: Db) =>
  (await db.selectFrom('users').select('email').where('role', '=', 'admin').where('deactivated_at', 'is', null).execute()).map((u) => u.email);

describe('the last admin stays, with two instances', function () {
  this.timeout(60_000);
  const two = useTwoConnections();

  it('two admins deactivating each other at once: one is deactivated, the other refused in words and still active', async () => {
    const [ada, bo] = await twoAdmins(two.db, two.clock.now);
    const outcomes = await atOnce(two.db, () => setActive(two.db, ada, bo.id, false, two.clock.now), () => setActive(two.other, bo, ada.id, false, two.clock.now));
    assert.equal(outcomes.filter((o) => o?.ok).length, 1, JSON.stringify(outcomes));
    assert.deepEqual(outcomes.find((o) => o && !o.ok), { ok: false, field: 'form', text: NO_LONGER_ADMIN });
    assert.equal((await activeAdmins(two.db)).length, 1);
    assert.equal((await two.db.selectFrom('audit_events').select('seq').where('action', '=', 'account.deactivated').execute()).length, 1);
    assert.ok((await verifyAuditChain(two.db)).ok);
  });

  it('two admins giving each other another role at once: one is changed, the other refused in words and still an admin', async () => {
    const [ada, bo] = await twoAdmins(two.db, two.clock.now);
    const outcomes = await atOnce(two.db, () => changeRole(two.db, ada, bo.id, 'commissioner', two.clock.now), () => changeRole(two.other, bo, ada.id, 'commissioner', two.clock.now));
    assert.equal(outcomes.filter((o) => o?.ok).length, 1, JSON.stringify(outcomes));
    assert.deepEqual(outcomes.find((o) => o && !o.ok), { ok: false, field: 'form', text: NO_LONGER_ADMIN });
    assert.equal((await activeAdmins(two.db)).length, 1);
  });

  it('an admin deactivated or demoted a moment ago (their request already past the sign-in check) changes no account', async () => {
    const [ada, bo] = await twoAdmins(two.db, two.clock.now);
    assert.deepEqual(await changeRole(two.db, ada, bo.id, 'facilitator', two.clock.now), { ok: true, value: null });
    // Bo's request was let in as an admin before the change: it is refused inside its transaction.
    assert.deepEqual(await setActive(two.other, bo, ada.id, false, two.clock.now), { ok: false, field: 'form', text: NO_LONGER_ADMIN });
    assert.deepEqual(await changeRole(two.other, bo, ada.id, 'procurement', two.clock.now), { ok: false, field: 'form', text: NO_LONGER_ADMIN });
    assert.deepEqual(await setActive(two.other, bo, bo.id, true, two.clock.now), { ok: false, field: 'form', text: NO_LONGER_ADMIN });
    assert.deepEqual(await activeAdmins(two.db), ['ada@council.example']);
  });
});
