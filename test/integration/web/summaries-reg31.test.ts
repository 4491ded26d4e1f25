// Assessment summaries as Procurement Regulations 2024 reg. 31 asks, for the hand-worked tender
// (fixtures/packs/hand-worked.yaml): imported again as HW-FIN, finalised (C wins; A and B rank
// behind it; D fails the safety threshold; E withdrawn), with bidders' details for A, B and C and
// none for D. Also: what is flagged before issue (a panel member's name, a price), the day each
// summary was sent, and every summary in one zip. Figures come from the results JSON (the engine).
import assert from 'node:assert/strict';
import { load, type CheerioAPI } from 'cheerio';
import JSZip from 'jszip';
import type request from 'supertest';
import { exact, formatHalfUp, type ResultsJson } from '../../../src/engine';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { tenderResults } from '../../../src/services/results/results';
import { importPack } from '../../../src/services/tender-import';
import { events } from '../../helpers/bid-tenders';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = 'HW-2026-01';
const FIN = 'HW-FIN';
const two = (x: number): string => formatHalfUp(exact(x), 2);
const score = (x: number): string => two(x).replace(/\.00$/, '');
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const DETAILS: Record<string, Record<string, unknown>> = {
  A: { legalName: 'Alder Care Limited', address: { streetAddress: '1 Alder Road', locality: 'Leeds', postalCode: 'LS1 1AA', countryName: 'United Kingdom' }, email: 'bids@alder.example', identifier: { scheme: 'GB-COH', id: '01234567' } },
  B: { legalName: 'Birch Support CIC', address: { streetAddress: '2 Birch Lane', locality: 'York', postalCode: 'YO1 2BB', countryName: 'United Kingdom' }, email: 'tenders@birch.example', identifier: { scheme: 'GB-CHC', id: '1100223' } },
  C: { legalName: 'Cedar Homecare Ltd', address: { streetAddress: '3 Cedar Court', locality: 'Hull', postalCode: 'HU1 3CC', countryName: 'United Kingdom' }, email: 'office@cedar.example', identifier: { scheme: 'GB-PPON', id: 'PPON-0003' } },
};

describe('web: assessment summaries meet reg. 31', () => {
  let t: TestApp;
  let owner: request.Agent;
  let results: ResultsJson;
  before(async () => {
    t = await testApp();
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: FIN, state: 'finalised' });
    pack.bids = pack.bids.map((b) => (DETAILS[String(b['key'])] ? { ...b, details: DETAILS[String(b['key'])] } : b));
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'fin.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    results = (await tenderResults(t.db, FIN))!;
  });
  after(() => t.close());

  const page = async (reference: string, key: string, as = owner): Promise<CheerioAPI> => {
    const res = await as.get(`/tenders/${reference}/summaries/${key}`);
    assert.equal(res.status, 200, `summary of bid ${key}`);
    return load(res.text.replace(/></g, '> <'));
  };

  it('gives every item reg. 31 asks for in each summary of the hand-worked tender', async () => {
    assert.equal(results.winner, 'C');
    assert.deepEqual(results.bids.map((b) => b.key).sort(), ['A', 'B', 'C', 'D']);
    for (const bid of results.bids) {
      const $ = await page(FIN, bid.key);
      const article = squash($('article.app-summary').text());
      // (2)(a)-(c): name, contact postal address and email, unique identifier; D's are not recorded, and it says so.
      const supplier = squash($('#supplier').text());
      const d = DETAILS[bid.key] as { legalName: string; address: Record<string, string>; email: string; identifier: { id: string } } | undefined;
      if (d) {
        assert.equal(supplier, `Name ${d.legalName} Postal address ${Object.values(d.address).join(', ')} Email ${d.email} Unique identifier ${{ A: 'Companies House number', B: 'Charity Commission (England and Wales) number', C: 'Public Procurement Organisation Number (PPON)' }[bid.key]}: ${d.identifier.id}`);
      } else {
        assert.equal(supplier, 'Name Damson Services Postal address Not recorded Email Not recorded Unique identifier Not recorded');
        assert.match(squash($('#supplier-missing').text()), /must give the organisation's postal address, email, unique identifier, and they are not recorded\. Record the bidder's details/);
      }
      // (2)(d): each criterion's title and relative importance, how it was scored and the scores available, price in words.
      const criteria = $('.app-summary__criteria tbody tr').map((_, tr) => squash($(tr).text())).get();
      assert.deepEqual(criteria, ['Quality 60', 'Working with people who use the service 30 None', 'Keeping people safe 30 2', 'Price 40']);
      assert.match(squash($('#method-scale').text()), /^Each answer was scored from 0 to 4/);
      assert.match(squash($('#method-panel').text()), /scored each on their own, with a written reason\. A criterion's score is the average of the members' scores\./);
      assert.match(squash($('#method-moderation').text()), /met to moderate.*agreed one score with its reasons/);
      assert.match(squash($('#method-price').text()), /^Lowest price relative\. The lowest price gets all the price points; other bids get points in proportion/);
      assert.equal($('.app-summary__scale tbody tr').length, 5);
      // (2)(e): each criterion's score with its explanation, sub-totals and the total.
      for (const [id, cell] of Object.entries(bid.criteria)) {
        const section = squash($(`#criterion-${id}`).text());
        assert.match(section, new RegExp(`Score ${esc(score(cell.final!))} out of 4 .*Points ${esc(two(cell.points!))} of 30`), `${bid.key} ${id}`);
        assert.match(section, /Why it got this score \S/);
        assert.doesNotMatch(section, /gave no written reasons/);
      }
      assert.match(squash($('#section-quality').text()), new RegExp(`Quality: ${esc(two(bid.quality))} of 60 points`));
      assert.match(squash($('.app-summary__totals').text()), new RegExp(`Quality, all sections ${esc(two(bid.quality))} 60`));
      if (bid.total !== null) assert.match(squash($('.app-summary__totals').text()), new RegExp(`Total ${esc(two(bid.total))} 100`));
      // Issued when the tender was finalised.
      assert.match(article, /as finalised\. Issued on 23 November 2026\./);
      assert.doesNotMatch(article, /Draft/);
      // (3): why an unsuccessful bid did not win, against the most advantageous tender's own scores.
      const winner = results.bids.find((b) => b.key === 'C')!;
      if (bid.key === 'C') {
        assert.match(article, /This bid was the most advantageous tender: it was ranked first\./);
        assert.equal($('#why-not').length, 0);
        continue;
      }
      const why = squash($('#why-not').text());
      assert.match(why, new RegExp(`awarded to bid C \\(Cedar Homecare\\), the most advantageous tender, ranked first with a total of ${esc(two(winner.total!))} points`));
      if (bid.total !== null) assert.match(why, new RegExp(`This bid's total was ${esc(two(bid.total))} points, ${esc(formatHalfUp(exact(winner.total!).sub(exact(bid.total)), 2))} fewer\\.`));
      const winnerRows = $('#winner-scores tbody tr').map((_, tr) => squash($(tr).text())).get();
      assert.deepEqual(winnerRows, [
        `Quality (sub-total) ${two(winner.quality)} 60`,
        `Working with people who use the service ${score(winner.criteria['co-production']!.final!)} ${two(winner.criteria['co-production']!.points!)} 30`,
        `Keeping people safe ${score(winner.criteria['safety']!.final!)} ${two(winner.criteria['safety']!.points!)} 30`,
        `Total, with price ${two(winner.total!)} 100`,
      ]);
    }
    const failed = squash((await page(FIN, 'D'))('article').text());
    assert.match(failed, /did not meet the minimum standards .*"Keeping people safe" scored 1\.00, below its minimum of 2/);
  });

  it('flags, before issue, an explanation that names a panel member (blocking finalising) or gives a price (asking for a reason)', async () => {
    const editForm = async (key: string, safety: string) => {
      const url = `/tenders/${HW}/summaries/${key}/edit`;
      const $ = load((await owner.get(url)).text);
      const fields: Record<string, string> = { _csrf: String($('input[name=_csrf]').val()) };
      $('form input[type=hidden], form textarea').each((_, el) => {
        fields[$(el).attr('name')!] = el.tagName === 'textarea' ? $(el).text() : String($(el).val());
      });
      fields['explanation-safety'] = safety;
      const res = await owner.post(url).type('form').send(fields);
      assert.equal(res.status, 303, res.text);
    };
    // Nothing flagged in the hand-worked tender's own words.
    assert.equal((await page(HW, 'A'))('#flags').length, 0);
    await editForm('A', 'A named safeguarding lead, as Priya noted, with clear steps in section 3 of the answer.');
    await editForm('B', 'The training plan in section 4 is sound; it costs £80,000 over the contract.');
    const a = await page(HW, 'A');
    assert.deepEqual(a('#flags li').map((_, li) => [a(li).attr('data-flag'), squash(a(li).text())]).get(), [
      'blocks',
      'The explanation of “Keeping people safe” names “Priya”, the name of a panel member (Priya Shah). Change the explanation: the tender cannot be finalised while a summary names a panel member.',
    ]);
    assert.equal(a('#flags a').attr('href'), '#criterion-safety');
    const b = await page(HW, 'B');
    assert.deepEqual(b('#flags li').map((_, li) => [b(li).attr('data-flag'), squash(b(li).text())]).get(), [
      'reason',
      'The explanation of “Keeping people safe” gives “£80,000”, an amount of money: the price of bid B. Change the explanation, or give a reason when you finalise.',
    ]);
    // Procurement sees the same flags; the printed summary (the article) carries none of them.
    assert.equal((await page(HW, 'A', await signedIn(t.app, ACCOUNTS.procurement.email)))('#flags li').length, 1);
    assert.equal(a('article #flags').length, 0);

    const state = load((await owner.get(`/tenders/${HW}/state`)).text);
    const blocking = state('#outstanding[data-blocking] li[data-kind=summary-flag]').map((_, li) => squash(state(li).text())).get();
    assert.deepEqual(blocking, ['The assessment summary for bid A (Alder Care), in the explanation of “Keeping people safe”, names a panel member: change the explanation. Check the summary']);
    assert.equal(state('#outstanding[data-blocking] li[data-kind=summary-flag] a').attr('href'), `/tenders/${HW}/summaries/A#criterion-safety`);
    const reason = state('#also-outstanding li[data-kind=summary-flag]').map((_, li) => squash(state(li).text())).get();
    assert.deepEqual(reason, ["The assessment summary for bid B (Birch Support), in the explanation of “Keeping people safe”, gives an amount of money or a bid's price. Check the summary"]);

    // Reworded: the block is gone.
    await editForm('A', 'A named safeguarding lead, with clear steps in section 3 of the answer.');
    assert.equal((await page(HW, 'A'))('#flags').length, 0);
    const after = load((await owner.get(`/tenders/${HW}/state`)).text);
    assert.equal(after('li[data-kind=summary-flag]').length, 1);
  });

  describe('the day each summary was sent', () => {
    const SENT = `/tenders/${FIN}/summaries/A/sent`;
    const post = async (as: request.Agent, form: Record<string, string>, token?: string) =>
      as.post(SENT).type('form').send({ _csrf: token ?? (await csrfToken(owner, SENT)), ...form });

    it('is recorded by the commissioner, audited, in one go, and shown on the summary and the list', async () => {
      assert.match(squash((await page(FIN, 'A'))('#sent').text()), /not recorded yet\. Record the day it was sent/);
      const form = load((await owner.get(SENT)).text);
      assert.equal(form('h1').text().trim(), 'When was the summary for bid A sent?');
      assert.equal(form(`form[action="${SENT}"] input[name=_csrf]`).length, 1);
      assert.deepEqual(form('input.govuk-date-input__input').map((_, i) => form(i).attr('name')).get(), ['sent-day', 'sent-month', 'sent-year']);
      const res = await post(owner, { 'sent-day': '23', 'sent-month': '11', 'sent-year': '2026' });
      assert.equal(res.status, 303);
      assert.equal(res.headers['location'], `/tenders/${FIN}/summaries/A`);
      const row = await t.db.selectFrom('summary_dates').innerJoin('bids', 'bids.id', 'summary_dates.bid_id').innerJoin('tenders', 'tenders.id', 'bids.tender_id').select(['summary_dates.sent_on', 'summary_dates.sent_by']).where('tenders.reference', '=', FIN).where('bids.key', '=', 'A').executeTakeFirstOrThrow();
      assert.deepEqual(row, { sent_on: '2026-11-23', sent_by: `commissioner:${ACCOUNTS.owner.email}` });
      assert.deepEqual(await events(t, FIN, 'summary.sent-recorded'), [{ action: 'summary.sent-recorded', actor: `commissioner:${ACCOUNTS.owner.email}`, detail: { bid: 'A', old: null, new: '2026-11-23' } }]);
      assert.match(squash((await page(FIN, 'A'))('#sent').text()), /^Sent on 23 November 2026\. Change the day it was sent$/);
      const list = load((await owner.get(`/tenders/${FIN}/summaries`)).text);
      assert.equal(list('#bid-A [data-field=sent]').text(), '23 November 2026');
      assert.equal(list('#bid-B [data-field=sent]').text(), 'Not recorded');
      // The same day again writes nothing.
      assert.equal((await post(owner, { 'sent-day': '23', 'sent-month': '11', 'sent-year': '2026' })).status, 303);
      assert.equal((await events(t, FIN, 'summary.sent-recorded')).length, 1);
    });

    it('says what is wrong with a day, where, and what is expected, changing nothing', async () => {
      const cases: [Record<string, string>, RegExp, string][] = [
        [{}, /^Enter the date the summary was sent$/, '#sent-day'],
        [{ 'sent-day': '31', 'sent-month': '2', 'sent-year': '2026' }, /^The date the summary was sent must be a real date$/, '#sent-day'],
        [{ 'sent-day': '5', 'sent-year': '2026' }, /^The date the summary was sent must include a month$/, '#sent-month'],
        [{ 'sent-day': '22', 'sent-month': '11', 'sent-year': '2026' }, /^The date the summary was sent must be the day it was issued \(23 November 2026\) or later$/, '#sent-day'],
        [{ 'sent-day': '24', 'sent-month': '11', 'sent-year': '2026' }, /^The date the summary was sent must be today or in the past$/, '#sent-day'],
      ];
      const before = await events(t, FIN, 'summary.sent-recorded');
      for (const [form, message, href] of cases) {
        const res = await post(owner, form);
        assert.equal(res.status, 400, JSON.stringify(form));
        const $ = load(res.text);
        assert.match($('.govuk-error-summary a').text().trim(), message);
        assert.equal($('.govuk-error-summary a').attr('href'), href);
        assert.match($('title').text(), /^Error: /);
        assert.equal($(href).length, 1, `${href} is on the page`);
      }
      assert.deepEqual(await events(t, FIN, 'summary.sent-recorded'), before);
    });

    it('is only for the commissioner who can see the tender, with the form token, once the summaries are issued', async () => {
      const token = await csrfToken(owner, SENT);
      assert.equal((await owner.post(SENT).type('form').send({ 'sent-day': '23', 'sent-month': '11', 'sent-year': '2026' })).status, 403);
      const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
      assert.equal((await procurement.get(SENT)).status, 403);
      assert.equal((await post(procurement, { 'sent-day': '23', 'sent-month': '11', 'sent-year': '2026' }, token)).status, 403);
      const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
      assert.equal((await other.get(SENT)).status, 404);
      // At moderation the summaries are not issued: nothing to record yet.
      const early = await owner.get(`/tenders/${HW}/summaries/A/sent`);
      assert.equal(early.status, 409);
      assert.match(early.text, /can be recorded after that/);
      assert.equal((await owner.get(`/tenders/${FIN}/summaries/E/sent`)).status, 404);
    });
  });

  it('downloads every summary in one zip: one file per bid, as printed, and an index', async () => {
    const res = await owner.get(`/tenders/${FIN}/summaries.zip`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.match(res.headers['content-disposition'] ?? '', /^attachment; filename="?HW-FIN-assessment-summaries\.zip"?$/);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const names = Object.keys(zip.files);
    assert.deepEqual(names, ['index.html', 'HW-FIN-A.html', 'HW-FIN-B.html', 'HW-FIN-C.html', 'HW-FIN-D.html']);
    for (const key of ['A', 'B', 'C', 'D']) {
      const html = await zip.file(`HW-FIN-${key}.html`)!.async('string');
      assert.doesNotMatch(html, /<link|<script|\shref=/i);
      assert.equal(load(html)('article.app-summary').html(), load((await owner.get(`/tenders/${FIN}/summaries/${key}`)).text)('article.app-summary').html(), `bid ${key}`);
    }
    const index = load(await zip.file('index.html')!.async('string'));
    const rows = index('tbody tr').map((_, tr) => squash(index(tr).text())).get();
    assert.equal(rows.length, 4);
    assert.match(rows[2]!, /^C Cedar Homecare 1st of 3 ranked bids HW-FIN-C\.html 23 November 2026 (Not recorded|23 November 2026)$/);
    assert.match(rows[3]!, /^D Damson Services Did not meet the minimum standards HW-FIN-D\.html/);
    assert.match(squash(index('main').text()), /Withdrawn bids get no summary: bid E\./);
    assert.equal((await (await signedIn(t.app, ACCOUNTS.facilitator.email)).get(`/tenders/${FIN}/summaries.zip`)).status, 403);
  });
});
