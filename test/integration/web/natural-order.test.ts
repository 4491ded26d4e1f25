// Bid and member keys in natural order everywhere: B1, B2, B10 (never B1, B10, B2 as the
// database's character order has it), on the staff pages, the panel's pages, the printed pack, the
// results JSON and the workbook. The pack lists them B10, B2, B1, so neither the order they were
// stored in nor character order can pass for natural order.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { compareKeys } from '../../../src/engine';
import { tenderResults } from '../../../src/services/results/results';
import { addTender } from '../../helpers/bid-tenders';
import { readWorkbook, tableOf } from '../../helpers/export-workbooks';
import type { PackDoc } from '../../helpers/packs';
import { formOn, panelAgent } from '../../helpers/scoring';
import { ACCOUNTS, encode, signedIn, testApp, type TestApp } from '../../helpers/web';

const REF = 'NAT-2026-01';
const BIDS = ['B1', 'B2', 'B10'];
/** m1, m2 and m10 by name: natural order, never character order (m1, m10, m2) or by name. */
const MEMBERS = ['Sam Okafor', 'Zara Shah', 'Tom Reid'];

/** Three bids alike in everything but their names (so they tie), scored the same by three members. */
function naturalTender(pack: PackDoc): void {
  pack.bids = [
    { key: 'B10', supplier: 'Cedar Homecare', price: 90000 },
    { key: 'B2', supplier: 'Birch Support', price: 90000 },
    { key: 'B1', supplier: 'Alder Care', price: 90000 },
  ];
  pack.panel = [
    { key: 'm10', name: 'Tom Reid', perspective: 'professional' },
    { key: 'm2', name: 'Zara Shah', perspective: 'professional' },
    { key: 'm1', name: 'Sam Okafor', perspective: 'lived-experience' },
  ];
  pack.scores = ['m10', 'm2'].flatMap((member) =>
    ['B10', 'B2', 'B1'].flatMap((bid) => ['co-production', 'safety'].map((criterion) => ({ member, bid, criterion, score: 3, rationale: 'Good evidence throughout.' }))),
  );
}

/**
 * The words in `wanted` in the order they first appear in the page's main content, its links
 * included (a member's task list names organisations, and has the keys in its links only).
 */
function orderOn(html: string, wanted: readonly string[]): string[] {
  const main = load(html)('main').html() ?? '';
  const pattern = new RegExp(`\\b(${wanted.join('|')})\\b`, 'g');
  const seen: string[] = [];
  for (const match of main.matchAll(pattern)) if (!seen.includes(match[0])) seen.push(match[0]);
  return seen;
}

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('keys in natural order (B2 before B10)', () => {
  let t: TestApp;
  let owner: request.Agent;
  before(async () => {
    t = await testApp();
    await addTender(t, REF, 'scoring', { change: naturalTender });
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  it('compares keys by their numbers and letters, case aside, and totally', () => {
    const keys = ['B10', 'b2', 'B1', 'A', 'B2', 'a', 'B02', 'm10', 'm9'];
    assert.deepEqual([...keys].sort(compareKeys), ['A', 'a', 'B1', 'B02', 'B2', 'b2', 'B10', 'm9', 'm10']);
  });

  for (const [page, path] of [
    ['the bids list', `/tenders/${REF}/bids`],
    ['the tender overview', `/tenders/${REF}`],
    ['the panel page', `/tenders/${REF}/panel`],
    ['the moderation overview', `/tenders/${REF}/moderation`],
    ['the results page', `/tenders/${REF}/results`],
    ['the summaries list', `/tenders/${REF}/summaries`],
    ['a member’s printed pack', `/tenders/${REF}/panel/m1/pack`],
  ] as const) {
    it(`lists bids B1, B2, B10 in that order on ${page}`, async () => {
      const res = await owner.get(path);
      assert.equal(res.status, 200);
      assert.deepEqual(orderOn(res.text, BIDS), BIDS);
    });
  }

  it('lists members m1, m2, m10 in that order on the panel page, and m2 before m10 in moderation', async () => {
    assert.deepEqual(orderOn((await owner.get(`/tenders/${REF}/panel`)).text, MEMBERS), MEMBERS);
    const cell = await owner.get(`/tenders/${REF}/moderation/B1/safety`);
    assert.equal(cell.status, 200);
    assert.deepEqual(orderOn(cell.text, MEMBERS.slice(1)), MEMBERS.slice(1));
  });

  it('gives a panel member their task list and pack in natural order', async () => {
    const agent = await panelAgent(t, 'm1', REF);
    const form = await formOn(agent, '/panel/conflicts');
    assert.equal((await agent.post('/panel/conflicts').type('form').send(encode({ _csrf: form['_csrf']!, anyConflict: 'no' }))).status, 303);
    for (const path of ['/panel/tasks', '/panel/pack']) {
      const res = await agent.get(path);
      assert.equal(res.status, 200, path);
      assert.deepEqual(orderOn(res.text, BIDS), BIDS, path);
    }
  });

  it('lists the tied bids by key in the results JSON, with the same rank', async () => {
    const results = await tenderResults(t.db, REF);
    assert.deepEqual(results!.bids.map((b) => b.key), BIDS);
    assert.deepEqual(results!.bids.map((b) => b.rank), [1, 1, 1]);
  });

  it('lists bids by key in the workbook’s Summary and Final scores sheets', async () => {
    const res = await owner.get(`/tenders/${REF}/results/workbook.xlsx`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    const workbook = await readWorkbook(res.body as Buffer);
    assert.deepEqual(tableOf(workbook.getWorksheet('Summary')!, 'Rank').map((r) => r.get('Bid')), BIDS);
    const finals = tableOf(workbook.getWorksheet('Final scores')!, 'Bid').map((r) => String(r.get('Bid')));
    assert.deepEqual([...new Set(finals)], BIDS);
  });
});
