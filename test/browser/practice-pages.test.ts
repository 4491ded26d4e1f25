// The practice round in real Chromium: a member does it with the keyboard alone and JavaScript off,
// then reads the reference scores; axe finds nothing on any of its pages and states (the member's
// and the commissioner's), in the standard layout and easy read, at 320 px too.
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { issueInvitations } from '../../src/services/invitations';
import { axeViolations, reflows, screenshot, signInAs, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { activate, chooseRadio, typeInto } from '../helpers/keyboard';
import { scoringTender } from '../helpers/scoring';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

const REF = 'PR-2026-01';

async function linkFor(run: BrowserRun, key: string): Promise<string> {
  const issued = await issueInvitations(run.t.db, REF, [key], 'test', run.t.clock.now);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  return `${run.base}${issued.links[0]!.path}`;
}

async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function audit(page: Page, name: string, failures: string[]): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) failures.push(`${name} (${page.url()}):\n  ${violations.join('\n  ')}`);
}

/**
 * The round with the keyboard only: from the start page to the practice, each answer (the first
 * after an error), then the reference scores. Axe runs on each page when JavaScript is on.
 */
async function keyboardRound(page: Page, link: string, name: string, failures: string[] | null): Promise<void> {
  const check = failures ? (n: string) => audit(page, `${name}: ${n}`, failures) : async () => undefined;
  await page.goto(link);
  await check('start page with the offer');
  await activate(page, 'Try the practice');
  assert.match(await page.locator('h1').innerText(), /Practise before you score/);
  await check('practice start');
  await activate(page, 'Start the practice');
  for (let item = 1; item <= 3; item++) {
    assert.match(await page.locator('.govuk-caption-l').innerText(), new RegExp(`Practice – answer ${item} of 3`));
    if (item === 1) {
      await check('practice score');
      await activate(page, 'Save and continue');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose a score/);
      await check('practice score error');
    }
    await chooseRadio(page, 'choice', String(item + 1));
    await typeInto(page, 'reason', `Practice reason ${item}, typed with the keyboard.`);
    await activate(page, 'Save and continue');
  }
  assert.match(await page.locator('h1').innerText(), /Your practice scores and ours/);
  await check('practice compare');
}

describe('browser: the practice round', function () {
  this.timeout(600_000);
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    // A tender made from a published rubric: its three practice answers.
    await scoringTender(run.t, REF, (pack) => {
      pack.tender.rubric = 'home-care-outcomes';
      pack.bids = pack.bids.map((b) => ({ ...b, responses: {} }));
    });
  });
  after(() => run.close());

  it('a member does the practice round with the keyboard and JavaScript off, then sees the reference scores', async () => {
    const page = await newPage(run.browser, { javaScriptEnabled: false });
    await keyboardRound(page, await linkFor(run, 'm3'), 'no-js', null);
    assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'no script ran');
    const main = await page.locator('main').innerText();
    // The member's own score and reason beside the reference score and why, for each answer.
    assert.match(main, /Your score\s+2 – Limited\s+Practice reason 1, typed with the keyboard\./);
    assert.match(main, /Our score\s+2 – Limited/);
    assert.match(main, /You gave the same score\./);
    assert.match(main, /Our score\s+4 – Good/);
    assert.match(main, /Your score is 1 point lower\./);
    assert.match(main, /Why we gave it\s+They ask people what they think, which is a start\./);
    assert.doesNotMatch(main, /\bwrong\b|\bcorrect\b|\bfail/i);
    const member = await run.t.db.selectFrom('panel_members').innerJoin('tenders', 'tenders.id', 'panel_members.tender_id').select('practice_done_at').where('tenders.reference', '=', REF).where('key', '=', 'm3').executeTakeFirstOrThrow();
    assert.notEqual(member.practice_done_at, null);
    await page.context().close();
  });

  it('the same round with the keyboard and JavaScript on has 0 axe violations on every page and state', async () => {
    const failures: string[] = [];
    const page = await newPage(run.browser);
    await keyboardRound(page, await linkFor(run, 'm2'), 'keyboard', failures);
    await screenshot(page, 'practice-compare-standard');
    await page.context().close();
    assert.deepEqual(failures, []);
  });

  it('at 320 px, in easy read and the standard layout, every practice page reflows with 0 axe violations; screenshots', async () => {
    const failures: string[] = [];

    // The member with easy read (m1) at 320 px: each page in easy read, then in the standard layout.
    const narrow = await newPage(run.browser, { viewport: { width: 320, height: 640 } });
    await narrow.goto(await linkFor(run, 'm1'));
    await reflows(narrow, 'start page');
    await screenshot(narrow, 'practice-offer-320');
    await narrow.goto(`${run.base}/panel/practice`);
    await audit(narrow, 'practice start, easy read, 320 px', failures);
    await reflows(narrow, 'practice start');
    await screenshot(narrow, 'practice-start-easy-read-320');
    await narrow.goto(`${run.base}/panel/practice/1`);
    await audit(narrow, 'practice score, easy read, 320 px', failures);
    await reflows(narrow, 'practice score easy read');
    await screenshot(narrow, 'practice-score-easy-read-320');
    await narrow.getByRole('button', { name: /Use the standard layout/ }).click();
    await narrow.waitForLoadState();
    assert.match(narrow.url(), /\/panel\/practice\/1$/);
    await audit(narrow, 'practice score, standard, 320 px', failures);
    await reflows(narrow, 'practice score standard');
    await screenshot(narrow, 'practice-score-standard-320');
    for (const [i, choice] of ['1', '3', '0'].entries()) {
      await narrow.goto(`${run.base}/panel/practice/${i + 1}`);
      await narrow.locator(`input[name="choice"][value="${choice}"]`).check();
      await narrow.getByLabel('Your reason').fill(`Reason ${i + 1} at 320 px.`);
      await narrow.getByRole('button', { name: 'Save and continue' }).click();
      await narrow.waitForLoadState();
    }
    assert.match(await narrow.locator('h1').innerText(), /Your practice scores and ours/);
    await audit(narrow, 'practice compare, standard, 320 px', failures);
    await reflows(narrow, 'practice compare standard');
    await screenshot(narrow, 'practice-compare-standard-320');
    await narrow.getByRole('button', { name: /Use easy read/ }).click();
    await narrow.waitForLoadState();
    await audit(narrow, 'practice compare, easy read, 320 px', failures);
    await reflows(narrow, 'practice compare easy read');
    await screenshot(narrow, 'practice-compare-easy-read-320');
    await narrow.goto(`${run.base}/panel/practice`);
    await audit(narrow, 'practice start, done', failures);
    await narrow.context().close();
    assert.deepEqual(failures, []);
  });

  it('the commissioner\'s setting, its error, the panel page and "expected" as the member sees it have 0 axe violations', async () => {
    const failures: string[] = [];
    // The commissioner: the setting (and its error), then "expected" as the member sees it, and the panel page.
    const staff = await newPage(run.browser);
    await signInAs(staff, run.base, ACCOUNTS.owner.email, PASSWORD);
    await staff.goto(`${run.base}/tenders/${REF}/practice`);
    await audit(staff, 'practice setting', failures);
    // No choice sent (as a damaged or hand-made form would be): the error summary says what to choose.
    await staff.evaluate(() => {
      const chosen = document.querySelector('input[name="mode"]:checked');
      if (chosen) chosen.checked = false;
    });
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff.waitForLoadState();
    assert.match(await staff.locator('.govuk-error-summary').innerText(), /Choose whether the practice round is off, offered or expected/);
    await audit(staff, 'practice setting error', failures);
    await staff.getByLabel('Expected').check();
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff.waitForLoadState();
    await audit(staff, 'practice setting saved', failures);
    await screenshot(staff, 'practice-setting');
    await staff.goto(`${run.base}/tenders/${REF}/panel`);
    assert.match(await staff.locator('#member-m2').innerText(), /Practice done/);
    await audit(staff, 'panel page with practice', failures);
    await staff.context().close();

    const fresh = await newPage(run.browser, { viewport: { width: 320, height: 640 } });
    await run.t.db.updateTable('panel_members').set({ practice_done_at: null }).where('key', '=', 'm3').where('tender_id', '=', run.t.db.selectFrom('tenders').select('id').where('reference', '=', REF)).execute();
    await fresh.goto(await linkFor(run, 'm3'));
    assert.match(await fresh.locator('#practice-offer').innerText(), /First, a short practice/);
    await audit(fresh, 'start page, practice expected', failures);
    await screenshot(fresh, 'practice-expected-start-320');
    await fresh.goto(`${run.base}/panel/practice`);
    await audit(fresh, 'practice start, expected', failures);
    await fresh.context().close();
    assert.deepEqual(failures, []);
  });
});
