// Every statement a panel member's score page and score save run finds its rows through an index:
// SQLite's own plan (EXPLAIN QUERY PLAN) for each statement the real app runs (reads and writes),
// with its real values, has no full scan of a table, and the two indexes of migration 020 are used. A tender with many members and reopened cells would
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
    const statements = runs.filter((r) => /^\s*(select|update|delete|insert|with)\b/i.test(r.sql));
    assert.ok(statements.filter((r) => /^\s*select/i.test(r.sql)).length >= 5, `the page's reads were seen (${statements.length} statements)`);
    assert.ok(statements.some((r) => /^\s*(update|insert)/i.test(r.sql)), 'the save was seen');
    const plans = new SQLite(t.temp.sqliteFile(), { readonly: true });
    const indexesUsed = new Set<string>();
    try {
      for (const { sql, values } of statements) {
        const steps = plans.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(values) as { detail: string }[];
        const scans = steps.map((s) => s.detail).filter((d) => /^SCAN /.test(d));
        assert.deepEqual(scans, [], `a full scan in: ${sql}`);
        for (const step of steps) for (const [, index] of step.detail.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)) indexesUsed.add(index!);
      }
    } finally {
      plans.close();
    }
    // The two of migration 020: the session's "no newer link of yours" and the page's "sent back to you?".
    assert.ok(indexesUsed.has('invitations_member'), `invitations_member used (${[...indexesUsed].join(', ')})`);
    assert.ok(indexesUsed.has('score_reopenings_cell'), `score_reopenings_cell used (${[...indexesUsed].join(', ')})`);
  });
});
