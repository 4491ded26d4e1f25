// Invitation links and the messages that carry them, against a real SMTP server started here:
// re-sending an invitation that can no longer be emailed makes nothing and stops nothing; a new
// link after finalising (scoring closed) and an outcome email carrying a new link to a member whose
// link expired; true words for a member none of whose scores counted; survey answers kept in an
// order that does not follow time.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { recordFinalisation } from '../../../src/services/finalisation';
import { resendMessage } from '../../../src/services/messages/message-list';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { importPack } from '../../../src/services/tender-import';
import { handWorkedPack, type PackDoc } from '../../helpers/packs';
import { RUBRICS_DIR } from '../../helpers/paths';
import { panelAgent } from '../../helpers/scoring';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const SAM = 'sam@example.org'; // m1, lived experience, easy read
const PRIYA = 'priya@example.org'; // m2, professional
const TOM = 'tom@example.org'; // m3
const PUBLIC = 'https://tenders.example';
const DAY_MS = 86_400_000;
const LINK = new RegExp(`${PUBLIC}(/invite/[A-Za-z0-9_-]{43})`);
const YOU_SAID = 'You said named carers matter. We made it part of the contract: each person has a small team of named carers.';

describe('web: invitation links in messages (a real SMTP server)', function () {
  this.timeout(60_000);
  let smtp: TestSmtp;
  let t: TestApp;
  let owner: request.Agent;
  let copies = 0;

  before(async () => {
    smtp = await startSmtp();
    t = await testApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: PUBLIC, MAIL_FROM: 'Tenders <tenders@council.example>' } });
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

  async function tender(state: string, change?: (pack: PackDoc) => void): Promise<string> {
    const pack = handWorkedPack();
    const reference = `LNK-${++copies}`;
    pack.tender = { ...pack.tender, reference, state };
    const panel = pack.panel as { key: string; contact?: string }[];
    panel[0]!.contact = SAM;
    panel[1]!.contact = PRIYA;
    panel[2]!.contact = TOM;
    if (state === 'scoring') {
      pack.scores = [];
      pack.consensus = [];
    }
    change?.(pack);
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return reference;
  }

  async function finalise(ref: string): Promise<void> {
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', ref).execute();
      const row = await trx.selectFrom('tenders').selectAll().where('reference', '=', ref).executeTakeFirstOrThrow();
      await recordFinalisation(trx, row, 'test', t.clock.now);
    });
  }

  const post = async (url: string, form: Record<string, string> = {}, from = url) => owner.post(url).type('form').send({ _csrf: await csrfToken(owner, from), ...form });
  const messagesOf = async (reference: string) => {
    const row = await t.db.selectFrom('tenders').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    return t.db.selectFrom('messages').innerJoin('panel_members as m', 'm.id', 'messages.member_id').selectAll('messages').select('m.key').where('messages.tender_id', '=', row.id).orderBy('messages.id').execute();
  };
  const invitationsOf = async (reference: string, key: string) =>
    t.db
      .selectFrom('invitations')
      .innerJoin('panel_members as m', 'm.id', 'invitations.member_id')
      .innerJoin('tenders', 'tenders.id', 'm.tender_id')
      .select(['invitations.id', 'invitations.revoked_at'])
      .where('tenders.reference', '=', reference)
      .where('m.key', '=', key)
      .orderBy('invitations.id')
      .execute();
  const audit = async (reference: string, action: string) => t.db.selectFrom('audit_events').select('detail').where('tender_ref', '=', reference).where('action', '=', action).execute();
  const opens = async (path: string): Promise<number> => (await request.agent(t.app).get(path)).status;

  /** Invites m2 by email; the path of the link that arrived. */
  async function invitePriya(ref: string): Promise<string> {
    await post(`/tenders/${ref}/panel/m2/invitation`);
    const link = LINK.exec(smtp.to(PRIYA)[0]?.text ?? '');
    assert.ok(link, 'the invitation arrived with its link');
    smtp.mails.length = 0;
    return link[1]!;
  }

  describe('sending an invitation again', () => {
    for (const [what, change] of [
      ['she asks for messages by post', { contact: PRIYA, byPost: 'yes' }],
      ['her contact becomes a phone number', { contact: '07700 900456' }],
    ] as const) {
      it(`makes no link and stops none when ${what}, and the row offers a new link on her page instead`, async () => {
        const ref = await tender('scoring');
        const link = await invitePriya(ref);
        const changed = await post(`/tenders/${ref}/panel/m2/change`, change, `/tenders/${ref}/panel/m2/change`);
        assert.equal(changed.status, 303);
        const [invitation] = await messagesOf(ref);
        const page = load((await owner.get(`/tenders/${ref}/messages`)).text);
        const row = page(`#message-${invitation!.id}`);
        assert.equal(row.find('form').length, 0, 'no Send again on a message that cannot be emailed now');
        assert.equal(row.find('a').attr('href'), `/tenders/${ref}/panel/m2/invitation`);
        assert.match(row.find('a').text(), /Make a new link or letter/);

        // Pressed all the same (an old page): refused in words, and nothing made or stopped.
        const res = await post(`/tenders/${ref}/messages/${invitation!.id}/resend`, {}, `/tenders/${ref}/messages`);
        assert.equal(res.status, 409);
        assert.match(load(res.text)('#why').text(), /cannot be sent email now.*No new link was made, and their link works as before/);
        assert.equal(load(res.text)('#next').attr('href'), `/tenders/${ref}/panel/m2/invitation`);
        assert.equal((await audit(ref, 'invitation.issued')).length, 1, 'no new link');
        assert.deepEqual((await invitationsOf(ref, 'm2')).map((i) => i.revoked_at), [null], 'the link is not stopped');
        assert.equal((await messagesOf(ref)).length, 1, 'no message recorded');
        assert.equal(await opens(link), 303, 'the emailed link still signs her in');
      });
    }

    it('makes no link and stops none when email is no longer set up', async () => {
      const ref = await tender('scoring');
      const link = await invitePriya(ref);
      const [invitation] = await messagesOf(ref);
      const tenderRow = await t.db.selectFrom('tenders').selectAll().where('reference', '=', ref).executeTakeFirstOrThrow();
      const message = { ...invitation!, member_key: 'm2', member_name: 'Priya Shah' };
      const staff = { kind: 'staff', id: 1, name: 'Test owner', email: ACCOUNTS.owner.email, role: 'commissioner' } as const;
      const resent = await resendMessage({ db: t.db, mailer: null, publicUrl: PUBLIC, reminderDays: 3 }, staff, tenderRow, message, () => t.clock.now);
      assert.deepEqual(resent, { ok: false, reason: 'by-post' });
      assert.equal((await audit(ref, 'invitation.issued')).length, 1);
      assert.deepEqual((await invitationsOf(ref, 'm2')).map((i) => i.revoked_at), [null]);
      assert.equal(await opens(link), 303);
    });

    it('shows staff the new link when the mail server does not take the email', async () => {
      const ref = await tender('scoring');
      const old = await invitePriya(ref);
      const [invitation] = await messagesOf(ref);
      smtp.refuse.add(PRIYA);
      const res = await post(`/tenders/${ref}/messages/${invitation!.id}/resend`, {}, `/tenders/${ref}/messages`);
      assert.equal(res.status, 200);
      const $ = load(res.text);
      const shown = /\/invite\/[A-Za-z0-9_-]{43}/.exec($('#invitation-link').text());
      assert.ok(shown, 'the new link is on the page');
      assert.match($('.govuk-warning-text').text(), /was not delivered/);
      assert.equal(await opens(shown[0]), 303, 'the link shown works');
      assert.equal(await opens(old), 410, 'the older link was replaced');
      const [, again] = await messagesOf(ref);
      assert.deepEqual([again!.status, again!.resend_of], ['failed', invitation!.id]);
    });

    it('emails a new link and stops the old one when she still gets email', async () => {
      const ref = await tender('scoring');
      const old = await invitePriya(ref);
      const [invitation] = await messagesOf(ref);
      const res = await post(`/tenders/${ref}/messages/${invitation!.id}/resend`, {}, `/tenders/${ref}/messages`);
      assert.equal(res.status, 303);
      const fresh = LINK.exec(smtp.to(PRIYA)[0]?.text ?? '');
      assert.ok(fresh);
      assert.equal(await opens(old), 410);
      assert.equal(await opens(fresh[1]!), 303);
    });
  });

  describe('after finalising, with links expired', () => {
    let ref: string;
    let oldSam: string;

    before(async () => {
      ref = await tender('moderation');
      await post(`/tenders/${ref}/panel/m1/invitation`);
      oldSam = LINK.exec(smtp.to(SAM)[0]!.text)![1]!;
      await panelAgent(t, 'm3', ref);
      await post(`/tenders/${ref}/panel/m3/invitation/revoke`, {}, `/tenders/${ref}/panel/m3/invitation`);
      await finalise(ref);
      t.clock.now = new Date(t.clock.now.getTime() + 61 * DAY_MS);
      owner = await signedIn(t.app, ACCOUNTS.owner.email);
    });

    it('emails the outcome with a new link to a member whose link expired, and the link opens What happened and the survey', async () => {
      assert.equal(await opens(oldSam), 410, 'Sam’s link expired');
      const res = await post(`/tenders/${ref}/outcome`, { youSaidWeDid: YOU_SAID });
      assert.equal(res.status, 303);
      const [mail] = smtp.to(SAM);
      assert.ok(mail, 'the outcome was emailed');
      assert.match(mail.text, /Your old link does not work any more\. Here is a new one\./);
      const fresh = LINK.exec(mail.text);
      assert.ok(fresh, `a new link is in the email: ${mail.text}`);
      assert.equal(smtp.mails.filter((m) => m.to.includes(TOM)).length, 0, 'nothing to Tom, whose link was stopped');
      const sam = request.agent(t.app);
      assert.equal((await sam.get(fresh[1]!)).status, 303);
      const page = await sam.get('/panel/outcome');
      assert.equal(page.status, 200);
      assert.match(load(page.text)('#you-said-we-did').text(), /named carers/);
      assert.equal((await sam.get('/panel/outcome/survey')).status, 200);
      const [outcome] = (await messagesOf(ref)).filter((m) => m.kind === 'outcome' && m.key === 'm1');
      assert.ok(!outcome!.detail.includes('/invite/'), 'the token is not stored');
      const issued = (await audit(ref, 'invitation.issued')).map((e) => (JSON.parse(e.detail) as { member: string }).member).sort();
      // Sam's first link, Tom's (stopped), and with the outcome a new one for Sam and Priya (who had none).
      assert.deepEqual(issued, ['m1', 'm1', 'm2', 'm3']);
    });

    it('lets staff make a new link after finalising, whose email says scoring has finished', async () => {
      const manage = load((await owner.get(`/tenders/${ref}/panel/m2/invitation`)).text);
      assert.match(manage('#finished-link').text(), /scoring is closed.*cannot change scores/s);
      assert.ok(!/no new links can be made/.test(manage('main').text()));
      const res = await post(`/tenders/${ref}/panel/m2/invitation`);
      assert.equal(res.status, 200);
      const [mail] = smtp.to(PRIYA);
      assert.match(mail!.text, /Scoring for .* has finished/);
      assert.ok(!/invited to join the panel that scores/.test(mail!.text));
      const priya = request.agent(t.app);
      assert.equal((await priya.get(LINK.exec(mail!.text)![1]!)).status, 303);
      assert.equal((await priya.get('/panel/outcome')).status, 200);
      // The new link opens no scoring: a score page refuses a save once finalised.
      const letter = await post(`/tenders/${ref}/panel/m2/invitation/letter`, { version: 'standard' }, `/tenders/${ref}/panel/m2/invitation`);
      assert.equal(letter.status, 200);
      assert.match(load(letter.text)('#letter-title').text(), /Your new link/);
      assert.equal(load(letter.text)('#letter-send-by').length, 0, 'no day to send scores by');
    });

    it('re-sends an invitation after finalising with a new link', async () => {
      const [invitation] = (await messagesOf(ref)).filter((m) => m.kind === 'invitation' && m.key === 'm1');
      const res = await post(`/tenders/${ref}/messages/${invitation!.id}/resend`, {}, `/tenders/${ref}/messages`);
      assert.equal(res.status, 303);
      assert.equal((await request.agent(t.app).get(LINK.exec(smtp.to(SAM)[0]!.text)![1]!)).status, 303);
    });
  });

  it('tells staff printing an outcome letter for a member whose link expired to post a new invitation letter with it', async () => {
    const ref = await tender('moderation', (pack) => {
      (pack.panel as { key: string; contact?: string }[])[2]!.contact = '07700 900123';
    });
    await panelAgent(t, 'm3', ref);
    await finalise(ref);
    t.clock.now = new Date(t.clock.now.getTime() + 61 * DAY_MS);
    owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await post(`/tenders/${ref}/outcome`, { youSaidWeDid: YOU_SAID });
    const letter = (await messagesOf(ref)).find((m) => m.kind === 'outcome' && m.key === 'm3')!;
    assert.equal(letter.channel, 'letter');
    const page = load((await owner.get(`/tenders/${ref}/messages/${letter.id}/letter`)).text);
    assert.equal(page('#new-link').attr('href'), `/tenders/${ref}/panel/m3/invitation`);
    assert.match(page('.govuk-warning-text').text(), /has no link that works now/);
    // With a new link made, the note goes.
    await post(`/tenders/${ref}/panel/m3/invitation`);
    assert.equal(load((await owner.get(`/tenders/${ref}/messages/${letter.id}/letter`)).text)('#new-link').length, 0);
  });

  describe('a member none of whose scores counted', () => {
    it('is told so in true words (standard and easy read), not that their scores helped decide', async () => {
      // Tom (m3) abstained on every score he sent; Sam (m1, easy read) too.
      const ref = await tender('moderation', (pack) => {
        for (const score of pack.scores as { member: string; score: number | 'abstain' }[]) if (score.member === 'm3' || score.member === 'm1') score.score = 'abstain';
      });
      const tom = await panelAgent(t, 'm3', ref);
      const sam = await panelAgent(t, 'm1', ref);
      await finalise(ref);
      const res = await post(`/tenders/${ref}/outcome`, { youSaidWeDid: YOU_SAID });
      assert.equal(res.status, 303);
      const [toTom] = smtp.to(TOM);
      assert.match(toTom!.text, /None of your scores counted in the final scores\./);
      assert.ok(!/0 final scores|helped decide/.test(toTom!.text), toTom!.text);
      const [toSam] = smtp.to(SAM);
      assert.match(toSam!.text, /None of your scores were used this time\./);
      assert.ok(!/0 final scores|made a difference/.test(toSam!.text), toSam!.text);
      const tomPage = load((await tom.get('/panel/outcome')).text);
      assert.match(tomPage('#part').text(), /None of your scores counted/);
      assert.equal(tomPage('#thanks').text().trim(), 'Thank you for taking part and for the time you gave.');
      const samPage = load((await sam.get('/panel/outcome')).text);
      assert.match(samPage('#part').text(), /None of your scores were used this time/);
      // Priya's scores counted: easy read explains "final score" only to easy read readers.
      const [toPriya] = smtp.to(PRIYA);
      assert.match(toPriya!.text, /Your scores were part of 8 final scores\./);
    });
  });

  it('keeps survey answers under random ids, so their order does not follow the order they came in', async () => {
    const ref = await tender('moderation');
    const members = [await panelAgent(t, 'm1', ref), await panelAgent(t, 'm2', ref), await panelAgent(t, 'm3', ref)];
    await finalise(ref);
    await post(`/tenders/${ref}/outcome`, { youSaidWeDid: YOU_SAID });
    for (const member of members) {
      const res = await member.post('/panel/outcome/survey').type('form').send({ _csrf: await csrfToken(member, '/panel/outcome/survey'), listened: '4', support: '4', information: '4', payment: 'none', comments: '' });
      assert.equal(res.status, 303);
    }
    const ids = (await t.db.selectFrom('survey_answers').innerJoin('tenders', 'tenders.id', 'survey_answers.tender_id').select('survey_answers.id').where('reference', '=', ref).execute()).map((r) => r.id);
    assert.equal(ids.length, 3);
    // Never the next number: each is drawn from 2^30 to 2^31 - 1 (an autoincrement gives 1, 2, 3…).
    for (const id of ids) assert.ok(id >= 2 ** 30 && id < 2 ** 31, `id ${id}`);
    const events = await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('tender_ref', '=', ref).where('action', '=', 'survey.answered').execute();
    assert.deepEqual(events, [{ actor: 'panel', detail: '{}' }, { actor: 'panel', detail: '{}' }, { actor: 'panel', detail: '{}' }], 'the events hold nothing that links to a row');
  });
});
