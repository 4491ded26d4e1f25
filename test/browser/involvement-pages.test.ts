// Reciprocity pages in real Chromium: the member's "your contribution" and its two forms (with
// their error states), and the commissioner's involvement summary and rate form: 0 axe violations.
import type { Page } from 'playwright-core';
import { issueInvitations } from '../../src/services/invitations';
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { SC, scoringTender } from '../helpers/scoring';
import { ACCOUNTS } from '../helpers/web';

const clickAndWait = (button: string) => async (page: Page) => {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
};

const MEMBER: PageCheck[] = [
  { name: 'contribution', path: '/panel/contribution', shows: /Your contribution/i },
  { name: 'contribution-time', path: '/panel/contribution/time', shows: /hours/i },
  { name: 'contribution-time-error', path: '/panel/contribution/time', shows: /There is a problem/, then: clickAndWait('Add time') },
  { name: 'contribution-expense', path: '/panel/contribution/expense', shows: /£/ },
  { name: 'contribution-expense-error', path: '/panel/contribution/expense', shows: /There is a problem/, then: clickAndWait('Add expense') },
  {
    name: 'contribution-expense-other-error',
    path: '/panel/contribution/expense',
    shows: /Say what the expense was for/,
    then: async (page) => {
      await page.getByLabel('Another expense').check();
      await page.getByLabel('Day').fill('20');
      await page.getByLabel('Month').fill('11');
      await page.getByLabel('Year').fill('2026');
      await page.getByLabel('How much did you spend?').fill('4.20');
      await clickAndWait('Add expense')(page);
    },
  },
];

const COMMISSIONER: PageCheck[] = [
  { name: 'involvement', path: `/tenders/${SC}/involvement`, shows: /rate/i },
  {
    name: 'involvement-rate-error',
    path: `/tenders/${SC}/involvement`,
    shows: /There is a problem/,
    then: async (page) => {
      await page.getByLabel(/rate/i).first().fill('not money');
      await clickAndWait('Save the rate')(page);
    },
  },
];

describe('browser: involvement pages are accessible', () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await scoringTender(run.t);
  });
  after(() => run.close());

  it("a member's contribution pages and their error states have no axe violations", async () => {
    const issued = await issueInvitations(run.t.db, SC, ['m1'], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    await checkPages(run, MEMBER, undefined, async (page) => {
      await page.goto(`${run.base}${issued.links[0]!.path}`);
    });
  });

  it("the commissioner's involvement summary and its error state have no axe violations", async () => {
    await checkPages(run, COMMISSIONER, ACCOUNTS.owner.email);
  });
});
