// The results workbook as a download (GET /tenders/:reference/results/workbook.xlsx): for the
// commissioner who can see the tender and for procurement, streamed as an .xlsx with a safe file
// name, each download audited with who and which copy; facilitators get 403, another
// commissioner 404 (as for a tender that does not exist), and someone signed out the sign-in page.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import request from 'supertest';
import { exportWorkbook, ExportStoppedError } from '../../src/services/export/tender-export';
import { events } from '../helpers/bid-tenders';
import { readWorkbook, tableOf } from '../helpers/export-workbooks';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../helpers/web';

const URL = '/tenders/HW-2026-01/results/workbook.xlsx';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** supertest collects a binary body into a Buffer with this parser. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('web: the results workbook download', () => {
  let t: TestApp;
  const agents = {} as Record<keyof typeof ACCOUNTS, request.Agent>;
  before(async () => {
    t = await testApp();
    for (const account of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) agents[account] = await signedIn(t.app, ACCOUNTS[account].email);
  });
  after(() => t.close());

  for (const who of ['owner', 'procurement'] as const) {
    it(`streams the procurement copy to the ${who}, with a safe file name, and audits it`, async () => {
      const before = (await events(t, 'HW-2026-01', 'tender.exported')).length;
      const res = await agents[who].get(URL).buffer(true).parse(binary);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], XLSX);
      assert.equal(res.headers['content-disposition'], 'attachment; filename="HW-2026-01-results.xlsx"');
      assert.equal(res.headers['cache-control'], 'no-store');
      const workbook = await readWorkbook(res.body as Buffer);
      assert.ok(workbook.getWorksheet('Price'));
      const summary = tableOf(workbook.getWorksheet('Summary')!, 'Rank');
      assert.equal(summary[0]!.get('Bid'), 'C');
      assert.equal(summary[0]!.get('Organisation'), 'Cedar Homecare');
      const exported = await events(t, 'HW-2026-01', 'tender.exported');
      assert.equal(exported.length, before + 1);
      assert.equal(exported.at(-1)!.actor, `${ACCOUNTS[who].role}:${ACCOUNTS[who].email}`);
      assert.deepEqual(exported.at(-1)!.detail, { copy: 'procurement', format: 'xlsx', scores: 20 });
    });
  }

  it('gives the panel’s copy with ?copy=panel: no prices, and audited as the panel copy', async () => {
    const res = await agents.procurement.get(`${URL}?copy=panel`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-disposition'], 'attachment; filename="HW-2026-01-results-panel.xlsx"');
    const workbook = await readWorkbook(res.body as Buffer);
    assert.equal(workbook.getWorksheet('Price'), undefined);
    assert.equal(workbook.getWorksheet('Audit'), undefined);
    assert.equal((await events(t, 'HW-2026-01', 'tender.exported')).at(-1)!.detail['copy'], 'panel');
  });

  it('answers 400 for a copy it does not know, and writes nothing', async () => {
    const before = (await events(t, 'HW-2026-01')).length;
    const res = await agents.owner.get(`${URL}?copy=everything`);
    assert.equal(res.status, 400);
    assert.match(res.text, /Something in the request was wrong/);
    assert.equal((await events(t, 'HW-2026-01')).length, before);
  });

  it('refuses facilitators (403) and hides the tender from another commissioner (404)', async () => {
    const before = (await events(t, 'HW-2026-01')).length;
    assert.equal((await agents.facilitator.get(URL)).status, 403);
    assert.equal((await agents.otherCommissioner.get(URL)).status, 404);
    assert.equal((await agents.owner.get('/tenders/NO-SUCH/results/workbook.xlsx')).status, 404);
    assert.equal((await events(t, 'HW-2026-01')).length, before, 'nothing audited');
  });

  it('stops an export whose reader goes away, instead of waiting for ever', async () => {
    let writes = 0;
    const gone = new Writable({
      write(_chunk, _encoding, done) {
        writes += 1;
        done();
        if (writes === 1) this.destroy();
      },
    });
    await assert.rejects(
      exportWorkbook(t.db, 'HW-2026-01', { copy: 'procurement', actor: 'test', now: new Date() }, () => gone),
      (error: Error) => error instanceof ExportStoppedError,
    );
  });

  it('sends someone signed out to sign in', async () => {
    const res = await request(t.app).get(URL);
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/sign-in');
  });
});
