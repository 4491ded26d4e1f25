// Reflow (WCAG 1.4.10) of the staff pages with wide tables, in real Chromium at 320 px wide: the
// tender page, the panel page, the involvement summary, the moderation overview and one bid and
// criterion. The page itself never scrolls sideways: a wide table scrolls inside its own region
// (named, and focusable so a keyboard can scroll it), and a long unbroken word (a long surname, a
// web address in a bid's answer, a reason or a note) breaks instead of widening the page. 0 axe
// violations at that width.
import assert from 'node:assert/strict';
import { axeViolations, screenshot, signInAs, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

const HW = 'HW-2026-01';
const TENDER = `/tenders/${HW}`;
const LONG_SURNAME = 'Wolfeschlegelsteinhausenbergerdorff';
const ADDRESS = 'https://www.aldercare.example/AboutUs/OurPeoplesBoard/MinutesAndReportsOfEveryMeetingIn2026';

const PAGES: { name: string; path: string; shows: RegExp }[] = [
  { name: 'reflow-tender', path: TENDER, shows: /Panel/ },
  { name: 'reflow-panel', path: `${TENDER}/panel`, shows: /Who scores each criterion/ },
  { name: 'reflow-involvement', path: `${TENDER}/involvement`, shows: /Each member/ },
  { name: 'reflow-moderation', path: `${TENDER}/moderation`, shows: /flagged for moderation/ },
  { name: 'reflow-moderation-cell', path: `${TENDER}/moderation/A/co-production`, shows: /Panel members’ scores and reasons/ },
  { name: 'reflow-tenders', path: '/tenders', shows: /Tenders/ },
  { name: 'reflow-bids', path: `${TENDER}/bids`, shows: /bids/ },
  { name: 'reflow-summaries', path: `${TENDER}/summaries`, shows: /summaries/ },
  { name: 'reflow-summary', path: `${TENDER}/summaries/A`, shows: /Points/ },
  { name: 'reflow-rubrics', path: '/rubrics', shows: /Published rubrics|rubric/i },
  { name: 'reflow-rubric', path: '/rubrics/home-care-outcomes', shows: /score/i },
  { name: 'reflow-tender-rubric', path: `${TENDER}/rubric`, shows: /score/i },
];

describe('browser: staff pages reflow at 320 px wide', () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    const { db, clock } = run.t;
    const tender = await db.selectFrom('tenders').select('id').where('reference', '=', HW).executeTakeFirstOrThrow();
    const member = (key: string) => db.selectFrom('panel_members').select('id').where('tender_id', '=', tender.id).where('key', '=', key).executeTakeFirstOrThrow();
    const m1 = await member('m1');
    const bidA = await db.selectFrom('bids').select('id').where('tender_id', '=', tender.id).where('key', '=', 'A').executeTakeFirstOrThrow();
    // Words longer than a 320 px line, as people type them.
    await db.updateTable('panel_members').set({ name: `Sam Okafor-${LONG_SURNAME}` }).where('id', '=', m1.id).execute();
    await db.updateTable('bid_responses').set({ response: `We run a people's board. Its minutes are at ${ADDRESS}` }).where('bid_id', '=', bidA.id).where('criterion', '=', 'co-production').execute();
    await db.updateTable('scores').set({ rationale: `The board is real: I read the minutes at ${ADDRESS}` }).where('bid_id', '=', bidA.id).where('criterion', '=', 'co-production').execute();
    await db
      .insertInto('involvement_entries')
      .values({ tender_id: tender.id, member_id: m1.id, kind: 'other', on_date: '2026-11-20', minutes: null, amount: '12.50', note: `Printing the papers, receipt at ${ADDRESS}`, entered_by: `panel:m1`, recorded_at: clock.now.toISOString() })
      .execute();
  });
  after(() => run.close());

  it('the document is no wider than the screen on each page, tables scroll in a named, focusable region, and axe finds nothing', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    const failures: string[] = [];
    for (const check of PAGES) {
      await page.goto(`${run.base}${check.path}`);
      assert.match(await page.locator('main').innerText(), check.shows, `${check.name} shows the expected content`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) failures.push(`${check.name}: the page is ${width} px wide at 320 px`);
      // Every table is in a scrolling region that has a name and takes the keyboard's focus.
      const regions = await page.locator('main table').evaluateAll((tables) =>
        tables.map((t) => {
          const region = t.parentElement;
          return region?.classList.contains('app-table-scroll') && region.getAttribute('role') === 'region' && (region.getAttribute('aria-label') ?? '') !== '' && region.getAttribute('tabindex') === '0';
        }),
      );
      if (regions.length === 0 || regions.some((ok) => !ok)) failures.push(`${check.name}: a table is not in a named, focusable scrolling region (${JSON.stringify(regions)})`);
      const violations = await axeViolations(page);
      if (violations.length > 0) failures.push(`${check.name}:\n  ${violations.join('\n  ')}`);
      await screenshot(page, check.name);
    }
    await context.close();
    assert.deepEqual(failures, []);
  });
});
