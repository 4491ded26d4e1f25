// The assessment summary pages in real Chromium: 0 axe violations (WCAG 2.2 AA) on the list, a
// winner's and a failed bid's summary, the edit form and its error state; printed, the summary
// leaves out the navigation. Screenshots in test-output/screenshots.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
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

describe('browser: assessment summary pages are accessible', function () {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
  });
  after(() => run.close());

  it("a commissioner's summary pages have no axe violations", async () => {
    await checkPages(run, COMMISSIONER, ACCOUNTS.owner.email);
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
