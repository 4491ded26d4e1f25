// The panel member's scoring journey in real Chromium (issue 4): from the invitation link to
// submitted scores by keyboard alone, the same with JavaScript off, axe on every page of it
// (error states included), reflow at 320 px, and text at 200%.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { issueInvitations } from '../../src/services/invitations';
import { axeViolations, screenshot, signInAs, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { activate, chooseRadio, typeInto } from '../helpers/keyboard';
import { REPO_ROOT } from '../helpers/paths';
import { cellUrl, SC, scoringTender } from '../helpers/scoring';

const README_SHOTS = path.join(REPO_ROOT, 'test', 'browser', 'screenshots');

async function linkFor(run: BrowserRun, key: string): Promise<string> {
  const issued = await issueInvitations(run.t.db, SC, [key], 'test', run.t.clock.now);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  return `${run.base}${issued.links[0]!.path}`;
}

/** Runs axe on the current page, collecting violations under the page's name. */
async function auditPage(page: Page, name: string, failures: string[]): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) failures.push(`${name} (${page.url()}):\n  ${violations.join('\n  ')}`);
}

async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // A step that cannot happen fails in seconds, naming the step, rather than at the test's timeout.
  page.setDefaultTimeout(20_000);
  return page;
}

/**
 * The whole journey with the keyboard only: start, declare no conflicts (after an error), score
 * each of the 4 cells (the first after an error), check, send. Returns the pages' axe failures.
 */
async function keyboardJourney(page: Page, link: string, name: string, withAxe = true): Promise<string[]> {
  const failures: string[] = [];
  // axe runs as a script in the page, which a context without JavaScript cannot run; the same
  // pages are checked in the run with JavaScript on.
  const audit = withAxe ? auditPage : async () => undefined;
  await page.goto(link);
  assert.match(await page.locator('h1').innerText(), /Hand-worked example tender/);
  await audit(page, `${name}: start`, failures);
  await activate(page, 'Start');

  assert.match(await page.locator('h1').innerText(), /link with any of these organisations/);
  await audit(page, `${name}: conflicts`, failures);
  await activate(page, 'Save and continue');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Say whether you have a link/);
  await audit(page, `${name}: conflicts error`, failures);
  await chooseRadio(page, 'anyConflict', 'no');
  await activate(page, 'Save and continue');

  assert.match(await page.locator('#progress').innerText(), /0 of 4 scored/);
  await audit(page, `${name}: tasks`, failures);
  await activate(page, 'Working with people who use the service');

  for (let cell = 0; cell < 4; cell++) {
    assert.match(await page.locator('.govuk-caption-l').innerText(), new RegExp(`score ${cell + 1} of 4`));
    if (cell === 0) {
      await audit(page, `${name}: score`, failures);
      await activate(page, 'Save and continue');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose a score/);
      await audit(page, `${name}: score error`, failures);
    }
    await chooseRadio(page, 'choice', cell === 2 ? 'abstain' : String(cell + 1));
    await typeInto(page, 'reason', `Reason ${cell + 1}, typed with the keyboard.`);
    await activate(page, 'Save and continue');
  }

  assert.match(await page.locator('h1').innerText(), /Check your scores/);
  assert.match(await page.locator('main').innerText(), /Reason 4, typed with the keyboard\./);
  await audit(page, `${name}: check`, failures);
  await activate(page, 'Send my scores');
  assert.match(await page.locator('h1').innerText(), /Your scores have been sent/);
  await audit(page, `${name}: sent`, failures);
  return failures;
}

describe('browser: the panel scoring journey', function () {
  this.timeout(300_000);
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await scoringTender(run.t);
  });
  after(() => run.close());

  async function storedFor(key: string) {
    return run.t.db
      .selectFrom('scores')
      .innerJoin('panel_members as m', 'm.id', 'scores.member_id')
      .innerJoin('tenders', 'tenders.id', 'm.tender_id')
      .select(['scores.status', 'scores.score', 'scores.abstain', 'scores.rationale'])
      .where('m.key', '=', key)
      .where('tenders.reference', '=', SC)
      .execute();
  }

  it('a lived-experience member goes from the invitation link to submitted scores by keyboard alone, 0 axe violations', async () => {
    const page = await newPage(run.browser);
    const failures = await keyboardJourney(page, await linkFor(run, 'm1'), 'keyboard');
    assert.deepEqual(failures, []);
    const stored = await storedFor('m1');
    assert.equal(stored.length, 4);
    assert.ok(stored.every((s) => s.status === 'submitted'));
    assert.equal(stored.filter((s) => s.abstain === 1).length, 1);
    await page.context().close();
  });

  it('the same journey works with JavaScript off', async () => {
    const page = await newPage(run.browser, { javaScriptEnabled: false });
    const failures = await keyboardJourney(page, await linkFor(run, 'm3'), 'no-js', false);
    assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'no script ran');
    assert.deepEqual(failures, []);
    assert.equal((await storedFor('m3')).filter((s) => s.status === 'submitted').length, 4);
    await page.context().close();
  });

  it('the scoring page reflows at 320 px with no horizontal scroll, and stays usable with text at 200%', async () => {
    const page = await newPage(run.browser, { viewport: { width: 320, height: 640 } });
    await page.goto(await linkFor(run, 'm2'));
    await page.goto(`${run.base}/panel/conflicts`);
    await page.getByLabel('No').check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/panel\/tasks/);
    await page.evaluate(() => {
      // A long unbroken word in a bid's answer must wrap too.
      document.querySelector('#bid-response')?.append('Supercalifragilisticexpialidociousnessandmore'.repeat(3));
    });
    for (const layout of ['standard', 'easy-read']) {
      await page.goto(`${run.base}${cellUrl('A', 'co-production')}`);
      if (layout === 'easy-read') {
        await page.getByRole('button', { name: /Use easy read/ }).click();
        await page.waitForLoadState();
      }
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(widths.scroll <= widths.client, `${layout}: ${widths.scroll}px of content in a ${widths.client}px window`);
      assert.deepEqual(await axeViolations(page), [], `${layout} at 320 px`);
    }

    // 200% text: double the root size (GOV.UK Frontend sizes text in rem) on a window of 640 px,
    // which is what a 1280 px screen shows at 200% zoom.
    await page.setViewportSize({ width: 640, height: 800 });
    await page.getByRole('button', { name: /Use the standard layout/ }).click();
    await page.waitForLoadState();
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.govuk-radios__label')!).fontSize));
    // Through the CSSOM, which the page's Content Security Policy allows (an inline style tag it refuses).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.govuk-radios__label')!).fontSize));
    assert.ok(after >= before * 1.9, `text grew from ${before}px to ${after}px`);
    // (No named functions inside page functions: the test runner's compiler would wrap them.)
    const layout = await page.evaluate((selectors) => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      inView: selectors.map((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth;
      }),
    }), ['.govuk-radios', '#reason', 'button[value="continue"]']);
    assert.ok(layout.scroll <= layout.client, `200%: ${layout.scroll}px of content in ${layout.client}px`);
    assert.deepEqual(layout.inView, [true, true, true], 'the scale, the reason box and the save button are all in view');
    await page.getByLabel(/3 – Good/).check();
    await page.getByLabel('Your reason').fill('Usable at 200%');
    await page.getByRole('button', { name: 'Save and come back later' }).click();
    await page.waitForURL(/\/panel\/tasks/);
    await page.context().close();
  });

  it('the conflict, signed-out and facilitator pages have no axe violations; screenshots for the README', async () => {
    const failures: string[] = [];
    const audit = auditPage;
    const page = await newPage(run.browser, { viewport: { width: 1024, height: 800 } });
    await page.goto(await linkFor(run, 'm2'));
    await page.goto(`${run.base}/panel/conflicts`);
    await page.getByLabel('No').check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/panel\/tasks/);
    await page.goto(`${run.base}/panel`);
    await screenshot(page, 'panel-start');
    await page.screenshot({ path: path.join(README_SHOTS, 'panel-start.png'), fullPage: true });
    const url = `${run.base}${cellUrl('A', 'safety')}`;
    await page.goto(url);
    await page.screenshot({ path: path.join(README_SHOTS, 'panel-score-standard.png'), fullPage: true });
    // Two tabs: the second save gets the conflict page.
    const other = await page.context().newPage();
    await other.goto(url);
    await page.getByLabel(/2 – Fair/).check();
    await page.getByLabel('Your reason').fill('First tab');
    await page.getByRole('button', { name: 'Save and come back later' }).click();
    await other.getByLabel(/4 – Excellent/).check();
    await other.getByLabel('Your reason').fill('Second tab');
    await other.getByRole('button', { name: 'Save and come back later' }).click();
    await other.waitForLoadState();
    assert.match(await other.locator('h1').innerText(), /changed on another screen/);
    await audit(other, 'two-tab conflict', failures);
    await screenshot(other, 'panel-score-conflict');
    await other.close();

    await page.goto(`${run.base}/panel/check`);
    await page.screenshot({ path: path.join(README_SHOTS, 'panel-check.png'), fullPage: true });
    await page.goto(url);
    await page.getByRole('button', { name: /Use easy read/ }).click();
    await page.waitForLoadState();
    await page.screenshot({ path: path.join(README_SHOTS, 'panel-score-easy-read.png'), fullPage: true });

    // Signed out while typing: the kept-words page.
    run.t.clock.now = new Date(run.t.clock.now.getTime() + 31 * 60 * 1000);
    await page.getByLabel('Your reason').fill('Typed after a long break');
    await page.getByRole('button', { name: 'Save and come back later' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('h1').innerText(), /You have been signed out/);
    assert.equal(await page.locator('#kept-reason').inputValue(), 'Typed after a long break');
    await audit(page, 'signed out, words kept', failures);
    await page.goto(await linkFor(run, 'm2'));
    assert.equal(page.url(), url, 'opening the link again leads back to the kept words');
    assert.equal(await page.getByLabel('Your reason').inputValue(), 'Typed after a long break');
    await audit(page, 'words given back', failures);
    await page.context().close();

    // Facilitator mode, its error state and the banner on the member's pages.
    const staff = await newPage(run.browser);
    await signInAs(staff, run.base, 'facilitator@council.example', 'correct horse battery staple');
    await staff.waitForURL(/\/tenders/);
    await staff.goto(`${run.base}/tenders/${SC}/panel/m2/support`);
    await audit(staff, 'support', failures);
    await staff.getByRole('button', { name: /Start entering scores/ }).click();
    await staff.waitForLoadState();
    await audit(staff, 'support error', failures);
    await staff.getByLabel(/they agree/).check();
    await staff.getByRole('button', { name: /Start entering scores/ }).click();
    await staff.waitForURL(/\/panel$/);
    assert.match(await staff.locator('.app-supporting').innerText(), /entering scores with Priya Shah/);
    await audit(staff, 'start page in facilitator mode', failures);
    await staff.goto(`${run.base}/panel/tasks`);
    await audit(staff, 'tasks in facilitator mode', failures);
    await staff.context().close();
    assert.deepEqual(failures, []);
  });
});
