// The printable pack in real Chromium: 0 axe violations in standard and large print, for the
// member and for staff; large print really is large; printed, each sheet starts a new page and
// the website around the pack is left out; at 320px wide nothing scrolls sideways.
// Screenshots in test-output/screenshots.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { handWorkedPack } from '../helpers/packs';
import { RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS, PASSWORD } from '../helpers/web';
import { issueInvitations } from '../../src/services/invitations';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';

// The browser's own globals, used inside page functions (the project's TypeScript has no DOM library).
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };
declare function getComputedStyle(element: unknown): { fontSize: string; breakBefore: string };

const PACK = 'HW-PACK';

const MEMBER: PageCheck[] = [
  { name: 'panel-pack', path: '/panel/pack', shows: /Scoring pack for Asha Begum[\s\S]*Sheet 1 of 8/ },
  { name: 'panel-pack-large', path: '/panel/pack?size=large', shows: /Show the pack in standard print/ },
];

const STAFF: PageCheck[] = [
  { name: 'panel-pack-staff', path: `/tenders/${PACK}/panel/p1/pack`, shows: /Scoring pack for Asha Begum/ },
  { name: 'panel-pack-staff-large', path: `/tenders/${PACK}/panel/p2/pack`, shows: /Show the pack in standard print/ },
  { name: 'panel-pack-staff-undeclared', path: `/tenders/${PACK}/panel/p3/pack`, shows: /has not yet said whether they have a conflict of interest/ },
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
    ];
    pack.scores = [];
    pack.consensus = [];
    const imported = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'pack.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const at = run.t.clock.now.toISOString();
    await run.t.db.updateTable('panel_members').set({ conflicts_declared_at: at }).where('key', 'in', ['p1', 'p2']).execute();
    const issued = await issueInvitations(run.t.db, PACK, ['p1', 'p2', 'p3'], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    for (const link of issued.links) links[link.key] = link.path;
  });
  after(() => run.close());

  const asMember = (key: string) => async (page: Page) => {
    await page.goto(`${run.base}${links[key]!}`);
  };

  it("the member's pack, standard and large print, has no axe violations", async () => {
    await checkPages(run, MEMBER, undefined, asMember('p1'));
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
    await screenshot(page, 'panel-pack-print');
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 17, `a cover, then for each of the 8 sheets the bid's answer and a score sheet on pages of their own (${pages} pages)`);
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
