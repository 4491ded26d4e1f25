// The award notice's pages in real Chromium: the bidder's details form (and its errors), the
// notice page with its data opened, the standstill on the results page, and the accessibility
// statement: 0 axe violations, and each fits a 320px screen. Screenshots in test-output/screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { finalisedDemo } from '../helpers/packs';
import { REPO_ROOT, RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS, PASSWORD } from '../helpers/web';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';

declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const DEMO = '/tenders/DEMO-HC-2026';
const ENV = { BUYER_NAME: 'Northfield Council', BUYER_ID: 'PABC-1234-DEFG', BUYER_STREET_ADDRESS: 'Town Hall', BUYER_LOCALITY: 'Northfield', BUYER_POSTCODE: 'NF1 1AA', OCID_PREFIX: 'ocds-abc123' };

const STAFF: PageCheck[] = [
  { name: 'bid-details', path: `${DEMO}/bids/B/details`, shows: /Bidder’s details[\s\S]*Legal name[\s\S]*Is the bidder a public service mutual\?/ },
  {
    name: 'bid-details-error',
    path: `${DEMO}/bids/B/details`,
    shows: /There is a problem[\s\S]*Enter the email address in the correct format/,
    then: async (page) => {
      await page.locator('#email').fill('not an email');
      await page.getByRole('button', { name: 'Save details' }).click();
      await page.waitForSelector('.govuk-error-summary');
    },
  },
  { name: 'bid-with-details', path: `${DEMO}/bids/A`, shows: /Bidder’s details[\s\S]*Companies House number: 10000001[\s\S]*Complete for the award notice/ },
  {
    name: 'award-notice',
    path: `${DEMO}/notice?published=2026-11-24&sent=2026-11-23`,
    shows: /Contract award notice[\s\S]*Standstill ends\s*4 December 2026[\s\S]*"ocid": "ocds-abc123-DEMO-HC-2026"/,
    then: async (page) => {
      await page.locator('.govuk-details__summary').click();
    },
  },
  { name: 'award-notice-error', path: `${DEMO}/notice?published=2026-13-01`, shows: /There is a problem[\s\S]*The publication day must be a real day/ },
  { name: 'results-standstill', path: `${DEMO}/results`, shows: /Standstill[\s\S]*ends on 3 December 2026[\s\S]*voluntary/ },
  { name: 'accessibility-statement', path: '/accessibility', shows: /Accessibility statement[\s\S]*How we tested it[\s\S]*Equality and Human Rights Commission/ },
];

describe('browser: award notice, bidders’ details and the accessibility statement', function () {
  this.timeout(180_000);
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun(ENV);
    const loaded = await loadDataFile(path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml'));
    if (!loaded.ok) throw new Error('demo unreadable');
    finalisedDemo(loaded.data as { tender: Record<string, unknown> });
    const imported = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file: 'demo.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  });
  after(() => run.close());

  it('the details form, its errors, the notice, the results standstill and the statement have no axe violations', async () => {
    await checkPages(run, STAFF, ACCOUNTS.owner.email);
  });

  it('the statement signed out, and every new page, fit a 320px screen without scrolling sideways', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${run.base}/accessibility`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'accessibility');
    await screenshot(page, 'accessibility-statement-320');
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    for (const [name, url] of [['bid-details-320', `${DEMO}/bids/B/details`], ['award-notice-320', `${DEMO}/notice?published=2026-12-22`]] as const) {
      await page.goto(`${run.base}${url}`);
      if (name === 'award-notice-320') await page.locator('.govuk-details__summary').click();
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, name);
      await screenshot(page, name);
    }
    await context.close();
  });
});
