// Writes racing inside one app (on PostgreSQL, over several pooled connections at once; on SQLite,
// queued for the one connection): every write names what it serialises on (write-transaction.ts),
// so the race ends with 0 errors, 0 duplicates and an audit chain that verifies.
import assert from 'node:assert/strict';
import { openDatabase, type Db } from '../../src/data/database';
import { AUDIT_ONLY, writeTransaction } from '../../src/data/write-transaction';
import { recordEvent, verifyAuditChain } from '../../src/services/audit';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack, type ImportOutcome } from '../../src/services/tender-import';
import { addUser } from '../../src/services/users';
import { HAND_WORKED_PACK, RUBRICS_DIR } from '../helpers/paths';
import { cellUrl, formOn, panelAgent, SC, scoringTender } from '../helpers/scoring';
import { useTempDatabase } from '../helpers/temp-db';
import { encode, testApp, type TestApp } from '../helpers/web';

const NOW = new Date('2026-11-23T10:00:00Z');

/** Every outcome of a race, errors included, so a failed write shows in the assertion rather than stopping it. */
const settle = <T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> =>
  work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: (error as Error).message }),
  );

async function assertChainIntact(db: Db): Promise<void> {
  const check = await verifyAuditChain(db);
  assert.ok(check.ok, JSON.stringify(check));
}

describe('writes racing at once', function () {
  this.timeout(120_000);

  describe('on one database', () => {
    const temp = useTempDatabase('each');
    let db: Db;
    beforeEach(async () => {
      db = await openDatabase(temp.url);
    });
    afterEach(async () => db.destroy());

    async function importAt(reference: string): Promise<ImportOutcome> {
      const loaded = await loadDataFile(HAND_WORKED_PACK);
      if (!loaded.ok) throw new Error('hand-worked pack unreadable');
      const data = loaded.data as { tender: { reference: string } };
      return importPack(db, rubricLibrary(RUBRICS_DIR), { ...data, tender: { ...data.tender, reference } }, { file: 'pack.yaml', actor: 'test', now: NOW });
    }

    it('gives 50 audit appends at once to one tender and the system chain 0 errors, 0 duplicate numbers and intact chains', async () => {
      const appends = Array.from({ length: 50 }, (_, i) =>
        settle(writeTransaction(db, AUDIT_ONLY, (trx) => recordEvent(trx, { actor: 'test', action: 'test.appended', tender: i % 5 === 0 ? null : 'RACE-1', detail: { i } }, NOW))),
      );
      const outcomes = await Promise.all(appends);
      assert.deepEqual(outcomes.filter((o) => !o.ok), []);
      const rows = await db.selectFrom('audit_events').select(['chain', 'chain_seq']).orderBy('chain').orderBy('chain_seq').execute();
      const numbers = (chain: string) => rows.filter((r) => r.chain === chain).map((r) => r.chain_seq);
      assert.deepEqual(numbers('tender:RACE-1'), Array.from({ length: 40 }, (_, i) => i + 1));
      assert.deepEqual(numbers('system'), Array.from({ length: 10 }, (_, i) => i + 1));
      await assertChainIntact(db);
    });

    it('imports the same reference sent twice at once once, and tells the other in words', async () => {
      const outcomes = await Promise.all([settle(importAt('HW-RACE-1')), settle(importAt('HW-RACE-1'))]);
      assert.deepEqual(outcomes.filter((o) => !o.ok), [], 'no write failed');
      const answers = outcomes.map((o) => (o.ok ? o.value : null));
      assert.equal(answers.filter((a) => a?.ok).length, 1, 'one import');
      const refused = answers.find((a) => a && !a.ok);
      assert.deepEqual(refused && !refused.ok ? refused.problems : null, [{ file: 'pack.yaml', path: 'tender.reference', message: '"HW-RACE-1" is already a tender here; expected a new reference' }]);
      assert.equal((await db.selectFrom('tenders').select('id').execute()).length, 1);
      assert.equal((await db.selectFrom('audit_events').select('seq').where('action', '=', 'tender.imported').execute()).length, 1);
      await assertChainIntact(db);
    });

    it('imports one of two references differing only in capitals sent at once, and tells the other in words', async () => {
      const outcomes = await Promise.all([settle(importAt('HW-RACE-2')), settle(importAt('hw-race-2'))]);
      assert.deepEqual(outcomes.filter((o) => !o.ok), [], 'no write failed');
      const answers = outcomes.map((o) => (o.ok ? o.value : null));
      assert.equal(answers.filter((a) => a?.ok).length, 1, 'one import');
      const refused = answers.find((a) => a && !a.ok);
      assert.match(refused && !refused.ok ? refused.problems[0]!.message : '', /is already a tender here, written with other capital letters; expected a new reference$/);
      assert.equal((await db.selectFrom('tenders').select('id').execute()).length, 1);
      await assertChainIntact(db);
    });

    it('adds one account for the same email sent twice at once, and tells the other in words', async () => {
      const add = () => settle(addUser(db, { email: 'sam@council.example', name: 'Sam', role: 'commissioner', password: 'correct horse battery staple' }, 'test', NOW));
      const outcomes = await Promise.all([add(), add()]);
      assert.deepEqual(outcomes.filter((o) => !o.ok), [], 'no write failed');
      const answers = outcomes.map((o) => (o.ok ? o.value : null));
      assert.equal(answers.filter((a) => a?.ok).length, 1, 'one account');
      const refused = answers.find((a) => a && !a.ok);
      assert.deepEqual(refused && !refused.ok ? refused.problems : null, [{ path: 'email', message: 'sam@council.example already has an account; expected a new email address' }]);
      assert.equal((await db.selectFrom('audit_events').select('seq').where('action', '=', 'user.added').execute()).length, 1);
      await assertChainIntact(db);
    });
  });

  describe('in the web app', () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await testApp();
      await scoringTender(t);
    });
    afterEach(async () => t.close());

    it('sends a member’s scores once when “Send my scores” is pressed twice at once: both answered as sent, one event', async () => {
      const agent = await panelAgent(t, 'm2');
      const conflicts = await formOn(agent, '/panel/conflicts');
      assert.equal((await agent.post('/panel/conflicts').type('form').send(encode({ _csrf: conflicts['_csrf']!, anyConflict: 'no' }))).status, 303);
      for (const [bid, criterion] of [['A', 'co-production'], ['A', 'safety'], ['B', 'co-production'], ['B', 'safety']] as const) {
        const fields = await formOn(agent, cellUrl(bid, criterion));
        assert.equal((await agent.post(cellUrl(bid, criterion)).type('form').send(encode({ ...fields, choice: '3', reason: 'Clear examples.', action: 'continue' }))).status, 303);
      }
      const token = (await formOn(agent, '/panel/check'))['_csrf']!;
      const answers = await Promise.all([0, 1].map(() => agent.post('/panel/submit').type('form').send(encode({ _csrf: token }))));
      assert.deepEqual(
        answers.map((a) => [a.status, a.headers['location']]),
        [
          [303, '/panel/sent'],
          [303, '/panel/sent'],
        ],
      );
      const submitted = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'scores.submitted').execute();
      assert.equal(submitted.length, 1, 'sent once');
      assert.equal((JSON.parse(submitted[0]!.detail) as { scores: number }).scores, 4);
      const member = await t.db.selectFrom('panel_members').innerJoin('tenders', 'tenders.id', 'panel_members.tender_id').select('panel_members.id').where('key', '=', 'm2').where('tenders.reference', '=', SC).executeTakeFirstOrThrow();
      const scores = await t.db.selectFrom('scores').select(['status']).where('member_id', '=', member.id).execute();
      assert.deepEqual(scores.map((s) => s.status), ['submitted', 'submitted', 'submitted', 'submitted']);
      await assertChainIntact(t.db);
    });

    it('saves one cell sent from two tabs at once once, and shows the other the conflict, never an error', async () => {
      const agent = await panelAgent(t, 'm2');
      const conflicts = await formOn(agent, '/panel/conflicts');
      assert.equal((await agent.post('/panel/conflicts').type('form').send(encode({ _csrf: conflicts['_csrf']!, anyConflict: 'no' }))).status, 303);
      const fields = await formOn(agent, cellUrl('A', 'safety'));
      const answers = await Promise.all(
        ['Clear safeguarding lead.', 'No safeguarding lead named.'].map((reason, i) => agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...fields, choice: String(i + 2), reason, action: 'later' }))),
      );
      assert.deepEqual(answers.map((a) => a.status).sort(), [303, 409]);
      const saved = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'score.saved').where('tender_ref', '=', SC).execute();
      assert.equal(saved.length, 1, 'saved once');
      const scores = await t.db.selectFrom('scores').innerJoin('tenders', 'tenders.id', 'scores.tender_id').select(['score', 'version']).where('tenders.reference', '=', SC).execute();
      assert.deepEqual(scores.map((r) => r.version), [1]);
      await assertChainIntact(t.db);
    });
  });
});
