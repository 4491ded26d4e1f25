// Payment claim pages in real Chromium, in every state: the note about benefits and the choice
// (and its error), the member's claim not claimed, claimed, approved and paid, a professional's
// page, the printable claim form (on screen and as printed), and the staff list and claim form
// with the approve and mark-paid steps (and the payment date's error): 0 axe violations.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { issueInvitations } from '../../src/services/invitations';
import { checkPages, reflows, screenshot, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { SC, scoringTender } from '../helpers/scoring';
import { ACCOUNTS } from '../helpers/web';

const click = (name: string) => async (page: Page) => {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState();
};
const CLAIMS = `/tenders/${SC}/claims`;

describe('browser: payment claim pages are accessible', function () {
  this.timeout(900_000);
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await scoringTender(run.t);
    const tender = await run.t.db.selectFrom('tenders').select('id').where('reference', '=', SC).executeTakeFirstOrThrow();
    await run.t.db.updateTable('tenders').set({ hourly_rate: '15.00' }).where('id', '=', tender.id).execute();
    const m1 = await run.t.db.selectFrom('panel_members').select('id').where('tender_id', '=', tender.id).where('key', '=', 'm1').executeTakeFirstOrThrow();
    await run.t.db.updateTable('panel_members').set({ scoring_seconds: 95 * 60 }).where('id', '=', m1.id).execute();
    const entry = { tender_id: tender.id, member_id: m1.id, on_date: '2026-11-20', note: '', entered_by: `panel:${m1.id}`, recorded_at: run.t.clock.now.toISOString() };
    await run.t.db
      .insertInto('involvement_entries')
      .values([
        { ...entry, kind: 'meeting', minutes: 150, amount: null, note: 'Panel training' },
        { ...entry, kind: 'travel', minutes: null, amount: '7.40', note: 'Bus there and back' },
      ])
      .execute();
  });
  after(() => run.close());

  const asMember = (key: string) => async (page: Page) => {
    const issued = await issueInvitations(run.t.db, SC, [key], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    await page.goto(`${run.base}${issued.links[0]!.path}`);
  };

  it('fits the benefits note and its choice (with its error) into 320 px, nothing scrolling sideways', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      await asMember('m1')(page);
      await page.goto(`${run.base}/panel/claim`);
      assert.match(await page.locator('main').innerText(), /might change them/);
      await reflows(page, 'benefits note, 320 px');
      await click('Save my choice')(page);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /There is a problem/);
      await reflows(page, 'benefits note with its error, 320 px');
      await screenshot(page, 'claim-benefits-note-320');
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on every claim page and state, for the member and for staff', async () => {
    const member1: PageCheck[] = [
      { name: 'claim-benefits-note', path: '/panel/claim', shows: /might change them/ },
      { name: 'claim-choice-error', path: '/panel/claim', shows: /There is a problem/, then: click('Save my choice') },
      {
        name: 'claim-not-claimed',
        path: '/panel/claim',
        shows: /You have not claimed yet/,
        then: async (page) => {
          await page.getByLabel('Yes, pay me').check();
          await click('Save my choice')(page);
        },
      },
      { name: 'claim-claimed', path: '/panel/claim', shows: /You claimed £68\.65/, then: click('Claim £68.65') },
      { name: 'claim-form-member', path: '/panel/claim/form', shows: /Claim form for/ },
    ];
    await checkPages(run, member1, undefined, asMember('m1'));

    await checkPages(run, [{ name: 'claim-professional', path: '/panel/claim', shows: /as part of your job/ }], undefined, asMember('m2'));

    const staff1: PageCheck[] = [
      { name: 'claims-list', path: CLAIMS, shows: /Payment claims/ },
      { name: 'claim-staff-claimed', path: `${CLAIMS}/m1`, shows: /Approve the claim for £68\.65/ },
      { name: 'claim-staff-approved', path: `${CLAIMS}/m1`, shows: /What day was it paid/, then: click('Approve the claim for £68.65') },
    ];
    await checkPages(run, staff1, ACCOUNTS.owner.email);
    await checkPages(run, [{ name: 'claim-approved', path: '/panel/claim', shows: /was agreed on/ }], undefined, asMember('m1'));

    const staff2: PageCheck[] = [
      { name: 'claim-staff-paid-error', path: `${CLAIMS}/m1`, shows: /Enter the day the claim was paid/, then: click('Mark as paid') },
      {
        name: 'claim-staff-paid',
        path: `${CLAIMS}/m1`,
        shows: /The claim was marked as paid/,
        then: async (page) => {
          await page.getByLabel('Day').fill('23');
          await page.getByLabel('Month').fill('11');
          await page.getByLabel('Year').fill('2026');
          await click('Mark as paid')(page);
        },
      },
      { name: 'claims-list-paid', path: CLAIMS, shows: /Paid/ },
    ];
    await checkPages(run, staff2, ACCOUNTS.procurement.email);
    await checkPages(run, [{ name: 'claim-paid', path: '/panel/claim', shows: /was paid on 23 November 2026/ }], undefined, asMember('m1'));

    // Travel money in advance: asked for (with its error), waiting, marked paid (with its error), shown paid.
    const advance: PageCheck[] = [
      { name: 'advance-form', path: '/panel/claim/advance', shows: /How much money do you need/ },
      { name: 'advance-error', path: '/panel/claim/advance', shows: /There is a problem/, then: click('Ask for the money') },
      {
        name: 'advance-asked',
        path: '/panel/claim/advance',
        shows: /You asked for £20\.00 for “Train to the next meeting” on 23 November 2026: not paid yet/,
        then: async (page) => {
          await page.getByLabel('How much money do you need?').fill('20');
          await page.getByLabel('What is the money for?').fill('Train to the next meeting');
          await click('Ask for the money')(page);
        },
      },
      { name: 'advance-waiting', path: '/panel/claim/advance', shows: /already asked for £20\.00/ },
    ];
    await checkPages(run, advance, undefined, asMember('m1'));
    const staffAdvance: PageCheck[] = [
      { name: 'claim-staff-advance-error', path: `${CLAIMS}/m1`, shows: /Enter the day the travel money was paid/, then: click('Mark the travel money as paid') },
      {
        name: 'claim-staff-advance-paid',
        path: `${CLAIMS}/m1`,
        shows: /The travel money was marked as paid/,
        then: async (page) => {
          await page.getByLabel('Day').fill('23');
          await page.getByLabel('Month').fill('11');
          await page.getByLabel('Year').fill('2026');
          await click('Mark the travel money as paid')(page);
        },
      },
      // Paid £68.65 for the time given, then £20.00 for a journey not made yet: £20.00 more than owed so far.
      { name: 'claims-list-advance', path: CLAIMS, shows: /£68\.65\s+paid £20\.00 more than owed so far[\s\S]*£20\.00 paid 23 November 2026/ },
    ];
    await checkPages(run, staffAdvance, ACCOUNTS.procurement.email);
    await checkPages(run, [{ name: 'claim-advance-paid', path: '/panel/claim', shows: /£20\.00 for “Train to the next meeting” on 23 November 2026: paid on 23 November 2026/ }], undefined, asMember('m1'));
  });

  it('prints the claim form on A4 with nothing of the website around it', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    await asMember('m1')(page);
    await page.goto(`${run.base}/panel/claim/form`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.govuk-header, .govuk-template__header', '.govuk-footer', '.govuk-back-link', '.app-no-print']) {
      const shown = await page.locator(hidden).filter({ visible: true }).count();
      assert.equal(shown, 0, `${hidden} is not printed`);
    }
    assert.match(await page.locator('.app-claim').innerText(), /Amount to pay\s+£68\.65/);
    await screenshot(page, 'claim-form-print');
    await context.close();
  });
});
