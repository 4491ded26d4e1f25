// `npm start` (the `demo` command) on an empty database, and the demo tender's results checked
// against figures worked out by hand.
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli';
import { useTempDatabase } from '../helpers/temp-db';

interface Bid {
  key: string;
  eligible: boolean;
  complete: boolean;
  failures: string[];
  missing: string[];
  quality: number;
  price: number | null;
  total: number | null;
  rank: number | null;
  criteria: Record<string, { final: number | null; points: number | null; basis: string | null; flagged: boolean }>;
}

describe('npm start: the demo tender', () => {
  useTempDatabase('each');

  it('loads the demo tender and one account per staff role on an empty database, and prints them', async () => {
    const run = await cli(['demo']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Loaded the demo tender DEMO-HC-2026/);
    for (const role of ['commissioner', 'procurement', 'facilitator']) {
      assert.match(run.stdout, new RegExp(`${role}@demo\\.example  password: \\S{12,}`));
    }
    assert.match(run.stdout, /The winner is bid A/);
    // Two panel members of different perspectives, each with a link that signs them in.
    const links = run.out.filter((line) => /\/invite\/[A-Za-z0-9_-]{43}$/.test(line));
    assert.equal(links.length, 2);
    assert.match(links[0]!, /\(lived experience\)/);
    assert.match(links[1]!, /\(professional\)/);
  });

  it('changes nothing on a database that already holds tenders', async () => {
    assert.equal((await cli(['demo'])).code, 0);
    const again = await cli(['demo']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already holds tenders; the demo was not loaded again/);
    const audit = await cli(['verify-audit']);
    // Three accounts, one import and two invitations: six events, and no more after the second run.
    assert.match(audit.stdout, /intact: 6 events/);
  });

  it('gives the results worked out by hand for bid A (equal voice, scale 0 to 5)', async () => {
    assert.equal((await cli(['demo'])).code, 0);
    const run = await cli(['results', 'DEMO-HC-2026', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const results = JSON.parse(run.stdout) as { winner: string | null; complete: boolean; bids: Bid[] };
    const byKey = new Map(results.bids.map((b) => [b.key, b]));
    const a = byKey.get('A')!;
    const expected: Record<string, [number, number]> = {
      // lived experience (5, 4, 5) mean 14/3; professional (4, 4, 4, 5) mean 17/4;
      // F = (14/3 + 17/4) / 2 = 107/24 = 4.458333; P = 107/24 / 5 × 10 = 107/12 = 8.916667
      independence: [4.458333, 8.916667],
      // (4, 4, 4) → 4; (4, 5, 4, 4) → 17/4; F = 33/8 = 4.125; P = 33/8 / 5 × 10 = 8.25
      'continuity-and-reliability': [4.125, 8.25],
      // (4, 4) → 4; (4, 4, 5, 4) → 17/4; F = 33/8; P = 8.25
      'safety-and-wellbeing': [4.125, 8.25],
      // (5, 4, 5) → 14/3; (4, 4, 4, 4) → 4; F = 13/3 = 4.333333; P = 13/3 / 5 × 12 = 10.4
      'co-production': [4.333333, 10.4],
      // professionals only (4, 3, 4, 4) → 15/4 = 3.75; P = 3.75 / 5 × 8 = 6
      workforce: [3.75, 6],
      // (4, 4) → 4; (4, 4, 3, 4) → 15/4; F = 31/8 = 3.875; P = 31/8 / 5 × 10 = 7.75
      'social-value': [3.875, 7.75],
    };
    for (const [criterion, [final, points]] of Object.entries(expected)) {
      assert.equal(a.criteria[criterion]?.final, final, criterion);
      assert.equal(a.criteria[criterion]?.points, points, criterion);
      assert.equal(a.criteria[criterion]?.basis, 'equal-voice', criterion);
    }
    // Q = 107/12 + 33/4 + 33/4 + 52/5 + 6 + 31/4 = 398/12 + 82/5 = 2974/60 = 49.566667
    assert.equal(a.quality, 49.566667);
    // Price group: A, B, C (D fails its safety threshold, E is incomplete); lowest is B's 1,620,000.
    // A: 40 × 1,620,000 / 2,080,000 = 3240/104 = 31.153846; total 49.566667 + 31.153846 = 80.720513
    assert.equal(a.price, 31.153846);
    assert.equal(a.total, 80.720513);
    assert.equal(a.rank, 1);
    assert.equal(results.winner, 'A');
    assert.equal(byKey.get('B')!.price, 40); // the lowest eligible price scores the full weight
    const d = byKey.get('D')!;
    assert.equal(d.eligible, false);
    assert.match(d.failures.join(' '), /Keeping people safe and well/);
    assert.equal(d.rank, null);
    const e = byKey.get('E')!;
    assert.equal(e.complete, false);
    assert.equal(e.total, null);
    assert.equal(results.complete, false);
    // The one consensus: co-production for bid C.
    assert.equal(byKey.get('C')!.criteria['co-production']?.basis, 'consensus');
    assert.equal(byKey.get('C')!.criteria['co-production']?.final, 3);
  });
});
