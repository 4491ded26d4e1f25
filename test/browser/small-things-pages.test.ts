// In real Chromium: the two file uploads leave no CSRF token in the address after posting, the
// bids import page (offering the template as .xlsx and CSV) has no axe violations, and the
// signed-out page for a post whose words could not be kept (no session cookie came with it) has
// no axe violations and says to copy the words.
import assert from 'node:assert/strict';
import path from 'node:path';
import { stringify } from 'yaml';
import { issueInvitations } from '../../src/services/invitations';
import { addTender, BIDS_FIXTURES } from '../helpers/bid-tenders';
import { axeViolations, screenshot, signInAs, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { handWorkedPack } from '../helpers/packs';
import { cellUrl, SC, scoringTender } from '../helpers/scoring';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

describe('browser: uploads, the bids template and the signed-out page', function () {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    await addTender(run.t, 'BR-UP', 'draft');
    await scoringTender(run.t);
  });
  after(() => run.close());

  it('uploads bids and a tender pack with the token in the body: never in the address, before or after', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    await page.goto(`${run.base}/tenders/BR-UP/bids/import`);
    assert.deepEqual(await page.locator('a[download]').allInnerTexts(), ['as an Excel workbook (.xlsx)', 'as a CSV file (.csv)']);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'bids-import-templates');
    await page.setInputFiles('#file', path.join(BIDS_FIXTURES, 'bids-valid.xlsx'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForSelector('#row-2');
    assert.doesNotMatch(page.url(), /_csrf/);
    await page.getByRole('button', { name: /Import 3 bids/ }).click();
    await page.waitForURL(/\/tenders\/BR-UP\/bids$/);

    const pack = handWorkedPack();
    pack.tender.reference = 'BR-PACK';
    await page.goto(`${run.base}/tenders/upload`);
    await page.setInputFiles('#pack', { name: 'pack.yaml', mimeType: 'application/yaml', buffer: Buffer.from(stringify(pack)) });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.waitForURL(/\/tenders\/BR-PACK$/);
    assert.doesNotMatch(page.url(), /_csrf/);
    await context.close();
  });

  it('says to copy the words when they could not be kept (no session cookie came), with no axe violations', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const issued = await issueInvitations(run.t.db, SC, ['m2'], 'test', run.t.clock.now);
    assert.ok(issued.ok);
    await page.goto(`${run.base}${issued.links[0]!.path}`);
    await page.goto(`${run.base}/panel/conflicts`);
    await page.getByLabel('No').check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/panel\/tasks/);
    await page.goto(`${run.base}${cellUrl('A', 'safety')}`);
    await page.getByLabel('Your reason').fill('Typed with cookies cleared');
    await context.clearCookies();
    await page.getByRole('button', { name: 'Save and come back later' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('h1').innerText(), /You have been signed out/);
    assert.match(await page.locator('main').innerText(), /Copy what you typed from below/);
    assert.equal(await page.locator('#kept-reason').inputValue(), 'Typed with cookies cleared');
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'panel-signed-out-not-kept');
    await context.close();
  });
});
