// The assessment summary pages in real Chromium: 0 axe violations (WCAG 2.2 AA) on the list, a
// winner's and a failed bid's summary, the edit form and its error state; printed, the summary
// leaves out the navigation. Screenshots in test-output/screenshots.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { handWorkedPack } from '../helpers/packs';
import { RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

const BASE = '/tenders/HW-2026-01/summaries';

const tooLong = async (page: Page) => {
  await page.locator('#explanation-safety').fill('x'.repeat(5001));
  await page.getByRole('button', { name: 'Save explanations' }).click();
  await page.waitForSelector('.govuk-error-summary');
};

const COMMISSIONER: PageCheck[] = [
  { name: 'summaries-list', path: BASE, shows: /Assessment summaries[\s\S]*Cedar Homecare/ },
  { name: 'summary-winner', path: `${BASE}/C`, shows: /this bid is ranked first/ },
  { name: 'summary-failed', path: `${BASE}/D`, shows: /below its minimum of 2/ },
  { name: 'summary-edit', path: `${BASE}/B/edit`, shows: /Change the explanations for bid B/ },
  { name: 'summary-edit-error', path: `${BASE}/B/edit`, shows: /There is a problem/, then: tooLong },
];

/** Issued summaries: the hand-worked tender again as HW-FIN, finalised, with bid A's details. */
const FIN = '/tenders/HW-FIN/summaries';

const badSentDay = async (page: Page) => {
  await page.getByLabel('Day').fill('31');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Save the day it was sent' }).click();
  await page.waitForSelector('.govuk-error-summary');
};

/** An explanation of bid B that names a panel member and gives a price: flagged on its page. */
const flagged = async (page: Page) => {
  await page.goto(page.url().replace(/\/B$/, '/B/edit'));
  await page.locator('#explanation-safety').fill('Sound training plan, as Priya Shah noted; it costs £80,000.');
  await page.getByRole('button', { name: 'Save explanations' }).click();
  await page.waitForSelector('#flags');
};

describe('browser: assessment summary pages are accessible', function () {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: 'HW-FIN', state: 'finalised' });
    pack.bids[0]!['details'] = { legalName: 'Alder Care Limited', address: { streetAddress: '1 Alder Road', locality: 'Leeds', postalCode: 'LS1 1AA', countryName: 'United Kingdom' }, email: 'bids@alder.example', identifier: { scheme: 'GB-COH', id: '01234567' } };
    const imported = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'fin.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  });
  after(() => run.close());

  it("a commissioner's summary pages have no axe violations", async () => {
    await checkPages(run, COMMISSIONER, ACCOUNTS.owner.email);
  });

  it('issued summaries, the sent form and its error, and a flagged summary have no axe violations', async () => {
    await checkPages(
      run,
      [
        { name: 'summaries-list-issued', path: FIN, shows: /Download every summary in a zip file[\s\S]*Sent/ },
        { name: 'summary-issued', path: `${FIN}/A`, shows: /Issued on 23 November 2026[\s\S]*Alder Care Limited[\s\S]*The award criteria and how bids were assessed/ },
        { name: 'summary-sent', path: `${FIN}/A/sent`, shows: /When was the summary for bid A sent\?/ },
        { name: 'summary-sent-error', path: `${FIN}/A/sent`, shows: /must be a real date/, then: badSentDay },
        { name: 'summary-flagged', path: `${BASE}/B`, shows: /Check before this summary is issued[\s\S]*names “Priya Shah”/, then: flagged },
      ],
      ACCOUNTS.owner.email,
    );
  });

  it("procurement's view of a summary has no axe violations", async () => {
    await checkPages(run, [{ name: 'summary-procurement', path: `${BASE}/A`, shows: /Price \(£100,000\)/ }], ACCOUNTS.procurement.email);
  });

  it('prints a summary without the navigation, the header or the footer', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    await page.goto(`${run.base}${BASE}/A`);
    assert.equal(await page.locator('.app-tender-nav').isVisible(), true);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.app-tender-nav', '.govuk-template__header', '.govuk-footer', '.app-account-bar', '.govuk-back-link', '.app-no-print']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden in print`);
    }
    assert.equal(await page.locator('article.app-summary').isVisible(), true);
    await screenshot(page, 'summary-print');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000);
    await context.close();
  });
});
