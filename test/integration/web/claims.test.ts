// Payment that happens: a paid member reads the note about benefits and chooses, claims, sees
// where the claim is; a commissioner approves; procurement marks it paid on a day. Each step is
// audited with who and when; only the right roles may take each step (403 otherwise); a member
// never sees or changes another's claim; bad input gets a clear message and writes nothing; a
// claim changed after approval is claimed and approved again.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { CLAIMS, HW, addExpense, addTime, claimRows, memberAgent, post, setRate, staffForm, text } from '../../helpers/claims';
import { formOn } from '../../helpers/scoring';
import { ACCOUNTS, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

const events = async (t: TestApp, prefix: string) =>
  (await t.db.selectFrom('audit_events').selectAll().where('action', 'like', `${prefix}%`).orderBy('seq').execute()).map((e) => ({ actor: e.actor, action: e.action, tender: e.tender_ref, detail: JSON.parse(e.detail) as Record<string, unknown> }));
const paidOn = (d: string, m: string, y: string): Form => ({ 'paidOn-day': d, 'paidOn-month': m, 'paidOn-year': y });

describe('web: payment claims', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('goes from not claimed to claimed, approved and paid, each step audited with who and when', async () => {
    let owner = await signedIn(t.app, ACCOUNTS.owner.email);
    let procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    assert.equal((await setRate(owner, '12.60')).status, 303);
    let sam = await memberAgent(t, 'm1');
    await t.db.updateTable('panel_members').set({ scoring_seconds: 80 * 60 }).where('key', '=', 'm1').execute();
    assert.equal((await addTime(sam, '2')).status, 303);
    assert.equal((await addExpense(sam, '4.20')).status, 303);

    // Before claiming, the note about benefits and where to get advice, with the choice.
    const first = await sam.get('/panel/claim');
    assert.equal(first.status, 200);
    assert.equal(text(first, 'h1'), 'Payment and your benefits');
    assert.match(text(first), /being paid for your time might change them/);
    assert.match(text(first, '#advice'), /Citizens Advice.*benefits adviser/);
    assert.deepEqual(load(first.text)('input[name="choice"]').map((_i, el) => load(el)('input').val()).get(), ['paid', 'voucher', 'declined']);

    // No choice: a clear message, nothing written.
    const none = await post(sam, '/panel/claim/choice', {}, '/panel/claim');
    assert.equal(none.status, 400);
    assert.match(text(none, '.govuk-error-summary'), /Choose how you want to be paid/);
    assert.equal(load(none.text)('.govuk-error-summary a').attr('href'), '#choice');
    assert.equal((await t.db.selectFrom('payment_choices').selectAll().execute()).length, 0);

    assert.equal((await post(sam, '/panel/claim/choice', { choice: 'voucher' }, '/panel/claim')).headers['location'], '/panel/claim?done=choice');
    const page = await sam.get('/panel/claim');
    assert.equal(text(page, '#claim-now'), 'You have not claimed yet.');
    // 3 h 20 min at £12.60 is £42.00, plus £4.20.
    assert.match(text(page, '#to-claim'), /^£46\.20$/);
    assert.match(text(page, '#claim-choice-own'), /voucher/);

    assert.equal((await post(sam, '/panel/claim', {}, '/panel/claim')).headers['location'], '/panel/claim?done=claimed');
    const claimed = await sam.get('/panel/claim');
    assert.equal(text(claimed, '#claim-now'), 'You claimed £46.20 on 23 November 2026.');
    assert.match(text(claimed, '#claim-steps-list'), /You claim: done, 23 November 2026 .*agrees your claim: not yet .*pays you: not yet/);
    assert.equal(load(claimed.text)('form[action="/panel/claim"]').length, 0, 'no second claim');

    // Staff list: claimed, by the member.
    const list = await procurement.get(CLAIMS);
    assert.equal(list.status, 200);
    assert.match(text(list, '#claim-m1'), /Sam Okafor.*A voucher instead of money.*Claimed.*£46\.20.*23 November 2026, The member/);
    assert.doesNotMatch(text(list, '#claims'), /Priya Shah/, 'professionals make no claim');

    // Procurement cannot approve (403); the commissioner does.
    const form = await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/approve`);
    assert.equal((await post(procurement, `${CLAIMS}/m1/approve`, form, CLAIMS)).status, 403);
    // Two days later (everyone signs in again: sessions end after 12 hours).
    t.clock.now = new Date('2026-11-25T10:00:00Z');
    [owner, procurement, sam] = [await signedIn(t.app, ACCOUNTS.owner.email), await signedIn(t.app, ACCOUNTS.procurement.email), await memberAgent(t, 'm1')];
    assert.equal((await post(owner, `${CLAIMS}/m1/approve`, form, CLAIMS)).headers['location'], `${CLAIMS}/m1?done=approved`);
    assert.equal(text(await sam.get('/panel/claim'), '#claim-now'), 'Your claim for £46.20 was agreed on 25 November 2026.');

    // Marking paid: a facilitator may not (403); a bad or future day gets a clear message.
    const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const payForm = await staffForm(procurement, `${CLAIMS}/m1`, `${CLAIMS}/m1/paid`);
    assert.equal((await post(facilitator, `${CLAIMS}/m1/paid`, { ...payForm, ...paidOn('26', '11', '2026') }, CLAIMS)).status, 403);
    const badDay = await post(procurement, `${CLAIMS}/m1/paid`, { ...payForm, ...paidOn('31', '2', '2026') }, CLAIMS);
    assert.equal(badDay.status, 400);
    assert.match(text(badDay, '.govuk-error-summary'), /The payment date must be a real date/);
    const future = await post(procurement, `${CLAIMS}/m1/paid`, { ...payForm, ...paidOn('1', '12', '2026') }, CLAIMS);
    assert.equal(future.status, 400);
    assert.match(text(future, '.govuk-error-summary'), /The payment date must be today or in the past/);
    const early = await post(procurement, `${CLAIMS}/m1/paid`, { ...payForm, ...paidOn('22', '11', '2026') }, CLAIMS);
    assert.match(text(early, '.govuk-error-summary'), /on or after the day the member claimed/);
    assert.equal((await claimRows(t))[0]!.status, 'approved');
    t.clock.now = new Date('2026-11-27T10:00:00Z');
    [owner, procurement, sam] = [await signedIn(t.app, ACCOUNTS.owner.email), await signedIn(t.app, ACCOUNTS.procurement.email), await memberAgent(t, 'm1')];
    assert.equal((await post(procurement, `${CLAIMS}/m1/paid`, { ...payForm, ...paidOn('26', '11', '2026') }, CLAIMS)).status, 303);
    const paid = await sam.get('/panel/claim');
    assert.equal(text(paid, '#claim-now'), 'Your claim for £46.20 was paid on 26 November 2026.');

    const rows = await claimRows(t);
    assert.deepEqual(
      rows.map((r) => [r.status, r.choice, r.minutes, r.rate, r.time_payment, r.expenses, r.amount, r.claimed_by, r.approved_by, r.paid_by, r.paid_on]),
      [['paid', 'voucher', 200, '12.60', '42.00', '4.20', '46.20', 'panel:1', `commissioner:${ACCOUNTS.owner.email}`, `procurement:${ACCOUNTS.procurement.email}`, '2026-11-26']],
    );
    assert.deepEqual(await events(t, 'claim.'), [
      { actor: 'panel:1', action: 'claim.choice-recorded', tender: HW, detail: { member: 'm1', old: null, new: 'voucher' } },
      { actor: 'panel:1', action: 'claim.claimed', tender: HW, detail: { member: 'm1', amount: '46.20', choice: 'voucher', minutes: 200, expenses: '4.20', paidBefore: '0.00' } },
      { actor: `commissioner:${ACCOUNTS.owner.email}`, action: 'claim.approved', tender: HW, detail: { member: 'm1', claim: rows[0]!.id, amount: '46.20' } },
      { actor: `procurement:${ACCOUNTS.procurement.email}`, action: 'claim.paid', tender: HW, detail: { member: 'm1', claim: rows[0]!.id, amount: '46.20', paidOn: '2026-11-26' } },
    ]);

    // The claim form, for staff and for the member: time by kind, money spent, the rate, the amount, who did what, signature lines.
    for (const [agent, url] of [[owner, `${CLAIMS}/m1`], [sam, '/panel/claim/form']] as const) {
      const printed = await agent.get(url);
      assert.equal(printed.status, 200);
      assert.equal(text(printed, '#claim-title'), 'Claim form for Sam Okafor');
      assert.equal(text(printed, '#claim-choice'), 'A voucher instead of money');
      assert.deepEqual(load(printed.text)('#claim-time tbody tr').map((_i, tr) => load(tr)('th, td').map((_j, c) => load(c).text().trim()).get().join(' ')).get(), ['Scoring 1 hour 20 minutes', 'A meeting 2 hours', 'Total time 3 hours 20 minutes']);
      assert.match(text(printed, '#claim-expenses'), /Travel £4\.20 Total spent £4\.20/);
      assert.match(text(printed, '#claim-amount'), /Pay for each hour £12\.60 an hour Pay for time £42\.00 Money spent £4\.20 Amount to pay £46\.20/);
      assert.match(text(printed, '#claim-steps'), /Claimed Sam Okafor 23 November 2026 Approved Test owner \(commissioner\) 25 November 2026 Paid Test procurement \(procurement\) 26 November 2026/);
      assert.match(text(printed, '.app-claim__signatures'), /Panel member.*Signed.*Date.*Approved by \(commissioner\).*Paid by/);
    }
  });

  it('asks for approval again when the claim changes after it was approved, and claims what is added after payment', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await setRate(owner, '15');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    const approveForm = await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/approve`);
    await post(owner, `${CLAIMS}/m1/approve`, approveForm, CLAIMS);

    // A new entry after approval: the claim has changed; it can be neither paid nor approved until claimed again.
    await addExpense(sam, '3.00');
    const changed = await sam.get('/panel/claim');
    assert.equal(text(changed, '#claim-now'), 'After you claimed, you added money you spent.');
    const staffPage = await owner.get(`${CLAIMS}/m1`);
    assert.match(text(staffPage, '#claim-changed'), /need to claim again/);
    assert.equal(load(staffPage.text)(`form[action="${CLAIMS}/m1/paid"]`).length, 0);
    const stale = await post(owner, `${CLAIMS}/m1/paid`, { ...approveForm, ...paidOn('23', '11', '2026') }, CLAIMS);
    assert.equal(stale.status, 400);
    assert.match(text(stale, '.govuk-error-summary'), /claim again before it can be approved or paid/);

    await post(sam, '/panel/claim', {}, '/panel/claim');
    const again = await claimRows(t);
    assert.deepEqual(again.map((r) => [r.status, r.amount, r.approved_by]), [['claimed', '33.00', null]]);
    const claimedAgain = (await events(t, 'claim.claimed')).at(-1)!;
    assert.deepEqual(claimedAgain.detail, { member: 'm1', amount: '33.00', choice: 'paid', minutes: 120, expenses: '3.00', paidBefore: '0.00', again: true, oldAmount: '30.00', wasApproved: true });
    // The old form (the amount approved before) is refused: the page showed another claim.
    const old = await post(owner, `${CLAIMS}/m1/approve`, approveForm, CLAIMS);
    assert.match(text(old, '.govuk-error-summary'), /The claim changed since you opened the page/);

    await post(owner, `${CLAIMS}/m1/approve`, await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/approve`), CLAIMS);
    await post(owner, `${CLAIMS}/m1/paid`, { ...(await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/paid`)), ...paidOn('23', '11', '2026') }, CLAIMS);

    // Time added after payment is claimed on a new claim, for what is left.
    await addTime(sam, '1');
    const more = await sam.get('/panel/claim');
    assert.match(text(more, '#claim-now'), /You were paid £33\.00 on 23 November 2026\. You have more to claim now\./);
    assert.equal(text(more, '#to-claim'), '£15.00');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    assert.deepEqual((await claimRows(t)).map((r) => [r.status, r.paid_before, r.amount]), [['paid', '0.00', '33.00'], ['claimed', '33.00', '15.00']]);
  });

  it('records declining payment: expenses only, shown to staff and on the claim form', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await setRate(owner, '15');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await addExpense(sam, '6.50');
    await post(sam, '/panel/claim/choice', { choice: 'declined' }, '/panel/claim');
    assert.equal(text(await sam.get('/panel/claim'), '#to-claim'), '£6.50');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    assert.match(text(await owner.get(CLAIMS), '#claim-m1'), /No payment for their time.*Claimed.*£6\.50/);
    const printed = await owner.get(`${CLAIMS}/m1`);
    assert.match(text(printed, '#claim-amount'), /Not paid for time \(their choice\) Pay for time £0\.00 Money spent £6\.50 Amount to pay £6\.50/);
  });

  it('lets a facilitator help a member withdrawn from the panel claim for the time they gave, and nothing more', async () => {
    let owner = await signedIn(t.app, ACCOUNTS.owner.email);
    assert.equal((await setRate(owner, '12.60')).status, 303);
    const sam = await memberAgent(t, 'm1');
    await t.db.updateTable('panel_members').set({ scoring_seconds: 60 * 60 }).where('key', '=', 'm1').execute();
    assert.equal((await addExpense(sam, '4.20')).status, 303);
    const withdrawPage = `/tenders/${HW}/panel/m1/withdraw`;
    assert.equal((await post(owner, withdrawPage, { reason: 'Moved away' }, withdrawPage)).status, 303);

    // Their own session has ended with their link; the page tells them they can still be paid.
    const own = await sam.get('/panel/claim');
    assert.equal(own.status, 403);
    assert.match(text(own), /You can still be paid for the time you gave and the money you spent before\. A facilitator can help you claim it\./);

    // The facilitator's panel page offers only this, for them.
    let facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
    const links = load((await facilitator.get(`/tenders/${HW}/panel`)).text)('#member-m1 a')
      .map((_i, a) => `${load(a).text().trim()} ${load(a)('a').attr('href')}`)
      .get()
      .filter((l) => l.includes('/support') || l.includes('/pack'));
    assert.deepEqual(links, [`Help them claim payment (Sam Okafor) /tenders/${HW}/panel/m1/support`]);
    const support = `/tenders/${HW}/panel/m1/support`;
    const start = await facilitator.get(support);
    assert.equal(start.status, 200);
    assert.equal(text(start, 'h1'), 'Help Sam Okafor claim payment');
    assert.match(text(start), /Sam Okafor is no longer on this panel, so scores cannot be entered with them/);
    const unconfirmed = await post(facilitator, support, {}, support);
    assert.equal(unconfirmed.status, 400);
    assert.match(text(unconfirmed, '.govuk-error-summary'), /Confirm that you are with the member and they agree/);
    assert.equal((await post(facilitator, support, { agreed: 'yes' }, support)).headers['location'], '/panel/claim');
    assert.deepEqual(
      (await events(t, 'facilitator.')).map((e) => [e.action, e.detail]),
      [['facilitator.supporting', { member: 'm1', for: 'claim' }]],
    );

    // First the note about benefits and their choice, with no way back to a panel page that refuses them.
    const choice = await facilitator.get('/panel/claim');
    assert.equal(text(choice, 'h1'), 'Payment and your benefits');
    assert.equal(load(choice.text)('main a[href="/panel"]').length, 0);
    // Their choice and their claim, entered with them: 1 hour at £12.60 and £4.20 spent.
    assert.equal((await post(facilitator, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim')).headers['location'], '/panel/claim?done=choice');
    const page = await facilitator.get('/panel/claim');
    assert.equal(page.status, 200);
    assert.match(text(page), /You are entering this with Sam Okafor\./);
    assert.match(text(page, '.app-supporting'), /You are helping Sam Okafor claim payment\..*Stop helping Sam Okafor/);
    assert.equal(text(page, '#to-claim'), '£16.80');
    // No journeys to come, so no travel money in advance; no panel page to go back to.
    assert.equal(load(page.text)('a[href="/panel/claim/advance"], main a[href="/panel"], .govuk-back-link').length, 0);
    const offered = await facilitator.get('/panel/claim/advance');
    assert.deepEqual([offered.status, offered.headers['location']], [303, '/panel/claim'], 'the form is not offered');
    const advance = await post(facilitator, '/panel/claim/advance', { amount: '20', purpose: 'Train to the next meeting' }, '/panel/claim');
    assert.equal(advance.status, 400);
    assert.match(text(advance, '.govuk-error-summary'), /this member is no longer on the panel/);
    // The error links to what the page shows instead of the form.
    const target = load(advance.text)('.govuk-error-summary a').attr('href')!;
    assert.equal(target, '#advance-closed');
    assert.match(load(advance.text)(target).text(), /no longer on the panel/);
    assert.equal(load(advance.text)('form[action="/panel/claim/advance"]').length, 0, 'no form to ask with');
    assert.equal((await t.db.selectFrom('expense_advances').selectAll().execute()).length, 0);
    assert.equal((await post(facilitator, '/panel/claim', {}, '/panel/claim')).headers['location'], '/panel/claim?done=claimed');
    const [claim] = await claimRows(t);
    assert.deepEqual([claim!.status, claim!.amount, claim!.choice], ['claimed', '16.80', 'paid']);
    assert.match(claim!.claimed_by, /facilitator/i, 'the claim records that the facilitator entered it');
    assert.match(text(await owner.get(CLAIMS), '#claim-m1'), /Sam Okafor.*Claimed.*£16\.80/);

    // Time and money spent before they left count; a day after it does not.
    const timeForm = { form: 'time', kind: 'meeting', hours: '1', minutes: '0', note: '' };
    const before = await post(facilitator, '/panel/contribution', { ...timeForm, 'onDate-day': '20', 'onDate-month': '11', 'onDate-year': '2026' }, '/panel/contribution/time');
    assert.equal(before.headers['location'], '/panel/contribution?done=time');
    // Their contribution page leads back to their payment, not to a panel page that refuses them.
    const contribution = load((await facilitator.get('/panel/contribution')).text);
    assert.equal(contribution('.govuk-back-link').attr('href'), '/panel/claim');
    assert.equal(contribution('main a[href="/panel"]').length, 0);
    t.clock.now = new Date('2026-11-25T10:00:00Z');
    // Everyone signs in again (sessions end 12 hours after signing in).
    [owner, facilitator] = [await signedIn(t.app, ACCOUNTS.owner.email), await signedIn(t.app, ACCOUNTS.facilitator.email)];
    const later = facilitator;
    assert.equal((await post(later, support, { agreed: 'yes' }, support)).status, 303);
    const after = await post(later, '/panel/contribution', { ...timeForm, 'onDate-day': '24', 'onDate-month': '11', 'onDate-year': '2026' }, '/panel/contribution/time');
    assert.equal(after.status, 400);
    assert.match(text(after, '.govuk-error-summary'), /The date must be on or before 23 November 2026, the day Sam Okafor was withdrawn from the panel/);
    assert.equal((await t.db.selectFrom('involvement_entries').selectAll().execute()).filter((e) => e.kind === 'meeting').length, 1);

    // Scoring stays closed to them: the other panel pages say so, and point back to the claim.
    const csrf = (await formOn(later, '/panel/claim'))['_csrf']!;
    for (const [url, form] of [['/panel/submit', {}], ['/panel/bids/A/criteria/safety', { choice: '3', reason: 'Not theirs to enter now.', version: '0', action: 'later' }]] as const) {
      const res = await later.post(url).type('form').send(encode({ _csrf: csrf, ...form }));
      assert.equal(res.status, 403, `POST ${url}`);
    }
    for (const url of ['/panel/pack', '/panel/practice', '/panel/outcome']) assert.equal((await later.get(url)).status, 403, url);
    for (const url of ['/panel', '/panel/tasks', '/panel/conflicts']) {
      const res = await later.get(url);
      assert.equal(res.status, 403, url);
      assert.equal(text(res, 'h1'), 'Sam Okafor is no longer on this panel');
      assert.equal(load(res.text)('main a[href="/panel/claim"]').text().trim(), 'Help Sam Okafor claim payment');
    }
    // Only a facilitator starts it.
    assert.equal((await owner.get(support)).status, 403);
    // A professional is not paid for their time: withdrawn, there is nothing to help them claim,
    // even for a facilitator who was already entering scores with them when they were withdrawn.
    const withPriya = `/tenders/${HW}/panel/m2/support`;
    assert.equal((await post(facilitator, withPriya, { agreed: 'yes' }, withPriya)).headers['location'], '/panel');
    const priya = `/tenders/${HW}/panel/m2/withdraw`;
    assert.equal((await post(owner, priya, { reason: 'New job' }, priya)).status, 303);
    for (const url of ['/panel/claim', '/panel/contribution']) {
      const res = await facilitator.get(url);
      assert.equal(res.status, 403, url);
      assert.equal(text(res, 'h1'), 'Priya Shah is no longer on this panel');
      assert.equal(load(res.text)('main a[href="/panel/claim"]').length, 0, 'no claim offered to a professional');
    }
    assert.equal((await facilitator.get(withPriya)).status, 404);
    assert.equal(load((await facilitator.get(`/tenders/${HW}/panel`)).text)('#member-m2 a[href$="/support"]').length, 0);
  });

  it('keeps each member to their own claim and professionals out of claiming', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await setRate(owner, '15');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '1');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await post(sam, '/panel/claim', {}, '/panel/claim');

    // Another member (a professional) sees only their own page, with nothing to claim, and cannot claim or choose.
    const priya = await memberAgent(t, 'm2');
    const own = await priya.get('/panel/claim');
    assert.match(text(own, '#claim-now'), /Payment for time is for panel members with lived experience/);
    assert.doesNotMatch(own.text, /Sam Okafor/);
    assert.doesNotMatch(text(await priya.get('/panel/claim/form')), /Sam Okafor/);
    const before = await events(t, 'claim.');
    await post(priya, '/panel/claim', {}, '/panel/claim');
    const choose = await post(priya, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    assert.match(text(choose, '.govuk-error-summary'), /Only members with lived experience are paid/);
    assert.deepEqual(await events(t, 'claim.'), before, 'nothing written');
    // Members never reach staff pages.
    assert.equal((await sam.get(CLAIMS)).status, 403);
    assert.equal((await sam.get(`${CLAIMS}/m2`)).status, 403);
    // A commissioner who cannot see the tender: 404.
    const other = await signedIn(t.app, ACCOUNTS.otherCommissioner.email);
    assert.equal((await other.get(`${CLAIMS}/m1`)).status, 404);
    assert.equal((await owner.get(`${CLAIMS}/nobody`)).status, 404);
  });
});

describe('web: the hourly rate a new tender starts with', () => {
  it('comes from INVOLVEMENT_HOURLY_RATE at set-up, audited, and the commissioner can change it', async () => {
    const t = await testApp({ env: { INVOLVEMENT_HOURLY_RATE: '14.5' } });
    try {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const newTender = { reference: 'HC-2027-01', title: 'Home care in Northfield', rubric: 'home-care-outcomes', aggregation: 'equal-voice', anonymise: 'yes', lightTouch: 'yes' };
      assert.equal((await post(owner, '/tenders', newTender, '/tenders/new')).status, 303);
      const rate = async () => (await t.db.selectFrom('tenders').select('hourly_rate').where('reference', '=', 'HC-2027-01').executeTakeFirstOrThrow()).hourly_rate;
      assert.equal(await rate(), '14.50');
      const created = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'tender.created').executeTakeFirstOrThrow();
      assert.equal((JSON.parse(created.detail) as Record<string, unknown>)['hourlyRate'], '14.50');
      assert.match(text(await owner.get('/tenders/HC-2027-01/involvement'), '#hourly-rate'), /£14\.50 an hour/);
      assert.equal((await post(owner, '/tenders/HC-2027-01/involvement/rate', { rate: '16' }, '/tenders')).status, 303);
      assert.equal(await rate(), '16.00');
    } finally {
      await t.close();
    }
  });

  it('refuses a rate that is not pounds at start, naming the variable', async () => {
    const { loadConfig, ConfigError } = await import('../../../src/config');
    assert.equal(loadConfig({ NODE_ENV: 'test' }).defaultHourlyRate, null);
    assert.equal(loadConfig({ NODE_ENV: 'test', INVOLVEMENT_HOURLY_RATE: '12.6' }).defaultHourlyRate, '12.60');
    for (const bad of ['£12', '12,50', '12.555', '1001', '-3']) {
      assert.throws(() => loadConfig({ NODE_ENV: 'test', INVOLVEMENT_HOURLY_RATE: bad }), (e: unknown) => e instanceof ConfigError && /INVOLVEMENT_HOURLY_RATE: must be/.test(e.message), bad);
    }
  });
});
