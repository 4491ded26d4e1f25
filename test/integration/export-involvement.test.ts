// The workbook's "Panel and involvement" sheet carries what issue 4 records: conflicts declared,
// time (scoring, reading, meetings), expenses and the amount due at the tender's hourly rate.
import assert from 'node:assert/strict';
import type request from 'supertest';
import { panelActor, staffActor } from '../../src/services/actors';
import { declareConflicts } from '../../src/services/scoring/conflicts';
import { recordInvolvement, setHourlyRate } from '../../src/services/involvement';
import { scorerFor } from '../../src/services/scoring/scorer';
import { tenderRepository } from '../../src/data/tender-repository';
import { readWorkbook, tableOf } from '../helpers/export-workbooks';
import { SC, scoringTender } from '../helpers/scoring';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../helpers/web';

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('export: panel involvement in the workbook', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await scoringTender(t);
    const tender = (await tenderRepository.findByReference(t.db, SC))!;
    const member = async (key: string) => (await t.db.selectFrom('panel_members').select('id').where('tender_id', '=', tender.id).where('key', '=', key).executeTakeFirstOrThrow()).id;
    const m2 = (await scorerFor(t.db, await panelActor(t.db, await member('m2')), undefined))!;
    const declared = await declareConflicts(t.db, m2, { anyConflict: true, organisations: ['A'] }, t.clock.now);
    assert.ok(declared.ok);
    const m3 = (await scorerFor(t.db, await panelActor(t.db, await member('m3')), undefined))!;
    await declareConflicts(t.db, m3, { anyConflict: false, organisations: [] }, t.clock.now);
    await recordInvolvement(t.db, m3, { kind: 'reading', onDate: '2026-11-20', note: 'Reading the bids', minutes: 200, amount: null }, t.clock.now);
    await recordInvolvement(t.db, m3, { kind: 'travel', onDate: '2026-11-20', note: 'Bus', amount: '12.40', minutes: null }, t.clock.now);
    const m1 = (await scorerFor(t.db, await panelActor(t.db, await member('m1')), undefined))!;
    await recordInvolvement(t.db, m1, { kind: 'meeting', onDate: '2026-11-20', note: '', minutes: 200, amount: null }, t.clock.now);
    await recordInvolvement(t.db, m1, { kind: 'travel', onDate: '2026-11-20', note: 'Bus', amount: '12.40', minutes: null }, t.clock.now);
    const owner = await staffActor(t.db, (await t.db.selectFrom('users').select('id').where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow()).id);
    const rate = await setHourlyRate(t.db, owner, tender, '12.60', t.clock.now);
    assert.ok(rate.changed);
  });
  after(() => t.close());

  it('shows each member’s conflicts, hours, expenses and amount due in procurement’s copy', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.procurement.email);
    const res = await agent.get(`/tenders/${SC}/results/workbook.xlsx`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    const sheet = (await readWorkbook(res.body as Buffer)).getWorksheet('Panel and involvement')!;
    const rows = new Map(tableOf(sheet, 'Member').map((r) => [r.get('Member'), r]));
    assert.equal(rows.get('m1')!.get('Conflicts declared'), 'Not declared yet');
    assert.equal(rows.get('m2')!.get('Conflicts declared'), 'Bid A');
    assert.equal(rows.get('m3')!.get('Conflicts declared'), 'None');
    // m1 (lived experience): 3 h 20 min at £12.60 = £42.00, plus £12.40 of travel.
    assert.ok(Math.abs(Number(rows.get('m1')!.get('Time (hours)')) - 200 / 60) < 1e-9);
    assert.equal(rows.get('m1')!.get('Expenses (£)'), 12.4);
    assert.equal(rows.get('m1')!.get('Amount due (£)'), 54.4);
    // m3 is a professional: the same time and travel, recorded, but nothing is due here (as the claims pages say).
    assert.ok(Math.abs(Number(rows.get('m3')!.get('Time (hours)')) - 200 / 60) < 1e-9);
    assert.equal(rows.get('m3')!.get('Expenses (£)'), 12.4);
    assert.equal(rows.get('m3')!.get('Amount due (£)'), 0);
    // Where each member's payment claim stands: professionals are not paid; m1 has not chosen or claimed.
    assert.equal(rows.get('m1')!.get('Payment claim'), 'Not claimed; no choice made yet');
    assert.equal(rows.get('m3')!.get('Payment claim'), 'Not paid (professional)');
    assert.doesNotMatch(JSON.stringify([...sheet.getSheetValues()]), /not recorded by this version/);
  });
});
