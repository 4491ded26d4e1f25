// `notice` for a tender bought under the Provider Selection Regime: health care services bought
// under the regime are outside the Procurement Act 2023, so the command writes no Procurement Act
// award notice and says, on one line, that the regime's notices go on the Central Digital Platform.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { openDatabase } from '../../src/data/database';
import { providerSelectionRepository } from '../../src/data/provider-selection-repository';
import { tenderRepository } from '../../src/data/tender-repository';
import type { PsrProcess } from '../../src/services/provider-selection/provider-selection';
import { cli, importPack } from '../helpers/cli';
import { PACKS_DIR } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

const REF = 'PSR-HALF-01';
const BUYER = {
  BUYER_NAME: 'Northfield Council',
  BUYER_ID: 'PABC-1234-DEFG',
  BUYER_STREET_ADDRESS: 'Town Hall, 1 High Street',
  BUYER_LOCALITY: 'Northfield',
  BUYER_POSTCODE: 'NF1 1AA',
  OCID_PREFIX: 'ocds-abc123',
};
const DETAILS = {
  legalName: 'Ash Tree Recovery Ltd',
  identifier: { scheme: 'GB-COH', id: '07654321' },
  address: { streetAddress: '1 Ash Rd', locality: 'Leeds', postalCode: 'LS1 1AA', countryName: 'United Kingdom' },
  email: 'bids@ash.example',
  sme: true,
  vcse: false,
  shelteredWorkshop: false,
  publicServiceMissionOrganization: false,
};

describe('cli: notice for a tender bought under the Provider Selection Regime', () => {
  const temp = useTempDatabase();
  before(() => Object.assign(process.env, BUYER));
  after(() => Object.keys(BUYER).forEach((name) => Reflect.deleteProperty(process.env, name)));

  /** The PSR rounding pack, finalised, its winner (bid A) with every detail the notice needs. */
  async function importFinalisedPsr(): Promise<void> {
    const pack = parse(readFileSync(path.join(PACKS_DIR, 'rounding-psr.yaml'), 'utf8')) as { tender: Record<string, unknown>; bids: Record<string, unknown>[] };
    pack.tender['state'] = 'finalised';
    pack.bids.find((b) => b['key'] === 'A')!['details'] = DETAILS;
    const file = path.join(temp.dir, 'psr.yaml');
    writeFileSync(file, stringify(pack));
    await importPack(file);
  }

  async function mark(process: PsrProcess): Promise<void> {
    const db = await openDatabase(temp.url);
    try {
      const tender = (await tenderRepository.findByReference(db, REF))!;
      await providerSelectionRepository.save(db, { tender_id: tender.id, process, decision_makers: null, basic_selection: null, reasons: null, other_interests: null, recorded_by: 'test', recorded_at: new Date().toISOString() });
    } finally {
      await db.destroy();
    }
  }

  it('writes the notice while the tender is not marked, and refuses it on one line once it is marked (Competitive Process)', async () => {
    await importFinalisedPsr();
    const out = path.join(temp.dir, 'notice.json');
    const unmarked = await cli(['notice', REF, '--out', out, '--published', '2026-12-07']);
    assert.equal(unmarked.code, 0, unmarked.stderr);

    await mark('competitive');
    const refused = path.join(temp.dir, 'refused.json');
    const run = await cli(['notice', REF, '--out', refused, '--published', '2026-12-07']);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      `Tender ${REF} is bought under the Provider Selection Regime (the Competitive Process), which is outside the Procurement Act 2023, so the toolkit makes no Procurement Act contract award notice for it: publish the regime’s notices (the notice of intention to award and, after the standstill, the notice confirming the award) on the Central Digital Platform; no notice was written.`,
    ]);
    assert.deepEqual(run.out, []);
    assert.equal(existsSync(refused), false);
  });

  it('names only the notice confirming the award for Direct Award Process A, which has no notice of intention', async () => {
    await importFinalisedPsr();
    await mark('direct-award-a');
    const run = await cli(['notice', REF, '--out', path.join(temp.dir, 'a.json')]);
    assert.equal(run.code, 1);
    assert.equal(run.err.length, 1);
    assert.match(run.err[0]!, /\(Direct Award Process A\).*publish the regime’s notices \(the notice confirming the award\) on the Central Digital Platform; no notice was written\.$/);
  });
});
