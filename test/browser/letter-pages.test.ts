// Invitation letters and short codes in real Chromium: 0 axe violations on /code (empty, and
// with each kind of error) and on the letter (standard and easy read); the QR code as the browser
// draws it (a screenshot) reads back as the link on the letter; printed on A4 each letter is one
// page; and a member with JavaScript off types the code from their letter with the keyboard and
// is signed in. Screenshots and PDFs in test-output/screenshots.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, checkPages, SCREENSHOTS, screenshot, signInAs, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { tabTo } from '../helpers/keyboard';
import { decodeQrPng } from '../helpers/qr';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

const HW = 'HW-2026-01';

/** The pages of a PDF, counted from its page objects. */
const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

interface Letter {
  link: string;
  code: string;
}

/** Makes a member's letter from their invitation page, as staff would, and checks the page it gives. */
async function makeLetter(page: Page, run: BrowserRun, key: string, version: 'Standard letter' | 'Easy read letter', name: string): Promise<Letter> {
  await page.goto(`${run.base}/tenders/${HW}/panel/${key}/invitation`);
  await page.getByLabel(version).check();
  await page.getByRole('button', { name: 'Make a new link and letter' }).click();
  await page.waitForSelector('#letter');
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe on the ${version.toLowerCase()}`);
  await screenshot(page, `invitation-letter-${name}`);
  const letter = { link: (await page.locator('#letter-link').innerText()).trim(), code: (await page.locator('#letter-code').innerText()).trim() };
  // The QR code as drawn on the screen reads back as the link printed beside it.
  assert.equal(decodeQrPng(await page.locator('#letter svg.app-qr').screenshot()), letter.link);
  // On paper: A4, one page, nothing of the website around it.
  // As on paper: print media, A4's printable width inside the letter's 15mm margins (180mm).
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 680, height: 1009 });
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, `invitation-letter-${name}-print`);
  assert.equal(await page.locator('.app-tender-nav').isVisible(), false, 'the tender navigation is not printed');
  assert.equal(await page.locator('.app-letter__controls').isVisible(), false, 'the notes for staff are not printed');
  if (viewport) await page.setViewportSize(viewport);
  // PDFs are made with print media unless another is being emulated.
  await page.emulateMedia({ media: null });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(path.join(SCREENSHOTS, `invitation-letter-${name}.pdf`), pdf);
  assert.equal(pdfPages(pdf), 1, `the ${version.toLowerCase()} prints on one page`);
  return letter;
}

describe('browser: invitation letters and short codes', function () {
  this.timeout(300_000);
  let run: BrowserRun;

  before(async () => {
    run = await startBrowserRun();
    await run.t.db.updateTable('tenders').set({ scoring_closes_on: '2027-03-05' }).where('reference', '=', HW).execute();
  });
  after(() => run.close());

  it('/code: 0 axe violations empty and with each kind of error', async () => {
    const typed = (code: string) => async (page: Page) => {
      await page.getByLabel('Type the code from your letter').fill(code);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForSelector('.govuk-error-summary');
    };
    await checkPages(run, [
      { name: 'code', path: '/code', shows: /Type the code from your letter[\s\S]*like KQ4T-9WXM-7RBD/ },
      { name: 'code-empty', path: '/code', shows: /There is a problem[\s\S]*Type the code from your letter/, then: typed('') },
      { name: 'code-too-short', path: '/code', shows: /You typed 8 letters and numbers/, then: typed('KQ4T 9WXM') },
      { name: 'code-wrong', path: '/code', shows: /This code does not work/, then: typed('BCDF-GHJK-MNPQ') },
    ]);
  });

  it('the letter, standard and easy read: 0 axe violations, the QR code reads as the link, one A4 page each', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    const standard = await makeLetter(page, run, 'm2', 'Standard letter', 'standard');
    assert.match(standard.link, /\/invite\/[A-Za-z0-9_-]{43}$/);
    assert.match(await page.locator('#letter').innerText(), /Please send your scores by 5 March 2027/);
    const easy = await makeLetter(page, run, 'm1', 'Easy read letter', 'easy-read');
    assert.match(await page.locator('#letter').innerText(), /Send your scores by 5 March 2027/);
    assert.notEqual(easy.code, standard.code);
    await context.close();
  });

  it('a member with JavaScript off types the code from their letter with the keyboard and is signed in', async () => {
    const staff = await run.browser.newContext();
    const staffPage = await staff.newPage();
    await signInAs(staffPage, run.base, ACCOUNTS.facilitator.email, PASSWORD);
    await staffPage.goto(`${run.base}/tenders/${HW}/panel/m3/invitation`);
    await staffPage.getByRole('button', { name: 'Make a new link and letter' }).click();
    const letter = { code: (await staffPage.locator('#letter-code').innerText()).trim() };
    await staff.close();

    const member = await run.browser.newContext({ javaScriptEnabled: false });
    const page = await member.newPage();
    // A step that cannot happen fails in seconds, naming the step, rather than at the test's timeout.
    page.setDefaultTimeout(30_000);
    await page.goto(`${run.base}/code`);
    // The keyboard reaches the code box; the code is typed as read from the letter, in small letters and spaces.
    await tabTo(page, (f) => f.tag === 'input' && f.name === 'code', 'the code box');
    await page.keyboard.type(letter.code.toLowerCase().replace(/-/g, ' '));
    await Promise.all([page.waitForURL(`${run.base}/panel`), page.keyboard.press('Enter')]);
    // (axe is a script, which a page without JavaScript cannot run: /code is checked above with it on.)
    assert.match(await page.locator('main').innerText(), /Hello Tom Reid/);
    assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'no script ran');
    await member.close();
  });
});
