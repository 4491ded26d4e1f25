// Writes check the tender's state as stored inside their own transaction, not as it was read when
// the request began: a tender finalised (or moved on, or set up) in another tab meanwhile is
// refused in words, and nothing is written. Each service is given the tender row a request would
// have read before the change, as a slow request would hold it.
import assert from 'node:assert/strict';
import { tenderRepository } from '../../src/data/tender-repository';
import type { TenderRow } from '../../src/data/schema';
import { staffActor, type Actor } from '../../src/services/actors';
import { setPrices } from '../../src/services/bid-prices';
import { addBid, withdrawBid } from '../../src/services/bids';
import { rubricLibrary } from '../../src/services/rubric-library';
import { saveExplanations } from '../../src/services/summaries/summaries';
import { advanceTender, createTender } from '../../src/services/tender-setup';
import { TenderLockedError } from '../../src/services/tender-rules';
import { RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS, testApp, type TestApp } from '../helpers/web';

describe('writes check the tender as stored now, inside their transaction', () => {
  let t: TestApp;
  let owner: Actor;
  let procurement: Actor;
  beforeEach(async () => {
    t = await testApp();
    const user = async (email: string) => staffActor(t.db, (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id);
    owner = await user(ACCOUNTS.owner.email);
    procurement = await user(ACCOUNTS.procurement.email);
  });
  afterEach(() => t.close());

  const tender = async (reference: string): Promise<TenderRow> => (await tenderRepository.findByReference(t.db, reference))!;
  // The hand-worked tender has items outstanding (a flagged score, summaries not reviewed), so
  // finalising takes a reason (readiness itself is tested in stage-readiness.test.ts).
  const answer = { reason: 'Test: the panel agreed the flagged score stands as aggregated.' };
  const events = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a price, a withdrawal and an explanation for a tender finalised since the request read it', async () => {
    const before = await tender('HW-2026-01');
    assert.equal(before.state, 'moderation');
    assert.deepEqual(await advanceTender(t.db, owner, before, 'finalised', t.clock.now, answer), { ok: true, state: 'finalised' });
    const prices = await t.db.selectFrom('bids').select(['key', 'price']).where('tender_id', '=', before.id).orderBy('key').execute();
    const written = await events();
    const a = prices.find((p) => p.key === 'A')!;
    await assert.rejects(setPrices(t.db, procurement, before, [{ key: 'A', was: a.price, price: '1.00' }], t.clock.now), TenderLockedError);
    await assert.rejects(withdrawBid(t.db, owner, before, 'B', 'Changed their mind', t.clock.now), TenderLockedError);
    await assert.rejects(saveExplanations(t.db, owner, before, 'A', [{ criterion: 'safety', was: '', text: 'Changed after the decision.' }], t.clock.now), TenderLockedError);
    assert.deepEqual(await t.db.selectFrom('bids').select(['key', 'price']).where('tender_id', '=', before.id).orderBy('key').execute(), prices);
    assert.equal(await events(), written, 'nothing written');
  });

  it('answers a second "move on" in words (it was moved on a moment ago), never a failed write', async () => {
    const before = await tender('HW-2026-01');
    assert.equal((await advanceTender(t.db, owner, before, 'finalised', t.clock.now, answer)).ok, true);
    const again = await advanceTender(t.db, owner, before, 'finalised', t.clock.now, answer);
    assert.deepEqual(again, { ok: false, problems: ['The tender is already at finalised: it was moved on a moment ago, perhaps in another tab'] });
    const finalisations = await t.db.selectFrom('finalisations').select('tender_id').where('tender_id', '=', before.id).execute();
    assert.equal(finalisations.length, 1);
  });

  it('refuses a bid added to a tender whose scoring opened since the request read it', async () => {
    const created = await createTender(t.db, rubricLibrary(RUBRICS_DIR), owner, { reference: 'STALE-1', title: 'Stale', rubric: 'home-care-outcomes', aggregation: 'mean', anonymise: false, lightTouch: true }, t.clock.now);
    assert.equal(created.ok, true);
    const draft = await tender('STALE-1');
    await t.db.updateTable('tenders').set({ state: 'scoring' }).where('id', '=', draft.id).execute();
    await assert.rejects(addBid(t.db, owner, draft, { supplier: 'Late Ltd', price: '100.00', responses: {} }, t.clock.now), TenderLockedError);
    assert.equal((await t.db.selectFrom('bids').select('id').where('tender_id', '=', draft.id).execute()).length, 0);
  });

  it('sets up one tender when the same reference is sent twice, in any letter case', async () => {
    const input = { reference: 'TWICE-1', title: 'Twice', rubric: 'home-care-outcomes', aggregation: 'mean', anonymise: false, lightTouch: true } as const;
    const [first, second] = await Promise.all([
      createTender(t.db, rubricLibrary(RUBRICS_DIR), owner, input, t.clock.now),
      createTender(t.db, rubricLibrary(RUBRICS_DIR), owner, input, t.clock.now),
    ]);
    assert.deepEqual([first!.ok, second!.ok].sort(), [false, true]);
    const lower = await createTender(t.db, rubricLibrary(RUBRICS_DIR), owner, { ...input, reference: 'twice-1' }, t.clock.now);
    assert.deepEqual(lower, { ok: false, problems: [{ path: 'reference', message: 'There is already a tender with the reference twice-1. Enter a new reference' }] });
    assert.equal((await t.db.selectFrom('tenders').select('id').where('reference', 'in', ['TWICE-1', 'twice-1']).execute()).length, 1);
  });
});
