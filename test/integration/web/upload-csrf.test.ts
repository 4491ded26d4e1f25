// The two file-upload forms (bids from a spreadsheet, a tender pack) send their CSRF token in the
// body like every other form, never in the address, where the browser's address bar and history
// would keep it. The upload is read before the CSRF check only for commissioners; anyone else's
// multipart post is refused unread, even with a good token.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { stringify } from 'yaml';
import { addTender, storedBids } from '../../helpers/bid-tenders';
import { handWorkedPack } from '../../helpers/packs';
import { panelAgent } from '../../helpers/scoring';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const REF = 'UPL-2026-01';
const IMPORT = `/tenders/${REF}/bids/import`;
const CSV = Buffer.from('organisation,price\r\nWillow Support,95000\r\n');

describe('web: file uploads carry their CSRF token in the body', () => {
  let t: TestApp;
  let owner: request.Agent;
  before(async () => {
    t = await testApp();
    await addTender(t, REF, 'draft');
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  const tenderCount = async () => Number((await t.db.selectFrom('tenders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  for (const [form, path, file] of [
    ['the bids spreadsheet form', IMPORT, 'file'],
    ['the tender pack form', '/tenders/upload', 'pack'],
  ] as const) {
    it(`${form} has no token in its action, and sends it in a hidden field before the file`, async () => {
      const res = await owner.get(path);
      assert.equal(res.status, 200);
      const $ = load(res.text);
      const upload = $('form[enctype="multipart/form-data"]');
      assert.equal(upload.length, 1);
      assert.equal(upload.attr('action'), path);
      assert.doesNotMatch(res.text, /\?_csrf=/);
      const fields = upload.find('input').map((_i, el) => $(el).attr('name')).get();
      assert.deepEqual(fields, ['_csrf', file]);
      assert.ok(String(upload.find('input[name="_csrf"]').val()).length >= 20);
    });
  }

  it('imports bids from a spreadsheet with the token in the body; refuses it without, or in the address only', async () => {
    const token = await csrfToken(owner, IMPORT);
    const without = await owner.post(IMPORT).attach('file', CSV, 'bids.csv');
    assert.equal(without.status, 403);
    assert.match(without.text, /The form has expired/);
    const inAddress = await owner.post(`${IMPORT}?_csrf=${encodeURIComponent(token)}`).attach('file', CSV, 'bids.csv');
    assert.equal(inAddress.status, 403, 'a token in the address is not read');
    const wrong = await owner.post(IMPORT).field('_csrf', 'not-the-token').attach('file', CSV, 'bids.csv');
    assert.equal(wrong.status, 403);

    const preview = await owner.post(IMPORT).field('_csrf', token).attach('file', CSV, 'bids.csv');
    assert.equal(preview.status, 200);
    const $ = load(preview.text);
    assert.match($('main').text(), /Willow Support/);
    const confirm = await owner
      .post(`${IMPORT}/confirm`)
      .type('form')
      .send({ _csrf: String($('input[name="_csrf"]').first().val()), preview: String($('input[name="preview"]').val()) });
    assert.equal(confirm.status, 303);
    assert.doesNotMatch(String(confirm.headers['location']), /_csrf/);
    assert.deepEqual((await storedBids(t, REF)).map((b) => b.supplier), ['Alder Care', 'Birch Support', 'Willow Support']);
  });

  it('imports a tender pack with the token in the body, and lands on an address without it; refuses it without', async () => {
    const pack = handWorkedPack();
    pack.tender.reference = 'UPL-PACK-01';
    const data = Buffer.from(stringify(pack));
    const before = await tenderCount();
    const token = await csrfToken(owner, '/tenders/upload');
    assert.equal((await owner.post('/tenders/upload').attach('pack', data, 'pack.yaml')).status, 403);
    assert.equal((await owner.post(`/tenders/upload?_csrf=${encodeURIComponent(token)}`).attach('pack', data, 'pack.yaml')).status, 403);
    assert.equal(await tenderCount(), before);

    const res = await owner.post('/tenders/upload').field('_csrf', token).attach('pack', data, 'pack.yaml');
    assert.equal(res.status, 303);
    assert.equal(res.headers['location'], '/tenders/UPL-PACK-01');
    assert.equal(await tenderCount(), before + 1);
  });

  it('reads no one else’s upload: signed out, a panel member or procurement, even with a good token, is refused', async () => {
    const before = await tenderCount();
    const signedOut = await request(t.app).post('/tenders/upload').field('_csrf', 'x').attach('pack', Buffer.from('format: tender-pack/1'), 'pack.yaml');
    assert.equal(signedOut.status, 403);
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    const member = await panelAgent(t, 'm1', 'HW-2026-01');
    for (const [who, agent, home] of [
      ['procurement', procurement, '/tenders'],
      ['a panel member', member, '/panel'],
    ] as const) {
      const token = await csrfToken(agent, home);
      const res = await agent.post(IMPORT).field('_csrf', token).attach('file', CSV, 'bids.csv');
      assert.equal(res.status, 403, who);
      assert.match(res.text, /The form has expired/, `${who}: refused unread, for want of a token`);
    }
    assert.equal(await tenderCount(), before);
    assert.equal((await storedBids(t, REF)).length, 3);
  });
});
