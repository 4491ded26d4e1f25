// Pruning what has expired (sessions, with anything kept in them, and ended rate-limit counts),
// by one instance at a time: a lease in the database says who, until when.
import assert from 'node:assert/strict';
import type { SessionData } from 'express-session';
import pino from 'pino';
import { IDLE_TIMEOUT_MS } from '../../../src/middleware/auth';
import { DatabaseRateLimitStore } from '../../../src/middleware/rate-limit-store';
import { DatabaseSessionStore } from '../../../src/middleware/session-store';
import { PRUNE_EVERY_MS, PRUNE_LEASE, pruneExpired, startPruning } from '../../../src/services/shared-state/pruning';
import { START, useTwoConnections } from '../../helpers/two-connections';

const member = { cookie: { originalMaxAge: IDLE_TIMEOUT_MS }, memberId: 1 } as unknown as SessionData;

function call(run: (done: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => run((err) => (err ? reject(err as Error) : resolve())));
}

describe('pruning expired sessions and rate-limit counts, one instance at a time', () => {
  const two = useTwoConnections();
  const { clock, at } = two;

  it('deletes sessions past their expiry, with the words kept in them, and ended counts; keeps the rest', async () => {
    const sessions = new DatabaseSessionStore(two.db, () => clock.now);
    const kept = { ...member, keptScore: { memberId: '1', path: '/panel/bids/A/criteria/safety', fields: { reason: 'My mum gets care from them' } } } as unknown as SessionData;
    await call((done) => sessions.set('old', kept, done));
    const limits = new DatabaseRateLimitStore(two.db, 'sign-in-address', () => clock.now);
    limits.init({ windowMs: 60_000 } as Parameters<DatabaseRateLimitStore['init']>[0]);
    await limits.increment('203.0.113.1');
    at(IDLE_TIMEOUT_MS - 1000);
    await call((done) => sessions.set('live', member, done));
    await limits.increment('203.0.113.2');

    const run = await pruneExpired(two.db, 'instance-a', at(IDLE_TIMEOUT_MS));
    assert.deepEqual(run, { ran: true, sessions: 1, rateLimits: 1 });
    assert.deepEqual((await two.db.selectFrom('sessions').select('sid').execute()).map((r) => r.sid), ['live']);
    assert.equal((await two.db.selectFrom('sessions').select('data').where('data', 'like', '%My mum%').execute()).length, 0);
    assert.equal((await limits.get('203.0.113.2'))?.totalHits, 1, 'a window still running is kept');
  });

  it('lets exactly one of ten pruners asking at once through two connections run', async () => {
    const runs = await Promise.all(Array.from({ length: 10 }, (_, i) => pruneExpired(i % 2 === 0 ? two.db : two.other, `instance-${i}`, clock.now)));
    assert.equal(runs.filter((r) => r.ran).length, 1);
    const lease = await two.db.selectFrom('maintenance_leases').selectAll().execute();
    assert.equal(lease.length, 1);
    assert.equal(lease[0]!.name, PRUNE_LEASE);
    const winner = runs.findIndex((r) => r.ran);
    assert.equal(lease[0]!.holder, `instance-${winner}`);
    assert.equal(lease[0]!.until, new Date(START + PRUNE_EVERY_MS).toISOString());
  });

  it('keeps the lease with its holder until its time runs out, then another instance takes over', async () => {
    assert.equal((await pruneExpired(two.db, 'instance-a', at(0))).ran, true);
    assert.equal((await pruneExpired(two.other, 'instance-b', at(PRUNE_EVERY_MS - 1))).ran, false, 'a’s lease is still running');
    assert.equal((await pruneExpired(two.db, 'instance-a', at(PRUNE_EVERY_MS - 1))).ran, true, 'the holder may run again, renewing it');
    assert.equal((await pruneExpired(two.other, 'instance-b', at(2 * PRUNE_EVERY_MS - 2))).ran, false);
    // Instance a has stopped (or died): once its lease has run out, b takes over.
    assert.equal((await pruneExpired(two.other, 'instance-b', at(2 * PRUNE_EVERY_MS - 1))).ran, true);
    assert.equal((await pruneExpired(two.db, 'instance-a', at(2 * PRUNE_EVERY_MS))).ran, false, 'and a waits its turn');
    const lease = await two.db.selectFrom('maintenance_leases').select(['holder', 'until']).executeTakeFirstOrThrow();
    assert.deepEqual(lease, { holder: 'instance-b', until: new Date(START + 3 * PRUNE_EVERY_MS - 1).toISOString() });
  });

  it('prunes once at start when its turn comes, and stops after the run in progress', async () => {
    const sessions = new DatabaseSessionStore(two.db, () => clock.now);
    await call((done) => sessions.set('old', member, done));
    at(IDLE_TIMEOUT_MS);
    const logger = pino({ level: 'silent' });
    const a = startPruning(two.db, { now: () => clock.now, logger, holder: 'instance-a' });
    const b = startPruning(two.other, { now: () => clock.now, logger, holder: 'instance-b' });
    const [first, second] = await Promise.all([a.runNow(), b.runNow()]);
    await Promise.all([a.stop(), b.stop()]);
    assert.equal([first, second].filter((r) => r.ran).length, 1, 'one of the two instances pruned');
    assert.equal((await two.db.selectFrom('sessions').selectAll().execute()).length, 0);
  });
});
