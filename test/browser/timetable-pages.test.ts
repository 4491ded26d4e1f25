// The timetable in real Chromium: the commissioner's form, its error state and its saved state
// have 0 axe violations and fit 320px; a panel member sees the day to send their scores by on the
// start page, the task list and the printed pack (standard and easy read), and kindly when it has
// passed; staff see what is late on the tenders list and the overview. Screenshots in
// test-output/screenshots.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { addTender } from '../helpers/bid-tenders';
import { ACCOUNTS, PASSWORD } from '../helpers/web';
import { issueInvitations } from '../../src/services/invitations';

declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const HW = 'HW-2026-01';
const SC = 'SC-TIMETABLE';
const LATE = 'SC-LATE';

const COMMISSIONER: PageCheck[] = [
  { name: 'timetable', path: `/tenders/${HW}/timetable`, shows: /Scoring closes[\s\S]*Moderation meeting[\s\S]*Planned award/ },
  {
    name: 'timetable-error',
    path: `/tenders/${HW}/timetable`,
    shows: /There is a problem[\s\S]*The date scoring closes must include a month[\s\S]*The planned award date must be a real date/,
    then: async (page) => {
      await page.locator('#scoringCloses-day').fill('5');
      await page.locator('#scoringCloses-year').fill('2027');
      await page.locator('#awardPlanned-day').fill('31');
      await page.locator('#awardPlanned-month').fill('4');
      await page.locator('#awardPlanned-year').fill('2027');
      await page.getByRole('button', { name: 'Save the timetable' }).click();
      await page.waitForSelector('.govuk-error-summary');
    },
  },
  {
    name: 'timetable-saved',
    path: `/tenders/${HW}/timetable`,
    shows: /The timetable was saved/,
    then: async (page) => {
      for (const [id, value] of Object.entries({ 'scoringCloses-day': '5', 'scoringCloses-month': '3', 'scoringCloses-year': '2027', 'moderation-day': '12', 'moderation-month': '3', 'moderation-year': '2027', 'awardPlanned-day': '1', 'awardPlanned-month': '4', 'awardPlanned-year': '2027' })) {
        await page.locator(`#${id}`).fill(value);
      }
      await page.getByRole('button', { name: 'Save the timetable' }).click();
      await page.waitForSelector('.govuk-notification-banner--success');
    },
  },
  { name: 'tenders-late', path: '/tenders', shows: /Late: Scoring closed on 20 November 2026 and 3 members have not sent their scores/ },
  { name: 'tender-overview-late', path: `/tenders/${LATE}`, shows: /Scoring closed on 20 November 2026 and 3 members have not sent their scores/ },
];

async function memberPage(run: BrowserRun, key: string): Promise<Page> {
  const issued = await issueInvitations(run.t.db, SC, [key], 'test', run.t.clock.now);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  const page = await (await run.browser.newContext()).newPage();
  await page.goto(`${run.base}${issued.links[0]!.path}`);
  return page;
}

async function declareNone(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/panel/conflicts`);
  await page.locator('input[name="anyConflict"][value="no"]').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL((url) => url.pathname === '/panel/tasks');
}

/** Visits a page, checks the deadline it shows, runs axe and takes a screenshot. */
async function deadlineOn(page: Page, base: string, path: string, name: string, expected: string): Promise<string[]> {
  await page.goto(`${base}${path}`);
  assert.equal((await page.locator('#deadline').innerText()).replace(/\s+/g, ' ').trim(), expected, `${name}: the deadline`);
  await screenshot(page, name);
  return (await axeViolations(page)).map((v) => `${name}: ${v}`);
}

describe('browser: the timetable', function () {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await addTender(run.t, SC, 'scoring');
    await addTender(run.t, LATE, 'scoring');
    await run.t.db.updateTable('tenders').set({ scoring_closes_on: '2026-12-05' }).where('reference', '=', SC).execute();
    // The test clock says 23 November 2026: these days have passed.
    await run.t.db.updateTable('tenders').set({ scoring_closes_on: '2026-11-20', award_planned_on: '2026-11-22' }).where('reference', '=', LATE).execute();
  });
  after(() => run.close());

  it("the commissioner's timetable form, its error and saved states, and the late notices have no axe violations", async () => {
    await checkPages(run, COMMISSIONER, ACCOUNTS.owner.email);
  });

  it('the timetable form fits a 320px screen without scrolling sideways', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    await page.goto(`${run.base}/tenders/${HW}/timetable`);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `the page is ${widths.scroll}px wide in a ${widths.client}px window`);
    await screenshot(page, 'timetable-320');
    await context.close();
  });

  it('a panel member sees the deadline on the start page, the task list and in the pack, in standard and easy read', async () => {
    const by = 'Send your scores by 5 December 2026.';
    const violations: string[] = [];
    for (const [key, layout] of [['m2', 'standard'], ['m1', 'easy-read']] as const) {
      const page = await memberPage(run, key);
      violations.push(...(await deadlineOn(page, run.base, '/panel', `timetable-panel-start-${layout}`, by)));
      await declareNone(page, run.base);
      violations.push(...(await deadlineOn(page, run.base, '/panel/tasks', `timetable-panel-tasks-${layout}`, by)));
      violations.push(...(await deadlineOn(page, run.base, '/panel/pack', `timetable-panel-pack-${layout}`, by)));
      await page.context().close();
    }
    assert.deepEqual(violations, []);
  });

  it('once the day has passed, the member is told kindly, with no axe violations', async () => {
    run.t.clock.now = new Date('2026-12-06T09:00:00Z');
    try {
      const page = await memberPage(run, 'm3');
      const passed = 'The date to send your scores was 5 December 2026. Please send them as soon as you can, or speak to your facilitator.';
      const violations = await deadlineOn(page, run.base, '/panel', 'timetable-panel-start-passed', passed);
      await page.context().close();
      assert.deepEqual(violations, []);
    } finally {
      run.t.clock.now = new Date('2026-11-23T10:00:00Z');
    }
  });
});
