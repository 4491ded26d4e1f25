// Handing a tender to another commissioner: a commissioner sees only the tenders they own (and
// unowned ones), so when one leaves or takes another role their tenders need a new owner. The
// account page warns first, naming the tenders; an admin (any tender) or the owning commissioner
// (their own) hands a tender over, audited.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { verifyAuditChain } from '../../../src/services/audit';
import { ACCOUNTS, ADMIN, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const TENDER = 'HW-2026-01';
const text = (res: request.Response) => load(res.text)('main').text().replace(/\s+/g, ' ');

describe('web: handing a tender to another commissioner', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const idOf = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const ownerOf = async () => (await t.db.selectFrom('tenders').select('owner_id').where('reference', '=', TENDER).executeTakeFirstOrThrow()).owner_id;
  const handOvers = async () => (await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('action', '=', 'tender.owner-changed').execute()).map((e) => ({ actor: e.actor, detail: JSON.parse(e.detail) as unknown }));

  it('the account page warns before deactivating a commissioner who runs unfinished tenders, naming them with a link; the admin hands one over after', async () => {
    const admin = await signedIn(t.app, ADMIN.email);
    const ownerId = await idOf(ACCOUNTS.owner.email);
    const page = await admin.get(`/accounts/${ownerId}`);
    const $ = load(page.text);
    assert.match($('#owned-tenders').text(), /runs tenders that are not finalised\. Only they can run them\. Before you deactivate this account or change its role/);
    assert.equal($(`#owned-tenders a[href="/tenders/${TENDER}/owner"]`).length, 1, 'a link to hand the tender over');
    assert.match($('#owned-tenders li').first().text(), new RegExp(`${TENDER}: .+ \\(at moderation\\)`));
    // The change may go ahead after the warning; the page then says no one can run the tenders.
    const token = await csrfToken(admin, `/accounts/${ownerId}`);
    assert.equal((await admin.post(`/accounts/${ownerId}/deactivate`).type('form').send({ _csrf: token })).status, 303);
    assert.match(load((await admin.get(`/accounts/${ownerId}`)).text)('#owned-tenders').text(), /is not an active commissioner, so no one can run them/);

    const form = await admin.get(`/tenders/${TENDER}/owner`);
    assert.equal(form.status, 200);
    const choices = load(form.text)('input[name=to]').map((_i, el) => load(form.text)(el).val()).get();
    assert.deepEqual(choices, [String(await idOf(ACCOUNTS.otherCommissioner.email))], 'only active commissioners other than the owner');
    // Nothing chosen and not confirmed: both said, each linked to its field.
    const empty = await admin.post(`/tenders/${TENDER}/owner`).type('form').send({ _csrf: token });
    assert.equal(empty.status, 400);
    const $e = load(empty.text);
    assert.deepEqual($e('.govuk-error-summary a').map((_i, a) => [[$e(a).attr('href'), $e(a).text().trim()]]).get(), [
      ['#to', 'Select who will run this tender'],
      ['#confirm', 'Confirm that you want to hand the tender over'],
    ]);
    for (const id of ['to', 'confirm']) assert.equal($e(`#${id}`).length, 1, `#${id} is on the page`);
    assert.equal(await ownerOf(), ownerId);

    const done = await admin.post(`/tenders/${TENDER}/owner`).type('form').send({ _csrf: token, to: String(await idOf(ACCOUNTS.otherCommissioner.email)), confirm: 'yes' });
    assert.equal(done.status, 200);
    assert.match(text(done), new RegExp(`Tender handed over ${TENDER} is now run by Test otherCommissioner`));
    assert.equal(await ownerOf(), await idOf(ACCOUNTS.otherCommissioner.email));
    assert.deepEqual(await handOvers(), [{ actor: `admin:${ADMIN.email}`, detail: { from: ACCOUNTS.owner.email, to: ACCOUNTS.otherCommissioner.email } }]);
    assert.equal((await (await signedIn(t.app, ACCOUNTS.otherCommissioner.email)).get(`/tenders/${TENDER}`)).status, 200, 'the new owner runs it');
    assert.equal(load((await admin.get(`/accounts/${ownerId}`)).text)('#owned-tenders').length, 0, 'no warning once handed over');
    assert.ok((await verifyAuditChain(t.db)).ok);
  });

  it('the owning commissioner hands their own tender over and then no longer sees it', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(owner, `/tenders/${TENDER}/owner`);
    const done = await owner.post(`/tenders/${TENDER}/owner`).type('form').send({ _csrf: token, to: String(await idOf(ACCOUNTS.otherCommissioner.email)), confirm: 'yes' });
    assert.equal(done.status, 200);
    assert.equal(load(done.text)('main a[href="/tenders"]').length, 1);
    assert.deepEqual(await handOvers(), [{ actor: `commissioner:${ACCOUNTS.owner.email}`, detail: { from: ACCOUNTS.owner.email, to: ACCOUNTS.otherCommissioner.email } }]);
    assert.equal((await owner.get(`/tenders/${TENDER}`)).status, 404);
    assert.equal((await owner.get(`/tenders/${TENDER}/owner`)).status, 404);
  });

  it('refuses, in words, a person who is not an active commissioner; a commissioner cannot hand over an unowned tender', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const token = await csrfToken(owner, `/tenders/${TENDER}/owner`);
    for (const email of [ACCOUNTS.procurement.email, ACCOUNTS.owner.email]) {
      const res = await owner.post(`/tenders/${TENDER}/owner`).type('form').send({ _csrf: token, to: String(await idOf(email)), confirm: 'yes' });
      assert.equal(res.status, 400, email);
      assert.match(load(res.text)('.govuk-error-summary a[href="#to"]').text(), email === ACCOUNTS.owner.email ? /already runs this tender/ : /Select an active commissioner/);
    }
    assert.equal(await ownerOf(), await idOf(ACCOUNTS.owner.email));
    await t.db.updateTable('tenders').set({ owner_id: null }).where('reference', '=', TENDER).execute();
    assert.equal((await owner.get(`/tenders/${TENDER}`)).status, 200, 'an unowned tender is seen by every commissioner');
    assert.equal((await owner.get(`/tenders/${TENDER}/owner`)).status, 403);
    assert.equal((await owner.post(`/tenders/${TENDER}/owner`).type('form').send({ _csrf: token, to: String(await idOf(ACCOUNTS.otherCommissioner.email)), confirm: 'yes' })).status, 403);
    assert.deepEqual(await handOvers(), []);
  });
});
