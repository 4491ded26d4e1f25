// Every query a panel member's score page and score save run finds its rows through an index:
// SQLite's own plan (EXPLAIN QUERY PLAN) for each statement the real app runs, with its real
// values, has no full scan of a table. A tender with many members and reopened cells would
// otherwise make every page slower (the session's check for a newer link read every later
// invitation; the page's "sent back to you?" read every reopened cell). The statements are seen
// at better-sqlite3's own Statement methods while the requests run.
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { formOn, cellUrl, panelAgent, scoringTender } from '../../helpers/scoring';
import { encode, testApp, type TestApp } from '../../helpers/web';

type Run = { sql: string; values: unknown[] };

/** Records the SQL and values of every statement run while `work` runs. */
async function statementsOf(work: () => Promise<void>): Promise<Run[]> {
  const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  const runs: Run[] = [];
  const originals = Object.fromEntries(['all', 'get', 'run', 'iterate'].map((m) => [m, proto[m]!]));
  for (const [name, original] of Object.entries(originals)) {
    proto[name] = function (this: { source: string }, ...values: unknown[]) {
      runs.push({ sql: this.source, values: values.flat() });
      return original.apply(this, values);
    };
  }
  try {
    await work();
  } finally {
    Object.assign(proto, originals);
  }
  return runs;
}

describe('panel pages find their rows through indexes (SQLite plans)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await scoringTender(t);
  });
  after(() => t.close());

  it('the score page and a score save scan no table', async () => {
    const agent = await panelAgent(t, 'm2');
    const declared = await agent.post('/panel/conflicts').type('form').send(encode({ ...(await formOn(agent, '/panel/conflicts')), anyConflict: 'no' }));
    assert.equal(declared.status, 303);
    const fields = await formOn(agent, cellUrl('A', 'safety'));
    const runs = await statementsOf(async () => {
      assert.equal((await agent.get(cellUrl('A', 'safety'))).status, 200);
      const saved = await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...fields, choice: '3', reason: 'Clear examples.', action: 'later' }));
      assert.equal(saved.status, 303);
    });
    const reads = runs.filter((r) => /^\s*select/i.test(r.sql));
    assert.ok(reads.length >= 5, `the page's reads were seen (${reads.length})`);
    const plans = new SQLite(t.temp.sqliteFile(), { readonly: true });
    try {
      for (const { sql, values } of reads) {
        const steps = plans.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(values) as { detail: string }[];
        const scans = steps.map((s) => s.detail).filter((d) => /^SCAN /.test(d));
        assert.deepEqual(scans, [], `a full scan in: ${sql}`);
      }
    } finally {
      plans.close();
    }
  });
});
