// A write refused by a unique index (unique-violation.ts), on the database the tests run on:
// recognised by what it refused, answered in the app's plain words by unlessTaken, and any other
// failed write left as the error it is.
import assert from 'node:assert/strict';
import { openDatabase, type Db } from '../../src/data/database';
import { tenderRepository } from '../../src/data/tender-repository';
import { userRepository } from '../../src/data/user-repository';
import { UNIQUE_KEYS, uniqueViolation, unlessTaken, violates } from '../../src/data/unique-violation';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { HAND_WORKED_PACK, RUBRICS_DIR } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

const NOW = new Date('2026-11-23T10:00:00Z');

/** A stored row as a new row to insert: the same values, no id. */
function withoutId<T extends { id: number }>(row: T): Omit<T, 'id'> {
  const copy: Partial<T> = { ...row };
  delete copy.id;
  return copy as Omit<T, 'id'>;
}

/** The error a write fails with (the test fails if it does not). */
async function failure(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  assert.fail('the write was expected to fail');
}

describe('unique violations', () => {
  const temp = useTempDatabase('each');
  let db: Db;
  beforeEach(async () => {
    db = await openDatabase(temp.url);
    const loaded = await loadDataFile(HAND_WORKED_PACK);
    if (!loaded.ok) throw new Error('hand-worked pack unreadable');
    const imported = await importPack(db, rubricLibrary(RUBRICS_DIR), loaded.data, { file: HAND_WORKED_PACK, actor: 'test', now: NOW });
    assert.ok(imported.ok);
  });
  afterEach(async () => db.destroy());

  const tenderRow = async () => withoutId(await db.selectFrom('tenders').selectAll().executeTakeFirstOrThrow());

  it('recognises a tender reference taken, and only as that', async () => {
    const row = await tenderRow();
    const error = await failure(() => tenderRepository.insert(db, row));
    assert.equal(violates(error, UNIQUE_KEYS.tenderReference), true);
    assert.equal(violates(error, UNIQUE_KEYS.userEmail), false);
    assert.equal(violates(error, UNIQUE_KEYS.bidKey), false);
  });

  it('recognises an account email taken', async () => {
    const user = { email: 'sam@council.example', name: 'Sam', role: 'commissioner' as const, password_hash: '', created_at: NOW.toISOString() };
    await userRepository.insert(db, user);
    const error = await failure(() => userRepository.insert(db, user));
    assert.equal(violates(error, UNIQUE_KEYS.userEmail), true);
    assert.equal(violates(error, UNIQUE_KEYS.tenderReference), false);
  });

  it('recognises a bid key taken within its tender', async () => {
    const bid = withoutId(await db.selectFrom('bids').selectAll().executeTakeFirstOrThrow());
    const error = await failure(() => tenderRepository.insertBid(db, { ...bid, supplier: 'Another organisation' }));
    assert.deepEqual(uniqueViolation(error)?.columns.sort(), ['key', 'tender_id']);
    assert.equal(violates(error, UNIQUE_KEYS.bidKey), true);
    assert.equal(violates(error, UNIQUE_KEYS.tenderReference), false);
  });

  it('answers a taken reference in the words given, after the transaction has rolled back', async () => {
    const row = await tenderRow();
    const answer = await unlessTaken(
      UNIQUE_KEYS.tenderReference,
      async () => `There is already a tender with the reference ${row.reference} (${(await db.selectFrom('tenders').select('id').execute()).length} stored)`,
      () =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('audit_chains').values({ chain: 'test', seq: 0, head: '' }).execute();
          await tenderRepository.insert(trx, row);
          return 'inserted';
        }),
    );
    assert.equal(answer, `There is already a tender with the reference ${row.reference} (1 stored)`);
    assert.equal(await db.selectFrom('audit_chains').select('chain').where('chain', '=', 'test').executeTakeFirst(), undefined, 'rolled back');
  });

  it('leaves any other failed write as its error: another key taken, or a value the database refuses', async () => {
    const user = { email: 'sam@council.example', name: 'Sam', role: 'commissioner' as const, password_hash: '', created_at: NOW.toISOString() };
    await userRepository.insert(db, user);
    await assert.rejects(unlessTaken(UNIQUE_KEYS.tenderReference, () => 'taken', () => userRepository.insert(db, user).then(() => 'inserted')));
    const refused = await failure(() => db.insertInto('users').values({ ...user, email: 'other@council.example', role: 'nobody' as 'admin' }).execute());
    assert.equal(uniqueViolation(refused), null, 'a check constraint is not a unique violation');
    assert.equal(uniqueViolation(new Error('UNIQUE constraint failed: tenders.reference')), null, 'an error without a database code');
  });
});
