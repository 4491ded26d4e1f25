// The Provider Selection Regime: marking a tender as bought under it, and the decision record made
// from the evaluation already recorded (every declared conflict with how it was managed, the key
// criteria and their weights, how each bid was assessed, the reasons, who decided).
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { addPsrTender, PSR_REF } from '../../helpers/psr';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

const RECORD = `/tenders/${PSR_REF}/provider-selection`;
const EDIT = `${RECORD}/edit`;

/** The page's words, each element's text apart from the next (table cells too). */
const text = (html: string, selector = 'main') => load(html.replace(/</g, ' <'))(selector).text().replace(/\s+/g, ' ');

async function save(agent: request.Agent, form: Form, url = EDIT): Promise<request.Response> {
  const token = await csrfToken(agent, url);
  return agent.post(url).type('form').send(encode({ _csrf: token, ...form }));
}

/** The notes' hidden fields as the edit page carries them: "m3:A" → its place on the page. */
async function notePlaces(agent: request.Agent): Promise<Map<string, number>> {
  const $ = load((await agent.get(EDIT)).text);
  const places = new Map<string, number>();
  $('input[name^="noteFor-"]').each((_, el) => void places.set(String($(el).val()), Number(String($(el).attr('name')).slice('noteFor-'.length))));
  return places;
}

describe('web: the Provider Selection Regime decision record', () => {
  let t: TestApp;
  let owner: request.Agent;
  before(async () => {
    t = await testApp();
    await addPsrTender(t.db, t.clock.now);
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(() => t.close());

  it('says a tender is not under the regime until the commissioner marks it', async () => {
    const page = await owner.get(RECORD);
    assert.equal(page.status, 200);
    assert.match(text(page.text), /is not marked as bought under the Health Care Services \(Provider Selection Regime\) Regulations 2023/);
    assert.match(text(page.text), /Mark as bought under the Provider Selection Regime/);
  });

  it('lists every declared conflict, the withdrawn member’s too, with how each was managed', async () => {
    const places = await notePlaces(owner);
    assert.deepEqual([...places.keys()], ['m2:B', 'm3:A', 'm3:C', 'm5:C']);
    const form: Form = { process: 'competitive', decisionMakers: 'Dr Ama Boateng, Director of Commissioning\nICB Contracts Committee, 2 March 2027' };
    for (const [key, n] of places) form[`noteFor-${n}`] = key;
    form[`note-${places.get('m3:A')!}`] = 'Tom left the meeting before bid A was discussed again; the consensus was re-checked without him.';
    const saved = await save(owner, form);
    assert.equal(saved.status, 303);

    const page = text((await owner.get(RECORD)).text);
    for (const heading of [
      'Priya Shah (m2, professional) and bid B: Beacon Minds CIC',
      'Tom Reid (m3, professional) and bid A: Ash Tree Recovery',
      'Tom Reid (m3, professional) and bid C: Cobalt Health Ltd',
      'Jo Marsh (m5, professional) and bid C: Cobalt Health Ltd',
    ]) {
      assert.ok(page.includes(heading), `the record lists ${heading}`);
    }
    const $ = load((await owner.get(RECORD)).text);
    assert.equal($('article h3.govuk-heading-s').filter((_, el) => / and bid /.test($(el).text())).length, 4, 'four conflicts, no more');
    // What the toolkit did, for each one; the withdrawal for Jo's.
    assert.equal((page.match(/was taken off [^’]+’s list when they declared it/g) ?? []).length, 4);
    assert.match(page, /Withdrew from the panel on 23 November 2026: Started a new job with one of the bidders\./);
    assert.match(page, /Jo Marsh later left the panel; none of their scores count in the results\./);
    // Tom attended moderation of bid A: flagged, and his note says how it was managed.
    assert.match(page, /Tom Reid is recorded as attending the moderation of this bid \(co-production\)\. Say how this was managed\./);
    assert.match(page, /How it was managed, as the commissioner recorded: Tom left the meeting before bid A was discussed again/);
    // Sam never answered; Ade declared none.
    assert.match(page, /Made no declaration: Sam Okafor \(m1\)\./);
    assert.match(page, /Ade Bello \(m4\) lived experience On the panel Declared no conflict \(23 November 2026\)/);

    const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'provider-selection.recorded').executeTakeFirstOrThrow();
    const detail = JSON.parse(event.detail) as { new: { process: string }; conflictNotes: Record<string, { new: string }> };
    assert.equal(detail.new.process, 'competitive');
    assert.deepEqual(Object.keys(detail.conflictNotes), ['m3:A']);
  });

  it('records the process, the key criteria with their weights, each bid’s points on them, the reasons and what is still missing', async () => {
    let page = text((await owner.get(RECORD)).text);
    assert.match(page, /Process followed Competitive Process \(regulation 11\)/);
    assert.match(page, /Decision Award to bid B: Beacon Minds CIC/);
    assert.match(page, /Evaluation Finalised on 23 November 2026 by Test owner \(commissioner\)/);
    assert.match(page, /Who made the decision Dr Ama Boateng, Director of Commissioning ICB Contracts Committee, 2 March 2027/);
    // Relative importance: quality and innovation 42, value 28 (price 20 of it), integration 12, access 12, social value 6.
    assert.match(page, /Quality and innovation 42 Recovery and living well \(14\); Safe and effective support \(10\); Designing, delivering and reviewing the service together \(12\); Learning and new ways of working \(6\)/);
    assert.match(page, /Value 28 Making the most of the money \(8\); Price \(20\)/);
    assert.match(page, /Integration, collaboration and service sustainability 12/);
    assert.match(page, /Improving access, reducing health inequalities and facilitating choice 12/);
    assert.match(page, /Social value 6/);
    // B scored 4 of 5 throughout: 33.60, 6.40 + 20 × 200000/240000 = 23.07, 9.60, 9.60, 4.80; total 80.67.
    assert.match(page, /B: Beacon Minds CIC 33\.60 23\.07 9\.60 9\.60 4\.80 80\.67 1/);
    // A scored 3 throughout and has the lowest eligible price: 25.20, 4.80 + 20, 7.20, 7.20, 3.60; 68.00.
    assert.match(page, /A: Ash Tree Recovery 25\.20 24\.80 7\.20 7\.20 3\.60 68\.00 2/);
    // C scored 2: below the quality pass mark (60% of the quality points), so no price points and no rank.
    assert.match(page, /C: Cobalt Health Ltd 16\.80 3\.20 4\.80 4\.80 2\.40 None Not ranked: /);
    assert.match(page, /Bid B \(Beacon Minds CIC\) was ranked first with 80\.67 points out of 100 \(quality 64\.00, price 16\.67\)\./);
    assert.match(page, /Bid C \(Cobalt Health Ltd\) was not eligible: /);
    assert.match(page, /Still to record The legal name of the provider awarded the contract \(bid B, Beacon Minds CIC\): record it in the bid’s details The address of the registered office or principal place of business of the provider awarded the contract \(bid B, Beacon Minds CIC\): its street address, town or city and postcode are not recorded in the bid’s details The reasons for the decision, in your words.*How the basic selection criteria were assessed/);
    assert.match(page, /Provider’s legal name Not recorded yet Registered office or principal place of business Not recorded yet/);
    // Regulation 24(c): the provider's legal name and address, from the bid's details (a postcode alone is not an address).
    assert.equal((await save(owner, { legalName: 'Beacon Minds Community Interest Company', postalCode: 'LS1 4AP', countryName: 'United Kingdom' }, `/tenders/${PSR_REF}/bids/B/details`)).status, 303);
    page = text((await owner.get(RECORD)).text);
    assert.match(page, /Provider’s legal name Beacon Minds Community Interest Company Registered office or principal place of business Not recorded yet/);
    assert.match(page, /its street address and town or city are not recorded in the bid’s details/);
    assert.doesNotMatch(page, /The legal name of the provider awarded the contract/);
    assert.equal((await save(owner, { legalName: 'Beacon Minds Community Interest Company', streetAddress: '12 Park Row', locality: 'Leeds', postalCode: 'LS1 4AP', countryName: 'United Kingdom' }, `/tenders/${PSR_REF}/bids/B/details`)).status, 303);

    const places = await notePlaces(owner);
    const form: Form = {
      process: 'competitive',
      decisionMakers: 'Dr Ama Boateng, Director of Commissioning',
      basicSelection: 'All three bidders passed the basic selection criteria (financial standing, CQC registration) checked by procurement on 10 February 2027.',
      reasons: 'Beacon Minds scored highest on quality and innovation and on access, and gives the best value overall.',
      otherInterests: 'The Director declared no interest.',
    };
    for (const [key, n] of places) form[`noteFor-${n}`] = key;
    form[`note-${places.get('m3:A')!}`] = 'Tom left the meeting before bid A was discussed again; the consensus was re-checked without him.';
    assert.equal((await save(owner, form)).status, 303);
    page = text((await owner.get(RECORD)).text);
    assert.doesNotMatch(page, /Still to record/);
    assert.match(page, /Decision Award to bid B: Beacon Minds CIC Provider’s legal name Beacon Minds Community Interest Company Registered office or principal place of business 12 Park Row, Leeds, LS1 4AP, United Kingdom/);
    assert.match(page, /The basic selection criteria All three bidders passed/);
    assert.match(page, /Beacon Minds scored highest on quality and innovation/);
    assert.match(page, /Other decision makers The Director declared no interest\./);
  });

  it('lets procurement read the record but not change it; facilitators see neither', async () => {
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.equal((await procurement.get(RECORD)).status, 200);
    assert.equal((await procurement.get(EDIT)).status, 403);
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    assert.equal((await facilitator.get(RECORD)).status, 403);
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await other.get(RECORD)).status, 404);
  });

  describe('bad input', () => {
    const summary = (res: request.Response) => load(res.text)('.govuk-error-summary a').map((_, el) => `${load(el)('a').attr('href') ?? ''} ${load(el).text().trim()}`).get();
    const errorsOf = (res: request.Response) => load(res.text)('.govuk-error-summary__list a').map((_, el) => ({ href: load(res.text)(el).attr('href'), text: load(res.text)(el).text().trim() })).get() as { href: string; text: string }[];

    it('asks for the process when none is chosen, keeping what was typed', async () => {
      const res = await save(owner, { decisionMakers: 'Typed before the mistake' });
      assert.equal(res.status, 400);
      assert.deepEqual(errorsOf(res), [{ href: '#process', text: 'Choose whether the contract is awarded under the Provider Selection Regime, and by which process' }]);
      assert.equal(load(res.text)('#decisionMakers').text(), 'Typed before the mistake');
      assert.ok(summary(res).length > 0);
    });

    it('refuses a text over 5,000 characters, naming it', async () => {
      const res = await save(owner, { process: 'competitive', reasons: 'x'.repeat(5001) });
      assert.equal(res.status, 400);
      assert.deepEqual(errorsOf(res), [{ href: '#reasons', text: 'The reasons for the decision must be 5,000 characters or fewer' }]);
    });

    it('refuses a field sent twice (a damaged form)', async () => {
      const res = await save(owner, { process: 'competitive', decisionMakers: ['one', 'two'] });
      assert.equal(res.status, 400);
      assert.deepEqual(errorsOf(res), [{ href: '#decisionMakers', text: 'Who made the decision was sent twice; send the form again from the page' }]);
    });

    it('refuses a process that decides against the key criteria for a tender whose rubric does not name them', async () => {
      const url = '/tenders/HW-2026-01/provider-selection/edit';
      const res = await save(owner, { process: 'most-suitable-provider' }, url);
      assert.equal(res.status, 400);
      const [error] = errorsOf(res);
      assert.equal(error!.href, '#process');
      assert.match(error!.text, /^Most Suitable Provider Process decides against the five key criteria, but this tender’s rubric does not say which key criterion each section assesses/);
      // Direct Award Process A needs no key criteria: accepted.
      assert.equal((await save(owner, { process: 'direct-award-a' }, url)).status, 303);
      assert.match(text((await owner.get('/tenders/HW-2026-01/provider-selection')).text), /Direct Award Process A \(regulation 7\)/);
    });

    it('refuses an unknown process', async () => {
      const res = await save(owner, { process: 'lowest-price' });
      assert.equal(res.status, 400);
      assert.equal(errorsOf(res)[0]!.href, '#process');
    });
  });
});
