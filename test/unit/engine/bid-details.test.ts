// A tender pack's bids[].details: optional, named as OCDS names them, checked field by field.
import assert from 'node:assert/strict';
import { missingDetails } from '../../../src/engine/bid-details';
import { check, TenderPackSchema } from '../../../src/engine';
import { handWorkedPack } from '../../helpers/packs';

describe('engine: bidders’ details in a tender pack', () => {
  const withDetails = (details: unknown) => {
    const pack = handWorkedPack();
    pack.bids[0]!['details'] = details;
    return check(TenderPackSchema, pack);
  };

  it('takes a pack without details, and one with every field', () => {
    assert.equal(check(TenderPackSchema, handWorkedPack()).ok, true);
    const full = {
      legalName: 'Alder Care Ltd',
      address: { streetAddress: '1 Alder Row', locality: 'Northfield', postalCode: 'NF1 1AA', countryName: 'United Kingdom' },
      email: 'bids@alder.example.org',
      identifier: { scheme: 'GB-PPON', id: 'PABC-1234-DEFG' },
      sme: true,
      vcse: false,
      shelteredWorkshop: false,
      publicServiceMissionOrganization: false,
    };
    const checked = withDetails(full);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.bids[0]!.details, full);
    assert.deepEqual(missingDetails(checked.value.bids[0]!.details!), []);
  });

  it('names the field of a bad scheme, a bad email, a flag that is not true or false, and an unknown field', () => {
    const checked = withDetails({ identifier: { scheme: 'GB-XYZ', id: '1' }, email: 'nope', sme: 'yes', charity: true });
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    const paths = checked.problems.map((p) => p.path);
    for (const path of ['bids[0].details.identifier.scheme', 'bids[0].details.email', 'bids[0].details.sme']) assert.ok(paths.includes(path), `${path} in ${paths.join(' | ')}`);
    assert.match(checked.problems.find((p) => p.path === 'bids[0].details.identifier.scheme')!.message, /GB-COH, GB-CHC, GB-SC, GB-NIC, GB-PPON/);
    assert.ok(checked.problems.some((p) => /charity/.test(p.message) || /charity/.test(p.path)), JSON.stringify(checked.problems));
  });

  it('lists what the notice still needs, in words', () => {
    assert.deepEqual(missingDetails({ legalName: 'X', identifier: { scheme: 'GB-COH', id: '01234567' }, sme: false, vcse: false, shelteredWorkshop: false, publicServiceMissionOrganization: true }), [
      'street address',
      'town or city',
      'postcode',
      'country',
      'email',
    ]);
    assert.equal(missingDetails(null).length, 11);
  });
});
