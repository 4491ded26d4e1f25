// The audit trail (engine rules §2; the README's "Quality bars"): append-only in the database itself, and hash-chained,
// one chain per tender and one for system events, so that `verify-audit` finds an event edited, removed
// or added behind the application's back and names the chain and the event.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/services/audit';
import type { AuditEventRow as EventRow } from '../../src/data/schema';
import { addUser, cli, importPack } from '../helpers/cli';
import { writeChangedPack } from '../helpers/packs';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { behindTheAppsBack, withDatabase } from '../helpers/database-peek';
import { useTempDatabase } from '../helpers/temp-db';


describe('the audit chain (verify-audit)', () => {
  const db = useTempDatabase('each');

  /** Three events: tender HW-2026-01 imported, a user added, tender HW-2026-02 imported. */
  async function threeEvents(): Promise<void> {
    await importPack(HAND_WORKED_PACK);
    await addUser('owner@council.gov.uk', 'commissioner');
    await importPack(writeChangedPack(db.dir, 'second.yaml', (p) => (p.tender.reference = 'HW-2026-02')));
  }

  const events = (): Promise<EventRow[]> => withDatabase(db.url, (d) => d.selectFrom('audit_events').selectAll().orderBy('seq').execute());

  it('is intact on an empty database (exit 0)', async () => {
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /intact: 0 events/);
  });

  it('is intact after a fresh import (exit 0, "intact")', async () => {
    await importPack(HAND_WORKED_PACK);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /intact: 1 event in 1 chain\./);
  });

  it('gives each tender its own chain and system events another, each numbered from 1 and linked to the one before', async () => {
    await threeEvents();
    const rows = await events();
    assert.deepEqual(
      rows.map((e) => [e.seq, e.chain, e.chain_seq, e.action, e.tender_ref]),
      [
        [1, 'tender:HW-2026-01', 1, 'tender.imported', 'HW-2026-01'],
        [2, 'system', 1, 'user.added', null],
        [3, 'tender:HW-2026-02', 1, 'tender.imported', 'HW-2026-02'],
      ],
    );
    for (const row of rows) assert.equal(row.prev_hash, '0'.repeat(64), 'each is the first of its chain');
    await importPack(writeChangedPack(db.dir, 'third.yaml', (p) => (p.tender.reference = 'HW-2026-03')));
    await addUser('second@council.gov.uk', 'procurement');
    const system = (await events()).filter((e) => e.chain === 'system');
    assert.deepEqual(system.map((e) => e.chain_seq), [1, 2]);
    assert.equal(system[1]!.prev_hash, system[0]!.hash);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /intact: 5 events in 4 chains/);
    assert.match(run.stdout, new RegExp(`system events: 2 events, head ${system[1]!.hash}`));
    assert.match(run.stdout, /tender HW-2026-01: 1 event, head [0-9a-f]{64}/);
  });

  it('records each chain\'s head, moved in the same transaction as the event', async () => {
    await threeEvents();
    const heads = await withDatabase(db.url, (d) => d.selectFrom('audit_chains').select(['chain', 'seq', 'head']).orderBy('chain').execute());
    const rows = await events();
    assert.deepEqual(heads, [
      { chain: 'system', seq: 1, head: rows[1]!.hash },
      { chain: 'tender:HW-2026-01', seq: 1, head: rows[0]!.hash },
      { chain: 'tender:HW-2026-02', seq: 1, head: rows[2]!.hash },
    ]);
  });

  it('finds events cut off the end of a chain: the recorded head names the missing event', async () => {
    await threeEvents();
    await addUser('second@council.gov.uk', 'procurement');
    await behindTheAppsBack(db.url, 'audit_events', async (d) => {
      await d.deleteFrom('audit_events').where('chain', '=', 'system').where('chain_seq', '=', 2).execute();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /chain of system events is broken at event 2 .*event 2 is missing: the chain's recorded head is event 2, so events were removed from its end/);
  });

  it('finds an event added behind the application\'s back, outside every chain', async () => {
    await threeEvents();
    await withDatabase(db.url, (d) =>
      d
        .insertInto('audit_events')
        .values({ at: '2026-01-01T00:00:00.000Z', actor: 'x', action: 'tender.finalised', tender_ref: 'HW-2026-09', detail: '{}', prev_hash: '0'.repeat(64), hash: 'f'.repeat(64), chain: 'tender:HW-2026-09', chain_seq: 1 })
        .execute(),
    );
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /1 event is in no recorded chain: added behind the application's back/);
  });

  it('refuses, in the database itself, an UPDATE or a DELETE of an audit event', async () => {
    await threeEvents();
    await withDatabase(db.url, async (d) => {
      await assert.rejects(d.updateTable('audit_events').set({ detail: '{}' }).where('seq', '=', 2).execute(), /append-only/);
      await assert.rejects(d.deleteFrom('audit_events').where('seq', '=', 2).execute(), /append-only/);
      await assert.rejects(d.deleteFrom('audit_events').execute(), /append-only/);
    });
    assert.equal((await events()).length, 3);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0, run.stdout);
  });

  it('names the chain and the event when its detail was edited behind the application’s back (exit 1)', async () => {
    await threeEvents();
    const second = (await events())[1]!;
    const edited = JSON.stringify({ ...(JSON.parse(second.detail) as Record<string, unknown>), role: 'procurement' });
    await behindTheAppsBack(db.url, 'audit_events', async (d) => {
      await d.updateTable('audit_events').set({ detail: edited }).where('seq', '=', 2).execute();
    });
    assert.match((await events())[1]!.detail, /procurement/);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /The audit chain of system events is broken at event 1 \(user\.added\): its contents do not match its hash/);
  });

  it('names the tender\'s chain when an event\'s actor or time was edited (exit 1)', async () => {
    await threeEvents();
    await behindTheAppsBack(db.url, 'audit_events', async (d) => {
      await d.updateTable('audit_events').set({ at: '2020-01-01T00:00:00.000Z' }).where('seq', '=', 3).execute();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /chain of tender HW-2026-02 is broken at event 1\b/);
  });

  it('still finds an edit when the editor also recomputed that event’s hash: the next event no longer links', async () => {
    await threeEvents();
    await addUser('second@council.gov.uk', 'procurement');
    const first = (await events()).find((e) => e.chain === 'system' && e.chain_seq === 1)!;
    const detail = canonicalJson({ ...(JSON.parse(first.detail) as Record<string, unknown>), role: 'procurement' });
    // The same recipe the application uses: SHA-256 of the previous hash and the canonical event.
    const body = canonicalJson({ chain: first.chain, seq: first.chain_seq, at: first.at, actor: first.actor, action: first.action, tender: first.tender_ref, detail });
    const hash = createHash('sha256').update(`${first.prev_hash}\n${body}`).digest('hex');
    await behindTheAppsBack(db.url, 'audit_events', async (d) => {
      await d.updateTable('audit_events').set({ detail, hash }).where('seq', '=', first.seq).execute();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /chain of system events is broken at event 2\b/);
    assert.match(run.stdout, /earlier event was changed or removed/);
  });

  it('reports an event missing from the middle of a chain (exit 1)', async () => {
    await threeEvents();
    await addUser('second@council.gov.uk', 'procurement');
    await behindTheAppsBack(db.url, 'audit_events', async (d) => {
      await d.deleteFrom('audit_events').where('chain', '=', 'system').where('chain_seq', '=', 1).execute();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /chain of system events is broken at event 2 \(user\.added\): event 1 is missing \(the next event is 2\)/);
  });

  it('reports a tender\'s only event missing when it was deleted (exit 1)', async () => {
    await threeEvents();
    await behindTheAppsBack(db.url, 'audit_events', async (d) => {
      await d.deleteFrom('audit_events').where('seq', '=', 1).execute();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /chain of tender HW-2026-01 is broken at event 1 .*event 1 is missing/);
  });

  it('writes no event for a refused command', async () => {
    await threeEvents();
    const refused = await cli(['user', 'add', '--email', 'owner@council.gov.uk', '--name', 'Again', '--role', 'commissioner'], 'a long enough password\n');
    assert.equal(refused.code, 1);
    assert.equal((await events()).length, 3);
  });
});
