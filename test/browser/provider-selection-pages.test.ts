// The Provider Selection Regime's pages in real Chromium: the decision record of a finalised PSR
// tender (with its conflicts of interest), the form to mark a tender and record the decision, and
// the form's errors, and, once marked, the results page's standstill, the refused award notice and
// the summaries page: 0 axe violations, and each fits a 320px screen. Screenshots in test-output/screenshots.
import assert from 'node:assert/strict';
import { checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { addPsrTender, PSR_REF } from '../helpers/psr';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const TENDER = `/tenders/${PSR_REF}`;
const RECORD = `${TENDER}/provider-selection`;

const PAGES: PageCheck[] = [
  { name: 'psr-not-marked', path: RECORD, shows: /is not marked as bought under the Health Care Services/ },
  { name: 'psr-edit', path: `${RECORD}/edit`, shows: /Which process was followed\?[\s\S]*Competitive Process[\s\S]*Tom Reid \(m3\) and bid A/ },
  {
    name: 'psr-edit-error',
    path: `${RECORD}/edit`,
    shows: /There is a problem[\s\S]*Choose whether the contract is awarded under the Provider Selection Regime/,
    then: async (page) => {
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForSelector('.govuk-error-summary');
    },
  },
  {
    name: 'psr-record',
    path: `${RECORD}/edit`,
    shows: /Provider Selection Regime decision record[\s\S]*Competitive Process[\s\S]*Jo Marsh \(m5, professional\) and bid C/,
    then: async (page) => {
      await page.getByLabel('Competitive Process (regulation 11)').check();
      await page.locator('#decisionMakers').fill('Dr Ama Boateng, Director of Commissioning, NHS Northfield ICB');
      await page.locator('#reasons').fill('Beacon Minds scored highest on quality and innovation and on access, and gives the best value overall.');
      await page.locator('#note-1').fill('Tom left the meeting before bid A was discussed again.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForSelector('#record-title');
    },
  },
  // Marked as the Competitive Process by the step above: the regime's standstill, no Procurement Act notice.
  { name: 'psr-results-standstill', path: `${TENDER}/results`, shows: /Standstill[\s\S]*Competitive Process of the Provider Selection Regime[\s\S]*the standstill begins on 24 November 2026[\s\S]*midnight at the end of 4 December 2026/ },
  { name: 'psr-notice-refused', path: `${TENDER}/notice`, shows: /No contract award notice for this tender[\s\S]*outside the Procurement Act 2023[\s\S]*Central Digital Platform/ },
  { name: 'psr-summaries', path: `${TENDER}/summaries`, shows: /not the Procurement Act 2023, so the Act’s assessment summaries are not required/ },
];

describe('browser: the Provider Selection Regime decision record', function () {
  this.timeout(180_000);
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await addPsrTender(run.t.db, run.t.clock.now);
  });
  after(() => run.close());

  it('the record, the form and its errors have no axe violations', async () => {
    await checkPages(run, PAGES, ACCOUNTS.owner.email);
  });

  it('the record and the form fit a 320px screen without scrolling sideways', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    for (const [name, url] of [['psr-record-320', RECORD], ['psr-edit-320', `${RECORD}/edit`], ['psr-results-320', `${TENDER}/results`], ['psr-notice-320', `${TENDER}/notice`]] as const) {
      await page.goto(`${run.base}${url}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, name);
      await screenshot(page, name);
    }
    await context.close();
  });
});
