// Importing bids from a spreadsheet (CSV or .xlsx): a preview of every row with its problems, then
// all rows in one transaction with one audit event, or nothing. No cell is ever evaluated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import request from 'supertest';
import { addTender, BIDS_FIXTURES, events, storedBids } from '../../helpers/bid-tenders';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const fixture = (name: string) => path.join(BIDS_FIXTURES, name);
const importUrl = (reference: string) => `/tenders/${reference}/bids/import`;

describe('web: importing bids from a spreadsheet', () => {
  let t: TestApp;
  const agents = {} as Record<keyof typeof ACCOUNTS, request.Agent>;
  let n = 0;
  before(async () => {
    t = await testApp();
    for (const account of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) agents[account] = await signedIn(t.app, ACCOUNTS[account].email);
  });
  after(() => t.close());

  /** A new draft tender with bids A (Alder Care) and B (Birch Support). */
  async function draft(): Promise<string> {
    const reference = `IMP-${++n}`;
    await addTender(t, reference, 'draft');
    return reference;
  }

  /** Uploads a file (a fixture's path, or a name and its contents) as a browser would. */
  async function upload(reference: string, file: string | { name: string; data: Buffer }, agent = agents.owner) {
    const token = await csrfToken(agent, importUrl(reference));
    const post = agent.post(`${importUrl(reference)}?_csrf=${token}`).field('_csrf', token);
    return typeof file === 'string' ? post.attach('file', file) : post.attach('file', file.data, file.name);
  }

  async function confirm(reference: string, preview: CheerioAPI, agent = agents.owner) {
    const id = preview('input[name="preview"]').val();
    assert.equal(typeof id, 'string', 'the preview offers to import');
    const token = String(preview('input[name="_csrf"]').first().val());
    return agent.post(`${importUrl(reference)}/confirm`).type('form').send({ _csrf: token, preview: id });
  }

  const rowText = ($: CheerioAPI, row: number) => $(`#row-${row}`).text().replace(/\s+/g, ' ');

  it('previews every row of a CSV file, then imports them all with one audit event', async () => {
    const reference = await draft();
    const res = await upload(reference, fixture('bids-valid.csv'));
    assert.equal(res.status, 200);
    const $ = load(res.text);
    assert.equal($('.govuk-error-summary').length, 0);
    assert.match(rowText($, 2), /C Rowan Care £125,000\.50 .*Working with people who use the service: People who use the service sit on our board/);
    assert.match(rowText($, 3), /D Willow Support £98,000/);
    assert.match(rowText($, 4), /E Hazel Homecare Not entered .*Keeping people safe: No response/);
    assert.equal((await storedBids(t, reference)).length, 2, 'nothing is saved by the preview');

    const done = await confirm(reference, $);
    assert.equal(done.status, 303);
    const bids = await storedBids(t, reference);
    assert.deepEqual(bids.map((b) => [b.key, b.supplier, b.price]), [
      ['A', 'Alder Care', '100000'],
      ['B', 'Birch Support', '80000'],
      ['C', 'Rowan Care', '125000.5'],
      ['D', 'Willow Support', '98000'],
      ['E', 'Hazel Homecare', null],
    ]);
    // Text that looks like a formula is stored as the text it is.
    assert.deepEqual(bids[3]?.responses, { 'co-production': '=1+1', safety: '=HYPERLINK("http://example.com","click")' });
    const imported = await events(t, reference, 'bid.imported');
    assert.equal(imported.length, 1);
    assert.deepEqual(imported[0]?.detail['bids'], ['C', 'D', 'E']);
    assert.equal(imported[0]?.detail['file'], 'bids-valid.csv');
    assert.equal((await events(t, reference)).length, 2, 'the tender import and the one bid import');
    assert.match(load((await agents.owner.get(`/tenders/${reference}/bids`)).text)('.govuk-notification-banner').text(), /3 bids imported from bids-valid\.csv: C, D, E/);
  });

  it('reads an .xlsx workbook: a formula cell is stored as its formula text, never worked out', async () => {
    const reference = await draft();
    const $ = load((await upload(reference, fixture('bids-valid.xlsx'))).text);
    assert.match(rowText($, 2), /Working with people who use the service: =1\+1/);
    assert.equal((await confirm(reference, $)).status, 303);
    const bids = await storedBids(t, reference);
    assert.deepEqual(bids[2]?.responses, { 'co-production': '=1+1', safety: '=SUM(A1:A9) is how we count staff' });
    assert.equal(bids[2]?.price, '125000.5');
    assert.equal(bids[3]?.price, '98000');
    assert.equal(bids[3]?.responses['safety'], 'Clear safeguarding policy.');
    assert.equal(bids[4]?.price, null);
  });

  it('lists the problems of a CSV file by row and column, with what is expected, and offers no import', async () => {
    const reference = await draft();
    const res = await upload(reference, fixture('bids-errors.csv'));
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('title').text(), /^Error: /);
    const summary = $('.govuk-error-summary li').map((_i, li) => $(li).text().trim()).get();
    for (const expected of [
      /^Row 1, column D: "quality score" is not a column we know; expected organisation, price, key, or a criterion: co-production/,
      /^Row 2, column B \(price\): "abc" is not an amount of pounds; expected a number above 0/,
      /^Row 3, column A \(organisation\): is blank; expected the organisation's name/,
      /^Row 4, column B \(price\): "-20" is below £0/,
      /^Row 5, column B \(price\): "1000.555" has more than 2 decimal places/,
      /^Row 5, column A \(organisation\): "rowan care" is also on row 2; expected each organisation once/,
      /^Row 6, column A \(organisation\): "Alder Care" already has bid A on this tender/,
    ]) {
      assert.ok(summary.some((s) => expected.test(s)), `${String(expected)} in\n${summary.join('\n')}`);
    }
    assert.equal($('.govuk-error-summary a[href="#row-4"]').length, 1);
    assert.match(rowText($, 4), /Column B \(price\): "-20" is below £0/);
    assert.equal($('input[name="preview"]').length, 0);
    assert.equal((await storedBids(t, reference)).length, 2);
  });

  it('lists the problems of an .xlsx file: formula prices, numbers below 0, stray values', async () => {
    const reference = await draft();
    const res = await upload(reference, fixture('bids-errors.xlsx'));
    assert.equal(res.status, 400);
    const summary = load(res.text)('.govuk-error-summary').text();
    assert.match(summary, /Row 1, column E: has no heading but has values under it/);
    assert.match(summary, /Row 2, column B \(price\): is a formula \(=100\*2\); expected the price typed in as a number/);
    assert.match(summary, /Row 3, column A \(organisation\): is blank/);
    assert.match(summary, /Row 4, column B \(price\): "-5" is below £0/);
    assert.match(summary, /Row 5, column B \(price\): "0.30000000000000004" has more than 2 decimal places/);
    assert.match(summary, /Row 5, column A \(organisation\): "willow support" is also on row 4/);
  });

  it('refuses files that are empty, of the wrong type, or too large, on the upload form', async () => {
    const reference = await draft();
    for (const [file, message] of [
      [{ name: 'bids.csv', data: Buffer.alloc(0) }, /The file is empty/],
      [{ name: 'bids.csv', data: Buffer.from('organisation,price\r\n') }, /The file has headings but no bids/],
      [{ name: 'bids.pdf', data: Buffer.from('%PDF-1.4') }, /The file is a \.pdf file; expected an Excel workbook \(\.xlsx\) or a CSV file \(\.csv\)/],
      [{ name: 'bids.xls', data: Buffer.from('old') }, /old Excel format/],
      [{ name: 'bids.xlsx', data: Buffer.from('organisation\r\nRowan Care\r\n') }, /ends in \.xlsx but is not an Excel workbook/],
      [{ name: 'bids.xlsx', data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]) }, /not a readable Excel workbook/],
      [{ name: 'big.csv', data: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') }, /larger than 5 MB/],
    ] as const) {
      const res = await upload(reference, file);
      assert.equal(res.status, 400, file.name);
      const $ = load(res.text);
      assert.equal($('.govuk-error-summary a').attr('href'), '#file', file.name);
      assert.match($('#file-error').text(), message, file.name);
    }
    const token = await csrfToken(agents.owner, importUrl(reference));
    const none = await agents.owner.post(`${importUrl(reference)}?_csrf=${token}`).field('_csrf', token);
    assert.equal(none.status, 400);
    assert.match(none.text, /Select a spreadsheet of bids/);
    assert.equal((await storedBids(t, reference)).length, 2);
  });

  it('imports nothing when a bid from the file was added since the preview', async () => {
    const reference = await draft();
    const $ = load((await upload(reference, fixture('bids-valid.csv'))).text);
    const token = await csrfToken(agents.owner, `/tenders/${reference}/bids/new`);
    assert.equal((await agents.owner.post(`/tenders/${reference}/bids/new`).type('form').send({ _csrf: token, supplier: 'Willow Support' })).status, 303);
    const res = await confirm(reference, $);
    assert.equal(res.status, 409);
    const summary = load(res.text)('.govuk-error-summary').text();
    assert.match(summary, /Nothing was imported\. Row 2: key C was taken by bid C \(Willow Support\), added since the preview/);
    assert.match(summary, /Row 3: Willow Support was added as bid C since the preview; expected a new organisation/);
    assert.deepEqual((await storedBids(t, reference)).map((b) => b.supplier), ['Alder Care', 'Birch Support', 'Willow Support']);
    assert.equal((await events(t, reference, 'bid.imported')).length, 0);
  });

  it('imports nothing from a preview that was replaced or never made', async () => {
    const reference = await draft();
    const first = load((await upload(reference, fixture('bids-valid.csv'))).text);
    await upload(reference, fixture('bids-valid.xlsx'));
    const res = await confirm(reference, first);
    assert.equal(res.status, 400);
    assert.match(res.text, /This preview is no longer available/);
    assert.equal((await storedBids(t, reference)).length, 2);
  });

  it('offers an empty spreadsheet with the headings the tender expects', async () => {
    const reference = await draft();
    const res = await agents.owner.get(`${importUrl(reference)}/template.csv`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.equal(res.text, 'organisation,price,co-production,safety\r\n');
  });

  it('is for commissioners who can see the tender, in draft only', async () => {
    const reference = await draft();
    for (const account of ['procurement', 'facilitator'] as const) {
      assert.equal((await agents[account].get(importUrl(reference))).status, 403, account);
      const token = await csrfToken(agents[account], '/tenders');
      const res = await agents[account].post(`${importUrl(reference)}?_csrf=${token}`).field('_csrf', token).attach('file', fixture('bids-valid.csv'));
      assert.equal(res.status, 403, account);
    }
    assert.equal((await agents.otherCommissioner.get(importUrl(reference))).status, 404);
    const signedOut = await request(t.app).get(importUrl(reference));
    assert.equal(signedOut.status, 303);
    const locked = await agents.owner.get(importUrl('HW-2026-01'));
    assert.equal(locked.status, 409);
    assert.match(locked.text, /scoring has opened/);
    const token = await csrfToken(agents.owner, '/tenders');
    const upload = await agents.owner.post(`${importUrl('HW-2026-01')}?_csrf=${token}`).field('_csrf', token).attach('file', readFileSync(fixture('bids-valid.csv')), 'bids.csv');
    assert.equal(upload.status, 409);
    assert.equal((await storedBids(t, reference)).length, 2);
  });
});
