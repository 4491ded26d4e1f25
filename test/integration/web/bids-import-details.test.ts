// The bidders' details for the award notice from the bids spreadsheet (CSV and .xlsx): optional
// columns, checked by the details form's rules with a message naming the row and the column,
// saved with the bids in one transaction and one audit event, or nothing at all.
import assert from 'node:assert/strict';
import { load, type CheerioAPI } from 'cheerio';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { bidDetailsRepository } from '../../../src/data/bid-details-repository';
import type { BidDetails } from '../../../src/engine/bid-details';
import { addTender, events, storedBids } from '../../helpers/bid-tenders';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const importUrl = (reference: string) => `/tenders/${reference}/bids/import`;

const HEADINGS = ['organisation', 'price', 'legal name', 'street address', 'town or city', 'postcode', 'country', 'email', 'identifier scheme', 'identifier', 'sme', 'vcse', 'supported employment', 'public service mutual'];

const csvOf = (rows: string[][]): Buffer => Buffer.from(`${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`);

async function xlsxOf(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Bids');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('web: bidders’ details from the bids spreadsheet', () => {
  let t: TestApp;
  let owner: request.Agent;
  let n = 0;
  before(async () => {
    t = await testApp();
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  async function draft(): Promise<string> {
    const reference = `DET-${++n}`;
    await addTender(t, reference, 'draft');
    return reference;
  }

  async function upload(reference: string, name: string, data: Buffer) {
    const token = await csrfToken(owner, importUrl(reference));
    return owner.post(importUrl(reference)).field('_csrf', token).attach('file', data, name);
  }

  async function confirm(reference: string, preview: CheerioAPI) {
    const id = preview('input[name="preview"]').val();
    assert.equal(typeof id, 'string', 'the preview offers to import');
    return owner.post(`${importUrl(reference)}/confirm`).type('form').send({ _csrf: String(preview('input[name="_csrf"]').first().val()), preview: id });
  }

  async function detailsOf(reference: string, key: string): Promise<BidDetails | null> {
    const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    const bid = await t.db.selectFrom('bids').select('id').where('tender_id', '=', tender.id).where('key', '=', key).executeTakeFirstOrThrow();
    return bidDetailsRepository.find(t.db, bid.id);
  }

  const summaryOf = ($: CheerioAPI) => $('.govuk-error-summary li').map((_i, li) => $(li).text().trim()).get();

  it('imports the details from a CSV file with the bids, shown in the preview, in one audit event', async () => {
    const reference = await draft();
    const res = await upload(reference, 'bids.csv', csvOf([
      HEADINGS,
      ['Rowan Care', '125000', 'Rowan Care Ltd', '1 High Street', 'Northfield', 'NF1 2AB', 'United Kingdom', 'bids@rowan.example', 'gb-coh', '0123 4567', 'Yes', 'no', '', 'not known'],
      ['Willow Support', '98000', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['Hazel Homecare', '', 'Hazel Homecare CIO', '', '', '', '', '', 'GB-CHC', '1187654', 'no', 'YES', 'yes', 'no'],
    ]));
    assert.equal(res.status, 200, summaryOf(load(res.text)).join('\n'));
    const $ = load(res.text);
    const row2 = $('#row-2').text().replace(/\s+/g, ' ');
    assert.match(row2, /Legal name: Rowan Care Ltd/);
    assert.match(row2, /Identifier: Companies House number: 01234567/);
    assert.match(row2, /SME: Yes/);
    assert.doesNotMatch($('#row-3').text(), /Legal name/);
    assert.equal(await detailsOf(reference, 'A'), null, 'nothing saved by the preview');

    assert.equal((await confirm(reference, $)).status, 303);
    assert.deepEqual(await detailsOf(reference, 'C'), {
      legalName: 'Rowan Care Ltd',
      address: { streetAddress: '1 High Street', locality: 'Northfield', postalCode: 'NF1 2AB', countryName: 'United Kingdom' },
      email: 'bids@rowan.example',
      identifier: { scheme: 'GB-COH', id: '01234567' },
      sme: true,
      vcse: false,
    });
    assert.equal(await detailsOf(reference, 'D'), null, 'a row with blank details has none');
    assert.deepEqual(await detailsOf(reference, 'E'), {
      legalName: 'Hazel Homecare CIO',
      identifier: { scheme: 'GB-CHC', id: '1187654' },
      sme: false,
      vcse: true,
      shelteredWorkshop: true,
      publicServiceMissionOrganization: false,
    });
    const imported = await events(t, reference, 'bid.imported');
    assert.equal(imported.length, 1);
    assert.deepEqual(imported[0]?.detail['details'], ['C', 'E']);
    assert.equal((await events(t, reference, 'bid.details-set')).length, 0, 'one event for the import, not one per bid');
  });

  it('imports the details from an .xlsx workbook, its headings in any order and case', async () => {
    const reference = await draft();
    const data = await xlsxOf([
      ['Email Address', 'organisation', 'Identifier Scheme', 'Identifier', 'VCSE', 'Legal Name'],
      ['hello@ash.example', 'Ash Care', 'GB-PPON', 'PDLN-1234-ABCD', 'yes', 'Ash Care Community Interest Company'],
    ]);
    const res = await upload(reference, 'bids.xlsx', data);
    assert.equal(res.status, 200, summaryOf(load(res.text)).join('\n'));
    assert.equal((await confirm(reference, load(res.text))).status, 303);
    assert.deepEqual(await detailsOf(reference, 'C'), {
      legalName: 'Ash Care Community Interest Company',
      email: 'hello@ash.example',
      identifier: { scheme: 'GB-PPON', id: 'PDLN-1234-ABCD' },
      vcse: true,
    });
  });

  it('refuses a bad identifier scheme, a bad yes/no flag, a bad email and half an identifier in a CSV file, naming row and column, importing nothing', async () => {
    const reference = await draft();
    const res = await upload(reference, 'bids.csv', csvOf([
      HEADINGS,
      ['Rowan Care', '125000', 'Rowan Care Ltd', '', '', '', '', 'bids at rowan', 'GB-XYZ', '01234567', 'maybe', 'no', '', ''],
      ['Willow Support', '98000', '', '', '', '', '', '', '', '12345', '', '', 'true', ''],
      ['Hazel Homecare', '', '', '', '', '', '', '', 'GB-COH', '', '', '', '', ''],
      ['Oak Care', '', 'x'.repeat(201), '', '', '', '', '', '', '', '', '', '', ''],
    ]));
    assert.equal(res.status, 400);
    const $ = load(res.text);
    const summary = summaryOf($);
    for (const expected of [
      /^Row 2, column I \(identifier scheme\): "GB-XYZ" is not an identifier scheme; expected one of GB-COH \(Companies House number\), GB-CHC .*GB-PPON/,
      /^Row 2, column K \(sme\): "maybe" is not yes or no; expected yes, no, or blank when not known$/,
      /^Row 2, column H \(email\): "bids at rowan" is not an email address; expected one like bids@example\.org$/,
      /^Row 3, column M \(supported employment\): "true" is not yes or no/,
      /^Row 3, column I \(identifier scheme\): is blank, but the identifier is "12345"; expected the register it is from/,
      /^Row 4, column J \(identifier\): is blank, but the identifier scheme is GB-COH; expected the number from that register/,
      /^Row 5, column C \(legal name\): is 201 characters long; expected at most 200$/,
    ]) {
      assert.ok(summary.some((s) => expected.test(s)), `${String(expected)} in\n${summary.join('\n')}`);
    }
    assert.equal(summary.length, 7, summary.join('\n'));
    assert.match($('#row-2').text(), /Column K \(sme\): "maybe" is not yes or no/);
    assert.equal($('input[name="preview"]').length, 0, 'nothing to import');
    assert.equal((await storedBids(t, reference)).length, 2);
  });

  it('refuses a bad identifier scheme and a bad yes/no flag in an .xlsx file, and an identifier without its scheme column', async () => {
    const reference = await draft();
    const bad = await xlsxOf([
      ['organisation', 'identifier scheme', 'identifier', 'public service mutual'],
      ['Rowan Care', 'Companies House', '01234567', 'Y'],
      ['Willow Support', 'GB-CHC', '1187654', true],
    ]);
    const res = await upload(reference, 'bids.xlsx', bad);
    assert.equal(res.status, 400);
    const summary = summaryOf(load(res.text));
    assert.ok(summary.some((s) => /^Row 2, column B \(identifier scheme\): "Companies House" is not an identifier scheme; expected one of GB-COH/.test(s)), summary.join('\n'));
    assert.ok(summary.some((s) => /^Row 2, column D \(public service mutual\): "Y" is not yes or no; expected yes, no, or blank when not known/.test(s)), summary.join('\n'));
    // An Excel TRUE is not a yes: said as Excel shows it.
    assert.ok(summary.some((s) => /^Row 3, column D \(public service mutual\): "TRUE" is not yes or no/.test(s)), summary.join('\n'));
    assert.equal(summary.length, 3, summary.join('\n'));

    const half = await xlsxOf([
      ['organisation', 'identifier'],
      ['Rowan Care', '01234567'],
    ]);
    const halfSummary = summaryOf(load((await upload(reference, 'half.xlsx', half)).text));
    assert.deepEqual(halfSummary, ['Row 2, column B (identifier): needs an "identifier scheme" column too; expected both "identifier scheme" and "identifier", or neither']);
    assert.equal((await storedBids(t, reference)).length, 2);
  });

  it('refuses a formula in a detail column, and the same detail column twice', async () => {
    const reference = await draft();
    const data = await xlsxOf([
      ['organisation', 'email', 'Email address'],
      ['Rowan Care', { formula: 'CONCAT("a","@b.example")', result: 'a@b.example' }, 'a@b.example'],
    ]);
    const summary = summaryOf(load((await upload(reference, 'bids.xlsx', data)).text));
    assert.ok(summary.some((s) => /^Row 1, column C: "Email address" is the same column as B; expected each column once/.test(s)), summary.join('\n'));
    assert.ok(summary.some((s) => /^Row 2, column B \(email\): is a formula .*expected the bidder's detail typed in/.test(s)), summary.join('\n'));
  });
});
