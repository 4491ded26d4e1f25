// The printable pack in real Chromium: 0 axe violations in standard and large print and easy
// read, for the member and for staff; large print really is large, on paper too; printed on A4,
// each sheet starts a new page, each blank score sheet fits one page and never splits (measured
// with the demo tender's long scale and answers as well), and the website around the pack is
// left out; at 320px wide nothing scrolls sideways. Screenshots and PDFs in
// test-output/screenshots.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { checkPages, SCREENSHOTS, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { handWorkedPack } from '../helpers/packs';
import { REPO_ROOT, RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS, PASSWORD } from '../helpers/web';
import { loadDataFile } from '../../src/services/data-files';
import { issueInvitations } from '../../src/services/invitations';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';

// The browser's own globals, used inside page functions (the project's TypeScript has no DOM library).
declare const document: {
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): Iterable<{ getBoundingClientRect(): { height: number }; remove(): void }>;
};
declare function getComputedStyle(element: unknown): { fontSize: string; breakBefore: string };

const PACK = 'HW-PACK';
const DEMO = 'DEMO-HC-2026';
const DEMO_PACK = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');

/** A4 inside the pack's 15mm margins (views/styles/_print-pack.scss): 180mm × 267mm, in CSS pixels at 96 dpi. */
const MM = 96 / 25.4;
const PRINTABLE = { width: Math.floor(180 * MM), height: Math.floor(267 * MM) };

/** The parts of a printed pack that must each fit one page: the score sheet, or in large print its score page and its reason page. */
const scoreBlocks = (large: boolean): string => (large ? '.app-pack__score, .app-pack__reason' : '.app-pack__score-sheet');

/** The pages of a PDF, counted from its page objects. */
const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

/** The heights of the elements, rounded up to whole pixels. */
const heights = (page: Page, selector: string): Promise<number[]> =>
  page.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => Math.ceil(el.getBoundingClientRect().height)), selector);

/**
 * The pages a printed pack should take, measured on a page as wide as A4's printable area: the
 * cover, each sheet's answer and the words we use as many pages as they need, and each score
 * sheet exactly one page, or two in large print. Exact for short answers, which keep their
 * headings with their text without moving either to another page.
 */
async function expectedPages(page: Page, large: boolean, sheets: number): Promise<number> {
  const pagesOf = (height: number) => Math.ceil(height / PRINTABLE.height);
  const [cover, words, reading, blocks] = await Promise.all([heights(page, '.app-pack__cover'), heights(page, '.app-pack__words'), heights(page, '.app-pack__reading'), heights(page, scoreBlocks(large))]);
  assert.equal(reading.length, sheets);
  assert.equal(blocks.length, sheets * (large ? 2 : 1));
  for (const height of blocks) assert.ok(height <= PRINTABLE.height, `a score sheet is ${height}px, more than a page`);
  return [...cover, ...reading, ...words].reduce((sum, height) => sum + pagesOf(height), blocks.length);
}

const MEMBER: PageCheck[] = [
  { name: 'panel-pack', path: '/panel/pack', shows: /Scoring pack for Asha Begum[\s\S]*Sheet 1 of 8/ },
  { name: 'panel-pack-large', path: '/panel/pack?size=large', shows: /Show the pack in standard print/ },
];

const STAFF: PageCheck[] = [
  { name: 'panel-pack-staff', path: `/tenders/${PACK}/panel/p1/pack`, shows: /Scoring pack for Asha Begum/ },
  { name: 'panel-pack-staff-large', path: `/tenders/${PACK}/panel/p2/pack`, shows: /Show the pack in standard print/ },
  { name: 'panel-pack-staff-undeclared', path: `/tenders/${PACK}/panel/p3/pack`, shows: /has not yet said whether they have a conflict of interest/ },
  { name: 'panel-pack-staff-easy-read', path: `/tenders/${PACK}/panel/p4/pack`, shows: /in easy read[\s\S]*What this is about[\s\S]*Words we use/ },
  { name: 'panel-pack-staff-demo-easy-read', path: `/tenders/${DEMO}/panel/m3/pack`, shows: /What this is about/ },
  { name: 'glossary-words', path: '/glossary#conflict-of-interest', shows: /Conflict of interest/ },
];

const fontSize = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe('browser: the printable pack', function () {
  let run: BrowserRun;
  const links: Record<string, string> = {};

  before(async () => {
    run = await startBrowserRun();
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: PACK, title: 'Home support in Riverside', state: 'scoring', anonymise: true });
    pack.bids[1]!.responses = { 'co-production': 'Our members’ forum meets every month. Members are paid for their time and travel.\n\nWe hold meetings in accessible places, with easy read papers sent a week before.' };
    pack.panel = [
      { key: 'p1', name: 'Asha Begum', perspective: 'lived-experience', criteria: ['safety', 'co-production'], bids: ['A', 'B', 'C', 'D'] },
      { key: 'p2', name: 'Ken Adams', perspective: 'professional', accessNeeds: ['large-print'], criteria: ['co-production'], bids: ['A', 'B'] },
      { key: 'p3', name: 'Lou Price', perspective: 'professional', criteria: ['safety'], bids: ['B'] },
      { key: 'p4', name: 'Eve Hart', perspective: 'lived-experience', accessNeeds: ['easy-read'], criteria: ['co-production'], bids: ['A', 'B'] },
    ];
    pack.scores = [];
    pack.consensus = [];
    const imported = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'pack.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const at = run.t.clock.now.toISOString();
    await run.t.db.updateTable('panel_members').set({ conflicts_declared_at: at }).where('key', 'in', ['p1', 'p2', 'p4']).execute();
    const issued = await issueInvitations(run.t.db, PACK, ['p1', 'p2', 'p3', 'p4'], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    for (const link of issued.links) links[link.key] = link.path;
    // The demo tender: a real rubric's long scale and long answers.
    const demo = await loadDataFile(DEMO_PACK);
    if (!demo.ok) throw new Error('the demo pack is unreadable');
    const loaded = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), demo.data, { file: DEMO_PACK, owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  });
  after(() => run.close());

  const asMember = (key: string) => async (page: Page) => {
    await page.goto(`${run.base}${links[key]!}`);
  };

  it("the member's pack, standard and large print, has no axe violations", async () => {
    await checkPages(run, MEMBER, undefined, asMember('p1'));
  });

  it("an easy-read member's pack, with its layout switch, has no axe violations", async () => {
    await checkPages(run, [{ name: 'panel-pack-easy-read', path: '/panel/pack', shows: /in easy read[\s\S]*Use the standard layout[\s\S]*What this is about/ }], undefined, asMember('p4'));
  });

  it('the page asking a member to declare their conflicts of interest first has no axe violations', async () => {
    await checkPages(run, [{ name: 'panel-pack-conflicts-first', path: '/panel/pack', shows: /First, tell us about any conflict of interest/ }], undefined, asMember('p3'));
  });

  it("staff's view of a member's pack, and the glossary, have no axe violations", async () => {
    await checkPages(run, STAFF, ACCOUNTS.owner.email);
  });

  it('large print has 24px text and headings of 32px and more; standard print does not', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    await asMember('p2')(page);
    await page.goto(`${run.base}/panel/pack`);
    assert.equal(await fontSize(page, '.app-pack .govuk-body'), 24);
    assert.ok((await fontSize(page, '.app-pack h1')) >= 40);
    assert.ok((await fontSize(page, '.app-pack__sheet h3')) >= 32);
    await page.getByRole('link', { name: 'Show the pack in standard print' }).click();
    await page.waitForURL(/size=standard/);
    assert.ok((await fontSize(page, '.app-pack .govuk-body')) < 24);
    await context.close();
  });

  it('prints a cover, then each sheet and its score sheet on new pages, without the navigation, the header or the footer', async () => {
    const context = await run.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    await page.goto(`${run.base}/tenders/${PACK}/panel/p1/pack`);
    assert.equal(await page.locator('.app-tender-nav').isVisible(), true);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.app-tender-nav', '.govuk-template__header', '.govuk-footer', '.app-account-bar', '.govuk-back-link', '#print-controls']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden in print`);
    }
    for (const starts of ['.app-pack__sheet', '.app-pack__score-sheet']) {
      assert.equal(await page.locator(starts).first().evaluate((el) => getComputedStyle(el).breakBefore), 'page', `${starts} starts a page`);
    }
    assert.equal(await page.locator('.app-pack__words').evaluate((el) => getComputedStyle(el).breakBefore), 'page', 'the words we use start a page');
    await screenshot(page, 'panel-pack-print-whole');
    // The pages: the cover, then for each of the 8 sheets the bid's answer (one page each here:
    // the answers are short) and the score sheet, then the words we use.
    await page.setViewportSize(PRINTABLE);
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(path.join(SCREENSHOTS, 'panel-pack.pdf'), pdf);
    assert.equal(pdfPages(pdf), await expectedPages(page, false, 8));
    await context.close();
  });

  // The demo tender's scale is as long as a published rubric's; members m1 (large print) and m3
  // (easy read) need large print, m4 does not.
  const PRINTS = [
    { name: 'standard', path: `/tenders/${PACK}/panel/p1/pack`, sheets: 8, large: false },
    { name: 'large', path: `/tenders/${PACK}/panel/p2/pack`, sheets: 2, large: true },
    { name: 'easy read', path: `/tenders/${PACK}/panel/p4/pack`, sheets: 2, large: true },
    { name: 'demo, standard', path: `/tenders/${DEMO}/panel/m4/pack`, sheets: 30, large: false },
    { name: 'demo, standard asked for large', path: `/tenders/${DEMO}/panel/m4/pack?size=large`, sheets: 30, large: true },
    { name: 'demo, large', path: `/tenders/${DEMO}/panel/m1/pack`, sheets: 25, large: true },
    { name: 'demo, easy read', path: `/tenders/${DEMO}/panel/m3/pack`, sheets: 15, large: true },
    { name: 'demo, easy read in standard print', path: `/tenders/${DEMO}/panel/m3/pack?size=standard`, sheets: 15, large: false },
  ];

  it('printed on A4, no score sheet is taller than a page, and each prints on exactly one page (two in large print: the score and the reason)', async () => {
    const context = await run.browser.newContext({ viewport: PRINTABLE });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    await page.emulateMedia({ media: 'print' });
    const measured: string[] = [];
    for (const print of PRINTS) {
      await page.goto(`${run.base}${print.path}`);
      assert.equal(await page.locator('article.app-pack').evaluate((el) => el.classList.contains('app-pack--large')), print.large, print.name);
      const blocks = await heights(page, scoreBlocks(print.large));
      assert.equal(blocks.length, print.sheets * (print.large ? 2 : 1), print.name);
      const tallest = Math.max(...blocks);
      measured.push(`${print.name}: tallest ${tallest}px of ${PRINTABLE.height}px`);
      assert.ok(tallest <= PRINTABLE.height, `${print.name}: a score sheet is ${tallest}px tall, more than the ${PRINTABLE.height}px of an A4 page`);
      if (print.large) {
        // 18pt is 24px: the score page's words, as well as the rest, stay large on paper.
        for (const text of ['.app-pack__reading .govuk-body', '.app-pack__choice', '.app-pack__score .govuk-body', '.app-pack__reason .govuk-body']) {
          assert.ok((await fontSize(page, text)) >= 24, `${print.name}: ${text} is at least 18pt`);
        }
      }
      // Printed alone, the score sheets take one page each: none splits, none shares a page.
      await page.evaluate(() => {
        for (const el of [...document.querySelectorAll('.app-pack__cover, .app-pack__reading, .app-pack__words')]) el.remove();
      });
      const pdf = await page.pdf({ format: 'A4' });
      writeFileSync(path.join(SCREENSHOTS, `panel-pack-score-sheets-${print.name.replace(/\W+/g, '-')}.pdf`), pdf);
      assert.equal(pdfPages(pdf), blocks.length, `${print.name}: one page for each score sheet`);
    }
    console.log(`      ${measured.join('\n      ')}`);
    await context.close();
  });

  it('prints a large-print, easy-read pack as a cover, then for each sheet the answer, the score page and the reason page, then the words', async () => {
    const context = await run.browser.newContext({ viewport: PRINTABLE });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${run.base}/tenders/${PACK}/panel/p4/pack`);
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(path.join(SCREENSHOTS, 'panel-pack-easy-read.pdf'), pdf);
    assert.equal(pdfPages(pdf), await expectedPages(page, true, 2));
    await context.close();
  });

  it('takes screenshots of the pack on screen, and of its printed pages', async () => {
    // On screen, as the member sees it: the cover from the top of the page, and a sheet.
    const shots = [
      { name: 'panel-pack-cover', member: 'p1', at: null },
      { name: 'panel-pack-sheet', member: 'p1', at: '#sheet-B-co-production' },
      { name: 'panel-pack-large-sheet', member: 'p2', at: '#sheet-B-co-production' },
      { name: 'panel-pack-easy-read-sheet', member: 'p4', at: '#sheet-B-co-production' },
    ];
    for (const shot of shots) {
      const context = await run.browser.newContext({ viewport: { width: 1000, height: 1300 } });
      const screen = await context.newPage();
      await asMember(shot.member)(screen);
      await screen.goto(`${run.base}/panel/pack`);
      const y = shot.at ? Math.max(0, (await screen.locator(shot.at).boundingBox())!.y - 30) : 0;
      await screen.screenshot({ path: path.join(SCREENSHOTS, `${shot.name}.png`), fullPage: true, clip: { x: 0, y, width: 1000, height: 1300 } });
      await context.close();
    }
    const context = await run.browser.newContext({ viewport: PRINTABLE });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    // A printed page's printable area, as the printer gets it.
    await page.emulateMedia({ media: 'print' });
    const printed = [
      { name: 'panel-pack-print', path: `/tenders/${DEMO}/panel/m4/pack`, at: '.app-pack__score-sheet' },
      { name: 'panel-pack-print-large', path: `/tenders/${DEMO}/panel/m1/pack`, at: '.app-pack__score' },
      { name: 'panel-pack-print-large-reason', path: `/tenders/${DEMO}/panel/m1/pack`, at: '.app-pack__reason' },
      { name: 'panel-pack-print-easy-read', path: `/tenders/${DEMO}/panel/m3/pack`, at: '.app-pack__reading' },
      { name: 'panel-pack-print-words', path: `/tenders/${DEMO}/panel/m3/pack`, at: '.app-pack__words' },
    ];
    for (const shot of printed) {
      await page.goto(`${run.base}${shot.path}`);
      const box = (await page.locator(shot.at).first().boundingBox())!;
      await page.screenshot({ path: path.join(SCREENSHOTS, `${shot.name}.png`), fullPage: true, clip: { x: 0, y: box.y, width: PRINTABLE.width, height: PRINTABLE.height } });
    }
    await context.close();
  });

  it('reflows at 320px wide in large print, with nothing scrolling sideways', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await asMember('p2')(page);
    await page.goto(`${run.base}/panel/pack`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls ${overflow}px sideways`);
    await screenshot(page, 'panel-pack-large-320');
    await context.close();
  });
});
