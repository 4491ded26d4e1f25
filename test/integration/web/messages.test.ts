// Messages to panel members against a real SMTP server started here (smtp-server on 127.0.0.1):
// the invitation, a reminder (the app's clock moved to the reminder days), a re-open note and the
// outcome arrive with the right recipients, link and words; a delivery the server refuses is
// recorded and re-sent; nothing goes to a member whose link was stopped; members who asked for
// post, or have no email address, get a letter to print.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { recordFinalisation } from '../../../src/services/finalisation';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack, type PackDoc } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { panelAgent } from '../../helpers/scoring';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const SAM = 'sam@example.org'; // m1, lived experience, easy read
const PRIYA = 'priya@example.org'; // m2, professional
const PUBLIC = 'https://tenders.example';
const REASON = 'Priya scored before reading the appendix the bidder sent; she asked to look again.';

describe('web: messages to panel members, by email (a real SMTP server) and as letters', function () {
  this.timeout(60_000);
  let smtp: TestSmtp;
  let t: TestApp;
  let owner: request.Agent;
  let copies = 0;

  before(async () => {
    smtp = await startSmtp();
    t = await testApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: PUBLIC, MAIL_FROM: 'Tenders <tenders@council.example>', REMINDER_DAYS: '3' } });
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
    smtp.refuse.clear();
  });

  /** A copy of the hand-worked tender with m1 and m2 on email and m3 on a phone number. */
  async function tender(state: string, change?: (pack: PackDoc) => void): Promise<string> {
    const pack = handWorkedPack();
    const reference = `MSG-${++copies}`;
    pack.tender = { ...pack.tender, reference, state };
    const panel = pack.panel as { key: string; contact?: string }[];
    panel[0]!.contact = SAM;
    panel[1]!.contact = PRIYA;
    panel[2]!.contact = '07700 900123';
    if (state === 'scoring') {
      pack.scores = [];
      pack.consensus = [];
    }
    change?.(pack);
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return reference;
  }

  const post = async (url: string, form: Record<string, string> = {}, from = url) => owner.post(url).type('form').send({ _csrf: await csrfToken(owner, from), ...form });
  const messagesOf = async (reference: string) => {
    const row = await t.db.selectFrom('tenders').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    return t.db.selectFrom('messages').innerJoin('panel_members as m', 'm.id', 'messages.member_id').selectAll('messages').select('m.key').where('messages.tender_id', '=', row.id).orderBy('messages.id').execute();
  };
  const audit = async (reference: string, action: string) => t.db.selectFrom('audit_events').select('detail').where('tender_ref', '=', reference).where('action', '=', action).execute();

  it('emails the invitation link to the member (easy read for a member who needs it), and it signs them in', async () => {
    const ref = await tender('scoring');
    const page = await post(`/tenders/${ref}/panel/m2/invitation`);
    assert.equal(page.status, 200);
    assert.match(load(page.text)('#invitation-emailed').text(), /We sent it by email to priya@example\.org/);
    const [mail] = smtp.to(PRIYA);
    assert.ok(mail, 'the invitation arrived');
    assert.equal(smtp.mails.length, 1, 'only to Priya');
    assert.match(mail.subject, /You are invited to score the bids for/);
    const link = new RegExp(`${PUBLIC}(/invite/[A-Za-z0-9_-]{43})`).exec(mail.text);
    assert.ok(link, `the link is in the email: ${mail.text}`);
    assert.match(mail.text, /Dear Priya Shah,/);
    assert.match(mail.text, /You do not need a password/);
    // The emailed link is the one just made: it signs Priya in.
    const { default: supertest } = await import('supertest');
    const signIn = await supertest.agent(t.app).get(link[1]!);
    assert.equal(signIn.status, 303);

    await post(`/tenders/${ref}/panel/m1/invitation`);
    const [easy] = smtp.to(SAM);
    assert.match(easy!.text, /Hello Sam Okafor\./);
    assert.match(easy!.text, /We would like you to help choose who will run/);
    assert.match(easy!.text, new RegExp(`To start, open this link: ${PUBLIC}/invite/`));

    // m3 has a phone number only: nothing is emailed and no message recorded (the link is printed).
    await post(`/tenders/${ref}/panel/m3/invitation`);
    assert.equal(smtp.mails.length, 2);
    const recorded = await messagesOf(ref);
    assert.deepEqual(recorded.map((m) => [m.key, m.kind, m.channel, m.status, m.to_address]), [
      ['m2', 'invitation', 'email', 'sent', PRIYA],
      ['m1', 'invitation', 'email', 'sent', SAM],
    ]);
    assert.ok(recorded.every((m) => !m.detail.includes('/invite/')), 'the link’s token is never stored with the message');
    assert.equal((await audit(ref, 'message.sent')).length, 2);
  });

  it('reminds members who have not sent, from REMINDER_DAYS before scoring closes (the clock moved), once, and not a member whose link was stopped', async () => {
    const ref = await tender('scoring');
    await t.db.updateTable('tenders').set({ scoring_closes_on: '2026-12-10' }).where('reference', '=', ref).execute();
    for (const key of ['m1', 'm2', 'm3']) await post(`/tenders/${ref}/panel/${key}/invitation`);
    smtp.mails.length = 0;
    try {
      // 23 November: too early (the form comes from any staff page: the token is the session's).
      let res = await post(`/tenders/${ref}/messages/reminders`, {}, '/tenders');
      assert.equal(res.status, 303);
      assert.match(load((await owner.get(res.headers['location']!)).text)('.govuk-notification-banner').text(), /No reminders were due/);
      assert.equal(smtp.mails.length, 0);

      // Sam's link is stopped: nothing goes to him.
      await post(`/tenders/${ref}/panel/m1/invitation/revoke`, {}, `/tenders/${ref}/panel/m1/invitation`);
      // 7 December, 3 days before scoring closes on 10 December.
      t.clock.now = new Date('2026-12-07T09:00:00Z');
      owner = await signedIn(t.app, ACCOUNTS.owner.email);
      res = await post(`/tenders/${ref}/messages/reminders`, {}, '/tenders');
      assert.match(res.headers['location']!, /sent=1&letters=1&failed=0/);
      assert.equal(smtp.mails.length, 1);
      const [mail] = smtp.to(PRIYA);
      assert.equal(mail!.subject, `Reminder: please send your scores for ${handWorkedPack().tender['title'] as string} by 10 December 2026`);
      assert.match(mail!.text, /You have not sent all your scores yet/);
      assert.match(mail!.text, new RegExp(`${PUBLIC}/panel`));
      assert.equal(smtp.to(SAM).length, 0, 'no message to a member whose link was stopped');
      // Tom (a phone number) gets a letter to print, with the same words.
      const letters = (await messagesOf(ref)).filter((m) => m.kind === 'reminder');
      assert.deepEqual(letters.map((m) => [m.key, m.channel, m.status]), [
        ['m2', 'email', 'sent'],
        ['m3', 'letter', 'letter'],
      ]);
      const letter = await owner.get(`/tenders/${ref}/messages/${letters[1]!.id}/letter`);
      assert.equal(letter.status, 200);
      assert.match(load(letter.text)('article').text(), /Scoring for .* closes on 10 December 2026/);

      // Run again the same day (or the next): no one is reminded twice for the same closing day.
      t.clock.now = new Date('2026-12-08T09:00:00Z');
      owner = await signedIn(t.app, ACCOUNTS.owner.email);
      await post(`/tenders/${ref}/messages/reminders`, {}, '/tenders');
      assert.equal(smtp.mails.length, 1);
    } finally {
      // The clock stays moved on (time only goes forward); the later tests do not depend on the day.
      owner = await signedIn(t.app, ACCOUNTS.owner.email);
    }
  });

  it('sends a note when moderation re-opens a member’s scores, with how many and why', async () => {
    const ref = await tender('moderation');
    const res = await post(`/tenders/${ref}/moderation/members/m2/reopen`, { cells: 'A:co-production', reason: REASON }, `/tenders/${ref}/moderation/members/m2/reopen`);
    assert.equal(res.status, 303);
    const [mail] = smtp.to(PRIYA);
    assert.ok(mail, 'the note arrived');
    assert.equal(smtp.mails.length, 1);
    assert.match(mail.subject, /Please look again at 1 of your scores for/);
    assert.ok(mail.text.includes(`The reason given: ${REASON}`), mail.text);
    assert.match(mail.text, new RegExp(`${PUBLIC}/panel`));
  });

  it('records a delivery the server refuses, with its error, and sends it again when asked', async () => {
    const ref = await tender('moderation');
    smtp.refuse.add(PRIYA);
    await post(`/tenders/${ref}/moderation/members/m2/reopen`, { cells: 'all', reason: REASON }, `/tenders/${ref}/moderation/members/m2/reopen`);
    assert.equal(smtp.mails.length, 0);
    const [failed] = await messagesOf(ref);
    assert.equal(failed!.status, 'failed');
    assert.match(failed!.error ?? '', /550|Mailbox unavailable/);
    const [event] = await audit(ref, 'message.failed');
    assert.ok(event, 'the failure is audited');
    const page = load((await owner.get(`/tenders/${ref}/messages`)).text);
    assert.match(page(`#message-${failed!.id}`).text(), /Not delivered/);

    smtp.refuse.clear();
    const res = await post(`/tenders/${ref}/messages/${failed!.id}/resend`, {}, `/tenders/${ref}/messages`);
    assert.equal(res.status, 303);
    assert.match(res.headers['location']!, /done=resent&status=sent/);
    const [mail] = smtp.to(PRIYA);
    assert.match(mail!.subject, /Please look again at/);
    const [, again] = await messagesOf(ref);
    assert.deepEqual([again!.status, again!.resend_of], ['sent', failed!.id]);
    assert.ok((await audit(ref, 'message.sending')).some((e) => (JSON.parse(e.detail) as { resendOf?: number }).resendOf === failed!.id), 'the re-send is audited');
  });

  it('sends nothing again to a member whose link was stopped since', async () => {
    const ref = await tender('moderation');
    await post(`/tenders/${ref}/panel/m2/invitation`);
    smtp.refuse.add(PRIYA);
    await post(`/tenders/${ref}/moderation/members/m2/reopen`, { cells: 'all', reason: REASON }, `/tenders/${ref}/moderation/members/m2/reopen`);
    const failed = (await messagesOf(ref)).find((m) => m.kind === 'reopened')!;
    smtp.refuse.clear();
    smtp.mails.length = 0;
    await post(`/tenders/${ref}/panel/m2/invitation/revoke`, {}, `/tenders/${ref}/panel/m2/invitation`);
    const res = await post(`/tenders/${ref}/messages/${failed.id}/resend`, {}, `/tenders/${ref}/messages`);
    assert.equal(res.status, 409);
    assert.match(load(res.text)('#why').text(), /link was stopped/);
    assert.equal(smtp.mails.length, 0);
  });

  it('sends a member who asked for post a letter instead of an email', async () => {
    const ref = await tender('moderation');
    // Priya asks for post: the facilitator or commissioner ticks "By post" on her details.
    const changed = await post(`/tenders/${ref}/panel/m2/change`, { contact: PRIYA, byPost: 'yes' }, `/tenders/${ref}/panel/m2/change`);
    assert.equal(changed.status, 303);
    assert.ok(load((await owner.get(`/tenders/${ref}/panel/m2/change`)).text)('input[name="byPost"]').is(':checked'));
    await post(`/tenders/${ref}/moderation/members/m2/reopen`, { cells: 'all', reason: REASON }, `/tenders/${ref}/moderation/members/m2/reopen`);
    assert.equal(smtp.mails.length, 0);
    const [letter] = await messagesOf(ref);
    assert.deepEqual([letter!.channel, letter!.status], ['letter', 'letter']);
  });

  describe('the outcome', () => {
    let ref: string;
    let sam: request.Agent;
    let priya: request.Agent;

    before(async () => {
      ref = await tender('moderation');
      sam = await panelAgent(t, 'm1', ref);
      priya = await panelAgent(t, 'm2', ref);
      await panelAgent(t, 'm3', ref);
      await post(`/tenders/${ref}/panel/m3/invitation/revoke`, {}, `/tenders/${ref}/panel/m3/invitation`);
      // Finalised as the app does it (the stage change itself is tested in tender-setup).
      await t.db.transaction().execute(async (trx) => {
        await trx.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', ref).execute();
        const row = await trx.selectFrom('tenders').selectAll().where('reference', '=', ref).executeTakeFirstOrThrow();
        await recordFinalisation(trx, row, 'test', t.clock.now);
      });
    });

    it('shows members nothing before the commissioner releases it', async () => {
      const page = await sam.get('/panel/outcome');
      assert.equal(page.status, 200);
      assert.match(load(page.text)('h1').text(), /not ready yet/);
      assert.equal((await sam.get('/panel/outcome/survey')).status, 200);
      assert.match(load((await sam.get('/panel/outcome/survey')).text)('h1').text(), /not ready yet/);
    });

    it('refuses a release with too short a text, then releases and emails each member (not one whose link was stopped)', async () => {
      const url = `/tenders/${ref}/outcome`;
      const short = await post(url, { youSaidWeDid: 'Thanks' });
      assert.equal(short.status, 400);
      assert.equal(load(short.text)('.govuk-error-summary a').attr('href'), '#youSaidWeDid');
      const text = 'You said named carers matter. We made it part of the contract: each person has a small team of named carers.';
      const res = await post(url, { youSaidWeDid: text });
      assert.equal(res.status, 303);
      assert.match(res.headers['location']!, /sent=2&letters=0&failed=0/);
      const finalisation = await t.db.selectFrom('finalisations').innerJoin('tenders', 'tenders.id', 'finalisations.tender_id').select('results_json').where('reference', '=', ref).executeTakeFirstOrThrow();
      const winnerKey = (JSON.parse(finalisation.results_json) as { winner: string }).winner;
      const winner = (handWorkedPack().bids as { key: string; supplier: string }[]).find((b) => b.key === winnerKey)!.supplier;
      const [toPriya] = smtp.to(PRIYA);
      assert.match(toPriya!.subject, /^What happened: /);
      assert.ok(toPriya!.text.includes(`The contract is awarded to ${winner}.`), toPriya!.text);
      // Priya sent 8 scores on bids not withdrawn (A–D: two criteria each), none abstained.
      assert.match(toPriya!.text, /Your scores were part of 8 final scores\./);
      assert.ok(toPriya!.text.includes(`You said, we did: ${text}`));
      assert.match(toPriya!.text, /Thank you for taking part/);
      assert.ok(toPriya!.text.includes(`${PUBLIC}/panel/outcome`));
      const [toSam] = smtp.to(SAM);
      assert.ok(toSam!.text.includes(`${winner} will run the service.`), 'easy read');
      // Sam abstained on one of his 8 scores: 7.
      assert.match(toSam!.text, /Your scores helped make 7 final scores\./);
      assert.equal(smtp.mails.length, 2, 'nothing to Tom, whose link was stopped');
      assert.equal((await audit(ref, 'outcome.released')).length, 1);
      assert.equal((await post(url, { youSaidWeDid: text })).status, 409, 'released once');
    });

    it('shows What happened with the member’s link after the release', async () => {
      const $ = load((await priya.get('/panel/outcome')).text);
      assert.match($('#part').text(), /part of 8 final scores/);
      assert.match($('#you-said-we-did').text(), /named carers/);
    });

    it('takes one anonymous survey answer per member: no member stored with it, and a second is not taken', async () => {
      const empty = await sam.post('/panel/outcome/survey').type('form').send({ _csrf: await csrfToken(sam, '/panel/outcome/survey') });
      assert.equal(empty.status, 400);
      assert.deepEqual(load(empty.text)('.govuk-error-summary a').map((_i, a) => load(empty.text)(a).attr('href')).get(), ['#listened', '#support', '#information', '#payment']);
      // Sam reads easy read: each error is in the words of the question he read.
      assert.deepEqual(load(empty.text)('.govuk-error-summary a').map((_i, a) => load(empty.text)(a).text().trim()).get(), [
        'Choose how much people listened to you',
        'Choose how much you got the right help',
        'Choose how easy the information was to read and understand',
        'Choose how fairly and on time you were paid, or “Does not apply”',
      ]);
      const answer = { listened: '5', support: '4', information: '3', payment: 'none', comments: 'The easy read pages helped.' };
      const res = await sam.post('/panel/outcome/survey').type('form').send({ _csrf: await csrfToken(sam, '/panel/outcome/survey'), ...answer });
      assert.equal(res.status, 303);
      const token = await csrfToken(sam, '/panel/outcome');
      await sam.post('/panel/outcome/survey').type('form').send({ _csrf: token, ...answer, listened: '1' });
      assert.equal((await sam.get('/panel/outcome/survey')).status, 303, 'answered: the survey is not offered again');
      const columns = (await t.db.introspection.getTables()).find((table) => table.name === 'survey_answers')!.columns.map((c) => c.name);
      assert.deepEqual(columns.sort(), ['comments', 'id', 'information', 'listened', 'payment', 'perspective', 'support', 'tender_id']);
      const rows = await t.db.selectFrom('survey_answers').selectAll().execute();
      assert.equal(rows.length, 1, 'once per member');
      assert.deepEqual({ ...rows[0], id: 0, tender_id: 0 }, { id: 0, tender_id: 0, perspective: 'lived-experience', listened: 5, support: 4, information: 3, payment: null, comments: 'The easy read pages helped.' });
      const [event] = await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('action', '=', 'survey.answered').execute();
      assert.deepEqual([event!.actor, event!.detail], ['panel', '{}'], 'the audit trail does not say who answered');
    });

    it('summarises the answers for the commissioner by perspective', async () => {
      await priya.post('/panel/outcome/survey').type('form').send({ _csrf: await csrfToken(priya, '/panel/outcome/survey'), listened: '3', support: '3', information: '2', payment: 'none', comments: '' });
      const $ = load((await owner.get(`/tenders/${ref}/outcome`)).text);
      const rows = $('#survey-summary tbody tr').map((_i, tr) => $(tr).children().map((_j, cell) => $(cell).text().trim()).get().join(' | ')).get();
      assert.deepEqual(rows, [
        'Lived experience | 1 | 5.0 out of 5 (1 answer) | 4.0 out of 5 (1 answer) | 3.0 out of 5 (1 answer) | No answers',
        'Professional | 1 | 3.0 out of 5 (1 answer) | 3.0 out of 5 (1 answer) | 2.0 out of 5 (1 answer) | No answers',
        'Everyone | 2 | 4.0 out of 5 (2 answers) | 3.5 out of 5 (2 answers) | 2.5 out of 5 (2 answers) | No answers',
      ]);
      assert.match($('main').text(), /The easy read pages helped\./);
    });
  });
});
