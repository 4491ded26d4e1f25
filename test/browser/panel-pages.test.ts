// The panel pages in real Chromium, for the commissioner (a draft tender, so every form shows)
// and for a panel member signed in by invitation link: 0 axe violations, error states included.
import type { Page } from 'playwright-core';
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { handWorkedPack } from '../helpers/packs';
import { RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS } from '../helpers/web';
import { issueInvitations } from '../../src/services/invitations';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';

const DRAFT = 'HW-DRAFT';

const clickAndWait = (button: string) => async (page: Page) => {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
};

const COMMISSIONER: PageCheck[] = [
  { name: 'panel', path: `/tenders/${DRAFT}/panel`, shows: /with lived experience/ },
  { name: 'panel-locked', path: '/tenders/HW-2026-01/panel', shows: /locked/ },
  { name: 'panel-add', path: `/tenders/${DRAFT}/panel/add`, shows: /perspective/i },
  { name: 'panel-add-error', path: `/tenders/${DRAFT}/panel/add`, shows: /There is a problem/, then: clickAndWait('Add member') },
  { name: 'panel-change', path: `/tenders/${DRAFT}/panel/m1/change`, shows: /Sam Okafor/ },
  { name: 'panel-assign', path: `/tenders/${DRAFT}/panel/m1/assign`, shows: /Keeping people safe/ },
  { name: 'panel-remove', path: `/tenders/${DRAFT}/panel/m1/remove`, shows: /Sam Okafor/ },
  { name: 'invitation', path: `/tenders/${DRAFT}/panel/m2/invitation`, shows: /link/i },
  { name: 'invitation-issued', path: `/tenders/${DRAFT}/panel/m2/invitation`, shows: /\/invite\//, then: clickAndWait('Make a link') },
];

const PANEL_MEMBER: PageCheck[] = [{ name: 'panel-home', path: '/panel', shows: /Hand-worked example tender/ }];

const SIGNED_OUT: PageCheck[] = [
  { name: 'invite-not-valid', path: '/invite/not-a-real-link', shows: /Ask the person who invited you for a new link/ },
  { name: 'panel-signed-out', path: '/panel', shows: /Use your invitation link/ },
];

describe('browser: panel pages are accessible', () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    const pack = handWorkedPack();
    Object.assign(pack.tender, { reference: DRAFT, state: 'draft' });
    pack.scores = [];
    pack.consensus = [];
    const imported = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'draft.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  });
  after(() => run.close());

  it("the commissioner's panel pages, forms and error states have no axe violations", async () => {
    await checkPages(run, COMMISSIONER, ACCOUNTS.owner.email);
  });

  it("a panel member's pages have no axe violations", async () => {
    const issued = await issueInvitations(run.t.db, 'HW-2026-01', ['m1'], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    await checkPages(run, PANEL_MEMBER, undefined, async (page) => {
      await page.goto(`${run.base}${issued.links[0]!.path}`);
    });
  });

  it('the pages for a link that does not work, and for a signed-out panel member, have no axe violations', async () => {
    await checkPages(run, SIGNED_OUT);
  });
});
