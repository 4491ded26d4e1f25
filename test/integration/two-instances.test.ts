// Two app instances on one database, and one of them lost at a scoring deadline. Two real server
// processes (src/server.ts, production settings, one shared SESSION_SECRET) serve one database: the
// tier's own (a PostgreSQL database on the PostgreSQL run, a SQLite file on the other). Twenty
// panel members save scores through both for 30 seconds, half on each; halfway, one instance is
// killed with SIGKILL and its members carry on through the other with the same session cookie.
// Afterwards the database holds every acknowledged save, each save has exactly one audit event,
// and every audit chain verifies. Before the kill, ten wrong passwords spread over the two
// instances end in 429 on both: the limit is kept in the database, not in one process.
// Nothing here measures a time; the 30 seconds are how long the members keep saving.
import { strict as assert } from 'node:assert';
import { openDatabase } from '../../src/data/database';
import { verifyAuditChain } from '../../src/services/audit';
import { cellPath, PROXY_HEADERS, signIn, type PanelSession } from '../bench/scoring-client';
import { scoringTenderOf, startInstance } from '../helpers/app-instance';
import { useTempDatabase } from '../helpers/temp-db';

const REFERENCE = 'TWO-2026-01';
const MEMBERS = 20;
const SAVING_MS = 30_000;

interface CellLog {
  member: string;
  bid: string;
  criterion: string;
  /** The last acknowledged save: its version and words. */
  acknowledged: { version: number; reason: string } | null;
  /** A save sent but never answered (its instance died): it may or may not have been committed. */
  unanswered: string | null;
}

/** One member saving their cells in turn until `until`, through whichever instance `baseOf` gives. */
async function keepSaving(member: string, session: PanelSession, baseOf: () => string, cells: CellLog[], until: number): Promise<{ saves: number; refused: number }> {
  let saves = 0;
  let refused = 0;
  for (let n = 0; Date.now() < until; n++) {
    // A cell whose last save went unanswered is left alone: its version is no longer known.
    const open = cells.filter((c) => c.unanswered === null);
    if (open.length === 0) break;
    const cell = open[n % open.length]!;
    const reason = `${member} save ${n}: the answer shows how people using the service shaped the plan, with examples.`;
    const body = new URLSearchParams({ _csrf: session.csrfToken, choice: String(n % 6), reason, version: String(cell.acknowledged?.version ?? 0), action: 'autosave' });
    try {
      const answer = await fetch(`${baseOf()}${cellPath(cell.bid, cell.criterion)}`, {
        method: 'POST',
        body: body.toString(),
        headers: { ...PROXY_HEADERS, cookie: session.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      });
      const json = (await answer.json()) as { saved?: boolean; version?: number };
      if (answer.status === 200 && json.saved && typeof json.version === 'number') {
        cell.acknowledged = { version: json.version, reason };
        saves++;
      } else refused++;
    } catch {
      cell.unanswered = reason;
    }
  }
  return { saves, refused };
}

describe('two app instances on one database, one killed while members save', function () {
  this.timeout(240_000);
  const temp = useTempDatabase();

  it('keeps every acknowledged save, one audit event per save, every chain verifying, and one sign-in limit for both', async () => {
    const { invites, cells } = await scoringTenderOf(temp.url, REFERENCE, MEMBERS);
    const a = await startInstance(temp.url);
    const b = await startInstance(temp.url);
    try {
      // The sign-in limit: ten wrong passwords from one address, alternating instances.
      const address = { ...PROXY_HEADERS, 'x-forwarded-for': '203.0.113.7' };
      const form = await fetch(`${a.base}/sign-in`, { headers: address });
      const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const attempt = (base: string, i: number) =>
        fetch(`${base}/sign-in`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...address, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, email: `nobody${i}@council.example`, password: 'not the password at all' }).toString(),
        });
      for (let i = 0; i < 10; i++) assert.notEqual((await attempt(i % 2 === 0 ? a.base : b.base, i)).status, 429, `attempt ${i + 1} was limited too soon`);
      assert.equal((await attempt(a.base, 10)).status, 429, 'the 11th attempt on the first instance');
      assert.equal((await attempt(b.base, 11)).status, 429, 'the 12th attempt on the second instance');

      // Twenty members, half signed in on each instance; each member's cells are their own.
      const sessions = await Promise.all(invites.map((invite, i) => signIn(i % 2 === 0 ? a.base : b.base, invite)));
      const logs = invites.map((_, i) => cells.map((c) => ({ member: `load${i + 1}`, ...c, acknowledged: null, unanswered: null }) as CellLog));
      let aAlive = true;
      const until = Date.now() + SAVING_MS;
      setTimeout(() => {
        aAlive = false;
        a.child.kill('SIGKILL');
      }, SAVING_MS / 2);
      const tallies = await Promise.all(sessions.map((session, i) => keepSaving(`load${i + 1}`, session, () => (i % 2 === 0 && aAlive ? a.base : b.base), logs[i]!, until)));
      await a.exited;

      const saves = tallies.reduce((n, t) => n + t.saves, 0);
      assert.equal(tallies.reduce((n, t) => n + t.refused, 0), 0, 'a save was answered but not saved');
      assert.ok(saves >= MEMBERS * 2, `only ${saves} saves were acknowledged`);

      const db = await openDatabase(temp.url);
      try {
        const rows = await db
          .selectFrom('scores as s')
          .innerJoin('panel_members as m', 'm.id', 's.member_id')
          .innerJoin('bids', 'bids.id', 's.bid_id')
          .select(['m.key as member', 'bids.key as bid', 's.criterion', 's.version', 's.rationale'])
          .where('m.key', 'like', 'load%')
          .execute();
        const stored = new Map(rows.map((r) => [`${r.member}/${r.bid}/${r.criterion}`, r]));
        let lost = 0;
        for (const cell of logs.flat()) {
          const row = stored.get(`${cell.member}/${cell.bid}/${cell.criterion}`);
          if (!cell.acknowledged) {
            // Never acknowledged: nothing, or only the one unanswered save.
            assert.ok(!row || (row.version === 1 && row.rationale === cell.unanswered), `${cell.member} ${cell.bid} ${cell.criterion} holds a save nobody sent`);
            continue;
          }
          if (!row || row.version < cell.acknowledged.version) {
            lost++;
            continue;
          }
          // The acknowledged save, or the one unanswered save after it (committed as its instance died).
          if (row.version === cell.acknowledged.version) assert.equal(row.rationale, cell.acknowledged.reason);
          else assert.deepEqual([row.version, row.rationale], [cell.acknowledged.version + 1, cell.unanswered]);
        }
        assert.equal(lost, 0, `${lost} acknowledged saves were lost`);

        // One score.saved event per committed version of each cell: none missing, none twice.
        const events = await db.selectFrom('audit_events').select('detail').where('action', '=', 'score.saved').where('tender_ref', '=', REFERENCE).execute();
        const seen = new Map<string, number>();
        for (const e of events) {
          const d = JSON.parse(e.detail) as { member: string; bid: string; criterion: string; version: number };
          const key = `${d.member}/${d.bid}/${d.criterion}/${d.version}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
        const twice = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
        assert.deepEqual(twice, [], 'audit events recorded twice');
        assert.equal(events.length, rows.reduce((n, r) => n + r.version, 0), 'one event per committed save');

        const chain = await verifyAuditChain(db);
        assert.equal(chain.ok, true, JSON.stringify(chain));
      } finally {
        await db.destroy();
      }
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });
});
