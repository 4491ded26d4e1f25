// A panel member's printable pack: exactly their assigned, non-conflicted, not withdrawn bids ×
// their criteria, bids by code when the tender is anonymised, never a price or anyone's score;
// standard or large print (large by default for members who need it); the scale as the score
// page lists it; easy read for members who read it; on paper, the glossary's words instead of a
// link; who may open it. And the glossary the pack and the panel pages link to.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import request from 'supertest';
import { readGlossary, wordsUsedIn } from '../../../src/features/pack/pack-glossary';
import { issueInvitations } from '../../../src/services/invitations';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { frameworkPack } from '../../bench/framework-pack';
import { handWorkedPack } from '../../helpers/packs';
import { REPO_ROOT, RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

type Agent = request.Agent;

/** An anonymised tender in scoring: p1 reads bids A to D on co-production, p2 (large print) reads A, p4 (easy read) reads A and B. */
const PACK = 'HW-PACK';
const SUPPLIERS = ['Alder Care', 'Birch Support', 'Cedar Homecare', 'Damson Services', 'Elm Partners'];
const PRICES = ['100000', '100,000', '80,000', '120,000', '50,000', '10,000', '£'];

const sheetIds = (html: string): string[] => {
  const $ = load(html);
  return $('section.app-pack__sheet')
    .map((_i, el) => $(el).attr('id'))
    .get();
};

const mainText = (html: string): string => load(html)('main').text().replace(/\s+/g, ' ');

/** What the pack prints: the pack without what is left out on paper and without its list of words. */
const printedText = (html: string): string => {
  const $ = load(html);
  const pack = $('article.app-pack').clone();
  pack.find('.app-no-print, #words-we-use').remove();
  return pack.text().replace(/\s+/g, ' ');
};

/** The score sheet's tick boxes as printed: "5 – Excellent" and its words, highest first, then "I cannot score this". */
const paperChoices = (html: string, sheet: string): { text: string; hint: string }[] => {
  const $ = load(html);
  return $(`#${sheet} .app-pack__choice`)
    .map((_i, el) => {
      const text = $(el).find('strong').text();
      return { text: text.replace(/\.$/, ''), hint: $(el).text().replace(/\s+/g, ' ').trim().slice(text.length).trim() };
    })
    .get();
};

/** The score page's radio buttons: label and hint, in order. */
const screenChoices = (html: string): { text: string; hint: string }[] => {
  const $ = load(html);
  return $('.govuk-radios__item')
    .map((_i, el) => ({ text: $(el).find('.govuk-radios__label').text().trim(), hint: $(el).find('.govuk-radios__hint').text().replace(/\s+/g, ' ').trim() }))
    .get();
};

describe('web: the printable pack', () => {
  let t: TestApp;
  const as = {} as Record<keyof typeof ACCOUNTS, Agent>;
  let p1: Agent;
  let p2: Agent;
  let p4: Agent;

  async function memberAgent(reference: string, key: string): Promise<Agent> {
    const issued = await issueInvitations(t.db, reference, [key], 'test', t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    const agent = request.agent(t.app);
    await agent.get(issued.links[0]!.path);
    return agent;
  }

  async function declare(reference: string, key: string, conflicts: string[]): Promise<void> {
    const member = await t.db
      .selectFrom('panel_members')
      .innerJoin('tenders', 'tenders.id', 'panel_members.tender_id')
      .select(['panel_members.id', 'tenders.id as tenderId'])
      .where('tenders.reference', '=', reference)
      .where('panel_members.key', '=', key)
      .executeTakeFirstOrThrow();
    const at = t.clock.now.toISOString();
    await t.db.updateTable('panel_members').set({ conflicts_declared_at: at }).where('id', '=', member.id).execute();
    for (const bid of conflicts) {
      const row = await t.db.selectFrom('bids').select('id').where('tender_id', '=', member.tenderId).where('key', '=', bid).executeTakeFirstOrThrow();
      await t.db.insertInto('member_conflicts').values({ member_id: member.id, bid_id: row.id, declared_by: 'test', declared_at: at }).execute();
    }
  }

  before(async () => {
    t = await testApp();
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: PACK, title: 'Home support in Riverside', state: 'scoring', anonymise: true });
    pack.bids[1]!.responses = { 'co-production': 'Our members’ forum meets monthly.\n\nMembers are paid for their time.' };
    pack.panel = [
      { key: 'p1', name: 'Asha Begum', perspective: 'lived-experience', criteria: ['safety', 'co-production'], bids: ['A', 'B', 'C', 'D', 'E'] },
      { key: 'p2', name: 'Ken Adams', perspective: 'professional', accessNeeds: ['large-print', 'printed-pack'], criteria: ['co-production'], bids: ['A'] },
      { key: 'p3', name: 'Lou Price', perspective: 'professional', criteria: ['safety'], bids: ['B'] },
      { key: 'p4', name: 'Eve Hart', perspective: 'lived-experience', accessNeeds: ['easy-read'], criteria: ['co-production'], bids: ['A', 'B'] },
    ];
    pack.scores = [{ member: 'p3', bid: 'B', criterion: 'safety', score: 4, rationale: 'A secret reason of Lou.' }];
    pack.consensus = [];
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'pack.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    await declare(PACK, 'p1', ['C']);
    await declare(PACK, 'p2', []);
    await declare(PACK, 'p4', []);
    for (const name of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) as[name] = await signedIn(t.app, ACCOUNTS[name].email);
    p1 = await memberAgent(PACK, 'p1');
    p2 = await memberAgent(PACK, 'p2');
    p4 = await memberAgent(PACK, 'p4');
  });
  after(() => t.close());

  describe("the member's own pack (/panel/pack)", () => {
    it('has one sheet per assigned bid × criterion: no withdrawn bid, no conflicted bid, criteria in rubric order', async () => {
      const res = await p1.get('/panel/pack');
      assert.equal(res.status, 200);
      const $ = load(res.text);
      assert.deepEqual(sheetIds(res.text), ['sheet-A-co-production', 'sheet-A-safety', 'sheet-B-co-production', 'sheet-B-safety', 'sheet-D-co-production', 'sheet-D-safety']);
      assert.equal($('.app-pack__contents li').length, 6);
      assert.match(mainText(res.text), /6 sheets: 3 bids, and 2 questions for each bid/);
      assert.equal($('h1').text().trim(), 'Home support in Riverside');
      // One bid at a time works for a member too, but never for a bid they do not read.
      assert.deepEqual(sheetIds((await p1.get('/panel/pack?bid=B')).text), ['sheet-B-co-production', 'sheet-B-safety']);
      for (const bid of ['C', 'E', 'Z']) assert.equal((await p1.get(`/panel/pack?bid=${bid}`)).status, 404, `bid ${bid}: conflict, withdrawn, none`);
      assert.match($('.govuk-caption-l').first().text(), /Scoring pack for Asha Begum/);
    });

    it('shows each sheet’s outcome, question, what good looks like in formal and plain words, the response and a blank score sheet', async () => {
      const $ = load((await p1.get('/panel/pack')).text);
      const sheet = $('#sheet-B-co-production');
      const text = sheet.text().replace(/\s+/g, ' ');
      assert.match(sheet.find('h2').text().replace(/\s+/g, ' '), /Sheet 3 of 6 Bid B Working with people who use the service/);
      assert.match(text, /The outcome for people People shape the service they use/);
      assert.match(text, /The question How will you design and review the service with the people who use it\?/);
      assert.match(text, /What good looks like Real power sharing, paid involvement, accessible meetings/);
      assert.match(text, /In plain words: How will you plan the service together with the people who use it\?/);
      assert.deepEqual(sheet.find('.app-pack__response p').map((_i, p) => $(p).text()).get(), ['Our members’ forum meets monthly.', 'Members are paid for their time.']);
      // The scale, highest first, each point with its label and plain meaning and a tick box, then "I cannot score this".
      const choices = sheet.find('.app-pack__choice');
      assert.equal(choices.length, 6);
      assert.equal(sheet.find('.app-pack__choice .app-pack__box[aria-hidden="true"]').length, 6);
      assert.match(choices.eq(0).text(), /4 – Excellent\. They told us everything we need/);
      assert.match(choices.eq(4).text(), /0 – None\. They did not tell us/);
      assert.match(choices.eq(5).text(), /I cannot score this\. For example, you do not feel you know enough about this to judge it\. Say why in your reason\./);
      assert.match(text, /Tick the one box that fits best\. 0 is the lowest\./);
      assert.match(text, /Your reason/);
      assert.equal(sheet.find('.app-pack__lines .app-pack__line').length, 6);
      assert.match($('#sheet-D-safety .app-pack__response').text(), /This bid did not answer this question/);
    });

    it('names bids by code when the tender is anonymised, and never shows a price or anyone’s score', async () => {
      const res = await p1.get('/panel/pack');
      const text = mainText(res.text);
      for (const supplier of SUPPLIERS) assert.ok(!res.text.includes(supplier), `${supplier} is not named`);
      for (const price of PRICES) assert.ok(!text.includes(price), `${price} is not shown`);
      assert.doesNotMatch(text, /A secret reason of Lou|People sit on their board/);
      assert.match(text, /Bid A – Working with people who use the service/);
    });

    it('is standard print by default, large print on request, with a link to switch', async () => {
      const standard = load((await p1.get('/panel/pack')).text);
      assert.equal(standard('article.app-pack').hasClass('app-pack--large'), false);
      assert.equal(standard('#switch-size').attr('href'), '/panel/pack?size=large');
      assert.match(standard('#switch-size').text(), /large print/);
      const large = load((await p1.get('/panel/pack?size=large')).text);
      assert.equal(large('article.app-pack').hasClass('app-pack--large'), true);
      assert.equal(large('#switch-size').attr('href'), '/panel/pack?size=standard');
      assert.match(large('#switch-size').text(), /standard print/);
    });

    it('is large print by default for a member whose access needs include large print, and standard when they ask', async () => {
      const res = await p2.get('/panel/pack');
      assert.equal(load(res.text)('article.app-pack').hasClass('app-pack--large'), true);
      assert.deepEqual(sheetIds(res.text), ['sheet-A-co-production']);
      assert.equal(load((await p2.get('/panel/pack?size=standard')).text)('article.app-pack').hasClass('app-pack--large'), false);
    });

    it('treats a size it does not know as not asked, never as an error', async () => {
      for (const query of ['?size=huge', '?size=', '?size=large&size=standard', '?size[x]=1']) {
        const res = await p2.get(`/panel/pack${query}`);
        assert.equal(res.status, 200, query);
        assert.equal(load(res.text)('article.app-pack').hasClass('app-pack--large'), true, query);
      }
    });

    it('lists the scale as the score page does: highest first, the same labels, then “I cannot score this” with the same hint', async () => {
      const paper = paperChoices((await p1.get('/panel/pack')).text, 'sheet-B-co-production');
      const screen = screenChoices((await p1.get('/panel/bids/B/criteria/co-production')).text);
      assert.equal(screen.length, 6);
      assert.deepEqual(
        paper.map((c) => c.text),
        screen.map((c) => c.text),
      );
      assert.equal(paper.at(-1)!.hint, screen.at(-1)!.hint, 'the hint of “I cannot score this”');
      // On paper each point has its plain meaning, the words the easy-read score page gives it.
      const easyPaper = paperChoices((await p4.get('/panel/pack')).text, 'sheet-B-co-production');
      const easyScreen = screenChoices((await p4.get('/panel/bids/B/criteria/co-production')).text);
      assert.deepEqual(easyPaper, easyScreen);
      assert.deepEqual(paper, easyPaper);
    });

    it('is easy read and large print by default for a member whose access needs include easy read: the plain words first, then the formal question under its own heading', async () => {
      const res = await p4.get('/panel/pack');
      const $ = load(res.text);
      assert.equal($('article.app-pack').hasClass('app-pack--large'), true);
      assert.deepEqual(sheetIds(res.text), ['sheet-A-co-production', 'sheet-B-co-production']);
      const sheet = $('#sheet-B-co-production');
      assert.deepEqual(
        sheet.find('.app-pack__reading h3').map((_i, h) => $(h).text().trim()).get(),
        ['What this is about', 'What should get better for people', 'The full question the organisations answered', 'What good looks like', 'What the bid says'],
      );
      assert.equal(sheet.find('.app-pack__reading h3').first().next('p').text(), 'How will you plan the service together with the people who use it?');
      assert.equal(sheet.find('.app-pack__reading h3').eq(2).next('p').text(), 'How will you design and review the service with the people who use it?');
      assert.equal(sheet.find('.app-pack__plain').length, 0, 'no "In plain words" box: the plain words lead');
      assert.match($('#print-controls').text(), /in easy read: each sheet starts with the question in plain words/);
      // In standard print on request, still easy read.
      const standard = load((await p4.get('/panel/pack?size=standard')).text);
      assert.equal(standard('article.app-pack').hasClass('app-pack--large'), false);
      assert.equal(standard('#sheet-B-co-production .app-pack__reading h3').first().text(), 'What this is about');
      // A member who does not read easy read gets the formal question first, and the plain words after it.
      const p1Sheet = load((await p1.get('/panel/pack')).text)('#sheet-B-co-production');
      assert.equal(p1Sheet.find('h3').first().text(), 'The outcome for people');
      assert.match(p1Sheet.find('.app-pack__plain').text(), /In plain words:/);
    });

    it('follows the layout the member chose for their score pages, and offers the switch', async () => {
      const switchTo = async (layout: string) => {
        const _csrf = await csrfToken(p2, '/panel/pack');
        const res = await p2.post('/panel/layout').type('form').send({ _csrf, layout, returnTo: '/panel/pack' });
        assert.equal(res.status, 303);
        assert.equal(res.headers['location'], '/panel/pack');
        return load((await p2.get('/panel/pack')).text);
      };
      const before = load((await p2.get('/panel/pack')).text);
      assert.equal(before('#print-controls form[action="/panel/layout"] input[name="returnTo"]').attr('value'), '/panel/pack');
      assert.equal(before('#sheet-A-co-production .app-pack__reading h3').first().text(), 'The outcome for people');
      const easy = await switchTo('easy-read');
      assert.equal(easy('#sheet-A-co-production .app-pack__reading h3').first().text(), 'What this is about');
      assert.match(easy('#print-controls button').text(), /Use the standard layout/);
      const back = await switchTo('standard');
      assert.equal(back('#sheet-A-co-production .app-pack__reading h3').first().text(), 'The outcome for people');
      assert.equal(back('article.app-pack').hasClass('app-pack--large'), true, 'still large print, for the access need');
    });

    it('prints the glossary’s words that it uses, at the end, instead of a link to the glossary', async () => {
      const glossary = load((await request(t.app).get('/glossary')).text);
      const cases = [
        { agent: p1, wording: 'Outcome' },
        { agent: p4, wording: 'Organisation' },
      ];
      for (const { agent, wording } of cases) {
        const res = await agent.get('/panel/pack');
        const $ = load(res.text);
        // Nothing printed links to a page: on paper a link is only an address.
        const printedLinks = $('article.app-pack a[href^="/"]').filter((_i, a) => $(a).closest('.app-no-print').length === 0);
        assert.deepEqual(printedLinks.map((_i, a) => $(a).attr('href')).get(), []);
        assert.match($('.app-pack__cover').text().replace(/\s+/g, ' '), /Some words are explained at the end of this pack, under “Words we use”/);
        assert.equal($('.app-pack__cover a[href="#words-we-use"]').length, 1);
        // The words: each glossary word the pack prints, with the glossary's own meaning, and no other.
        const listed = $('#words-we-use .app-pack__word')
          .map((_i, el) => ({ term: $(el).find('dt').text(), meaning: $(el).find('dd').text() }))
          .get();
        assert.deepEqual(
          listed.map((w) => w.term),
          wordsUsedIn([printedText(res.text)]).map((w) => w.term),
        );
        for (const w of listed) {
          const row = glossary('.govuk-summary-list__row').filter((_i, el) => glossary(el).find('dt').text() === w.term);
          assert.equal(row.find('dd').text().replace(/\s+/g, ' '), w.meaning, w.term);
        }
        const terms = listed.map((w) => w.term);
        for (const expected of ['Bid', '“I cannot score this”', 'Panel', 'Reason', 'Tender', wording]) assert.ok(terms.includes(expected), expected);
        for (const absent of ['Weighting', 'Moderation', 'Equal voice']) assert.ok(!terms.includes(absent), absent);
      }
    });

    it('shows no bid until the member has declared their conflicts of interest, nor before scoring opens', async () => {
      const p3 = await memberAgent(PACK, 'p3');
      const res = await p3.get('/panel/pack');
      assert.equal(res.status, 200);
      assert.equal(load(res.text)('h1').text().trim(), 'First, tell us about any conflict of interest');
      assert.equal(load(res.text)('section.app-pack__sheet').length, 0);
      assert.equal(load(res.text)('a[href="/glossary#conflict-of-interest"]').length, 1);

      const draft = handWorkedPack();
      Object.assign(draft.tender, { reference: 'HW-PACK-DRAFT', state: 'draft' });
      const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), draft, { file: 'draft.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
      if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
      await declare('HW-PACK-DRAFT', 'm1', []);
      const early = await (await memberAgent('HW-PACK-DRAFT', 'm1')).get('/panel/pack');
      assert.equal(load(early.text)('h1').text().trim(), 'Your pack is not ready yet');
      assert.equal(load(early.text)('section.app-pack__sheet').length, 0);
    });

    it('is the member’s pack for a facilitator entering scores with them', async () => {
      const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
      const support = `/tenders/${PACK}/panel/p1/support`;
      const _csrf = await csrfToken(facilitator, support);
      assert.equal((await facilitator.post(support).type('form').send({ _csrf, agreed: 'yes' })).status, 303);
      const res = await facilitator.get('/panel/pack');
      assert.equal(res.status, 200);
      assert.deepEqual(sheetIds(res.text), sheetIds((await p1.get('/panel/pack')).text));
      assert.match(load(res.text)('.govuk-caption-l').first().text(), /Scoring pack for Asha Begum/);
    });

    it('is refused to staff who are not entering scores with a member, and sends signed-out people to the panel start', async () => {
      for (const name of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) assert.equal((await as[name].get('/panel/pack')).status, 403, name);
      const out = await request(t.app).get('/panel/pack');
      assert.equal(out.status, 303);
      assert.equal(out.headers['location'], '/panel');
    });
  });

  describe("a member's pack for staff (/tenders/:reference/panel/:memberKey/pack)", () => {
    const url = `/tenders/${PACK}/panel/p1/pack`;

    it('asks which bid to print when a member reads more than 10, and prints one bid at a time', async () => {
      const framework = frameworkPack({ bids: 12, criteria: 3, members: 2 }, 'FW-PACK');
      const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), framework, { file: 'fw.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
      if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
      const fwUrl = '/tenders/FW-PACK/panel/m1/pack';
      const all = load((await as.owner.get(`${fwUrl}?size=large`)).text);
      assert.equal(all('section.app-pack__sheet').length, 0, 'no sheets until a bid is chosen');
      const choices = all('#bid-choices a');
      assert.equal(choices.length, 12);
      const first = choices.first().attr('href')!;
      assert.match(first, /^\/tenders\/FW-PACK\/panel\/m1\/pack\?size=large&bid=/, 'the choice keeps the print size');
      const one = load((await as.owner.get(first)).text);
      const bid = new URL(first, 'http://x').searchParams.get('bid');
      assert.equal(one('section.app-pack__sheet').length, 3, 'one bid: its 3 questions');
      assert.match(one('#one-bid').text(), /These are the sheets for .* only/);
      assert.equal(one('#one-bid a').attr('href'), `${fwUrl}?size=large`);
      assert.equal(one('#switch-size').attr('href'), `${fwUrl}?size=standard&bid=${bid}`);
      assert.equal((await as.owner.get(`${fwUrl}?bid=NOPE`)).status, 404, 'a bid the member does not read');
    });

    it('gives the owning commissioner and a facilitator the same sheets as the member sees', async () => {
      const own = sheetIds((await p1.get('/panel/pack')).text);
      for (const agent of [as.owner, as.facilitator]) {
        const res = await agent.get(url);
        assert.equal(res.status, 200);
        const $ = load(res.text);
        assert.deepEqual(sheetIds(res.text), own);
        assert.equal($('a[aria-current="page"]').text(), 'Panel');
        assert.equal($('#switch-size').attr('href'), `${url}?size=large`);
        for (const price of PRICES) assert.ok(!mainText(res.text).includes(price), `${price} is not shown`);
        for (const supplier of SUPPLIERS) assert.ok(!res.text.includes(supplier), `${supplier} is not named`);
      }
    });

    it('names the organisations when the tender is not anonymised, still without prices or scores', async () => {
      const res = await as.owner.get('/tenders/HW-2026-01/panel/m1/pack');
      assert.equal(res.status, 200);
      const text = mainText(res.text);
      assert.match(text, /Bid A: Alder Care – Working with people who use the service/);
      assert.doesNotMatch(text, /Elm Partners/, 'the withdrawn bid is left out');
      assert.doesNotMatch(text, /£|100,000|People sit on their board|Clear lead/);
      assert.equal(load(res.text)('section.app-pack__sheet').length, 8);
    });

    it('warns staff when the member has not yet declared their conflicts of interest', async () => {
      const res = await as.owner.get(`/tenders/${PACK}/panel/p3/pack`);
      assert.match(load(res.text)('#print-controls .govuk-warning-text').text(), /Lou Price has not yet said whether they have a conflict of interest/);
      assert.equal(load((await as.owner.get(url)).text)('#print-controls .govuk-warning-text').length, 0);
    });

    it('is large print by default for a member who needs it', async () => {
      const $ = load((await as.facilitator.get(`/tenders/${PACK}/panel/p2/pack`)).text);
      assert.equal($('article.app-pack').hasClass('app-pack--large'), true);
      assert.equal($('#switch-size').attr('href'), `/tenders/${PACK}/panel/p2/pack?size=standard`);
      assert.equal($('#sheet-A-co-production .app-pack__reading h3').first().text(), 'The outcome for people');
    });

    it('is easy read and large print by default for a member whose access needs include easy read, with no layout switch', async () => {
      const res = await as.facilitator.get(`/tenders/${PACK}/panel/p4/pack`);
      const $ = load(res.text);
      assert.equal($('article.app-pack').hasClass('app-pack--large'), true);
      assert.equal($('#sheet-A-co-production .app-pack__reading h3').first().text(), 'What this is about');
      assert.equal($('#print-controls form').length, 0);
      assert.deepEqual(sheetIds(res.text), sheetIds((await p4.get('/panel/pack')).text));
    });

    it('has a large-print reason page with more lines to write on', async () => {
      const $ = load((await as.facilitator.get(`/tenders/${PACK}/panel/p2/pack`)).text);
      assert.equal($('#sheet-A-co-production .app-pack__lines .app-pack__line').length, 12);
    });

    it('is refused to procurement and panel members, hidden from other commissioners, and 404 for a member of another tender', async () => {
      assert.equal((await as.procurement.get(url)).status, 403);
      assert.equal((await p1.get(url)).status, 403);
      assert.equal((await as.otherCommissioner.get(url)).status, 404);
      assert.equal((await as.owner.get('/tenders/HW-2026-01/panel/p1/pack')).status, 404, 'p1 is on the panel of another tender');
      assert.equal((await as.owner.get(`/tenders/${PACK}/panel/m1/pack`)).status, 404, 'm1 is on the panel of another tender');
      assert.equal((await as.owner.get('/tenders/NO-SUCH/panel/p1/pack')).status, 404);
      const out = await request(t.app).get(url);
      assert.equal(out.status, 303);
      assert.equal(out.headers['location'], '/sign-in');
    });
  });

  describe('the glossary', () => {
    const TERMS = ['bid', 'conflict-of-interest', 'easy-read', 'facilitator', 'panel', 'reason', 'abstain', 'cannot-score', 'organisation', 'evaluation'];
    const EARLIER = ['commissioning', 'tender', 'outcome', 'co-production', 'lived-experience', 'reciprocity', 'weighting', 'threshold', 'equal-voice', 'moderation'];

    it('explains every word with an anchor to link to, signed in or not', async () => {
      const res = await request(t.app).get('/glossary');
      assert.equal(res.status, 200);
      const $ = load(res.text);
      for (const id of [...TERMS, ...EARLIER]) assert.equal($(`#${id}`).length, 1, `#${id}`);
      for (const id of [...TERMS, ...EARLIER].filter((i) => i !== 'cannot-score')) {
        assert.ok($(`#${id} dd`).text().trim().length > 20, `#${id} explains the word`);
      }
      assert.match($('#abstain dt').text(), /I cannot score this/);
      const ids = $('[id]').map((_i, el) => $(el).attr('id')).get();
      assert.equal(new Set(ids).size, ids.length, 'every id is unique');
    });

    it('gives the printed pack every one of its words, as plain text', async () => {
      const $ = load((await request(t.app).get('/glossary')).text);
      const words = readGlossary();
      assert.deepEqual(
        words.map((w) => w.id),
        $('.govuk-summary-list__row').map((_i, el) => $(el).attr('id')).get(),
      );
      for (const w of words) {
        assert.equal(w.term, $(`#${w.id} dt`).text(), w.id);
        assert.equal(w.meaning, $(`#${w.id} dd`).text().replace(/\s+/g, ' ').trim(), w.id);
      }
      assert.deepEqual(
        wordsUsedIn(['The thresholds, and “I cannot score this”. Co-production!']).map((w) => w.id),
        ['co-production', 'abstain', 'threshold'],
      );
      assert.deepEqual(wordsUsedIn(['reasonable bidders, a tendered panelling']), []);
    });

    it('has every word that a page or the code links to', async () => {
      const $ = load((await request(t.app).get('/glossary')).text);
      const files = ['views', 'src'].flatMap((dir) =>
        readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.hbs') || f.endsWith('.ts'))
          .map((f) => path.join(REPO_ROOT, dir, f)),
      );
      const linked = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\/glossary#([a-z-]+)/g)].map((m) => m[1]!)));
      assert.ok(linked.has('conflict-of-interest'));
      for (const id of linked) assert.equal($(`#${id}`).length, 1, `/glossary#${id} is linked from a page`);
    });
  });
});
