// The rate limits' store in the database: every hit counted once however many instances count at
// once, windows that end and start again, hits taken back, and keys that never grow the table.
import assert from 'node:assert/strict';
import type { Db } from '../../../src/data/database';
import { DatabaseRateLimitStore, storedKey } from '../../../src/middleware/rate-limit-store';
import { START, useTwoConnections } from '../../helpers/two-connections';

const WINDOW_MS = 15 * 60 * 1000;

describe('the rate-limit store in the database', () => {
  const two = useTwoConnections();
  const { clock, at } = two;
  /** A store as an instance makes it (express-rate-limit calls init with the limiter's options). */
  const storeOn = (on: Db, name = 'sign-in-address'): DatabaseRateLimitStore => {
    const store = new DatabaseRateLimitStore(on, name, () => clock.now);
    store.init({ windowMs: WINDOW_MS } as Parameters<DatabaseRateLimitStore['init']>[0]);
    return store;
  };


  it('counts 50 hits made at once through two instances as 50, each answer a different count', async () => {
    const stores = [storeOn(two.db), storeOn(two.other)];
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 2]!.increment('203.0.113.7')));
    assert.deepEqual(
      answers.map((a) => a.totalHits).sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.equal((await stores[0]!.get('203.0.113.7'))?.totalHits, 50);
    assert.equal((await stores[1]!.get('203.0.113.7'))?.totalHits, 50);
    const rows = await two.db.selectFrom('rate_limit_hits').selectAll().execute();
    assert.equal(rows.length, 1, 'one row for the one address');
  });

  it('gives every hit of a window the same end, and starts again at 1 once it has ended', async () => {
    const store = storeOn(two.db);
    const first = await store.increment('203.0.113.7');
    assert.equal(first.totalHits, 1);
    assert.equal(first.resetTime?.getTime(), START + WINDOW_MS);
    at(WINDOW_MS - 1000);
    const later = await store.increment('203.0.113.7');
    assert.equal(later.totalHits, 2);
    assert.equal(later.resetTime?.getTime(), START + WINDOW_MS, 'the window does not slide');
    at(WINDOW_MS);
    assert.equal(await store.get('203.0.113.7'), undefined, 'an ended window counts for nothing');
    const again = await store.increment('203.0.113.7');
    assert.equal(again.totalHits, 1);
    assert.equal(again.resetTime?.getTime(), START + 2 * WINDOW_MS);
  });

  it('takes a hit back only within its window, and resets one key or the whole limit', async () => {
    const store = storeOn(two.db);
    for (let i = 0; i < 3; i += 1) await store.increment('a');
    await store.increment('b');
    await store.decrement('a');
    assert.equal((await store.get('a'))?.totalHits, 2);
    await store.resetKey('a');
    assert.equal(await store.get('a'), undefined);
    assert.equal((await store.get('b'))?.totalHits, 1);
    at(WINDOW_MS);
    await store.decrement('b');
    const row = await two.db.selectFrom('rate_limit_hits').select('hits').executeTakeFirstOrThrow();
    assert.equal(row.hits, 1, 'an ended window is left for the pruning');
    await store.resetAll();
    assert.equal((await two.db.selectFrom('rate_limit_hits').selectAll().execute()).length, 0);
  });

  it('keeps each limit’s counts apart', async () => {
    const address = storeOn(two.db, 'sign-in-address');
    const invitation = storeOn(two.other, 'invitation-address');
    await address.increment('203.0.113.7');
    await address.increment('203.0.113.7');
    assert.equal((await invitation.increment('203.0.113.7')).totalHits, 1);
    assert.equal((await address.get('203.0.113.7'))?.totalHits, 2);
    assert.notEqual(address.prefix, invitation.prefix, 'express-rate-limit tells limits apart by prefix');
  });

  it('stores a hash of fixed length for any key, never the key: a long key makes no bigger row', async () => {
    const store = storeOn(two.db, 'sign-in-account');
    const long = `account:${'x'.repeat(100_000)}@council.example`;
    await store.increment(long);
    await store.increment('account:owner@council.example');
    const rows = await two.db.selectFrom('rate_limit_hits').select(['name', 'key']).orderBy('key').execute();
    assert.deepEqual(rows.map((r) => r.key).sort(), [storedKey(long), storedKey('account:owner@council.example')].sort());
    for (const row of rows) {
      assert.equal(row.key.length, 43);
      assert.doesNotMatch(row.key, /council|xxxx/);
    }
    assert.equal((await store.increment(long)).totalHits, 2, 'the same long key is the same row');
  });
});
