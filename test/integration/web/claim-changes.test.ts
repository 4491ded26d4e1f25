// A claim that no longer holds: the words say what changed and who changed it; when nothing is
// left to pay (no payment for time chosen, travel money paid in advance, a rate lowered) the claim
// is closed with nothing to approve or pay, never stuck at "claim again" with nothing to claim;
// and the choice stays as it was once a claim is paid.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { claimSummaryText } from '../../../src/services/claims/claim-summary';
import { claimsOfTender } from '../../../src/services/claims/claims';
import { tenderRepository } from '../../../src/data/tender-repository';
import { CLAIMS, HW, addExpense, addTime, claimRows, memberAgent, post, setRate, staffForm, text } from '../../helpers/claims';
import { ACCOUNTS, signedIn, testApp, type TestApp } from '../../helpers/web';

const noClaimButton = (res: { text: string }) => assert.equal(load(res.text)('form[action="/panel/claim"]').length, 0, 'no Claim button');

describe('web: a claim that changed after it was made', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('closes a claim when the member then chooses no payment for their time, saying so, and opens again for money spent later', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await setRate(owner, '12');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    const approveForm = await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/approve`);
    assert.equal((await post(sam, '/panel/claim/choice', { choice: 'declined' }, '/panel/claim')).status, 303);

    const page = await sam.get('/panel/claim');
    assert.equal(text(page, '#claim-now'), 'Your claim for £24.00 is closed. There is nothing to pay now, because after you claimed, you chose not to be paid for your time.');
    assert.match(text(page, '#claim-next'), /You do not need to do anything/);
    noClaimButton(page);

    const list = await owner.get(CLAIMS);
    assert.match(text(list, '#claim-m1'), /No payment for their time Closed: nothing to pay £0\.00/);
    const form = await owner.get(`${CLAIMS}/m1`);
    assert.equal(text(form, '#claim-closed'), 'After they claimed £24.00 on 23 November 2026, Sam Okafor changed their choice to “no payment for their time”. So nothing is left to pay: the claim is closed, with nothing to approve or pay. If they give more time they are paid for or spend money, they can claim again.');
    assert.equal(load(form.text)(`form[action="${CLAIMS}/m1/approve"]`).length, 0);
    const refused = await post(owner, `${CLAIMS}/m1/approve`, approveForm, CLAIMS);
    assert.equal(refused.status, 400);
    assert.match(text(refused, '.govuk-error-summary'), /Nothing is left to pay on Sam Okafor’s claim/);
    assert.equal((await claimRows(t))[0]!.approved_at, null);
    // The workbook's payment column says the same.
    const claims = await claimsOfTender(t.db, (await tenderRepository.findByReference(t.db, HW))!);
    assert.equal(claimSummaryText(claims.find((c) => c.member.key === 'm1')!), 'Closed: nothing to pay (claimed £24.00 on 23 November 2026, then changed); choice: no payment for their time');

    // Money spent later gives them something to claim again: the same claim, with the new figures.
    await addExpense(sam, '5');
    const again = await sam.get('/panel/claim');
    assert.equal(text(again, '#claim-now'), 'After you claimed, you chose not to be paid for your time and you added money you spent.');
    assert.equal(text(again, '#to-claim'), '£5.00');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    assert.deepEqual((await claimRows(t)).map((r) => [r.status, r.choice, r.amount]), [['claimed', 'declined', '5.00']]);
  });

  it('closes a claim covered by travel money paid in advance, saying how much more was paid', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await setRate(owner, '12');
    let sam = await memberAgent(t, 'm1');
    await addTime(sam, '1');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await post(sam, '/panel/claim', {}, '/panel/claim');
    await post(sam, '/panel/claim/advance', { amount: '30', purpose: 'Train to the next meeting' }, '/panel/claim/advance');
    const procurement = await signedIn(t.app, ACCOUNTS.procurement.email);
    const id = load((await procurement.get(`${CLAIMS}/m1`)).text)('input[name="advance"]').val() as string;
    assert.equal((await post(procurement, `${CLAIMS}/m1/advance-paid`, { advance: id, 'advancePaidOn-day': '23', 'advancePaidOn-month': '11', 'advancePaidOn-year': '2026' }, CLAIMS)).status, 303);

    sam = await memberAgent(t, 'm1');
    const page = await sam.get('/panel/claim');
    assert.equal(text(page, '#claim-now'), 'Your claim for £12.00 is closed. There is nothing to pay now, because after you claimed, the council paid you travel money in advance.');
    assert.match(text(page, '#claim-next'), /You have been paid £18\.00 more than your time and money spent come to so far\. You do not need to do anything/);
    noClaimButton(page);
    assert.match(text(await procurement.get(CLAIMS), '#claim-m1'), /Closed: nothing to pay £0\.00 paid £18\.00 more than owed so far/);
    const form = await procurement.get(`${CLAIMS}/m1`);
    assert.match(text(form, '#claim-closed'), /After they claimed £12\.00 on 23 November 2026, travel money in advance was paid\. So nothing is left to pay/);
    assert.equal(load(form.text)(`form[action="${CLAIMS}/m1/paid"], form[action="${CLAIMS}/m1/approve"]`).length, 0);
  });

  it('says the council changed the rate when it did, and closes the claim when the rate leaves nothing to pay', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await setRate(owner, '15');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    await post(sam, '/panel/claim', {}, '/panel/claim');

    await setRate(owner, '10');
    const lower = await sam.get('/panel/claim');
    assert.equal(text(lower, '#claim-now'), 'After you claimed, the council lowered the pay for each hour.');
    assert.equal(text(lower, '#to-claim'), '£20.00');
    assert.match(text(await owner.get(`${CLAIMS}/m1`), '#claim-changed'), /After they claimed £30\.00 on 23 November 2026, the hourly rate changed from £15\.00 to £10\.00\. They need to claim again/);

    await setRate(owner, '0');
    const none = await sam.get('/panel/claim');
    assert.equal(text(none, '#claim-now'), 'Your claim for £30.00 is closed. There is nothing to pay now, because after you claimed, the council lowered the pay for each hour.');
    noClaimButton(none);
    assert.match(text(await owner.get(CLAIMS), '#claim-m1'), /Closed: nothing to pay £0\.00/);
  });

  it('keeps the choice once a claim is paid: no link to change it, and a change sent anyway is refused', async () => {
    const owner = await signedIn(t.app, ACCOUNTS.owner.email);
    await setRate(owner, '12');
    const sam = await memberAgent(t, 'm1');
    await addTime(sam, '2');
    await post(sam, '/panel/claim/choice', { choice: 'paid' }, '/panel/claim');
    // Before payment the choice can change.
    assert.equal(load((await sam.get('/panel/claim')).text)('a[href="/panel/claim/choice"]').length, 1);
    await post(sam, '/panel/claim', {}, '/panel/claim');
    await post(owner, `${CLAIMS}/m1/approve`, await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/approve`), CLAIMS);
    await post(owner, `${CLAIMS}/m1/paid`, { ...(await staffForm(owner, `${CLAIMS}/m1`, `${CLAIMS}/m1/paid`)), 'paidOn-day': '23', 'paidOn-month': '11', 'paidOn-year': '2026' }, CLAIMS);

    const page = await sam.get('/panel/claim');
    assert.equal(load(page.text)('a[href="/panel/claim/choice"]').length, 0);
    assert.match(text(page, '#choice-fixed'), /You have been paid, so your choice cannot change now/);
    const choicePage = await sam.get('/panel/claim/choice');
    assert.deepEqual([choicePage.status, choicePage.headers['location']], [303, '/panel/claim']);
    const before = await t.db.selectFrom('audit_events').select('seq').execute();
    const refused = await post(sam, '/panel/claim/choice', { choice: 'declined' }, '/panel/claim');
    assert.equal(refused.status, 400);
    assert.match(text(refused, '.govuk-error-summary'), /You have been paid, so your choice cannot change now/);
    assert.equal((await t.db.selectFrom('payment_choices').select('choice').executeTakeFirstOrThrow()).choice, 'paid');
    assert.equal((await t.db.selectFrom('audit_events').select('seq').execute()).length, before.length, 'nothing written');
    // No false overpayment: still paid in full, nothing more.
    assert.equal(text(await sam.get('/panel/claim'), '#claim-now'), 'Your claim for £24.00 was paid on 23 November 2026.');
    assert.doesNotMatch(text(await owner.get(CLAIMS), '#claim-m1'), /more than owed/);
  });
});
