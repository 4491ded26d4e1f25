// A bidder's legal details for the award notice: the form (saved, audited, refused in words),
// who may use it, at any stage; and a tender pack's `bids[].details` stored as given.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { bidDetailsRepository } from '../../../src/data/bid-details-repository';
import { addTender, events } from '../../helpers/bid-tenders';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

const FIN = '/tenders/FIN-D/bids';
const FULL: Form = {
  legalName: 'Alder Care Ltd',
  streetAddress: '1 Alder Row',
  locality: 'Northfield',
  postalCode: 'NF1 1AA',
  countryName: 'United Kingdom',
  email: 'bids@alder.example.org',
  scheme: 'GB-COH',
  identifier: '0123 4567',
  sme: 'yes',
  vcse: 'no',
  shelteredWorkshop: 'no',
  publicServiceMissionOrganization: 'unknown',
};

describe('web: bidders’ details', () => {
  let t: TestApp;
  let owner: request.Agent;
  before(async () => {
    t = await testApp();
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await addTender(t, 'FIN-D', 'finalised', {
      change: (pack) => {
        pack.bids[1]!['details'] = { legalName: 'Birch Support CIC', identifier: { scheme: 'GB-CHC', id: '1234567' }, vcse: true };
      },
    });
  });
  after(() => t.close());

  async function post(agent: request.Agent, url: string, form: Form) {
    const token = await csrfToken(agent, url);
    return agent.post(url).type('form').send(encode({ _csrf: token, ...form }));
  }
  const stored = async (key: string) => {
    const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', 'FIN-D').executeTakeFirstOrThrow();
    const bid = await t.db.selectFrom('bids').select('id').where('tender_id', '=', tender.id).where('key', '=', key).executeTakeFirstOrThrow();
    return bidDetailsRepository.find(t.db, bid.id);
  };

  it('stores a pack’s details as given, and the bid page says what the notice still needs', async () => {
    assert.deepEqual(await stored('B'), { legalName: 'Birch Support CIC', identifier: { scheme: 'GB-CHC', id: '1234567' }, vcse: true });
    assert.equal(await stored('A'), null);
    const $ = load((await owner.get(`${FIN}/B`)).text);
    const text = $('main').text().replace(/\s+/g, ' ');
    assert.match(text, /Legal name ?Birch Support CIC/);
    assert.match(text, /Charity Commission \(England and Wales\) number: 1234567/);
    assert.match(text, /The award notice still needs: street address, town or city, postcode, country, email, whether it is an SME,/);
    assert.equal($(`a[href="${FIN}/B/details"]`).length, 1);
  });

  it('saves the form on a finalised tender, one audit event naming the changes, and shows it again', async () => {
    const res = await post(owner, `${FIN}/A/details`, FULL);
    assert.equal(res.status, 303);
    assert.deepEqual(await stored('A'), {
      legalName: 'Alder Care Ltd',
      address: { streetAddress: '1 Alder Row', locality: 'Northfield', postalCode: 'NF1 1AA', countryName: 'United Kingdom' },
      email: 'bids@alder.example.org',
      identifier: { scheme: 'GB-COH', id: '01234567' },
      sme: true,
      vcse: false,
      shelteredWorkshop: false,
    });
    const [event] = await events(t, 'FIN-D', 'bid.details-set');
    assert.equal(event!.actor, `commissioner:${ACCOUNTS.owner.email}`);
    assert.deepEqual((event!.detail['changes'] as Record<string, unknown>)['identifier_id'], { old: null, new: '01234567' });
    assert.equal(event!.detail['state'], 'finalised');
    const $ = load((await owner.get(`${FIN}/A/details`)).text);
    assert.equal($('#legalName').val(), 'Alder Care Ltd');
    assert.equal($('#scheme option[selected]').val(), 'GB-COH');
    assert.equal($('input[name="sme"][checked]').val(), 'yes');
    assert.equal($('input[name="publicServiceMissionOrganization"][checked]').val(), 'unknown');
    assert.match(load((await owner.get(`${FIN}/A`)).text)('main').text(), /The award notice still needs: whether it is a public service mutual\./);
    // The same form again changes nothing and records nothing.
    await post(owner, `${FIN}/A/details`, FULL);
    assert.equal((await events(t, 'FIN-D', 'bid.details-set')).length, 1);
  });

  it('refuses a bad email, a number without its register and a damaged form, in words, saving nothing', async () => {
    const before = await stored('B');
    const res = await post(owner, `${FIN}/B/details`, { ...FULL, email: 'not-an-email', scheme: '', sme: 'perhaps' });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    const summary = $('.govuk-error-summary').text().replace(/\s+/g, ' ');
    assert.match(summary, /Enter the email address in the correct format, like bids@example.org/);
    assert.match(summary, /Choose the register the identifier is from, or clear the identifier/);
    assert.match(summary, /Choose yes, no or not known for whether the bidder is a small or medium-sized enterprise/);
    assert.equal($('.govuk-error-summary a[href="#email"]').length, 1);
    assert.equal($('#email').val(), 'not-an-email');
    const twice = await post(owner, `${FIN}/B/details`, { ...FULL, legalName: ['One', 'Two'] });
    assert.equal(twice.status, 400);
    assert.match(twice.text, /The form was not complete/);
    assert.deepEqual(await stored('B'), before);
  });

  it('is the commissioner’s: procurement and facilitators get 403, another commissioner 404', async () => {
    for (const account of ['procurement', 'facilitator'] as const) {
      const agent = await signedIn(t.app, ACCOUNTS[account].email);
      assert.equal((await agent.get(`${FIN}/A/details`)).status, 403, account);
    }
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await other.get(`${FIN}/A/details`)).status, 404);
    assert.equal((await owner.get(`${FIN}/Z/details`)).status, 404);
  });
});
