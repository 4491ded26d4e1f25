// The bids pages in real Chromium: 0 axe violations (WCAG 2.2 AA), error states and the import
// preview included, and a screenshot of each (test-output/screenshots).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addTender, BIDS_FIXTURES } from '../helpers/bid-tenders';
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { ACCOUNTS } from '../helpers/web';

const HW = '/tenders/HW-2026-01/bids';
const DRAFT = '/tenders/BR-1/bids';

const submit = (button: string, wait = '.govuk-error-summary') => async (page: Page) => {
  await page.getByRole('button', { name: button }).click();
  await page.waitForSelector(wait);
};

const uploadFile = (file: string, wait: string) => async (page: Page) => {
  await page.setInputFiles('#file', path.join(BIDS_FIXTURES, file));
  await submit('Upload and check', wait)(page);
};

const COMMISSIONER: PageCheck[] = [
  { name: 'bids-list-locked', path: HW, shows: /Scoring has opened/ },
  { name: 'bid-show', path: `${HW}/A`, shows: /We run a people's board/ },
  { name: 'bid-withdraw', path: `${HW}/B/withdraw`, shows: /Withdraw bid B/ },
  { name: 'bid-new-locked', path: `${HW}/new`, shows: /This cannot change now/ },
  { name: 'bids-list-draft', path: DRAFT, shows: /Add a bid/ },
  { name: 'bid-new', path: `${DRAFT}/new`, shows: /Add a bid/ },
  { name: 'bid-new-error', path: `${DRAFT}/new`, shows: /There is a problem/, then: submit('Add bid') },
  { name: 'bid-edit', path: `${DRAFT}/A/edit`, shows: /Change bid A/ },
  { name: 'bid-delete', path: `${DRAFT}/B/delete`, shows: /Delete bid B/ },
  { name: 'bids-import', path: `${DRAFT}/import`, shows: /Import bids from a spreadsheet/ },
  { name: 'bids-import-error', path: `${DRAFT}/import`, shows: /Select a spreadsheet of bids/, then: submit('Upload and check') },
  { name: 'bids-import-preview', path: `${DRAFT}/import`, shows: /Import 3 bids/, then: uploadFile('bids-valid.xlsx', '#row-2') },
  { name: 'bids-import-preview-errors', path: `${DRAFT}/import`, shows: /is below £0/, then: uploadFile('bids-errors.csv', '.govuk-error-summary') },
  { name: 'bids-import-preview-details', path: `${DRAFT}/import`, shows: /Legal name: Rowan Care Ltd/, then: uploadFile('bids-details.csv', '#row-2') },
  { name: 'bids-import-preview-details-errors', path: `${DRAFT}/import`, shows: /is not an identifier scheme/, then: uploadFile('bids-details-errors.csv', '.govuk-error-summary') },
];

const PROCUREMENT: PageCheck[] = [
  { name: 'bids-list-procurement', path: HW, shows: /£100,000/ },
  { name: 'bid-prices', path: `${HW}/prices`, shows: /Enter prices/ },
  {
    name: 'bid-prices-error',
    path: `${HW}/prices`,
    shows: /There is a problem/,
    then: async (page) => {
      await page.getByLabel('Bid A: Alder Care').fill('12.345');
      await submit('Save prices')(page);
    },
  },
];

describe('browser: bids pages are accessible', function () {
  // Many pages in one test, each with axe: minutes on a busy machine.
  this.timeout(600_000);
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await addTender(run.t, 'BR-1', 'draft');
  });
  after(() => run.close());

  it("a commissioner's bids pages have no axe violations", async () => {
    await checkPages(run, COMMISSIONER, ACCOUNTS.owner.email);
  });

  it("procurement's bids pages have no axe violations", async () => {
    await checkPages(run, PROCUREMENT, ACCOUNTS.procurement.email);
  });

  it("a facilitator's view of the bids has no axe violations", async () => {
    await checkPages(run, [{ name: 'bids-list-facilitator', path: HW, shows: /Alder Care/ }], ACCOUNTS.facilitator.email);
  });
});
