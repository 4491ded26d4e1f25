// Readiness in real Chromium: the overview's task list, the "move on" page in each state (items
// that block; items to pass over with a reason, and its error state), "I have reviewed this
// summary" (and refused when the summary changed meanwhile) and the reasons on the results page, each with 0 axe violations and a screenshot.
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { addDemoTender, DEMO } from '../helpers/readiness';
import { ACCOUNTS } from '../helpers/web';

describe('browser: readiness before moving on, and the task list', function () {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await addDemoTender(run.t);
  });
  after(() => run.close());

  it('"I have reviewed this summary" refused because the summary changed meanwhile has no axe violations', async () => {
    const checks: PageCheck[] = [
      {
        name: 'summary-review-changed',
        path: '/tenders/HW-2026-01/summaries/B',
        shows: /The summary changed while you were reading it/,
        then: async (page) => {
          // C's price changes while the page is open: B's summary compares it with C, the winner.
          await run.t.db.updateTable('bids').set({ price: '110000.00' }).where('key', '=', 'C').where('tender_id', 'in', run.t.db.selectFrom('tenders').select('id').where('reference', '=', 'HW-2026-01')).execute();
          await page.getByRole('button', { name: 'I have reviewed this summary' }).click();
          await page.waitForSelector('.govuk-error-summary');
        },
      },
    ];
    await checkPages(run, checks, ACCOUNTS.owner.email);
  });

  it("the commissioner's task list, readiness lists, review and overrides have no axe violations", async () => {
    const checks: PageCheck[] = [
      { name: 'tender-overview-tasks', path: `/tenders/${DEMO}`, shows: /From set-up to award/ },
      { name: 'tender-state-reason', path: `/tenders/${DEMO}/state`, shows: /Still outstanding/ },
      {
        name: 'tender-state-reason-error',
        path: `/tenders/${DEMO}/state`,
        shows: /Enter why the tender should move on to moderation/,
        then: async (page) => {
          await page.getByLabel('Why should the tender move on to moderation with these outstanding?').fill('');
          await page.getByRole('button', { name: 'Move on to moderation with a reason' }).click();
          await page.waitForSelector('.govuk-error-summary');
        },
      },
      {
        name: 'tender-state-blocked',
        path: `/tenders/${DEMO}/state`,
        shows: /Put these right first/,
        then: async (page) => {
          await run.t.db.updateTable('tenders').set({ state: 'moderation' }).where('reference', '=', DEMO).execute();
          await page.reload();
        },
      },
      { name: 'tender-overview-tasks-moderation', path: `/tenders/${DEMO}`, shows: /Cannot start yet/ },
      { name: 'summary-review', path: '/tenders/HW-2026-01/summaries/A', shows: /I have reviewed this summary/ },
      {
        name: 'summary-reviewed',
        path: '/tenders/HW-2026-01/summaries/A',
        shows: /Reviewed by/,
        then: async (page) => {
          await page.getByRole('button', { name: 'I have reviewed this summary' }).click();
          await page.waitForSelector('.govuk-notification-banner');
        },
      },
      {
        name: 'results-overrides',
        path: '/tenders/HW-2026-01/state',
        shows: /Moved on with items outstanding/,
        then: async (page) => {
          await page.getByLabel('Why should the tender move on to finalised with these outstanding?').fill('The panel agreed at the meeting that the flagged score stands as aggregated.');
          await page.getByRole('button', { name: 'Move on to finalised with a reason' }).click();
          await page.waitForURL(/\/tenders\/HW-2026-01$/);
          await page.goto(`${run.base}/tenders/HW-2026-01/results#overrides`);
        },
      },
    ];
    await checkPages(run, checks, ACCOUNTS.owner.email);
  });
});
