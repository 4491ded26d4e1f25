// The audit trail (engine rules §2; the README's "Quality bars"): append-only in the database itself, and hash-chained so that
// `verify-audit` finds an event edited or removed behind the application's back and names it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/services/audit';
import type { AuditEventRow as EventRow } from '../../src/data/schema';
import { addUser, cli, importPack } from '../helpers/cli';
import { writeChangedPack } from '../helpers/packs';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { withSqlite } from '../helpers/sqlite-file';
import { useTempDatabase } from '../helpers/temp-db';


describe('the audit chain (verify-audit)', () => {
  const db = useTempDatabase('each');

  /** Three events: tender HW-2026-01 imported, a user added, tender HW-2026-02 imported. */
  async function threeEvents(): Promise<void> {
    await importPack(HAND_WORKED_PACK);
    await addUser('owner@council.gov.uk', 'commissioner');
    await importPack(writeChangedPack(db.dir, 'second.yaml', (p) => (p.tender.reference = 'HW-2026-02')));
  }

  const events = (): EventRow[] => withSqlite(db.file, (s) => s.prepare('SELECT * FROM audit_events ORDER BY seq').all() as EventRow[]);

  it('is intact on an empty database (exit 0)', async () => {
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /intact: 0 events/);
  });

  it('is intact after a fresh import (exit 0, "intact")', async () => {
    await importPack(HAND_WORKED_PACK);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /intact/);
    assert.match(run.stdout, /1 events?/);
  });

  it('chains each event to the one before with consecutive numbers', async () => {
    await threeEvents();
    const rows = events();
    assert.deepEqual(
      rows.map((e) => [e.seq, e.action, e.tender_ref]),
      [
        [1, 'tender.imported', 'HW-2026-01'],
        [2, 'user.added', null],
        [3, 'tender.imported', 'HW-2026-02'],
      ],
    );
    assert.equal(rows[0]!.prev_hash, '0'.repeat(64));
    assert.equal(rows[1]!.prev_hash, rows[0]!.hash);
    assert.equal(rows[2]!.prev_hash, rows[1]!.hash);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /intact: 3 events, head [0-9a-f]{64}/);
    assert.ok(run.stdout.includes(rows[2]!.hash), 'the head is the last event’s hash');
  });

  it('refuses, in the database itself, an UPDATE or a DELETE of an audit event', async () => {
    await threeEvents();
    withSqlite(db.file, (s) => {
      assert.throws(() => s.prepare("UPDATE audit_events SET detail = '{}' WHERE seq = 2").run(), /append-only/);
      assert.throws(() => s.prepare('DELETE FROM audit_events WHERE seq = 2').run(), /append-only/);
      assert.throws(() => s.prepare('DELETE FROM audit_events').run(), /append-only/);
    });
    assert.equal(events().length, 3);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 0, run.stdout);
  });

  it('names event 2 when its detail was edited behind the application’s back (exit 1)', async () => {
    await threeEvents();
    withSqlite(db.file, (s) => {
      s.exec('DROP TRIGGER audit_events_no_update');
      s.prepare("UPDATE audit_events SET detail = json_set(detail, '$.role', 'procurement') WHERE seq = 2").run();
    });
    assert.match(events()[1]!.detail, /procurement/);
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /broken at event 2 \(user\.added\)/);
    assert.match(run.stdout, /changed/);
  });

  it('names event 2 when its actor or time was edited (exit 1)', async () => {
    await threeEvents();
    withSqlite(db.file, (s) => {
      s.exec('DROP TRIGGER audit_events_no_update');
      s.prepare("UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 2").run();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /broken at event 2\b/);
  });

  it('still finds an edit when the editor also recomputed that event’s hash: the next event no longer links', async () => {
    await threeEvents();
    const second = events()[1]!;
    const detail = canonicalJson({ ...(JSON.parse(second.detail) as Record<string, unknown>), role: 'procurement' });
    // The same recipe the application uses: SHA-256 of the previous hash and the canonical event.
    const body = canonicalJson({ seq: second.seq, at: second.at, actor: second.actor, action: second.action, tender: second.tender_ref, detail });
    const hash = createHash('sha256').update(`${second.prev_hash}\n${body}`).digest('hex');
    withSqlite(db.file, (s) => {
      s.exec('DROP TRIGGER audit_events_no_update');
      s.prepare('UPDATE audit_events SET detail = ?, hash = ? WHERE seq = 2').run(detail, hash);
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /broken at event 3\b/);
    assert.match(run.stdout, /earlier event was changed or removed/);
  });

  it('reports event 2 missing when it was deleted behind the application’s back (exit 1)', async () => {
    await threeEvents();
    withSqlite(db.file, (s) => {
      s.exec('DROP TRIGGER audit_events_no_delete');
      s.prepare('DELETE FROM audit_events WHERE seq = 2').run();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /event 2 is missing/);
    assert.match(run.stdout, /1 events? before it (is|are) intact/);
  });

  it('reports the first event missing when event 1 was deleted (exit 1)', async () => {
    await threeEvents();
    withSqlite(db.file, (s) => {
      s.exec('DROP TRIGGER audit_events_no_delete');
      s.prepare('DELETE FROM audit_events WHERE seq = 1').run();
    });
    const run = await cli(['verify-audit']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /event 1 is missing/);
  });

  it('writes no event for a refused command', async () => {
    await threeEvents();
    const refused = await cli(['user', 'add', '--email', 'owner@council.gov.uk', '--name', 'Again', '--role', 'commissioner'], 'a long enough password\n');
    assert.equal(refused.code, 1);
    assert.equal(events().length, 3);
  });
});
