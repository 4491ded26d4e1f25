// The results page in real Chromium for each staff role that may see it: 0 axe violations
// (WCAG 2.2 AA), the chart's text alternative, and reflow at 320 px. Screenshots of each go to
// test-output/screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { REPO_ROOT, RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

const HW = '/tenders/HW-2026-01/results';
const DEMO_PACK = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');
const DEMO = '/tenders/DEMO-HC-2026/results';

/** The chart is an image with an accessible name, described by the results table, which exists. */
async function chartHasTextAlternative(page: Page): Promise<void> {
  const chart = page.getByRole('img', { name: /score of each ranked bid/ });
  assert.equal(await chart.count(), 1, 'one chart, named');
  assert.equal(await chart.evaluate((el) => el.tagName.toLowerCase()), 'svg');
  assert.equal(await page.getByRole('table', { name: 'Scores of each bid' }).count(), 1, 'the results table');
  const ids = ((await chart.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const description = (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  assert.match(description, /The same figures are in the table/);
  assert.match(description, /Scores of each bid/);
}

/** Before finalising a facilitator sees the quality scores only: no chart of totals at all. */
async function noChart(page: Page): Promise<void> {
  assert.equal(await page.locator('main svg').count(), 0, 'no chart');
  assert.equal(await page.getByRole('table', { name: 'Scores of each bid' }).count(), 1, 'the results table');
}

const checks = (prefix: string, prices: boolean): PageCheck[] =>
  prices
    ? [
        { name: `${prefix}-results`, path: HW, shows: /86\.67/, then: chartHasTextAlternative },
        { name: `${prefix}-results-demo`, path: DEMO, shows: /Who still has to score/, then: chartHasTextAlternative },
      ]
    : [
        { name: `${prefix}-results`, path: HW, shows: /Until the tender is finalised you see the quality scores only/, then: noChart },
        { name: `${prefix}-results-demo`, path: DEMO, shows: /Who still has to score/, then: noChart },
      ];

describe('browser: the results page is accessible', function () {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    const loaded = await loadDataFile(DEMO_PACK);
    if (!loaded.ok) throw new Error('demo pack unreadable');
    const imported = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file: DEMO_PACK, owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  });
  after(() => run.close());

  it("a commissioner's results pages have no axe violations and the chart has its text alternative", async () => {
    await checkPages(run, checks('commissioner', true), ACCOUNTS.owner.email);
  });

  it("procurement's results pages have no axe violations", async () => {
    await checkPages(run, checks('procurement', true), ACCOUNTS.procurement.email);
  });

  it("a facilitator's results pages (quality only) have no axe violations", async () => {
    await checkPages(run, checks('facilitator', false), ACCOUNTS.facilitator.email);
  });

  it('reflows at 320 px: nothing is wider than the screen, the chart included', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    for (const url of [HW, DEMO]) {
      await page.goto(`${run.base}${url}`);
      assert.ok((await page.locator('html').evaluate((html) => html.scrollWidth)) <= 320, `${url} scrolls sideways at 320 px`);
      const box = await page.locator('svg[role="img"]').boundingBox();
      assert.ok(box, 'the chart is drawn');
      assert.ok(box.x >= 0 && box.x + box.width <= 320, `the chart fits in 320 px (x ${box.x}, width ${box.width})`);
    }
    await screenshot(page, 'results-320px');
    await context.close();
  });
});
