// The moderation pages in real Chromium for the commissioner: the overview, one bid and criterion
// (its reasons in turn, a recorded consensus and the form's error state; the dissent form, its
// error state and a dissent recorded, then its marker on the overview) and re-opening a member's
// scores with its error state: 0 axe violations.
import type { Page } from 'playwright-core';
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { ACCOUNTS } from '../helpers/web';

const HW = '/tenders/HW-2026-01/moderation';

const clickAndWait = (button: string) => async (page: Page) => {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
};

const PAGES: PageCheck[] = [
  { name: 'moderation', path: HW, shows: /flagged for moderation/ },
  { name: 'moderation-cell', path: `${HW}/A/co-production`, shows: /Record the consensus score/ },
  { name: 'moderation-cell-consensus', path: `${HW}/C/co-production`, shows: /Record a dissent[\s\S]*Record a new consensus score/ },
  { name: 'moderation-cell-error', path: `${HW}/A/co-production`, shows: /There is a problem/, then: clickAndWait('Record the consensus score') },
  { name: 'moderation-cell-dissent-error', path: `${HW}/C/co-production`, shows: /There is a problem[\s\S]*Choose the member who disagrees/, then: clickAndWait('Record the dissent') },
  {
    name: 'moderation-cell-dissent',
    path: `${HW}/C/co-production`,
    shows: /The dissent was recorded[\s\S]*Dissents[\s\S]*Priya Shah \(professional\)/,
    then: async (page) => {
      await page.getByRole('group', { name: 'Who disagrees' }).getByLabel('Priya Shah').check();
      await page.getByLabel('Why they disagree').fill('The council is new and has met twice; I would give 3, Good, not Excellent.');
      await clickAndWait('Record the dissent')(page);
    },
  },
  { name: 'moderation-dissent-marker', path: HW, shows: /1 dissent recorded/ },
  { name: 'moderation-reopen', path: `${HW}/members/m2/reopen?cell=A:co-production`, shows: /Re-open Priya Shah’s scores/ },
  { name: 'moderation-reopen-error', path: `${HW}/members/m2/reopen`, shows: /There is a problem/, then: clickAndWait('Re-open scores') },
];

describe('browser: moderation pages are accessible', () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
  });
  after(() => run.close());

  it("the commissioner's moderation pages, forms and error states have no axe violations", async () => {
    await checkPages(run, PAGES, ACCOUNTS.owner.email);
  });
});
