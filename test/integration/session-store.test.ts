// The session store: the cookie rolls on every answer, but a session's stored expiry is written
// at most once a minute (a write on every page would make every page wait for the disk), and is
// never later than the idle timeout from the last answer. (Deleting expired sessions: pruning.test.ts.)
import assert from 'node:assert/strict';
import type { SessionData } from 'express-session';
import { openDatabase, type Db } from '../../src/data/database';
import { IDLE_TIMEOUT_MS } from '../../src/middleware/auth';
import { DatabaseSessionStore, TOUCH_EVERY_MS } from '../../src/middleware/session-store';
import { useTempDatabase } from '../helpers/temp-db';

const data = { cookie: { originalMaxAge: IDLE_TIMEOUT_MS }, memberId: 1 } as unknown as SessionData;

function call(run: (done: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => run((err) => (err ? reject(err as Error) : resolve())));
}

async function storedExpiry(db: Db, sid: string): Promise<number | null> {
  const row = await db.selectFrom('sessions').select('expires_at').where('sid', '=', sid).executeTakeFirst();
  return row ? new Date(row.expires_at).getTime() : null;
}

describe('the session store', () => {
  const temp = useTempDatabase('each');
  let db: Db;
  let clock: { now: Date };
  let store: DatabaseSessionStore;
  const at = (ms: number) => (clock.now = new Date(Date.parse('2026-11-23T10:00:00Z') + ms));

  beforeEach(async () => {
    db = await openDatabase(temp.url);
    clock = { now: new Date('2026-11-23T10:00:00Z') };
    store = new DatabaseSessionStore(db, () => clock.now);
  });
  afterEach(() => db.destroy());

  it('moves the stored expiry once it would move by a minute, never past the idle timeout', async () => {
    const start = clock.now.getTime();
    await call((done) => store.set('s1', data, done));
    assert.equal(await storedExpiry(db, 's1'), start + IDLE_TIMEOUT_MS);

    at(TOUCH_EVERY_MS - 1000);
    await call((done) => store.touch('s1', data, done));
    assert.equal(await storedExpiry(db, 's1'), start + IDLE_TIMEOUT_MS, 'not written within the minute');

    at(TOUCH_EVERY_MS);
    await call((done) => store.touch('s1', data, done));
    assert.equal(await storedExpiry(db, 's1'), start + TOUCH_EVERY_MS + IDLE_TIMEOUT_MS, 'written a minute on');
  });

  it('writes the expiry when the session was saved by another process, or the clock went back', async () => {
    const other = new DatabaseSessionStore(db, () => clock.now);
    await call((done) => other.set('s2', data, done));
    at(1000);
    await call((done) => store.touch('s2', data, done));
    assert.equal(await storedExpiry(db, 's2'), clock.now.getTime() + IDLE_TIMEOUT_MS, 'nothing known about it here, so written');

    at(-5000);
    await call((done) => store.touch('s2', data, done));
    assert.equal(await storedExpiry(db, 's2'), clock.now.getTime() + IDLE_TIMEOUT_MS);
  });

  it('ends a session idle for the timeout after its last written expiry', async () => {
    await call((done) => store.set('s3', data, done));
    at(30 * 1000);
    await call((done) => store.touch('s3', data, done));
    at(IDLE_TIMEOUT_MS);
    const found = await new Promise((resolve, reject) => store.get('s3', (err, value) => (err ? reject(err as Error) : resolve(value))));
    assert.equal(found, null);
  });
});
