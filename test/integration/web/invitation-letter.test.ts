// The printable invitation letter: made with a new link (the old one and its code stop), it shows
// the link in full at PUBLIC_URL, a QR code that decodes to exactly that link, the short code and
// where to type it, the day to send the scores by, and who to contact; easy read by default for
// members whose access needs include it; the link and the code on it both sign the member in.
import assert from 'node:assert/strict';
import { load, type CheerioAPI } from 'cheerio';
import request from 'supertest';
import { issueInvitations } from '../../../src/services/invitations';
import { decodeQrSvg } from '../../helpers/qr';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

const HW = 'HW-2026-01';
const PUBLIC_URL = 'https://tenders.council.example';
const memberPage = (key: string) => `/tenders/${HW}/panel/${key}/invitation`;

async function letter(agent: request.Agent, key: string, form: Record<string, string> = {}): Promise<request.Response> {
  const token = await csrfToken(agent, memberPage(key));
  return agent.post(`${memberPage(key)}/letter`).type('form').send({ _csrf: token, ...form });
}

const letterOf = (res: request.Response): CheerioAPI => load(res.text);

describe('web: the printable invitation letter', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp({ env: { PUBLIC_URL: `${PUBLIC_URL}/` } });
  });
  afterEach(() => t.close());

  it('shows the link at PUBLIC_URL, a QR code of exactly that link, the short code, the day to send by and who to contact', async () => {
    await t.db.updateTable('tenders').set({ scoring_closes_on: '2027-03-05' }).where('reference', '=', HW).execute();
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await letter(owner, 'm2', { version: 'standard' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const $ = letterOf(res);
    assert.equal($('h1').text().trim(), 'Your invitation to the scoring panel');
    assert.equal($('.app-letter--easy-read').length, 0);
    const url = $('#letter-link').text().trim();
    assert.match(url, /^https:\/\/tenders\.council\.example\/invite\/[A-Za-z0-9_-]{43}$/);
    const code = $('#letter-code').text().trim();
    assert.match(code, /^[2-9B-DF-HJKMNP-TV-Z]{4}-[2-9B-DF-HJKMNP-TV-Z]{4}-[2-9B-DF-HJKMNP-TV-Z]{4}$/);
    assert.match($('#letter').text(), /go to https:\/\/tenders\.council\.example\/code and type your code/);
    // The QR code, made on the server as an SVG, is an image with a label, and reads back as the link.
    const svg = $.html($('#letter svg.app-qr'));
    assert.match(svg, /role="img" aria-label="QR code of the link for Priya Shah"/);
    assert.equal(decodeQrSvg(svg), url);
    assert.equal($('#letter-send-by').text().trim(), 'Please send your scores by 5 March 2027.');
    assert.match($('#letter').text(), /Your link and code work until 22 January 2027/);
    assert.match($('#letter-contact').text(), /Contact Test owner \(owner@council\.example\), who runs this evaluation/);
    assert.match($('main').text(), /You will not see this link or code again/);

    // Both the link and the code on the letter sign Priya in.
    const path = new URL(url).pathname;
    const byLink = await request(t.app).get(path);
    assert.equal(byLink.status, 303);
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/code');
    assert.equal((await agent.post('/code').type('form').send({ _csrf: token, code })).status, 303);
    assert.match((await agent.get('/panel')).text, /Hello Priya Shah/);
  });

  it('stops the member’s earlier link and code, and audits the new link', async () => {
    const before = await issueInvitations(t.db, HW, ['m2'], 'test', t.clock.now);
    assert.ok(before.ok);
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    assert.equal((await letter(facilitator, 'm2')).status, 200);
    assert.equal((await request(t.app).get(before.links[0]!.path)).status, 410);
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/code');
    assert.equal((await agent.post('/code').type('form').send({ _csrf: token, code: before.links[0]!.code })).status, 410);
    const events = await t.db.selectFrom('audit_events').select(['actor', 'detail']).where('action', '=', 'invitation.issued').orderBy('seq').execute();
    assert.equal(events.length, 2);
    assert.equal(events[1]!.actor, `facilitator:${ACCOUNTS.facilitator.email}`);
    assert.equal(JSON.parse(events[1]!.detail).stoppedEarlierLinks, 1);
  });

  it('is easy read by default for a member whose access needs include it, and standard when chosen', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const page = load((await owner.get(memberPage('m1'))).text);
    assert.equal(page('input[name="version"][value="easy-read"]').attr('checked'), 'checked', 'easy read is chosen on the form');
    const easy = letterOf(await letter(owner, 'm1'));
    assert.equal(easy('.app-letter--easy-read').length, 1);
    assert.equal(easy('h1').text().trim(), 'You are on the scoring panel');
    assert.match(easy('#letter').text(), /Hello Sam Okafor\./);
    assert.equal(decodeQrSvg(easy.html(easy('#letter svg.app-qr'))), easy('#letter-link').text().trim());
    assert.equal(easy('#letter-send-by').length, 0, 'no day to send by when the timetable has none');
    const standard = letterOf(await letter(owner, 'm1', { version: 'standard' }));
    assert.equal(standard('.app-letter--easy-read').length, 0);
    assert.match(standard('#letter').text(), /Dear Sam Okafor,/);
  });

  it('refuses a letter version it does not know, with an error summary, making no link', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    const res = await letter(owner, 'm2', { version: 'braille' });
    assert.equal(res.status, 400);
    const $ = load(res.text);
    assert.match($('.govuk-error-summary a[href="#version"]').text(), /Choose a standard letter or an easy read letter/);
    assert.equal((await t.db.selectFrom('invitations').select('id').execute()).length, 0);
  });

  it('uses the address the request came to when PUBLIC_URL is not set', async () => {
    const local = await testApp();
    try {
      const owner = await signedIn(local.app, ACCOUNTS.owner.email);
      const $ = letterOf(await letter(owner, 'm2'));
      const url = $('#letter-link').text().trim();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
      assert.equal(decodeQrSvg($.html($('#letter svg.app-qr'))), url);
    } finally {
      await local.close();
    }
  });
});
