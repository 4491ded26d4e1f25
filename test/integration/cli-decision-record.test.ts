// `decision-record <reference> --out FILE`: the Provider Selection Regime decision record as one
// self-contained HTML file; exit 1, writing nothing, naming what is missing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import ExcelJS from 'exceljs';
import { openDatabase, type Db } from '../../src/data/database';
import { tenderRepository } from '../../src/data/tender-repository';
import { saveBidDetails } from '../../src/services/bid-details';
import { saveProviderSelection } from '../../src/services/provider-selection/provider-selection';
import { cli } from '../helpers/cli';
import { addPsrTender, PSR_REF } from '../helpers/psr';
import { useTempDatabase } from '../helpers/temp-db';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

describe('cli: decision-record', () => {
  const temp = useTempDatabase('all');
  // In a describe of its own, so the database closes before the folder is removed.
  describe('for a PSR tender', () => {
  let db: Db;
  const now = new Date('2027-03-02T10:00:00Z');
  before(async () => {
    assert.equal((await cli(['user', 'add', '--email', ACCOUNTS.owner.email, '--name', 'Ama Boateng', '--role', 'commissioner'], PASSWORD)).code, 0);
    db = await openDatabase(temp.url);
    await addPsrTender(db, now);
  });
  after(() => db.destroy());

  async function record(fields: { decisionMakers: string | null; reasons: string | null; basicSelection: string | null; note: string | null }): Promise<void> {
    const tender = (await tenderRepository.findByReference(db, PSR_REF))!;
    const user = await db.selectFrom('users').selectAll().where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow();
    const saved = await saveProviderSelection(db, { kind: 'staff', id: user.id, email: user.email, name: user.name, role: 'commissioner' }, tender, { process: 'competitive', ...fields, otherInterests: null, conflictNotes: { 'm3:A': fields.note } }, now);
    assert.equal(saved.ok, true);
  }

  it('refuses a tender not marked as bought under the regime, and a record with something missing, writing nothing', async () => {
    const out = path.join(temp.dir, 'record.html');
    let run = await cli(['decision-record', PSR_REF, '--out', out]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [`Tender ${PSR_REF} is not marked as bought under the Provider Selection Regime: a commissioner marks it on its "Provider selection" page.`, 'No record was written.']);
    await record({ decisionMakers: 'Dr Ama Boateng', reasons: null, basicSelection: null, note: null });
    run = await cli(['decision-record', PSR_REF, '--out', out]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      'The record lacks: The legal name of the provider awarded the contract (bid B, Beacon Minds CIC): record it in the bid’s details.',
      'The record lacks: The address of the registered office or principal place of business of the provider awarded the contract (bid B, Beacon Minds CIC): its street address, town or city and postcode are not recorded in the bid’s details.',
      'The record lacks: The reasons for the decision, in your words.',
      'The record lacks: How the basic selection criteria were assessed.',
      'The record lacks: How Tom Reid’s conflict with bid A was managed.',
      'No record was written.',
    ]);
    // Regulation 24(c): the awarded provider's legal name and address, from its bid's details.
    await record({ decisionMakers: 'Dr Ama Boateng', reasons: 'Best on quality and value.', basicSelection: 'All passed, checked by procurement.', note: 'Tom left the meeting.' });
    run = await cli(['decision-record', PSR_REF, '--out', out]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      'The record lacks: The legal name of the provider awarded the contract (bid B, Beacon Minds CIC): record it in the bid’s details.',
      'The record lacks: The address of the registered office or principal place of business of the provider awarded the contract (bid B, Beacon Minds CIC): its street address, town or city and postcode are not recorded in the bid’s details.',
      'No record was written.',
    ]);
    assert.equal(existsSync(out), false);
    assert.equal((await cli(['decision-record', 'NO-SUCH', '--out', out])).err[0], 'There is no tender with the reference "NO-SUCH".');
  });

  it('writes the complete record as one HTML file with every declared conflict', async () => {
    await record({ decisionMakers: 'Dr Ama Boateng, Director of Commissioning', reasons: 'Best on quality and value.', basicSelection: 'All passed, checked by procurement.', note: 'Tom left the meeting.' });
    const tender = (await tenderRepository.findByReference(db, PSR_REF))!;
    const user = await db.selectFrom('users').selectAll().where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow();
    const details = { legalName: 'Beacon Minds Community Interest Company', address: { streetAddress: '12 Park Row', locality: 'Leeds', postalCode: 'LS1 4AP' } };
    assert.equal((await saveBidDetails(db, { kind: 'staff', id: user.id, email: user.email, name: user.name, role: 'commissioner' }, tender, 'B', details, now)).saved, true);
    const out = path.join(temp.dir, 'complete.html');
    const run = await cli(['decision-record', PSR_REF, '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.out, [`Wrote the decision record for ${PSR_REF} (award to bid B, Beacon Minds CIC) to ${out}.`]);
    const $ = load(readFileSync(out, 'utf8'));
    assert.equal($('link[rel="stylesheet"], script').length, 0, 'self-contained');
    assert.equal($('.app-tender-nav').length, 0);
    const conflicts = $('article h3').map((_, el) => $(el).text()).get().filter((h) => h.includes(' and bid '));
    assert.deepEqual(conflicts, [
      'Priya Shah (m2, professional) and bid B: Beacon Minds CIC',
      'Tom Reid (m3, professional) and bid A: Ash Tree Recovery',
      'Tom Reid (m3, professional) and bid C: Cobalt Health Ltd',
      'Jo Marsh (m5, professional) and bid C: Cobalt Health Ltd',
    ]);
    assert.match($('article').text(), /Who made the decision\s*Dr Ama Boateng, Director of Commissioning/);
    assert.match($('article').text(), /Provider’s legal name\s*Beacon Minds Community Interest Company\s*Registered office or principal place of business\s*12 Park Row, Leeds, LS1 4AP\s/);
  });

  it('puts the record in the workbook (procurement copy), one row per declared conflict', async () => {
    const out = path.join(temp.dir, 'psr.xlsx');
    assert.equal((await cli(['export', PSR_REF, '--out', out])).code, 0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('Decision record')!;
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String).join(' | ')));
    assert.ok(rows.includes('Process followed | Competitive Process (regulation 11)'));
    assert.ok(rows.includes('Provider’s legal name | Beacon Minds Community Interest Company'), rows.join('\n'));
    assert.ok(rows.includes('Registered office or principal place of business | 12 Park Row, Leeds, LS1 4AP'), rows.join('\n'));
    assert.ok(rows.includes('Still to record | Nothing'), rows.join('\n'));
    const conflicts = rows.filter((r) => / \| (professional|lived experience) \| [A-C] \| /.test(r));
    assert.deepEqual(conflicts.map((r) => r.split(' | ').slice(0, 3).join(' ')), ['Priya Shah (m2) professional B', 'Tom Reid (m3) professional A', 'Tom Reid (m3) professional C', 'Jo Marsh (m5) — Withdrew from the panel on 2 March 2027: Started a new job with one of the bidders professional C']);
    assert.ok(rows.some((r) => r.startsWith('B: Beacon Minds CIC | 33.60 | 23.07 | 9.60 | 9.60 | 4.80 | 80.67 | 1')), rows.join('\n'));
    // The panel's copy has no prices, so no record.
    const panelOut = path.join(temp.dir, 'panel.xlsx');
    assert.equal((await cli(['export', PSR_REF, '--out', panelOut, '--panel'])).code, 0);
    const panel = new ExcelJS.Workbook();
    await panel.xlsx.readFile(panelOut);
    assert.equal(panel.getWorksheet('Decision record'), undefined);
  });
});
});
