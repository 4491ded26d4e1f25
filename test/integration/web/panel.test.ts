// The panel of a tender: who is on it, what each member scores, the balance of perspectives per
// criterion, and who may change it (the commissioner; a facilitator adds members and changes
// their details), and what may change at each stage (panel-change.test.ts has the rest).
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack, type PackDoc } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp, encode, type Form } from '../../helpers/web';

type Agent = request.Agent;

/** A urlencoded body, with repeated names for checkbox groups (as a browser sends them). */
const MODERATION = '/tenders/HW-2026-01/panel';

describe('web: the panel', () => {
  let t: TestApp;
  const as: Record<keyof typeof ACCOUNTS, Agent> = {} as Record<keyof typeof ACCOUNTS, Agent>;
  let drafts = 0;

  before(async () => {
    t = await testApp();
    // Signed in once per account: sign-in is rate limited.
    for (const name of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) as[name] = await signedIn(t.app, ACCOUNTS[name].email);
  });
  after(() => t.close());

  /**
   * A new draft tender owned by the owner, from the hand-worked pack: "safety" is scored by
   * professionals only; m1 (lived experience) and m3 (professional) have no scores, m2
   * (professional) has one score, for bid A on safety.
   */
  async function draft(change: (pack: PackDoc) => void = () => {}): Promise<string> {
    const pack = handWorkedPack();
    const reference = `HW-DRAFT-${++drafts}`;
    pack.tender = { ...pack.tender, reference, state: 'draft' };
    const rubric = pack.tender.rubric;
    if (typeof rubric === 'string') throw new Error('expected the inline rubric');
    rubric.sections[0]!.criteria[1]!['scoredBy'] = ['professional'];
    pack.panel = [
      { key: 'm1', name: 'Sam Okafor', perspective: 'lived-experience', accessNeeds: ['easy-read'] },
      { key: 'm2', name: 'Priya Shah', perspective: 'professional' },
      { key: 'm3', name: 'Tom Reid', perspective: 'professional' },
    ];
    pack.scores = [{ member: 'm2', bid: 'A', criterion: 'safety', score: 3, rationale: 'Paper score.' }];
    pack.consensus = [];
    change(pack);
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return `/tenders/${reference}/panel`;
  }

  async function post(agent: Agent, url: string, form: Form, tokenFrom = '/tenders'): Promise<request.Response> {
    const _csrf = await csrfToken(agent, tokenFrom);
    return agent.post(url).type('form').send(encode({ ...form, _csrf }));
  }

  const events = (action: string, reference: string) =>
    t.db.selectFrom('audit_events').selectAll().where('action', '=', action).where('tender_ref', '=', reference).execute();

  const card = (html: string, key: string) => load(html)(`#member-${key}`).text().replace(/\s+/g, ' ');

  describe('the panel page', () => {
    it('shows each member with perspective, access needs, what they score and progress, and the mix', async () => {
      const res = await as.owner.get(MODERATION);
      assert.equal(res.status, 200);
      const $ = load(res.text);
      assert.match($('#panel-mix').text(), /1 with lived experience, 2 professionals/);
      const sam = card(res.text, 'm1');
      assert.match(sam, /Sam Okafor/);
      assert.match(sam, /lived experience/);
      assert.match(sam, /Easy read/);
      assert.match(sam, /2 criteria .*Working with people who use the service.*Keeping people safe/);
      assert.match(sam, /4 bids .*Bid A: Alder Care.*Bid D: Damson Services Progress/);
      assert.doesNotMatch(sam, /Elm Partners/, 'withdrawn bids are left out');
      assert.match(sam, /8 of 8 scores submitted/);
      assert.equal($('a[aria-current="page"]').text(), 'Panel');
    });

    it('says what can still change in moderation, and offers only that', async () => {
      const res = await as.owner.get(MODERATION);
      const $ = load(res.text);
      assert.match($('.govuk-inset-text').text(), /Members cannot be added and what they score cannot change now. You can keep contact details and access needs up to date, and withdraw a member/);
      assert.equal($('a[href$="/add"], a[href$="/assign"], a[href$="/remove"]').length, 0);
      assert.equal($('a[href$="/change"]').length, 3);
      assert.equal($('a[href$="/withdraw"]').length, 3);
    });

    it('shows contact details and access needs to a facilitator, and not to procurement', async () => {
      const facilitator = await as.facilitator.get(MODERATION);
      assert.equal(facilitator.status, 200);
      assert.match(card(facilitator.text, 'm1'), /Easy read/);
      const procurement = await as.procurement.get(MODERATION);
      assert.equal(procurement.status, 200);
      assert.doesNotMatch(card(procurement.text, 'm1'), /Easy read|Access needs|Contact/);
      assert.match(procurement.text, /shown to commissioners and facilitators only/);
    });

    it("answers 404 to another commissioner and sends a signed-out person to sign in", async () => {
      assert.equal((await as.otherCommissioner.get(MODERATION)).status, 404);
      const signedOut = await request(t.app).get(MODERATION);
      assert.equal(signedOut.status, 303);
      assert.equal(signedOut.headers['location'], '/sign-in');
    });

    it('warns when the co-production criterion has no one with lived experience scoring it', async () => {
      const url = await draft();
      assert.equal(load((await as.owner.get(url)).text)('.govuk-warning-text').length, 0, 'no warning while Sam scores it');
      assert.equal((await post(as.owner, `${url}/m1/remove`, {})).status, 303);
      const $ = load((await as.owner.get(url)).text);
      assert.match($('.govuk-warning-text').text(), /No one with lived experience scores “Working with people who use the service”/);
      assert.equal($('#balance-co-production td').first().text(), '2');
      assert.equal($('#balance-co-production td').last().text(), '0');
    });

    it('notes a criterion no one scores, and an empty panel', async () => {
      const url = await draft((pack) => {
        pack.panel = [];
        pack.scores = [];
      });
      const $ = load((await as.owner.get(url)).text);
      assert.match($('#balance-safety').text(), /No one scores “Keeping people safe” yet/);
      assert.match($('#balance-safety').text(), /Only professionals score this/);
      assert.match($('#panel-mix').text(), /No one is on the panel yet/);
      assert.equal($('.govuk-warning-text').length, 1);
    });
  });

  describe('adding a member', () => {
    it('adds a member with what their perspective may score and every bid not withdrawn, and records it', async () => {
      const url = await draft();
      const res = await post(as.owner, `${url}/add`, {
        name: 'Ada Lovelace',
        perspective: 'lived-experience',
        contact: '07700 900123',
        accessNeeds: ['large-print', 'other'],
        accessNotes: 'Needs breaks every 30 minutes',
      });
      assert.equal(res.status, 303);
      assert.match(res.headers['location'] ?? '', /\/panel\?done=added&member=m4/);
      const page = await as.owner.get(res.headers['location']!);
      assert.match(load(page.text)('.govuk-notification-banner').text(), /Ada Lovelace was added to the panel/);
      for (const unknown of ['constructor', '__proto__', 'toString']) {
        const other = await as.owner.get(res.headers['location']!.replace('done=added', `done=${unknown}`));
        assert.equal(load(other.text)('.govuk-notification-banner').length, 0, `no banner for done=${unknown}`);
      }
      const ada = card(page.text, 'm4');
      assert.match(ada, /07700 900123/);
      assert.match(ada, /Large print.*Other.*Needs breaks every 30 minutes/);
      assert.match(ada, /1 criterion Working with people who use the service/);
      assert.match(ada, /4 bids/);
      assert.doesNotMatch(ada, /Elm Partners/, 'the withdrawn bid is not assigned');
      const [event] = await events('panel.member-added', 'HW-DRAFT-' + String(drafts));
      assert.ok(event);
      assert.equal(event.actor, `commissioner:${ACCOUNTS.owner.email}`);
      assert.deepEqual(JSON.parse(event.detail), { bids: ['A', 'B', 'C', 'D'], criteria: ['co-production'], member: 'm4', perspective: 'lived-experience', stage: 'draft' });
      assert.doesNotMatch(event.detail, /Ada|07700|breaks/, 'no personal details in the append-only trail');
    });

    it('refuses a missing name and no perspective with the error summary, and keeps what was typed', async () => {
      const url = await draft();
      const res = await post(as.owner, `${url}/add`, { name: '  ', contact: 'sam@example.com', accessNeeds: 'easy-read' });
      assert.equal(res.status, 400);
      const $ = load(res.text);
      assert.match($('title').text(), /^Error: Add a panel member/);
      const links = $('.govuk-error-summary a').map((_i, a) => `${a.attribs['href']} ${$(a).text()}`).get();
      assert.deepEqual(links, ['#name Enter the member’s name', '#perspective Choose whether they are a professional or have lived experience of care services']);
      assert.equal($('#name').length, 1);
      assert.equal($('#perspective').length, 1);
      assert.equal($('#contact').val(), 'sam@example.com');
      assert.equal($('#accessNeeds-2').attr('checked'), 'checked');
    });

    it('refuses contact details that are neither an email nor a phone, an unknown access need, and Other without words', async () => {
      const url = await draft();
      const res = await post(as.owner, `${url}/add`, { name: 'Ada', perspective: 'professional', contact: 'call me', accessNeeds: ['other', 'telepathy'] });
      assert.equal(res.status, 400);
      const hrefs = load(res.text)('.govuk-error-summary a').map((_i, a) => a.attribs['href']).get();
      assert.deepEqual(hrefs, ['#contact', '#accessNeeds']);
      const other = await post(as.owner, `${url}/add`, { name: 'Ada', perspective: 'professional', accessNeeds: 'other' });
      assert.equal(other.status, 400);
      assert.match(load(other.text)('.govuk-error-summary').text(), /Describe the other access need/);
    });

    it('lets a facilitator add a member and change their details', async () => {
      const url = await draft();
      const res = await post(as.facilitator, `${url}/add`, { name: 'Ben Hall', perspective: 'professional' });
      assert.equal(res.status, 303);
      const changed = await post(as.facilitator, `${url}/m4/change`, { name: 'Ben Hall', perspective: 'professional', accessNeeds: 'supporter' });
      assert.equal(changed.status, 303);
      assert.match(card((await as.owner.get(url)).text, 'm4'), /Needs a supporter/);
      const [event] = await events('panel.member-added', 'HW-DRAFT-' + String(drafts));
      assert.equal(event?.actor, `facilitator:${ACCOUNTS.facilitator.email}`);
    });
  });

  describe('changing a member', () => {
    it('saves details, and a new perspective drops the criteria it may not score', async () => {
      const url = await draft();
      const form = await as.owner.get(`${url}/m3/change`);
      assert.equal(load(form.text)('#name').val(), 'Tom Reid');
      const res = await post(as.owner, `${url}/m3/change`, { name: 'Tom Reid', perspective: 'lived-experience', contact: 'tom@example.com' });
      assert.equal(res.status, 303);
      const tom = card((await as.owner.get(url)).text, 'm3');
      assert.match(tom, /lived experience/);
      assert.match(tom, /1 criterion Working with people who use the service/);
      const [event] = await events('panel.member-changed', 'HW-DRAFT-' + String(drafts));
      assert.deepEqual(JSON.parse(event!.detail), { changed: ['perspective', 'contact'], droppedCriteria: ['safety'], member: 'm3', perspective: 'lived-experience' });
    });

    it('refuses a new perspective that would drop a criterion the member has scored', async () => {
      const url = await draft();
      const res = await post(as.owner, `${url}/m2/change`, { name: 'Priya Shah', perspective: 'lived-experience' });
      assert.equal(res.status, 400);
      assert.match(load(res.text)('.govuk-error-summary a[href="#perspective"]').text(), /Priya Shah has scores for “Keeping people safe”/);
    });

    it('answers 404 for a member who is not on the panel', async () => {
      const url = await draft();
      assert.equal((await as.owner.get(`${url}/nobody/change`)).status, 404);
    });
  });

  describe('what a member scores', () => {
    it('offers the criteria and bids ticked as they stand, and saves a new choice', async () => {
      const url = await draft();
      const $ = load((await as.owner.get(`${url}/m3/assign`)).text);
      assert.deepEqual($('input[name="criteria"]:checked').map((_i, e) => e.attribs['value']).get(), ['co-production', 'safety']);
      assert.deepEqual($('input[name="bids"]').map((_i, e) => e.attribs['value']).get(), ['A', 'B', 'C', 'D'], 'the withdrawn bid is not offered');
      const res = await post(as.owner, `${url}/m3/assign`, { criteria: 'safety', bids: ['A', 'C'] });
      assert.equal(res.status, 303);
      const tom = card((await as.owner.get(url)).text, 'm3');
      assert.match(tom, /1 criterion Keeping people safe/);
      assert.match(tom, /2 bids Bid A: Alder Care\s*Bid C: Cedar Homecare Progress/);
      const [event] = await events('panel.member-assigned', 'HW-DRAFT-' + String(drafts));
      assert.deepEqual(JSON.parse(event!.detail), { bids: ['A', 'C'], criteria: ['safety'], member: 'm3', stage: 'draft' });
    });

    it('starts a member with nothing assigned from what their perspective may score and every bid', async () => {
      const url = await draft((pack) => {
        pack.panel[0] = { ...pack.panel[0]!, criteria: [], bids: [] };
      });
      const $ = load((await as.owner.get(`${url}/m1/assign`)).text);
      assert.deepEqual($('input[name="criteria"]:checked').map((_i, e) => e.attribs['value']).get(), ['co-production']);
      assert.deepEqual($('input[name="bids"]:checked').map((_i, e) => e.attribs['value']).get(), ['A', 'B', 'C', 'D']);
    });

    it("refuses a criterion the member's perspective may not score, saying why", async () => {
      const url = await draft();
      const page = load((await as.owner.get(`${url}/m1/assign`)).text);
      assert.match(page('#criteria-2-item-hint').text(), /Only professionals score this. Sam Okafor cannot score it/);
      const res = await post(as.owner, `${url}/m1/assign`, { criteria: ['co-production', 'safety'], bids: 'A' });
      assert.equal(res.status, 400);
      const $ = load(res.text);
      assert.match($('title').text(), /^Error: What Sam Okafor scores/);
      assert.match($('.govuk-error-summary a[href="#criteria"]').text(), /Sam Okafor cannot score “Keeping people safe”: only professionals score it/);
      assert.deepEqual($('input[name="bids"]:checked').map((_i, e) => e.attribs['value']).get(), ['A'], 'keeps what was chosen');
    });

    it('refuses a bid that is not in the list (tampered, or withdrawn), and an empty choice', async () => {
      const url = await draft();
      for (const bid of ['Z', 'E']) {
        const res = await post(as.owner, `${url}/m3/assign`, { criteria: 'safety', bids: ['A', bid] });
        assert.equal(res.status, 400, bid);
        assert.match(load(res.text)('.govuk-error-summary a[href="#bids"]').text(), /Choose bids from the list/);
      }
      const empty = await post(as.owner, `${url}/m3/assign`, {});
      assert.equal(empty.status, 400);
      assert.deepEqual(load(empty.text)('.govuk-error-summary a').map((_i, a) => a.attribs['href']).get(), ['#criteria', '#bids']);
      assert.equal((await events('panel.member-assigned', 'HW-DRAFT-' + String(drafts))).length, 0);
    });

    it('refuses to take away a bid the member has already scored', async () => {
      const url = await draft();
      const res = await post(as.owner, `${url}/m2/assign`, { criteria: ['co-production', 'safety'], bids: 'B' });
      assert.equal(res.status, 400);
      assert.match(load(res.text)('.govuk-error-summary').text(), /Priya Shah already has a score for bid A on “Keeping people safe”/);
    });
  });

  describe('removing a member', () => {
    it('removes a member with no scores after asking, and records it', async () => {
      const url = await draft();
      const confirm = await as.owner.get(`${url}/m3/remove`);
      assert.equal(confirm.status, 200);
      assert.match(load(confirm.text)('h1').text(), /Remove Tom Reid from the panel\?/);
      const res = await post(as.owner, `${url}/m3/remove`, {});
      assert.equal(res.status, 303);
      const page = await as.owner.get(res.headers['location']!);
      assert.equal(load(page.text)('#member-m3').length, 0);
      assert.match(page.text, /The member was removed from the panel/);
      const [event] = await events('panel.member-removed', 'HW-DRAFT-' + String(drafts));
      assert.deepEqual(JSON.parse(event!.detail), { invitationsRemoved: 0, member: 'm3', perspective: 'professional' });
    });

    it('keeps a member who has scores, saying why', async () => {
      const url = await draft();
      assert.match((await as.owner.get(`${url}/m2/remove`)).text, /Priya Shah has 1 score stored/);
      const res = await post(as.owner, `${url}/m2/remove`, {});
      assert.equal(res.status, 409);
      assert.match(res.text, /Priya Shah has 1 score stored/);
      assert.equal(load((await as.owner.get(url)).text)('#member-m2').length, 1);
      assert.equal((await events('panel.member-removed', 'HW-DRAFT-' + String(drafts))).length, 0);
    });
  });

  describe('who may change the panel', () => {
    const writes = (url: string): [string, Form][] => [
      [`${url}/add`, { name: 'Ada', perspective: 'professional' }],
      [`${url}/m3/change`, { name: 'Tom', perspective: 'professional' }],
      [`${url}/m3/assign`, { criteria: 'safety', bids: 'A' }],
      [`${url}/m3/remove`, {}],
    ];

    it('refuses procurement every change (403), and the forms too', async () => {
      const url = await draft();
      for (const [path, form] of writes(url)) {
        assert.equal((await as.procurement.get(path)).status, 403, `GET ${path}`);
        assert.equal((await post(as.procurement, path, form)).status, 403, `POST ${path}`);
      }
      assert.equal(card((await as.owner.get(url)).text, 'm3').includes('Tom Reid'), true);
    });

    it('refuses a facilitator what a member scores and removing a member (403)', async () => {
      const url = await draft();
      for (const [path, form] of writes(url).slice(2)) {
        assert.equal((await as.facilitator.get(path)).status, 403, `GET ${path}`);
        assert.equal((await post(as.facilitator, path, form)).status, 403, `POST ${path}`);
      }
      const $ = load((await as.facilitator.get(url)).text);
      assert.equal($('a[href$="/assign"], a[href$="/remove"]').length, 0);
      assert.ok($('a[href$="/add"]').length > 0);
    });

    it("answers 404 to another commissioner's changes, and sends a signed-out person to sign in", async () => {
      const url = await draft();
      for (const [path, form] of writes(url)) {
        assert.equal((await as.otherCommissioner.get(path)).status, 404, `GET ${path}`);
        assert.equal((await post(as.otherCommissioner, path, form)).status, 404, `POST ${path}`);
        const anonymous = request.agent(t.app);
        const res = await post(anonymous, path, form, '/sign-in');
        assert.equal(res.status, 303, `signed out POST ${path}`);
        assert.equal(res.headers['location'], '/sign-in');
      }
    });

    it('refuses adding, assigning and removing in moderation, saying why', async () => {
      const locked: [string, Form, RegExp][] = [
        [`${MODERATION}/add`, { name: 'Ada', perspective: 'professional' }, /Members cannot be added now: scoring has closed/],
        [`${MODERATION}/m2/assign`, { criteria: 'safety', bids: 'A' }, /What members score cannot change now: scoring has closed/],
        [`${MODERATION}/m2/remove`, {}, /A member cannot be removed once scoring has opened: withdraw them instead/],
      ];
      for (const [path, form, why] of locked) {
        for (const res of [await as.owner.get(path), await post(as.owner, path, form)]) {
          assert.equal(res.status, 409, path);
          assert.match(res.text, why);
        }
      }
      assert.equal(card((await as.owner.get(MODERATION)).text, 'm2').includes('Priya Shah'), true);
      assert.equal((await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'panel.%').where('tender_ref', '=', 'HW-2026-01').execute()).length, 0);
    });
  });
});
