// Staff identity in real Chromium: an admin adds an account, the person sets their password with
// the link, sets up an authenticator app by reading the key from the page, signs out, signs in with
// password + code, then with a recovery code (which then no longer works). Every page and error
// state: 0 axe violations and a screenshot.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { FORM_SESSIONS_PER_WINDOW } from '../../src/middleware/form-sessions';
import { issueInvitations } from '../../src/services/invitations';
import { axeViolations, checkPages, screenshot, signInAs, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { ACCOUNTS, ADMIN, PASSWORD, TOTP_SECRET, totpCode } from '../helpers/web';

const PERSON = { name: 'Rowan Ellis', email: 'rowan.ellis@council.example', password: 'kettle orbit meadow lamp' };

describe('browser: staff identity pages', function () {
  this.timeout(400_000);
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
  });
  after(() => run.close());

  const failures: string[] = [];
  async function audit(page: Page, name: string): Promise<void> {
    const violations = await axeViolations(page);
    if (violations.length > 0) failures.push(`${name}:\n  ${violations.join('\n  ')}`);
    await screenshot(page, name);
  }

  it('the admin’s account pages have no axe violations', async () => {
    await checkPages(
      run,
      [
        { name: 'accounts-list', path: '/accounts', shows: /Staff accounts/ },
        { name: 'account-new', path: '/accounts/new', shows: /What will they do/ },
        {
          name: 'account-new-error',
          path: '/accounts/new',
          shows: /There is a problem/,
          then: async (page) => {
            await page.getByRole('button', { name: 'Add the account' }).click();
            await page.waitForSelector('.govuk-error-summary');
          },
        },
        { name: 'account-show', path: '/accounts/1', shows: /Deactivate the account/ },
        // Account 1 is the commissioner who runs HW-2026-01: the page warns and links to the hand-over.
        { name: 'account-show-owned-tenders', path: '/accounts/1', shows: /runs tenders that are not finalised/ },
        { name: 'tender-hand-over', path: '/tenders/HW-2026-01/owner', shows: /Who will run this tender now/ },
        {
          name: 'tender-hand-over-error',
          path: '/tenders/HW-2026-01/owner',
          shows: /There is a problem/,
          then: async (page) => {
            await page.getByRole('button', { name: 'Hand over the tender' }).click();
            await page.waitForSelector('.govuk-error-summary');
          },
        },
        // Confirming it is you (before finalising or changing accounts, 15 minutes after signing in).
        { name: 'sign-in-confirm', path: '/sign-in/confirm?return=%2Faccounts%2F1', shows: /For your security, confirm it is you/ },
        {
          name: 'sign-in-confirm-error',
          path: '/sign-in/confirm?return=%2Faccounts%2F1',
          shows: /There is a problem/,
          then: async (page) => {
            await page.getByRole('button', { name: 'Confirm' }).click();
            await page.waitForSelector('.govuk-error-summary');
          },
        },
      ],
      ADMIN.email,
    );
  });

  it('a new account: set-password link, authenticator set-up, sign out, password + code, then a recovery code once', async () => {
    const admin = await (await run.browser.newContext()).newPage();
    await signInAs(admin, run.base, ADMIN.email, 'correct horse battery staple');
    await admin.goto(`${run.base}/accounts/new`);
    await admin.getByLabel('Full name').fill(PERSON.name);
    await admin.getByLabel('Email address').fill(PERSON.email);
    await admin.getByLabel('Facilitator').check();
    await admin.getByRole('button', { name: 'Add the account' }).click();
    await admin.waitForSelector('#password-link');
    await audit(admin, 'account-link-issued');
    const link = (await admin.locator('#password-link').innerText()).trim();
    await admin.context().close();

    const page = await (await run.browser.newContext()).newPage();
    await page.goto(link);
    await audit(page, 'set-password');
    await page.getByLabel('New password').fill('too short');
    await page.getByRole('button', { name: 'Set my password' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await audit(page, 'set-password-error');
    await page.getByLabel('New password').fill(PERSON.password);
    await page.getByLabel('Type the password again').fill(PERSON.password);
    await page.getByRole('button', { name: 'Set my password' }).click();
    await page.waitForURL(/\/sign-in\?password-set=1$/);
    await audit(page, 'sign-in-password-set');

    await page.getByLabel('Email address').fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/set-up-app$/);
    await audit(page, 'mfa-set-up');
    const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await audit(page, 'mfa-set-up-error');
    await page.getByLabel('Code from the app').fill(totpCode(secret, run.t.clock.now));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('#recovery-codes');
    await audit(page, 'mfa-recovery-codes');
    const codes = await page.locator('#recovery-codes li').allInnerTexts();
    assert.equal(codes.length, 10);
    await page.getByRole('link', { name: /continue/ }).click();
    await page.waitForURL(/\/tenders$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    // Password + code (the next 30 seconds: the set-up code is used).
    run.t.clock.now = new Date(run.t.clock.now.getTime() + 30_000);
    await page.getByLabel('Email address').fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/code$/);
    await audit(page, 'mfa-code');
    await page.getByLabel('Code', { exact: true }).fill('000000' === totpCode(secret, run.t.clock.now) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await audit(page, 'mfa-code-error');
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, run.t.clock.now));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/tenders$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    // A recovery code, once.
    for (const attempt of ['first', 'again']) {
      await page.getByLabel('Email address').fill(PERSON.email);
      await page.getByLabel('Password').fill(PERSON.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/sign-in\/code$/);
      await page.getByLabel('Code', { exact: true }).fill(codes[0]!);
      await page.getByRole('button', { name: 'Sign in' }).click();
      if (attempt === 'first') {
        await page.waitForURL(/\/tenders$/);
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/sign-in/);
      } else {
        await page.waitForSelector('.govuk-error-summary');
        assert.match(await page.locator('.govuk-error-summary').innerText(), /not right/);
        assert.match(new URL(page.url()).pathname, /^\/sign-in\/code$/);
      }
    }
    await page.context().close();
    assert.deepEqual(failures, [], `axe found violations:\n${failures.join('\n')}`);
  });

  it('a staff member opening a panel link is asked first, on an accessible page', async () => {
    const issued = await issueInvitations(run.t.db, 'HW-2026-01', ['m1'], 'test', run.t.clock.now);
    if (!issued.ok) throw new Error('no link');
    const page = await (await run.browser.newContext()).newPage();
    await signInAs(page, run.base, 'facilitator@council.example', 'correct horse battery staple');
    await page.goto(`${run.base}${issued.links[0]!.path}`);
    assert.match(await page.locator('h1').innerText(), /Open a panel member’s link/);
    await audit(page, 'invitation-confirm-switch');
    await page.getByRole('button', { name: 'Sign out and open the link' }).click();
    await page.waitForURL(/\/panel$/);
    await page.context().close();
    assert.deepEqual(failures, [], `axe found violations:\n${failures.join('\n')}`);
  });

  it('the pages that pause confirming it is you, codes and signing in say what happened, with no axe violations', async () => {
    // Its own app and browser: wrong tries count toward the address's sign-in limit, which the
    // other tests here must not meet. With TRUST_PROXY=1 each part comes from its own address.
    const own = await startBrowserRun({ TRUST_PROXY: '1' });
    const from = async (address: string) => (await own.browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': address } })).newPage();
    const earlier = failures.length;
    try {
      await checkPages(
        own,
        [
          {
            name: 'sign-in-confirm-paused',
            path: '/sign-in/confirm?return=%2Faccounts%2F1',
            shows: /the password you typed was not right/,
            then: async (page) => {
              for (let i = 0; i < 6 && (await page.locator('h1', { hasText: 'Too many wrong tries' }).count()) === 0; i++) {
                await page.getByLabel('Password').fill('not my password');
                await page.getByLabel('Code from your authenticator app').fill('123456');
                await page.getByRole('button', { name: 'Confirm' }).click();
                await page.waitForSelector('h1');
              }
            },
          },
        ],
        ADMIN.email,
      );

      // 5 wrong codes after the right password: the code step pauses.
      const codes = await from('203.0.113.10');
      await codes.goto(`${own.base}/sign-in`);
      await codes.getByLabel('Email address').fill(ACCOUNTS.owner.email);
      await codes.getByLabel('Password').fill(PASSWORD);
      await codes.getByRole('button', { name: 'Sign in' }).click();
      await codes.waitForURL(/\/sign-in\/code$/);
      const wrong = totpCode(TOTP_SECRET, own.t.clock.now) === '000000' ? '111111' : '000000';
      for (let i = 0; i < 6 && (await codes.locator('h1', { hasText: 'Too many wrong codes' }).count()) === 0; i++) {
        await codes.getByLabel('Code', { exact: true }).fill(wrong);
        await codes.getByRole('button', { name: 'Sign in' }).click();
        await codes.waitForSelector('h1');
      }
      assert.match(await codes.locator('main').innerText(), /A wrong code was typed 5 times in 15 minutes/);
      await audit(codes, 'sign-in-codes-paused');
      await codes.context().close();

      // 10 failed sign-ins from one address: signing in from there pauses.
      const office = await from('203.0.113.11');
      await office.goto(`${own.base}/sign-in`);
      for (let i = 0; i < 11 && (await office.locator('h1', { hasText: 'Too many tries to sign in' }).count()) === 0; i++) {
        await office.getByLabel('Email address').fill(`nobody${i}@council.example`);
        await office.getByLabel('Password').fill('not the password');
        await office.getByRole('button', { name: 'Sign in' }).click();
        await office.waitForSelector('h1');
      }
      assert.match(await office.locator('main').innerText(), /Signing in has failed 10 times in 15 minutes/);
      await audit(office, 'sign-in-paused');
      await office.context().close();

      // FORM_SESSIONS_PER_WINDOW new visitors to the sign-in and code forms from one address: the
      // next new one is asked to wait.
      for (let i = 0; i < FORM_SESSIONS_PER_WINDOW; i++) await (await fetch(`${own.base}${i % 2 === 0 ? '/sign-in' : '/code'}`, { headers: { 'X-Forwarded-For': '203.0.113.12' } })).text();
      const crowded = await from('203.0.113.12');
      const paused = await crowded.goto(`${own.base}/code`);
      assert.equal(paused?.status(), 429);
      assert.match(await crowded.locator('main').innerText(), /Wait 15 minutes and try again/);
      await audit(crowded, 'form-visits-paused');
      await crowded.context().close();
      assert.deepEqual(failures.slice(earlier), [], `axe found violations:\n${failures.slice(earlier).join('\n')}`);
    } finally {
      await own.close();
    }
  });
});
