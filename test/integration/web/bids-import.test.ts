// Importing bids from a spreadsheet (CSV or .xlsx): a preview of every row with its problems, then
// all rows in one transaction with one audit event, or nothing. No cell is ever evaluated.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { load, type CheerioAPI } from 'cheerio';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { addTender, BIDS_FIXTURES, events, storedBids } from '../../helpers/bid-tenders';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const fixture = (name: string) => path.join(BIDS_FIXTURES, name);

/** supertest collects a binary body into a Buffer with this parser. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
const importUrl = (reference: string) => `/tenders/${reference}/bids/import`;

/** `rows` on one sheet as an .xlsx: zipped as exceljs zips it, stored unpacked, or streamed (sizes after each part). */
async function workbook(rows: ExcelJS.CellValue[][], zip: 'deflated' | 'stored' | 'streamed' = 'deflated'): Promise<Buffer> {
  if (zip === 'streamed') {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
    const sheet = writer.addWorksheet('Bids');
    for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await writer.commit();
    return Buffer.concat(chunks);
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Bids');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer(zip === 'stored' ? { zip: { compression: 'STORE' } } : {}));
}

interface ZipPart {
  name: string;
  /** The part deflated. */
  packed: Buffer;
  /** The unpacked size the zip's directory declares (true or not). */
  declared: number;
}

const part = (name: string, text: string): ZipPart => ({ name, packed: deflateRawSync(text), declared: Buffer.byteLength(text) });

/** A zip of deflated parts, with the sizes given (its CRCs are 0: exceljs does not check them). */
function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, packed, declared } of parts) {
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    directory.push(entry, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.reduce((n, b) => n + b.length, 0), 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

/** `before`, `megabytes` MB of spaces, then `after`, deflated a megabyte at a time (never held unpacked). */
async function deflatedSpaces(before: string, megabytes: number, after: string): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(deflate, 'end');
  const megabyte = Buffer.alloc(1024 * 1024, ' ');
  deflate.write(before);
  for (let i = 0; i < megabytes; i += 1) if (!deflate.write(megabyte)) await once(deflate, 'drain');
  deflate.end(after);
  await ended;
  return Buffer.concat(chunks);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** The parts of a one-sheet workbook around `sheet` (the sheet's XML) and `strings` (its shared strings). */
const workbookParts = (sheet: ZipPart, strings: ZipPart): ZipPart[] => [
  part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
  part('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
  part('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheets><sheet sheetId="1" name="Bids" r:id="rId1"/></sheets></workbook>`),
  part('xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
  sheet,
  strings,
];

/** What `upload` adds to the server's memory at its peak, in MB. */
async function growth<T>(upload: () => Promise<T>): Promise<{ result: T; grew: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const before = process.memoryUsage().rss;
  try {
    const result = await upload();
    return { result, grew: Math.round((Math.max(peak, process.memoryUsage().rss) - before) / 1e6) };
  } finally {
    clearInterval(timer);
  }
}

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
    const post = agent.post(importUrl(reference)).field('_csrf', token);
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

  it('reads an .xlsx workbook: text that starts with "=" stays text, never worked out', async () => {
    const reference = await draft();
    const data = await workbook([
      ['organisation', 'price', 'co-production', 'Keeping people safe'],
      ['Rowan Care', 125000.5, '=1+1', '=SUM(A1:A9) is how we count staff'],
      ['Willow Support', '£98,000', 'We co-design every change.', { richText: [{ text: 'Clear ' }, { text: 'safeguarding', font: { bold: true } }, { text: ' policy.' }] }],
      ['Hazel Homecare', null, null, 'Safe staffing at all times.'],
    ]);
    const $ = load((await upload(reference, { name: 'bids.xlsx', data })).text);
    assert.match(rowText($, 2), /Working with people who use the service: =1\+1/);
    assert.equal((await confirm(reference, $)).status, 303);
    const bids = await storedBids(t, reference);
    assert.deepEqual(bids[2]?.responses, { 'co-production': '=1+1', safety: '=SUM(A1:A9) is how we count staff' });
    assert.equal(bids[2]?.price, '125000.5');
    assert.equal(bids[3]?.price, '98000');
    assert.equal(bids[3]?.responses['safety'], 'Clear safeguarding policy.');
    assert.equal(bids[4]?.price, null);
  });

  it('reads an .xlsx workbook however it is zipped: deflated, stored, or streamed with the sizes after each part', async () => {
    const rows = [
      ['organisation', 'price', 'co-production'],
      ['Rowan Care', 125000.5, 'People who use the service sit on our board'],
    ];
    for (const zip of ['deflated', 'stored', 'streamed'] as const) {
      const reference = await draft();
      const data = await workbook(rows, zip);
      // The first part's flags and method: bit 3 = its sizes follow it; method 0 = stored, 8 = deflated.
      assert.deepEqual([Boolean(data.readUInt16LE(6) & 0x8), data.readUInt16LE(8)], { deflated: [false, 8], stored: [false, 0], streamed: [true, 8] }[zip], zip);
      const res = await upload(reference, { name: 'bids.xlsx', data });
      assert.equal(res.status, 200, `${zip}: ${load(res.text)('.govuk-error-summary').text()}`);
      assert.match(rowText(load(res.text), 2), /C Rowan Care £125,000\.50 .*People who use the service sit on our board/, zip);
    }
  });

  it('refuses a workbook that unpacks to more than 50 MB, whatever sizes its zip declares, before unpacking it all', async function () {
    this.timeout(120_000);
    const reference = await draft();
    const sheet = part('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`);
    const sst = ['<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', '</t></si></sst>'] as const;
    // 200 MB of shared strings in 200 KB, declared as 1,000 bytes.
    const lying = zipOf(workbookParts(sheet, { name: 'xl/sharedStrings.xml', packed: await deflatedSpaces(sst[0], 200, sst[1]), declared: 1000 }));
    // Two parts of 30 MB, declared as such: 60 MB together.
    const thirty = await deflatedSpaces(sst[0], 30, sst[1]);
    const twoParts = zipOf([...workbookParts(sheet, { name: 'xl/sharedStrings.xml', packed: thirty, declared: 30 * 1024 * 1024 + 100 }), { name: 'xl/media/picture.xml', packed: thirty, declared: 30 * 1024 * 1024 + 100 }]);
    for (const [what, data] of [['200 MB declared as 1 KB', lying], ['two parts of 30 MB', twoParts]] as const) {
      const { result: res, grew } = await growth(() => upload(reference, { name: 'bids.xlsx', data }));
      const message = load(res.text)('#file-error').text().trim();
      const expected = /The workbook unpacks to more than 50 MB, far more than a list of bids needs; expected a workbook that unpacks to at most 50 MB \(save it again as CSV, or remove other sheets and pictures\)/;
      assert.ok(res.status === 400 && expected.test(message) && grew < 100, `${what}: a ${data.length}-byte upload answered ${res.status} "${message}" and grew the server by ${grew} MB`);
    }
  });

  it('refuses a workbook with more than 500,000 cells and other items, before exceljs reads them', async function () {
    this.timeout(120_000);
    const reference = await draft();
    // 200,000 rows of one cell: 600,000 elements (row, c, v) in 7 MB, honestly declared.
    const rows = Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join('');
    const sheet = part('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`);
    const data = zipOf(workbookParts(sheet, part('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${MAIN}"/>`)));
    const { result: res, grew } = await growth(() => upload(reference, { name: 'bids.xlsx', data }));
    const message = load(res.text)('#file-error').text().trim();
    const expected = /The workbook holds more than 500,000 cells, texts and other items in all its sheets, far more than a list of bids needs; expected one sheet with a row per bid, at most 500 rows of 200 columns/;
    assert.ok(res.status === 400 && expected.test(message) && grew < 100, `a ${data.length}-byte upload answered ${res.status} "${message}" and grew the server by ${grew} MB`);
  });

  it('refuses a formula in any column of an .xlsx file, naming its row and column', async () => {
    const reference = await draft();
    const data = await workbook([
      ['organisation', 'price', 'key', 'co-production', ''],
      [{ formula: 'HYPERLINK("http://evil.example","Rowan Care")', result: 'Rowan Care' }, 100, null, 'Typed in'],
      ['Willow Support', { formula: '100*2', result: 200 }, { formula: 'CHAR(70)', result: 'F' }, { formula: 'A2&" works with families"', result: 'Rowan Care works with families' }],
      ['Hazel Homecare', 300, null, null, { formula: 'NOW()', result: 1 }],
    ]);
    const res = await upload(reference, { name: 'bids.xlsx', data });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    const summary = $('.govuk-error-summary li').map((_i, li) => $(li).text().trim()).get();
    for (const expected of [
      /^Row 2, column A \(organisation\): is a formula \(=HYPERLINK\("http:\/\/evil\.example","Rowan Care"\)\); expected the organisation's name typed in, not worked out by a formula \(copy the cells and paste them as values only\)/,
      /^Row 3, column B \(price\): is a formula \(=100\*2\); expected the price typed in as a number, like 125000\.50, not worked out by a formula/,
      /^Row 3, column C \(key\): is a formula \(=CHAR\(70\)\); expected the bid key typed in, such as "F", or left blank, not worked out by a formula/,
      /^Row 3, column D \(co-production\): is a formula \(=A2&" works with families"\); expected the response typed in as text, not worked out by a formula/,
      /^Row 4, column E: is a formula \(=NOW\(\)\); expected a value typed in, not worked out by a formula/,
    ]) {
      assert.ok(summary.some((s) => expected.test(s)), `${String(expected)} in\n${summary.join('\n')}`);
    }
    assert.equal($('input[name="preview"]').length, 0);
    assert.equal((await storedBids(t, reference)).length, 2);
  });

  it('reads an .xlsx number as Excel shows it (15 significant digits) before counting its decimal places', async () => {
    const reference = await draft();
    // 1234.5 * 1.2 is 1481.3999999999999 in the file, shown as £1,481.40; 0.1 + 0.2 is shown as 0.3.
    const res = await upload(reference, { name: 'bids.xlsx', data: await workbook([['organisation', 'price'], ['Rowan Care', 1234.5 * 1.2], ['Willow Support', 0.1 + 0.2]]) });
    assert.equal(res.status, 200, load(res.text)('.govuk-error-summary').text());
    const $ = load(res.text);
    assert.match(rowText($, 2), /Rowan Care £1,481\.40/);
    assert.match(rowText($, 3), /Willow Support £0\.30/);
    assert.equal((await confirm(reference, $)).status, 303);
    assert.deepEqual((await storedBids(t, reference)).slice(2).map((b) => b.price), ['1481.4', '0.3']);
    const three = await upload(reference, { name: 'bids.xlsx', data: await workbook([['organisation', 'price'], ['Hazel Homecare', 1000.555]]) });
    assert.equal(three.status, 400);
    assert.match(load(three.text)('.govuk-error-summary').text(), /Row 2, column B \(price\): "1000\.555" has more than 2 decimal places/);
  });

  it('lists the problems of a CSV file by row and column, with what is expected, and offers no import', async () => {
    const reference = await draft();
    const res = await upload(reference, fixture('bids-errors.csv'));
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('title').text(), /^Error: /);
    const summary = $('.govuk-error-summary li').map((_i, li) => $(li).text().trim()).get();
    for (const expected of [
      /^Row 1, column D: "quality score" is not a column we know; expected organisation, price, key, a bidder's detail \(legal name, street address, .*\), or a criterion: co-production/,
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
    // 0.1 + 0.2 is 0.30000000000000004 in the file; Excel shows 0.3, which is a price.
    assert.doesNotMatch(summary, /Row 5, column B/);
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
    const none = await agents.owner.post(importUrl(reference)).field('_csrf', token);
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
    const details = 'legal name,street address,town or city,postcode,country,email,identifier scheme,identifier,sme,vcse,supported employment,public service mutual';
    assert.equal(res.text, `organisation,price,co-production,safety,${details}\r\n`);
  });

  it('offers the same headings as an Excel workbook, text columns formatted as text, that imports once filled in', async () => {
    const reference = await draft();
    const page = load((await agents.owner.get(importUrl(reference))).text);
    const links = page('a[download]').map((_i, a) => page(a).attr('href')).get();
    assert.deepEqual(links, [`${importUrl(reference)}/template.xlsx`, `${importUrl(reference)}/template.csv`]);

    const res = await agents.owner.get(`${importUrl(reference)}/template.xlsx`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(res.headers['content-disposition'], `attachment; filename=bids-${reference}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    assert.deepEqual(headings.slice(0, 4), ['organisation', 'price', 'co-production', 'safety']);
    assert.deepEqual(headings.slice(4, 8), ['legal name', 'street address', 'town or city', 'postcode'], 'then the optional bidder details');
    assert.equal(headings.length, 16);
    assert.equal(sheet.rowCount, 1, 'headings only');
    assert.deepEqual([1, 2, 3, 4].map((c) => sheet.getColumn(c).numFmt ?? null), ['@', null, '@', '@'], 'text columns formatted as text');
    assert.ok(headings.every((_h, i) => i === 1 || sheet.getColumn(i + 1).numFmt === '@'), 'every detail column is text (a Companies House number keeps its 0)');

    // Filled in as a commissioner would, then imported.
    sheet.addRow(['Willow Support', 95000.5, '1-2 shared decisions a month', '007: our safeguarding lead']);
    sheet.addRow(['Rowan Care', null, 'A people’s board', '']);
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const preview = await upload(reference, { name: `bids-${reference}.xlsx`, data: filled });
    assert.equal(preview.status, 200);
    const $ = load(preview.text);
    assert.equal($('.govuk-error-summary').length, 0, $('.govuk-error-summary').text());
    assert.equal((await confirm(reference, $)).status, 303);
    const bids = await storedBids(t, reference);
    assert.deepEqual(bids.map((b) => [b.key, b.supplier, b.price]).slice(2), [
      ['C', 'Willow Support', '95000.5'],
      ['D', 'Rowan Care', null],
    ]);
    assert.deepEqual(bids[2]?.responses, { 'co-production': '1-2 shared decisions a month', safety: '007: our safeguarding lead' });
  });

  it('is for commissioners who can see the tender, in draft only', async () => {
    const reference = await draft();
    for (const account of ['procurement', 'facilitator'] as const) {
      assert.equal((await agents[account].get(importUrl(reference))).status, 403, account);
      const token = await csrfToken(agents[account], '/tenders');
      const res = await agents[account].post(importUrl(reference)).field('_csrf', token).attach('file', fixture('bids-valid.csv'));
      assert.equal(res.status, 403, account);
    }
    assert.equal((await agents.otherCommissioner.get(importUrl(reference))).status, 404);
    const signedOut = await request(t.app).get(importUrl(reference));
    assert.equal(signedOut.status, 303);
    const locked = await agents.owner.get(importUrl('HW-2026-01'));
    assert.equal(locked.status, 409);
    assert.match(locked.text, /scoring has opened/);
    const token = await csrfToken(agents.owner, '/tenders');
    const upload = await agents.owner.post(importUrl('HW-2026-01')).field('_csrf', token).attach('file', readFileSync(fixture('bids-valid.csv')), 'bids.csv');
    assert.equal(upload.status, 409);
    assert.equal((await storedBids(t, reference)).length, 2);
  });
});
