// The panel pages in real Chromium, for the commissioner (a draft tender, so every form shows; a
// tender open for scoring, for the member details form and withdrawing a member) and for a panel
// member signed in by invitation link, or withdrawn: 0 axe violations, error states included.
import type { Page } from 'playwright-core';
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { handWorkedPack } from '../helpers/packs';
import { RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS } from '../helpers/web';
import { panelRepository } from '../../src/data/panel-repository';
import { tenderRepository } from '../../src/data/tender-repository';
import { issueInvitations } from '../../src/services/invitations';
import { withdrawMember } from '../../src/services/panel-membership';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';

const DRAFT = 'HW-DRAFT';
const SCORING = 'HW-SCORING';

const clickAndWait = (button: string) => async (page: Page) => {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
};

const COMMISSIONER: PageCheck[] = [
  { name: 'panel', path: `/tenders/${DRAFT}/panel`, shows: /with lived experience/ },
  { name: 'panel-locked', path: '/tenders/HW-2026-01/panel', shows: /Members cannot be added and what they score cannot change now/ },
  { name: 'panel-add', path: `/tenders/${DRAFT}/panel/add`, shows: /perspective/i },
  { name: 'panel-add-error', path: `/tenders/${DRAFT}/panel/add`, shows: /There is a problem/, then: clickAndWait('Add member') },
  { name: 'panel-change', path: `/tenders/${DRAFT}/panel/m1/change`, shows: /Sam Okafor/ },
  { name: 'panel-assign', path: `/tenders/${DRAFT}/panel/m1/assign`, shows: /Keeping people safe/ },
  { name: 'panel-remove', path: `/tenders/${DRAFT}/panel/m1/remove`, shows: /Sam Okafor/ },
  { name: 'invitation', path: `/tenders/${DRAFT}/panel/m2/invitation`, shows: /link/i },
  { name: 'invitation-issued', path: `/tenders/${DRAFT}/panel/m2/invitation`, shows: /\/invite\//, then: clickAndWait('Make a link') },
  // Once scoring has opened: details only, withdrawing a member, and its error state.
  { name: 'panel-scoring', path: `/tenders/${SCORING}/panel`, shows: /Scoring is open/ },
  { name: 'panel-change-scoring', path: `/tenders/${SCORING}/panel/m1/change`, shows: /their name and perspective cannot change/ },
  { name: 'panel-withdraw', path: `/tenders/${SCORING}/panel/m2/withdraw`, shows: /Why are they leaving the panel\?/ },
  { name: 'panel-withdraw-error', path: `/tenders/${SCORING}/panel/m2/withdraw`, shows: /There is a problem/, then: clickAndWait('Withdraw from the panel') },
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
    for (const [reference, state] of [[DRAFT, 'draft'], [SCORING, 'scoring']]) {
      const pack = handWorkedPack();
      Object.assign(pack.tender, { reference, state });
      if (state === 'draft') pack.scores = [];
      pack.consensus = [];
      const imported = await importPack(run.t.db, rubricLibrary(RUBRICS_DIR), pack, { file: `${reference}.yaml`, owner: ACCOUNTS.owner.email, actor: 'test', now: run.t.clock.now });
      if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    }
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

  it('a withdrawn member is told plainly, and the panel page shows them withdrawn, with no axe violations', async () => {
    const issued = await issueInvitations(run.t.db, SCORING, ['m3'], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    await checkPages(run, [{ name: 'panel-withdrawn-member', path: '/panel', shows: /You are no longer on this panel/ }], undefined, async (page) => {
      await page.goto(`${run.base}${issued.links[0]!.path}`);
      const tender = (await tenderRepository.findByReference(run.t.db, SCORING))!;
      const member = (await panelRepository.findByKey(run.t.db, tender.id, 'm3'))!;
      const owner = (await run.t.db.selectFrom('users').selectAll().where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow());
      const actor = { kind: 'staff', id: owner.id, email: owner.email, name: owner.name, role: owner.role } as const;
      const done = await withdrawMember(run.t.db, actor, tender, member, 'Moved away', run.t.clock.now);
      if (!done.ok) throw new Error(JSON.stringify(done.problems));
    });
    await checkPages(run, [{ name: 'panel-with-withdrawn-member', path: `/tenders/${SCORING}/panel#member-m3`, shows: /Withdrew from the panel on 23 November 2026: Moved away/ }], ACCOUNTS.owner.email);
  });

  it('a facilitator helping a withdrawn member claim payment: the offer, its error, the claim, their contribution and the refusing panel pages have no axe violations', async () => {
    // Sam Okafor (m1, lived experience) is withdrawn; they are still paid for the time they gave.
    const tender = (await tenderRepository.findByReference(run.t.db, SCORING))!;
    const member = (await panelRepository.findByKey(run.t.db, tender.id, 'm1'))!;
    const owner = await run.t.db.selectFrom('users').selectAll().where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow();
    const done = await withdrawMember(run.t.db, { kind: 'staff', id: owner.id, email: owner.email, name: owner.name, role: owner.role }, tender, member, 'Moved away', run.t.clock.now);
    if (!done.ok) throw new Error(JSON.stringify(done.problems));
    const support = `/tenders/${SCORING}/panel/m1/support`;
    const start = (page: Page) => page.getByRole('button', { name: 'Start helping Sam Okafor claim' }).click();
    await checkPages(
      run,
      [
        { name: 'panel-withdrawn-facilitator', path: `/tenders/${SCORING}/panel#member-m1`, shows: /Help them claim payment/ },
        { name: 'support-claim-only', path: support, shows: /Help Sam Okafor claim payment/ },
        {
          name: 'support-claim-only-error',
          path: support,
          shows: /There is a problem/,
          then: async (page) => {
            await start(page);
            await page.waitForLoadState();
          },
        },
        {
          name: 'support-claim-started',
          path: support,
          shows: /You are entering this with Sam Okafor/,
          then: async (page) => {
            await page.getByRole('checkbox').check();
            await start(page);
            await page.waitForURL(/\/panel\/claim$/);
          },
        },
        { name: 'withdrawn-contribution', path: '/panel/contribution', shows: /Claim your payment/ },
        { name: 'withdrawn-facilitator-mode', path: '/panel', shows: /Sam Okafor is no longer on this panel[\s\S]*Help Sam Okafor claim payment/ },
      ],
      ACCOUNTS.facilitator.email,
    );
  });

  it('the pages for a link that does not work, and for a signed-out panel member, have no axe violations', async () => {
    await checkPages(run, SIGNED_OUT);
  });
});
