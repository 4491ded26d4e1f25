// The Provider Selection Regime's pages in real Chromium: the decision record of a finalised PSR
// tender (with its conflicts of interest), the form to mark a tender and record the decision, and
// the form's errors: 0 axe violations, and each fits a 320px screen. Screenshots in test-output/screenshots.
import assert from 'node:assert/strict';
import { checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { addPsrTender, PSR_REF } from '../helpers/psr';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const RECORD = `/tenders/${PSR_REF}/provider-selection`;

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
    for (const [name, url] of [['psr-record-320', RECORD], ['psr-edit-320', `${RECORD}/edit`]] as const) {
      await page.goto(`${run.base}${url}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, name);
      await screenshot(page, name);
    }
    await context.close();
  });
});
