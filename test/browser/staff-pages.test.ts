// Every commissioner and procurement page in real Chromium: 0 axe violations (WCAG 2.2 AA),
// error states included, and a screenshot of each to look at (test-output/screenshots).
import assert from 'node:assert/strict';
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { ACCOUNTS, currentCode, PASSWORD } from '../helpers/web';

const SIGNED_OUT: PageCheck[] = [
  { name: 'sign-in', path: '/sign-in', shows: /Sign in/ },
  {
    name: 'sign-in-error',
    path: '/sign-in',
    shows: /There is a problem/,
    then: async (page) => {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForSelector('.govuk-error-summary');
    },
  },
  { name: 'glossary', path: '/glossary', shows: /Words we use/ },
  { name: 'not-found', path: '/no-such-page', shows: /Page not found/ },
];

const COMMISSIONER: PageCheck[] = [
  { name: 'tenders', path: '/tenders', shows: /Hand-worked example tender/ },
  { name: 'tender-overview', path: '/tenders/HW-2026-01', shows: /Light-touch contract[\s\S]*Panel/ },
  { name: 'tender-rubric', path: '/tenders/HW-2026-01/rubric', shows: /Co-production counts for 30/ },
  { name: 'rubrics', path: '/rubrics', shows: /Rubrics/ },
  { name: 'rubric-home-care', path: '/rubrics/home-care-outcomes', shows: /Co-production counts for/ },
  { name: 'tender-new', path: '/tenders/new', shows: /Set up a tender[\s\S]*Is this a light-touch contract\?[\s\S]*Schedule 1 of the Procurement Act 2023/ },
  {
    name: 'tender-new-error',
    path: '/tenders/new',
    shows: /There is a problem/,
    then: async (page) => {
      await page.getByRole('button', { name: 'Set up the tender' }).click();
      await page.waitForSelector('.govuk-error-summary');
    },
  },
  { name: 'tender-upload', path: '/tenders/upload', shows: /Upload a tender pack/ },
  {
    name: 'tender-upload-error',
    path: '/tenders/upload',
    shows: /Choose a tender pack file/,
    then: async (page) => {
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await page.waitForSelector('.govuk-error-summary');
    },
  },
  { name: 'tender-state', path: '/tenders/HW-2026-01/state', shows: /Move the tender on to finalised/ },
  { name: 'tender-light-touch', path: '/tenders/HW-2026-01/light-touch', shows: /Is this a light-touch contract\?[\s\S]*Schedule 1 of the Procurement Act 2023/ },
];

const PROCUREMENT: PageCheck[] = [
  { name: 'procurement-tender-overview', path: '/tenders/HW-2026-01', shows: /£100,000/ },
];

describe('browser: staff pages are accessible', function () {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
  });
  after(() => run.close());

  it('signed-out pages, including the sign-in error state, have no axe violations', async () => {
    await checkPages(run, SIGNED_OUT);
  });

  it("a commissioner's pages have no axe violations", async () => {
    await checkPages(run, COMMISSIONER, ACCOUNTS.owner.email);
  });

  it("procurement's pages have no axe violations", async () => {
    await checkPages(run, PROCUREMENT, ACCOUNTS.procurement.email);
  });

  it('the sign-in page works with the keyboard alone', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${run.base}/sign-in`);
    await page.keyboard.press('Tab');
    assert.equal((await page.locator(':focus').innerText()).trim(), 'Skip to main content');
    await page.keyboard.press('Enter');
    await page.locator('#email').focus();
    await page.keyboard.type(ACCOUNTS.owner.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sign-in\/code$/);
    await page.locator('#code').focus();
    await page.keyboard.type(await currentCode(run.t.app, ACCOUNTS.owner.email));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tenders$/);
    await context.close();
  });
});
