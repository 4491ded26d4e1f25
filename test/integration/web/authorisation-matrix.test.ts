// The authorisation matrix (the README's "Quality bars"): every route × every actor × objects from two tenders, each
// cell's expected allow or deny written down below. A cell is "allowed" when the request gets past
// authorisation (any answer but 403, 404 or a redirect to sign in); a form sent empty then fails
// validation, so allowed cells change nothing worth mentioning. Every route the router has must
// be listed here, so a new route cannot be forgotten.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { issueInvitations } from '../../../src/services/invitations';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { ACCOUNTS, ADMIN, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';
import { allRoutes } from './routes';

type ActorName = 'owner' | 'otherCommissioner' | 'procurement' | 'facilitator' | 'admin' | 'panelMember' | 'signedOut';
const ACTORS: ActorName[] = ['owner', 'otherCommissioner', 'procurement', 'facilitator', 'admin', 'panelMember', 'signedOut'];

/** Tender A is the owner's (in moderation); tender B is the other commissioner's (a draft). */
const TENDERS = { A: 'HW-2026-01', B: 'HW-B' } as const;
type TenderName = keyof typeof TENDERS;

/** Which tenders each actor may see: a commissioner their own; procurement and facilitators all. */
const SEES: Record<ActorName, TenderName[]> = {
  owner: ['A'],
  otherCommissioner: ['B'],
  procurement: ['A', 'B'],
  facilitator: ['A', 'B'],
  admin: [], // accounts only, no tenders
  panelMember: [],
  signedOut: [],
};
const COMMISSIONERS: ActorName[] = ['owner', 'otherCommissioner'];
const STAFF: ActorName[] = ['owner', 'otherCommissioner', 'procurement', 'facilitator'];

type Rule = (actor: ActorName, tender: TenderName | null) => boolean;
const everyone: Rule = () => true;
const nobody: Rule = () => false;
const staff: Rule = (a) => STAFF.includes(a);
const commissioner: Rule = (a) => COMMISSIONERS.includes(a);
const sees = (roles: ActorName[]): Rule => (a, t) => roles.includes(a) && t !== null && SEES[a].includes(t);
const panelHome: Rule = (a) => a === 'panelMember' || a === 'signedOut';
/** The scoring journey: the panel member only (a facilitator only in facilitator mode, tested in scoring-support). */
const panelOnly: Rule = (a) => a === 'panelMember';
const adminOnly: Rule = (a) => a === 'admin';

/** The written-down expectations: route → who is allowed. */
const EXPECTED: Record<string, Rule> = {
  'GET /': (a) => a !== 'signedOut', // signed out: to the sign-in page
  'GET /styles/app.css': everyone,
  'GET /assets/govuk-frontend.min.js': everyone,
  'GET /sign-in': everyone,
  'GET /glossary': everyone,
  'GET /accessibility': everyone,
  'GET /invite/:token': nobody, // a forged link lets no one in (404, a plain page)
  'POST /invite/:token': nobody, // staff confirming they open a link: a forged one is refused alike
  'GET /code': everyone, // the form for the short code from an invitation letter
  // Anyone may type a code (an empty one is shown the form again, 400); a signed-out post with
  // no form token is refused by the CSRF check (403). A code's own checks: short-codes.test.ts.
  'POST /code': (a) => a !== 'signedOut',
  'GET /panel': panelHome, // signed out: a page asking for the link; staff: 403
  'GET /panel/conflicts': panelOnly,
  'POST /panel/conflicts': panelOnly,
  'GET /panel/tasks': panelOnly,
  'GET /panel/bids/:bidKey/criteria/:criterionId': panelOnly,
  'POST /panel/bids/:bidKey/criteria/:criterionId': panelOnly,
  'GET /panel/check': panelOnly,
  'POST /panel/submit': panelOnly,
  'GET /panel/sent': panelOnly,
  'POST /panel/layout': panelOnly,
  'GET /panel/contribution': panelOnly,
  'GET /panel/contribution/time': panelOnly,
  'GET /panel/contribution/expense': panelOnly,
  'POST /panel/contribution': panelOnly,
  // Reciprocity: the payment summary for commissioners and facilitators; the rate is the commissioner's decision.
  'GET /tenders/:reference/involvement': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/involvement/rate': sees(COMMISSIONERS),
  // Payment claims: the member's own (no member key in the address, so never another's); staff who
  // see the tender read every claim and claim form; a commissioner approves; procurement or a
  // commissioner marks paid.
  'GET /panel/claim': panelOnly,
  'POST /panel/claim': panelOnly,
  'GET /panel/claim/choice': panelOnly,
  'POST /panel/claim/choice': panelOnly,
  'GET /panel/claim/form': panelOnly,
  'GET /panel/claim/advance': panelOnly,
  'POST /panel/claim/advance': panelOnly,
  'GET /tenders/:reference/claims': sees(STAFF),
  'GET /tenders/:reference/claims/:memberKey': sees(STAFF),
  'POST /tenders/:reference/claims/:memberKey/approve': sees(COMMISSIONERS),
  'POST /tenders/:reference/claims/:memberKey/paid': sees([...COMMISSIONERS, 'procurement']),
  'POST /tenders/:reference/claims/:memberKey/advance-paid': sees([...COMMISSIONERS, 'procurement']),
  'GET /panel/pack': panelOnly,
  // The practice round: the member's own (a facilitator only in facilitator mode); staff never read
  // practice scores (they see "practice done" on the panel page). The setting is the commissioner's.
  'GET /panel/practice': panelOnly,
  'GET /panel/practice/compare': panelOnly,
  'GET /panel/practice/:item': panelOnly,
  'POST /panel/practice/:item': panelOnly,
  'GET /tenders/:reference/practice': sees(COMMISSIONERS),
  'POST /tenders/:reference/practice': sees(COMMISSIONERS),
  'GET /tenders/:reference/panel/:memberKey/pack': sees([...COMMISSIONERS, 'facilitator']),
  'POST /panel/support/stop': (a) => a === 'facilitator',
  'GET /tenders/:reference/panel/:memberKey/support': sees(['facilitator']),
  'POST /tenders/:reference/panel/:memberKey/support': sees(['facilitator']),
  'GET /tenders': staff,
  'GET /rubrics': staff,
  'GET /rubrics/:id': staff,
  'GET /tenders/new': commissioner,
  'POST /tenders': commissioner,
  'GET /tenders/upload': commissioner,
  'POST /tenders/upload': commissioner,
  'GET /tenders/:reference': sees(STAFF),
  'GET /tenders/:reference/rubric': sees(STAFF),
  'GET /tenders/:reference/state': sees(COMMISSIONERS),
  // Whether the contract is light touch: the commissioner's answer, asked at set-up, changed here.
  'GET /tenders/:reference/light-touch': sees(COMMISSIONERS),
  'POST /tenders/:reference/light-touch': sees(COMMISSIONERS),
  'POST /tenders/:reference/state': sees(COMMISSIONERS),
  // Handing a tender to another commissioner: the commissioner who owns it, or an admin (any tender).
  'GET /tenders/:reference/owner': (a, t) => (a === 'admin' && t !== null) || sees(COMMISSIONERS)(a, t),
  'POST /tenders/:reference/owner': (a, t) => (a === 'admin' && t !== null) || sees(COMMISSIONERS)(a, t),
  // The timetable is the commissioner's to set; facilitators and procurement see its late notices on the tender's pages.
  'GET /tenders/:reference/timetable': sees(COMMISSIONERS),
  'POST /tenders/:reference/timetable': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids': sees(STAFF),
  'GET /tenders/:reference/bids/:key': sees(STAFF),
  'GET /tenders/:reference/bids/new': sees(COMMISSIONERS),
  'POST /tenders/:reference/bids/new': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids/:key/edit': sees(COMMISSIONERS),
  'POST /tenders/:reference/bids/:key/edit': sees(COMMISSIONERS),
  // The bidder's legal details for the award notice: the commissioner's, at any stage.
  'GET /tenders/:reference/bids/:key/details': sees(COMMISSIONERS),
  'POST /tenders/:reference/bids/:key/details': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids/:key/withdraw': sees(COMMISSIONERS),
  'POST /tenders/:reference/bids/:key/withdraw': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids/:key/delete': sees(COMMISSIONERS),
  'POST /tenders/:reference/bids/:key/delete': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids/import': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids/import/template.csv': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids/import/template.xlsx': sees(COMMISSIONERS),
  'POST /tenders/:reference/bids/import': sees(COMMISSIONERS),
  'POST /tenders/:reference/bids/import/confirm': sees(COMMISSIONERS),
  'GET /tenders/:reference/bids/prices': sees([...COMMISSIONERS, 'procurement']),
  'POST /tenders/:reference/bids/prices': sees([...COMMISSIONERS, 'procurement']),
  'GET /tenders/:reference/panel': sees(STAFF),
  'GET /tenders/:reference/panel/add': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/panel/add': sees([...COMMISSIONERS, 'facilitator']),
  'GET /tenders/:reference/panel/:key/change': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/panel/:key/change': sees([...COMMISSIONERS, 'facilitator']),
  'GET /tenders/:reference/panel/:key/assign': sees(COMMISSIONERS),
  'POST /tenders/:reference/panel/:key/assign': sees(COMMISSIONERS),
  'GET /tenders/:reference/panel/:key/remove': sees(COMMISSIONERS),
  'POST /tenders/:reference/panel/:key/remove': sees(COMMISSIONERS),
  // Withdrawing a member who drops out (scoring or moderation) shapes the evaluation, as removing does.
  'GET /tenders/:reference/panel/:key/withdraw': sees(COMMISSIONERS),
  'POST /tenders/:reference/panel/:key/withdraw': sees(COMMISSIONERS),
  'GET /tenders/:reference/panel/:memberKey/invitation': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/panel/:memberKey/invitation': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/panel/:memberKey/invitation/revoke': sees([...COMMISSIONERS, 'facilitator']),
  // Messages to panel members (contact details): commissioners and facilitators. Message 1 is tender A's, so B's answer 404.
  'GET /tenders/:reference/messages': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/messages/reminders': sees([...COMMISSIONERS, 'facilitator']),
  'GET /tenders/:reference/messages/:messageId/letter': (a, t) => t === 'A' && sees([...COMMISSIONERS, 'facilitator'])(a, t),
  'POST /tenders/:reference/messages/:messageId/resend': (a, t) => t === 'A' && sees([...COMMISSIONERS, 'facilitator'])(a, t),
  // Releasing the outcome to the panel, and the survey's results: the commissioner's.
  'GET /tenders/:reference/outcome': sees(COMMISSIONERS),
  'POST /tenders/:reference/outcome': sees(COMMISSIONERS),
  // What happened and the survey: the panel member (a "not ready yet" page until released).
  'GET /panel/outcome': panelOnly,
  'GET /panel/outcome/survey': panelOnly,
  'POST /panel/outcome/survey': panelOnly,
  'POST /tenders/:reference/panel/:memberKey/invitation/letter': sees([...COMMISSIONERS, 'facilitator']),
  // Moderation: the commissioner and the facilitator who chairs it; procurement never sees quality scores.
  'GET /tenders/:reference/moderation': sees([...COMMISSIONERS, 'facilitator']),
  'GET /tenders/:reference/moderation/:bid/:criterion': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/moderation/:bid/:criterion': sees([...COMMISSIONERS, 'facilitator']),
  // A member's dissent is written down by whoever chairs the meeting: the commissioner or a facilitator.
  'POST /tenders/:reference/moderation/:bid/:criterion/dissent': sees([...COMMISSIONERS, 'facilitator']),
  'GET /tenders/:reference/moderation/members/:memberKey/reopen': sees([...COMMISSIONERS, 'facilitator']),
  'POST /tenders/:reference/moderation/members/:memberKey/reopen': sees([...COMMISSIONERS, 'facilitator']),
  // Results for all staff who see the tender (prices only for commissioners and procurement);
  // the workbook holds prices, so only commissioners and procurement download it.
  'GET /tenders/:reference/results': sees(STAFF),
  'GET /tenders/:reference/results/workbook.xlsx': sees([...COMMISSIONERS, 'procurement']),
  // Assessment summaries hold prices: commissioners and procurement read them; commissioners edit.
  'GET /styles/summary-print.css': everyone,
  'GET /tenders/:reference/summaries': sees([...COMMISSIONERS, 'procurement']),
  'GET /tenders/:reference/summaries/:bid': sees([...COMMISSIONERS, 'procurement']),
  'GET /tenders/:reference/summaries/:bid/edit': sees(COMMISSIONERS),
  // The award notice names the winner and the price: commissioners and procurement.
  'GET /tenders/:reference/notice': sees([...COMMISSIONERS, 'procurement']),
  'GET /tenders/:reference/notice.json': sees([...COMMISSIONERS, 'procurement']),
  'POST /tenders/:reference/summaries/:bid/edit': sees(COMMISSIONERS),
  // The Provider Selection Regime decision record names prices: commissioners and procurement read
  // it; only the commissioner marks the tender and records the decision.
  'GET /tenders/:reference/provider-selection': sees([...COMMISSIONERS, 'procurement']),
  'GET /tenders/:reference/provider-selection/edit': sees(COMMISSIONERS),
  'POST /tenders/:reference/provider-selection/edit': sees(COMMISSIONERS),
  // "I have reviewed this summary": the commissioner's check before finalising.
  'POST /tenders/:reference/summaries/:bid/review': sees(COMMISSIONERS),
  // Every summary in one zip, for those who read summaries; the day each was sent, the commissioner's record
  // (tender A is at moderation, so the form answers 409: past authorisation, nothing to record yet).
  'GET /tenders/:reference/summaries.zip': sees([...COMMISSIONERS, 'procurement']),
  'GET /tenders/:reference/summaries/:bid/sent': sees(COMMISSIONERS),
  'POST /tenders/:reference/summaries/:bid/sent': sees(COMMISSIONERS),
  // Accounts: the admin only (:id is another person's account).
  'GET /accounts': adminOnly,
  'GET /accounts/new': adminOnly,
  'POST /accounts/new': adminOnly,
  'GET /accounts/:id': adminOnly,
  'POST /accounts/:id/role': adminOnly,
  'POST /accounts/:id/password-link': adminOnly,
  'POST /accounts/:id/mfa-reset': adminOnly,
  'POST /accounts/:id/deactivate': adminOnly,
  'POST /accounts/:id/reactivate': adminOnly,
  // The second step of signing in: only for a session whose password was just right; anyone
  // else is sent back to sign in (tested in mfa.test.ts).
  'GET /sign-in/set-up-app': nobody,
  'POST /sign-in/set-up-app': nobody,
  'GET /sign-in/code': nobody,
  'POST /sign-in/code': nobody,
  // Single sign-on is not set up in these tests: 404 (sso.test.ts runs a real provider).
  'GET /sign-in/sso': nobody,
  'GET /sign-in/sso/callback': nobody,
  // Confirming it is you: any signed-in staff member (the confirmation is for their own account).
  'GET /sign-in/confirm': (a) => STAFF.includes(a) || a === 'admin',
  'POST /sign-in/confirm': (a) => STAFF.includes(a) || a === 'admin',
  // Only with single sign-on set up (404 here, as for the other single sign-on routes).
  'GET /sign-in/confirm/sso': nobody,
  // A set-password link: a made-up one lets no one in (404, a plain page).
  'GET /set-password/:token': nobody,
  'POST /set-password/:token': nobody,
};

/** Routes about signing in and out are tested on their own (sign-in.test.ts); the rest here. */
const NOT_IN_MATRIX = new Set(['POST /sign-in', 'POST /sign-out']);

function url(route: string, tender: TenderName | null): string {
  const path = route.slice(route.indexOf(' ') + 1);
  return path
    .replace(':reference', tender ? TENDERS[tender] : '')
    .replace(':memberKey', 'm1')
    .replace(':bidKey', 'A')
    .replace(':criterionId', 'safety')
    .replace(':token', 'not-a-link')
    .replace(':messageId', '1')
    .replace(':id', path.startsWith('/accounts/') ? '1' : 'home-care-outcomes')
    .replace(':bid', 'A')
    .replace(':criterion', 'safety')
    .replace(':item', '1')
    .replace(':key', path.includes('/panel/') ? 'm1' : 'A');
}

/** Denied: 403, 404, or sent to sign in (staff pages) or to the panel's start page (panel pages, signed out). */
const denied = (res: request.Response, target: string) =>
  res.status === 403 || res.status === 404 || (res.status === 303 && (res.headers['location'] === '/sign-in' || (target.startsWith('/panel/') && res.headers['location'] === '/panel')));

async function agentFor(t: TestApp, actor: ActorName): Promise<request.Agent> {
  if (actor === 'signedOut') return request.agent(t.app);
  if (actor === 'panelMember') {
    const issued = await issueInvitations(t.db, TENDERS.A, ['m1'], 'test', t.clock.now);
    if (!issued.ok) throw new Error('no link');
    const agent = request.agent(t.app);
    await agent.get(issued.links[0]!.path);
    return agent;
  }
  return signedIn(t.app, actor === 'admin' ? ADMIN.email : ACCOUNTS[actor].email);
}

/** Message 1: a re-open note to tender A's member m1, as a letter. */
async function aMessageOfTenderA(t: TestApp): Promise<void> {
  const member = await t.db
    .selectFrom('panel_members')
    .innerJoin('tenders', 'tenders.id', 'panel_members.tender_id')
    .select(['panel_members.id', 'panel_members.tender_id'])
    .where('tenders.reference', '=', TENDERS.A)
    .where('panel_members.key', '=', 'm1')
    .executeTakeFirstOrThrow();
  const detail = JSON.stringify({ kind: 'reopened', count: 1, reason: 'The panel would like you to read answer 2 again.' });
  await t.db
    .insertInto('messages')
    .values({ id: 1, tender_id: member.tender_id, member_id: member.id, kind: 'reopened', channel: 'letter', easy_read: 0, to_address: null, subject: 'Please look again', status: 'letter', error: null, detail, created_by: 'test', created_at: t.clock.now.toISOString(), finished_at: null, resend_of: null })
    .execute();
}

describe('web: the authorisation matrix', function () {
  // About 1,200 requests (each actor on a fresh database): minutes on a shared, busy machine.
  this.timeout(480_000);
  const routes = new Set<string>();

  before(async () => {
    const t = await testApp();
    allRoutes(t.app).forEach((r) => routes.add(r));
    await t.close();
  });

  it('has a written-down expectation for every route the app has', () => {
    const missing = [...routes].filter((r) => !(r in EXPECTED) && !NOT_IN_MATRIX.has(r));
    assert.deepEqual(missing, [], 'routes with no row in the matrix');
    const stale = Object.keys(EXPECTED).filter((r) => !routes.has(r));
    assert.deepEqual(stale, [], 'rows for routes the app no longer has');
  });

  it('allows exactly the written-down cells: 0 unexpected allows, 0 unexpected denials', async () => {
    let cells = 0;
    const unexpected: string[] = [];
    for (const actor of ACTORS) {
      // Each actor works on a fresh database, so one actor's allowed forms cannot affect another's.
      const t = await testApp();
      try {
        const pack = handWorkedPack();
        Object.assign(pack.tender, { reference: TENDERS.B, state: 'draft' });
        pack.scores = [];
        pack.consensus = [];
        const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'b.yaml', owner: ACCOUNTS.otherCommissioner.email, actor: 'test', now: t.clock.now });
        if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
        await aMessageOfTenderA(t);
        // Tender A's rubric gets practice answers, so the practice pages have something to show.
        const a = await t.db.selectFrom('tenders').select(['id', 'rubric_json']).where('reference', '=', TENDERS.A).executeTakeFirstOrThrow();
        const practice = [{ criterion: 'safety', answer: 'A made-up answer.', referenceScore: 2, why: { plain: 'Some detail.', formal: 'Some evidence.' } }];
        await t.db.updateTable('tenders').set({ rubric_json: JSON.stringify({ ...(JSON.parse(a.rubric_json) as object), practice }) }).where('id', '=', a.id).execute();
        const agent = await agentFor(t, actor);
        const token = actor === 'signedOut' ? 'none' : await csrfToken(agent, actor === 'panelMember' ? '/panel' : actor === 'admin' ? '/accounts' : '/tenders');
        // Reading first, then forms; forms that remove things last.
        const ordered = Object.keys(EXPECTED).sort((a, b) => Number(a.startsWith('POST')) - Number(b.startsWith('POST')) || Number(/remove|delete|withdraw|deactivate/.test(a)) - Number(/remove|delete|withdraw|deactivate/.test(b)));
        for (const route of ordered) {
          const tenders: (TenderName | null)[] = route.includes(':reference') ? ['A', 'B'] : [null];
          for (const tender of tenders) {
            const target = url(route, tender);
            const res = route.startsWith('POST') ? await agent.post(target).type('form').send({ _csrf: token }) : await agent.get(target);
            const expected = EXPECTED[route]!(actor, tender);
            const allowed = !denied(res, target);
            cells++;
            if (allowed !== expected) unexpected.push(`${actor} ${route} [${tender ?? '-'}]: expected ${expected ? 'allow' : 'deny'}, got ${res.status}${res.headers['location'] ? ` → ${res.headers['location']}` : ''}`);
          }
        }
      } finally {
        await t.close();
      }
    }
    console.log(`      (authorisation matrix: ${cells} cells checked, ${unexpected.length} unexpected)`);
    assert.deepEqual(unexpected, []);
  });

  // Facilitator mode with a member withdrawn from the panel (lived experience, so paid for their
  // time): the facilitator reaches that member's payment pages and no other panel page. Every
  // panel route is tried; staff routes are the facilitator's own, as in the matrix above.
  it('lets facilitator mode with a withdrawn member reach only their payment pages, on every panel route', async () => {
    const t = await testApp();
    try {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const withdraw = `/tenders/${TENDERS.A}/panel/m1/withdraw`;
      const withdrawn = await owner.post(withdraw).type('form').send({ _csrf: await csrfToken(owner, withdraw), reason: 'Moved away' });
      assert.equal(withdrawn.status, 303, 'the member is withdrawn');
      const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
      const support = `/tenders/${TENDERS.A}/panel/m1/support`;
      const started = await facilitator.post(support).type('form').send({ _csrf: await csrfToken(facilitator, support), agreed: 'yes' });
      assert.equal(started.headers['location'], '/panel/claim', 'facilitator mode for their claim');
      const token = await csrfToken(facilitator, '/panel/claim');
      const payment = /^(GET|POST) \/panel\/(claim|contribution)(\/|$)/;
      const panelRoutes = Object.keys(EXPECTED)
        .filter((r) => / \/panel(\/|$)/.test(r) && r !== 'POST /panel/support/stop')
        .sort((a, b) => Number(a.startsWith('POST')) - Number(b.startsWith('POST')));
      assert.ok(panelRoutes.length >= 25, `every panel route is tried (${panelRoutes.length})`);
      const unexpected: string[] = [];
      for (const route of panelRoutes) {
        const target = url(route, null);
        const res = route.startsWith('POST') ? await facilitator.post(target).type('form').send({ _csrf: token }) : await facilitator.get(target);
        const expected = payment.test(route);
        if (denied(res, target) === expected) unexpected.push(`${route}: expected ${expected ? 'allow' : 'deny'}, got ${res.status}${res.headers['location'] ? ` → ${res.headers['location']}` : ''}`);
      }
      assert.deepEqual(unexpected, []);
      // Still in facilitator mode with them at the end: no refusal above ended it.
      assert.match(load((await facilitator.get('/panel/claim')).text)('.app-supporting').text(), /helping Sam Okafor claim payment/);
    } finally {
      await t.close();
    }
  });
});
