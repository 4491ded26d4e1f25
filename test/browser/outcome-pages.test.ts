// Messages and the outcome in real Chromium, JavaScript as the browser runs it: the messages list
// and a printable letter; the commissioner's release form (empty, error, released, with the
// survey's results); a member's "What happened" page and the survey (empty and error states), in
// standard and easy read. Each has 0 axe violations; screenshots in test-output/screenshots.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { recordFinalisation } from '../../src/services/finalisation';
import { issueInvitations } from '../../src/services/invitations';
import { sendReopenNote } from '../../src/services/messages/messages';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { checkPages, startBrowserRun, type BrowserRun, type PageCheck } from '../helpers/browser';
import { handWorkedPack } from '../helpers/packs';
import { RUBRICS_DIR } from '../helpers/paths';
import { ACCOUNTS } from '../helpers/web';

const HW = 'HW-2026-01';
const OUT = 'HW-OUTCOME';
const TEXT = 'You said the people who use the service must help run it. We made a people’s board part of the contract, meeting every quarter with a budget of its own.';

async function answerAll(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.locator(`input[name="${name}"][value="${value}"]`).check();
}

describe('browser: messages and the outcome', function () {
  // Many pages, each with axe: slow on a busy machine.
  this.timeout(600_000);
  let run: BrowserRun;
  const links: Record<string, string> = {};

  before(async () => {
    run = await startBrowserRun();
    const t = run.t;
    const pack = handWorkedPack();
    pack.tender = { ...pack.tender, reference: OUT, state: 'moderation' };
    const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const issued = await issueInvitations(t.db, OUT, ['m1', 'm2'], 'test', t.clock.now);
    if (!issued.ok) throw new Error('no links');
    for (const link of issued.links) links[link.key] = link.path;
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', OUT).execute();
      await recordFinalisation(trx, await trx.selectFrom('tenders').selectAll().where('reference', '=', OUT).executeTakeFirstOrThrow(), 'test', t.clock.now);
    });
    // A re-open note on the hand-worked tender, as a letter (no SMTP here).
    const hw = await t.db.selectFrom('tenders').selectAll().where('reference', '=', HW).executeTakeFirstOrThrow();
    const m2 = await t.db.selectFrom('panel_members').selectAll().where('tender_id', '=', hw.id).where('key', '=', 'm2').executeTakeFirstOrThrow();
    await sendReopenNote({ db: t.db, mailer: null, publicUrl: 'http://localhost:3000', reminderDays: 3 }, hw, m2, 2, 'The panel would like you to read the appendix before scoring safety again.', 'test', () => t.clock.now);
  });
  after(() => run.close());

  it('the messages list and a letter have no axe violations', async () => {
    const checks: PageCheck[] = [
      { name: 'messages-list', path: `/tenders/${HW}/messages`, shows: /Messages to the panel[\s\S]*Scores re-opened[\s\S]*Letter to print/ },
      { name: 'messages-letter', path: `/tenders/${HW}/messages/1/letter`, shows: /Please look again at 2 of your scores[\s\S]*read the appendix/ },
      { name: 'messages-list-empty', path: `/tenders/${OUT}/messages`, shows: /No messages yet/ },
    ];
    await checkPages(run, checks, ACCOUNTS.owner.email);
  });

  it('a member sees “not ready yet” before the release; the release form, its error and released states have no axe violations', async () => {
    await checkPages(run, [{ name: 'outcome-not-yet', path: '/panel/outcome', shows: /not ready yet/ }], undefined, async (page) => {
      await page.goto(`${run.base}${links['m2']!}`);
    });
    const release = `/tenders/${OUT}/outcome`;
    await checkPages(
      run,
      [
        { name: 'outcome-release', path: release, shows: /You said, we did[\s\S]*Release the outcome to the panel/ },
        {
          name: 'outcome-release-error',
          path: release,
          shows: /There is a problem[\s\S]*Enter what the panel said and what you did about it/,
          then: async (page) => {
            await page.getByRole('button', { name: 'Release the outcome to the panel' }).click();
            await page.waitForSelector('.govuk-error-summary');
          },
        },
        {
          name: 'outcome-released',
          path: release,
          shows: /The outcome was released to the panel[\s\S]*0 sent by email, 3 letters to print[\s\S]*No one has answered yet/,
          then: async (page) => {
            await page.getByLabel('You said, we did').fill(TEXT);
            await page.getByRole('button', { name: 'Release the outcome to the panel' }).click();
            await page.waitForSelector('.govuk-notification-banner--success');
          },
        },
      ],
      ACCOUNTS.owner.email,
    );
  });

  it('What happened and the survey (empty, error and answered), in standard and easy read, have no axe violations', async () => {
    for (const [key, layout] of [['m2', 'standard'], ['m1', 'easy-read']] as const) {
      await checkPages(
        run,
        [
          { name: `outcome-what-happened-${layout}`, path: '/panel/outcome', shows: layout === 'standard' ? /The contract is awarded to[\s\S]*Your scores were part of 8 final scores[\s\S]*people’s board/ : /will run the service[\s\S]*Your scores helped make 7 final scores[\s\S]*A final score is the score one organisation got for one question/ },
          { name: `outcome-survey-${layout}`, path: '/panel/outcome/survey', shows: layout === 'standard' ? /What was taking part like\?[\s\S]*Did you feel listened to\?/ : /Tell us what it was like[\s\S]*Did people listen to you\?/ },
          {
            name: `outcome-survey-error-${layout}`,
            path: '/panel/outcome/survey',
            shows: layout === 'standard' ? /There is a problem[\s\S]*Choose how right the support was for you/ : /There is a problem[\s\S]*Choose how much you got the right help/,
            then: async (page) => {
              await answerAll(page, { listened: '4' });
              await page.getByRole('button', { name: 'Send your answers' }).click();
              await page.waitForSelector('.govuk-error-summary');
            },
          },
          {
            name: `outcome-survey-answered-${layout}`,
            path: '/panel/outcome/survey',
            shows: /Thank you for your answers/,
            then: async (page) => {
              await answerAll(page, key === 'm1' ? { listened: '5', support: '4', information: '4', payment: '3' } : { listened: '3', support: '4', information: '2', payment: 'none' });
              await page.getByLabel(/Anything else/).fill(key === 'm1' ? 'The easy read pack made it possible for me.' : 'More time to read the bids would help.');
              await page.getByRole('button', { name: 'Send your answers' }).click();
              await page.waitForURL((url) => url.pathname === '/panel/outcome');
            },
          },
        ],
        undefined,
        async (page) => {
          await page.goto(`${run.base}${links[key]!}`);
        },
      );
    }
    await checkPages(run, [{ name: 'outcome-survey-summary', path: `/tenders/${OUT}/outcome`, shows: /What taking part was like[\s\S]*Lived experience[\s\S]*The easy read pack made it possible/ }], ACCOUNTS.owner.email);
    const rows = await run.t.db.selectFrom('survey_answers').select('perspective').execute();
    assert.deepEqual(rows.map((r) => r.perspective).sort(), ['lived-experience', 'professional']);
  });

  it('a member’s invitation page after finalising, and the new link’s letter, have no axe violations', async () => {
    const page = `/tenders/${OUT}/panel/m3/invitation`;
    await checkPages(
      run,
      [
        { name: 'invitation-after-finalising', path: page, shows: /The tender is finalised, so scoring is closed[\s\S]*Make a link/ },
        {
          name: 'invitation-letter-after-finalising',
          path: page,
          shows: /Your new link to the panel pages[\s\S]*Scoring for .* has finished/,
          then: async (p) => {
            await p.getByRole('button', { name: 'Make a new link and letter' }).click();
            await p.waitForSelector('#letter-title');
          },
        },
      ],
      ACCOUNTS.owner.email,
    );
  });
});
