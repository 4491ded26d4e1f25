// `notice <reference> --out FILE`: the contract award notice as an OCDS 1.1 release package. The
// demo tender, finalised with its bidders' details, gives a notice that passes the merged OCDS
// schema (core, lots, award criteria, bid, UK), its codelists and the UK's supplier identifier
// rule; a broken one fails naming the field; the command says what is missing, exit 1.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { openDatabase } from '../../src/data/database';
import { tenderRepository } from '../../src/data/tender-repository';
import type { Actor } from '../../src/services/actors';
import { recordSummarySent } from '../../src/services/summaries/sent';
import { ukToday } from '../../src/services/uk-dates';
import { cli, importPack } from '../helpers/cli';
import { noticeProblems } from '../helpers/ocds';
import { finalisedDemo } from '../helpers/packs';
import { REPO_ROOT } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

const DEMO = 'DEMO-HC-2026';
const BUYER = {
  BUYER_NAME: 'Northfield Council',
  BUYER_ID: 'PABC-1234-DEFG',
  BUYER_STREET_ADDRESS: 'Town Hall, 1 High Street',
  BUYER_LOCALITY: 'Northfield',
  BUYER_POSTCODE: 'NF1 1AA',
  OCID_PREFIX: 'ocds-abc123',
};
type Doc = Record<string, unknown> & { tender: Record<string, unknown>; bids: Record<string, unknown>[] };

describe('cli: notice', () => {
  const temp = useTempDatabase();
  const setBuyer = (on: boolean) => {
    for (const [name, value] of Object.entries(BUYER)) {
      if (on) process.env[name] = value;
      else Reflect.deleteProperty(process.env, name);
    }
  };
  afterEach(() => setBuyer(false));

  /** The demo pack, changed, written to the temp folder and imported. */
  async function demo(change: (pack: Doc) => void): Promise<void> {
    const pack = parse(readFileSync(path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml'), 'utf8')) as Doc;
    change(pack);
    const file = path.join(temp.dir, 'demo.yaml');
    writeFileSync(file, stringify(pack));
    await importPack(file);
  }
  const finalised = (pack: Doc) => {
    finalisedDemo(pack);
  };

  it('writes the demo tender’s notice, which passes the merged OCDS schema, its codelists and the UK rules', async () => {
    await demo(finalised);
    setBuyer(true);
    const out = path.join(temp.dir, 'notice.json');
    // The summaries were sent today, the day the command line finalised the demo (a sent day cannot be still to come).
    const today = ukToday(new Date());
    const run = await cli(['notice', DEMO, '--out', out, '--published', '2026-12-22', '--summaries-sent', today]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /winner: bid A, Kestrel Lane Home Support Ltd/);
    assert.match(run.stdout, /ending 2027-01-06; the contract can be entered into from 2027-01-07\. This is a light-touch contract, so the standstill is voluntary\./);
    const notice = JSON.parse(readFileSync(out, 'utf8')) as { releases: Record<string, unknown>[] };
    assert.deepEqual(noticeProblems(notice), []);
    const release = notice.releases[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(release['ocid'], 'ocds-abc123-DEMO-HC-2026');
    assert.deepEqual(release['tender'].specialRegime, ['lightTouch']);
    const criteria = release['tender'].lots[0].awardCriteria.criteria as { type: string; name: string; numbers: { number: number }[] }[];
    assert.equal(criteria.reduce((sum, c) => sum + c.numbers[0]!.number, 0), 100);
    assert.equal(criteria.at(-1)!.type, 'price');
    const award = release['awards'][0];
    assert.deepEqual(award.value, { amount: 2080000, currency: 'GBP' });
    assert.deepEqual(award.standstillPeriod, { startDate: '2026-12-22T00:00:00+00:00', endDate: '2027-01-06T23:59:59+00:00' });
    assert.match(award.assessmentSummariesDateSent, new RegExp(`^${today}T00:00:00\\+0[01]:00$`));
    const supplier = release['parties'].find((p: { roles: string[] }) => p.roles.includes('supplier'));
    assert.deepEqual(supplier.identifier, { scheme: 'GB-COH', id: '10000001', legalName: 'Kestrel Lane Home Support Ltd' });
    assert.deepEqual(supplier.details, { scale: 'sme', vcse: false, shelteredWorkshop: false, publicServiceMissionOrganization: false });
    assert.deepEqual(award.suppliers, [{ id: supplier.id, name: 'Kestrel Lane Home Support Ltd' }]);

    // Broken copies fail, naming the field.
    const noIdentifier = structuredClone(notice);
    delete (noIdentifier.releases[0] as Record<string, any>)['parties'][1].identifier; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(noticeProblems(noIdentifier), ['releases[0].parties[1].identifier: a supplier needs an identifier with a scheme and an id']);
    const badCodes = structuredClone(notice);
    const badRelease = badCodes.releases[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    badRelease['parties'][1].roles = ['winner'];
    badRelease['tender'].lots[0].awardCriteria.criteria[0].type = 'niceness';
    badRelease['awards'][0].value.currency = 'GBX';
    badRelease['awards'][0].status = 'done';
    const problems = noticeProblems(badCodes);
    assert.ok(problems.includes('releases[0].parties[1].roles[0]: "winner" is not in the partyRole.csv codelist'), problems.join('\n'));
    assert.ok(problems.includes('releases[0].tender.lots[0].awardCriteria.criteria[0].type: "niceness" is not in the awardCriterionType.csv codelist'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('releases[0].awards[0].value.currency')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('releases[0].awards[0].status')), problems.join('\n'));
  });

  it('leaves the standstill period out when a light-touch contract observes no voluntary standstill, and refuses that for any other', async () => {
    await demo(finalised);
    setBuyer(true);
    const out = path.join(temp.dir, 'none.json');
    const run = await cli(['notice', DEMO, '--out', out, '--published', '2026-12-22', '--voluntary-standstill', 'no']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /No standstill: this is a light-touch contract and no voluntary standstill is observed, so the notice has no standstillPeriod\./);
    const notice = JSON.parse(readFileSync(out, 'utf8')) as { releases: { awards: Record<string, unknown>[] }[] };
    assert.equal('standstillPeriod' in notice.releases[0]!.awards[0]!, false);
    assert.deepEqual(noticeProblems(notice), []);
    const bad = await cli(['notice', DEMO, '--out', out, '--voluntary-standstill', 'maybe']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--voluntary-standstill must be yes or no/);

    await demo((pack) => {
      finalised(pack);
      Object.assign(pack.tender, { reference: 'NOT-LIGHT', lightTouch: false });
    });
    const refused = await cli(['notice', 'NOT-LIGHT', '--out', path.join(temp.dir, 'refused.json'), '--published', '2026-12-22', '--voluntary-standstill', 'no']);
    assert.equal(refused.code, 1);
    assert.deepEqual(refused.err, [`Tender NOT-LIGHT is not a light-touch contract, so the standstill of 8 working days is not voluntary: it cannot be left out of the notice.`, 'No notice was written.']);
    const required = await cli(['notice', 'NOT-LIGHT', '--out', out, '--published', '2026-12-22']);
    assert.equal(required.code, 0, required.stderr);
    assert.match(required.stdout, /ending 2027-01-06; the contract can be entered into from 2027-01-07\.$/m);
  });

  it('refuses a tender that is not finalised, naming its state and the buyer settings missing, writing nothing', async () => {
    await demo(() => undefined);
    const out = path.join(temp.dir, 'notice.json');
    const run = await cli(['notice', DEMO, '--out', out]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      'Tender DEMO-HC-2026 is not finalised (it is at scoring); the award notice is written once the evaluation is finalised.',
      'The buyer is not configured: set BUYER_NAME, BUYER_ID, BUYER_STREET_ADDRESS, BUYER_LOCALITY, BUYER_POSTCODE, OCID_PREFIX (see .env.example).',
      'No notice was written.',
    ]);
    assert.equal(existsSync(out), false);
  });

  it('names the winner’s missing details, field by field', async () => {
    await demo((pack) => {
      finalised(pack);
      const details = pack.bids[0]!['details'] as Record<string, unknown>;
      delete details['identifier'];
      delete details['email'];
      delete details['sme'];
    });
    setBuyer(true);
    const out = path.join(temp.dir, 'notice.json');
    const run = await cli(['notice', DEMO, '--out', out]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, ["The winner's details are incomplete (bid A): email, identifier (scheme and number), whether it is an SME.", 'No notice was written.']);
    assert.equal(existsSync(out), false);
  });

  it('takes assessmentSummariesDateSent from the sent days recorded on the summaries, once every bid has one', async () => {
    await demo(finalised);
    setBuyer(true);
    const out = path.join(temp.dir, 'notice.json');
    const awarded = async () => ((JSON.parse(readFileSync(out, 'utf8')) as { releases: { awards: Record<string, unknown>[] }[] }).releases[0]!.awards[0]!);
    const before = await cli(['notice', DEMO, '--out', out, '--published', '2030-01-10']);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /no assessmentSummariesDateSent: the summaries of bids A, B, C, D, E have no sent day recorded/);
    assert.equal((await awarded())['assessmentSummariesDateSent'], undefined);

    const db = await openDatabase(temp.url);
    try {
      const tender = (await tenderRepository.findByReference(db, DEMO))!;
      const commissioner: Actor = { kind: 'staff', id: 1, email: 'c@council.gov.uk', name: 'C', role: 'commissioner' };
      const now = new Date();
      const today = ukToday(now);
      for (const key of ['A', 'B', 'C', 'D']) assert.equal((await recordSummarySent(db, commissioner, tender, key, today, now)).ok, true);
      const partly = await cli(['notice', DEMO, '--out', out, '--published', '2030-01-10']);
      assert.match(partly.stdout, /the summaries of bid E have no sent day recorded/);
      // A day given cannot say every summary was sent while bid E's has no sent day.
      const claimed = await cli(['notice', DEMO, '--out', out, '--published', '2030-01-10', '--summaries-sent', today]);
      assert.equal(claimed.code, 1);
      assert.deepEqual(claimed.err, [`The day the summaries were sent, ${today}, does not agree with the sent days recorded on the summaries: the summaries of bid E have no sent day recorded; record the sent day on each summary, or leave this day out to use the recorded days.`, 'No notice was written.']);
      assert.equal((await recordSummarySent(db, commissioner, tender, 'E', today, now)).ok, true);
      const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const early = await cli(['notice', DEMO, '--out', out, '--published', '2030-01-10', '--summaries-sent', yesterday]);
      assert.equal(early.code, 1);
      assert.match(early.stderr, new RegExp(`The day the summaries were sent, ${yesterday}, does not agree with the sent days recorded on the summaries: the summaries of bids A, B, C, D and E are recorded as sent after it \\(the last on ${today}\\)`));
    } finally {
      await db.destroy();
    }
    const after = await cli(['notice', DEMO, '--out', out, '--published', '2030-01-10']);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /assessmentSummariesDateSent is \d{4}-\d{2}-\d{2}, the last of the sent days recorded on the summaries\./);
    assert.match(String((await awarded())['assessmentSummariesDateSent']), new RegExp(`^${ukToday(new Date())}T00:00:00\\+0[01]:00$`));
  });

  it('tells apart two criteria a rubric words alike, as OCDS needs its award criteria to differ', async () => {
    await demo((pack) => {
      finalisedDemo(pack);
      // The published rubric, inline, with its second criterion worded as its first (both weigh 10).
      const rubric = parse(readFileSync(path.join(REPO_ROOT, 'rubrics', 'home-care-outcomes.yaml'), 'utf8')) as { sections: { criteria: Record<string, unknown>[] }[] };
      const [first, second] = rubric.sections[0]!.criteria as [Record<string, unknown>, Record<string, unknown>];
      Object.assign(second, { title: first['title'], outcome: first['outcome'] });
      pack.tender['rubric'] = rubric;
    });
    setBuyer(true);
    const out = path.join(temp.dir, 'alike.json');
    const run = await cli(['notice', DEMO, '--out', out, '--published', '2026-12-22', '--summaries-sent', ukToday(new Date())]);
    assert.equal(run.code, 0, run.stderr);
    const notice = JSON.parse(readFileSync(out, 'utf8')) as { releases: Record<string, any>[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(noticeProblems(notice), []);
    const criteria = notice.releases[0]!['tender'].lots[0].awardCriteria.criteria as { name: string; description: string }[];
    assert.deepEqual(
      criteria.slice(0, 2).map((c) => c.description),
      [`${criteria[0]!.description.replace(/ \(criterion independence\)$/, '')} (criterion independence)`, `${criteria[0]!.description.replace(/ \(criterion independence\)$/, '')} (criterion continuity-and-reliability)`],
    );
  });

  it('answers an unknown tender, a bad day and a missing --out in words', async () => {
    await demo(finalised);
    setBuyer(true);
    const unknown = await cli(['notice', 'NOPE', '--out', path.join(temp.dir, 'x.json')]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /There is no tender with the reference "NOPE"\./);
    const badDay = await cli(['notice', DEMO, '--out', path.join(temp.dir, 'x.json'), '--published', '2027-02-29']);
    assert.equal(badDay.code, 1);
    assert.match(badDay.stderr, /The publication day "2027-02-29" is not a real day written YYYY-MM-DD/);
    // A day past the year 9999 once the standstill is counted crashed with a RangeError and a stack trace.
    const farOff = await cli(['notice', DEMO, '--out', path.join(temp.dir, 'x.json'), '--published', '9999-12-28']);
    assert.equal(farOff.code, 1);
    const today = ukToday(new Date());
    assert.match(farOff.err[0]!, new RegExp(`^The publication day, 9999-12-28, is more than 5 years from today \\(${today}\\); expected a day from \\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}\\.$`));
    assert.doesNotMatch(farOff.stderr, /RangeError|\n\s+at /);
    assert.equal(existsSync(path.join(temp.dir, 'x.json')), false);
    const noOut = await cli(['notice', DEMO]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /notice needs --out FILE/);
  });

  it('refuses days out of the order the Act sets: finalised, then summaries sent, then the notice published', async () => {
    await demo(finalised);
    setBuyer(true);
    const out = path.join(temp.dir, 'order.json');
    // The command line finalised the demo today (UK time).
    const today = ukToday(new Date());
    const day = (offset: number) => new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const early = await cli(['notice', DEMO, '--out', out, '--published', day(-3), '--summaries-sent', day(-3)]);
    assert.equal(early.code, 1);
    assert.match(early.stderr, new RegExp(`The publication day ${day(-3)} is before the evaluation was finalised \\(${today}\\); expected that day or later`));
    assert.match(early.stderr, new RegExp(`The day the summaries were sent, ${day(-3)}, is before the evaluation was finalised \\(${today}\\)`));
    // The reviewer's case: summaries "sent" on a day still to come, the day before publication.
    const future = await cli(['notice', DEMO, '--out', out, '--published', day(15), '--summaries-sent', day(14)]);
    assert.equal(future.code, 1);
    assert.deepEqual(future.err, [`The day the summaries were sent, ${day(14)}, is after today (${today}); the summaries must have been sent before the notice is made, so give the day they were sent.`, 'No notice was written.']);
    const late = await cli(['notice', DEMO, '--out', out, '--published', day(-1), '--summaries-sent', day(0)]);
    assert.equal(late.code, 1);
    assert.match(late.stderr, new RegExp(`The assessment summaries were sent on ${day(0)}, after the publication day ${day(-1)}; each bidder must have their summary before the notice is published`));
    assert.ok(!existsSync(out), 'nothing written');
    const sameDay = await cli(['notice', DEMO, '--out', out, '--published', day(0), '--summaries-sent', day(0)]);
    assert.equal(sameDay.code, 0, sameDay.stderr);
  });
});
