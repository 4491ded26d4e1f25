// Reflow (WCAG 1.4.10) of the member's pages and the payment pages, in real Chromium at 320 px
// wide, with a long unbroken word wherever people's words appear: a long surname, and a web
// address in the travel money's purpose and an expense's note. The page never scrolls sideways;
// 0 axe violations at that width.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { issueInvitations } from '../../src/services/invitations';
import { axeViolations, reflows, screenshot, signInAs, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { ACCOUNTS, PASSWORD } from '../helpers/web';

const HW = 'HW-2026-01';
const LONG_NAME = 'Sam Okafor-Wolfeschlegelsteinhausenbergerdorff';
const ADDRESS = 'https://www.trains.example/Journeys/Northfield/ToTheCouncilOffices/ReturnTicketForTheMeeting';

async function check(page: Page, base: string, name: string, path: string, failures: string[]): Promise<void> {
  await page.goto(`${base}${path}`);
  assert.notEqual(await page.locator('main').count(), 0, `${name} has a main`);
  try {
    await reflows(page, name);
  } catch (error) {
    failures.push((error as Error).message);
  }
  const violations = await axeViolations(page);
  if (violations.length > 0) failures.push(`${name}:\n  ${violations.join('\n  ')}`);
  await screenshot(page, name);
}

describe('browser: member and payment pages reflow at 320 px wide with long words', () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
    const { db, clock } = run.t;
    const tender = await db.selectFrom('tenders').select('id').where('reference', '=', HW).executeTakeFirstOrThrow();
    await db.updateTable('tenders').set({ hourly_rate: '15.00' }).where('id', '=', tender.id).execute();
    const m1 = await db.selectFrom('panel_members').select('id').where('tender_id', '=', tender.id).where('key', '=', 'm1').executeTakeFirstOrThrow();
    await db.updateTable('panel_members').set({ name: LONG_NAME }).where('id', '=', m1.id).execute();
    const at = clock.now.toISOString();
    await db.insertInto('payment_choices').values({ member_id: m1.id, tender_id: tender.id, choice: 'paid', chosen_by: 'panel:1', chosen_at: at }).execute();
    await db.insertInto('expense_advances').values({ tender_id: tender.id, member_id: m1.id, amount: '32.40', purpose: `Train, booked at ${ADDRESS}`, requested_by: 'panel:1', requested_at: at }).execute();
    await db
      .insertInto('involvement_entries')
      .values({ tender_id: tender.id, member_id: m1.id, kind: 'other', on_date: '2026-11-20', minutes: null, amount: '12.50', note: `Receipt at ${ADDRESS}`, entered_by: 'panel:1', recorded_at: at })
      .execute();
  });
  after(() => run.close());

  it('the member’s pages are no wider than the screen, and axe finds nothing', async () => {
    const issued = await issueInvitations(run.t.db, HW, ['m1'], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    const context = await run.browser.newContext({ viewport: { width: 320, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${run.base}${issued.links[0]!.path}`);
    const failures: string[] = [];
    for (const [name, path] of [
      ['reflow-member-panel', '/panel'],
      ['reflow-member-claim', '/panel/claim'],
      ['reflow-member-claim-form', '/panel/claim/form'],
      ['reflow-member-advance', '/panel/claim/advance'],
      ['reflow-member-contribution', '/panel/contribution'],
    ] as const) {
      await check(page, run.base, name, path, failures);
    }
    await context.close();
    assert.deepEqual(failures, []);
  });

  it('staff’s claim and invitation pages are no wider than the screen, and axe finds nothing', async () => {
    const context = await run.browser.newContext({ viewport: { width: 320, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, run.base, ACCOUNTS.owner.email, PASSWORD);
    const failures: string[] = [];
    for (const [name, path] of [
      ['reflow-staff-claims', `/tenders/${HW}/claims`],
      ['reflow-staff-claim-form', `/tenders/${HW}/claims/m1`],
      ['reflow-staff-invitation', `/tenders/${HW}/panel/m1/invitation`],
    ] as const) {
      await check(page, run.base, name, path, failures);
    }
    await context.close();
    assert.deepEqual(failures, []);
  });
});
