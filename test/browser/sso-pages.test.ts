// Single sign-on pages in real Chromium, against a real OpenID Provider (oidc-provider) started
// here on 127.0.0.1: the refused page (an unknown email) and the signed-out page that offers the
// provider's sign-out, and the page when the provider cannot be reached. 0 axe violations and a
// screenshot each, and the unreachable page at 320 px.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, reflows, screenshot, startBrowserRun, type BrowserRun } from '../helpers/browser';
import { freePort } from '../helpers/npm-start';
import { CLIENT, PUBLIC_URL, signInAtProvider, startProvider, type TestProvider } from '../helpers/oidc';
import { ACCOUNTS } from '../helpers/web';

describe('browser: single sign-on pages', function () {
  this.timeout(300_000);
  let op: TestProvider;
  let run: BrowserRun;
  before(async () => {
    op = await startProvider();
    run = await startBrowserRun({ OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, PUBLIC_URL });
  });
  after(async () => {
    await run.close();
    await op.close();
  });

  /** Starts single sign-on in the browser, signs in at the provider as `email`, and comes back. */
  async function signInWithProvider(page: Page, email: string): Promise<void> {
    await page.goto(`${run.base}/sign-in`);
    assert.equal(await page.getByRole('link', { name: 'Sign in with your organisation’s account' }).getAttribute('href'), '/sign-in/sso');
    // The link's request, made with the browser's cookies (its session keeps the login in flight),
    // not followed: the provider's development sign-in pages are not ours, so they are filled in
    // outside the browser; the app's callback is then opened in the browser.
    const started = await page.context().request.get(`${run.base}/sign-in/sso`, { maxRedirects: 0 });
    assert.equal(started.status(), 303);
    const authorisation = started.headers()['location']!;
    assert.ok(authorisation.startsWith(op.issuer));
    const callback = await signInAtProvider(authorisation, email);
    await page.goto(`${run.base}${callback}`);
  }

  it('the refused page and the signed-out page have no axe violations', async () => {
    const failures: string[] = [];
    const audit = async (page: Page, name: string): Promise<void> => {
      const violations = await axeViolations(page);
      if (violations.length > 0) failures.push(`${name}:\n  ${violations.join('\n  ')}`);
      await screenshot(page, name);
    };
    const refused = await (await run.browser.newContext()).newPage();
    await signInWithProvider(refused, 'nobody@council.example');
    assert.match(await refused.locator('main').innerText(), /There is no account for the email address your organisation gave/);
    await audit(refused, 'sso-refused');
    await refused.context().close();

    const page = await (await run.browser.newContext()).newPage();
    await signInWithProvider(page, ACCOUNTS.owner.email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('main').innerText(), /signed out/i);
    await audit(page, 'sso-signed-out');
    await page.context().close();
    assert.deepEqual(failures, [], `axe found violations:\n${failures.join('\n')}`);
  });

  it('the page saying the provider cannot be reached has no axe violations and fits 320 px', async () => {
    const down = await startBrowserRun({ OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, PUBLIC_URL });
    try {
      const page = await (await down.browser.newContext()).newPage();
      await page.goto(`${down.base}/sign-in`);
      await page.getByRole('link', { name: 'Sign in with your organisation’s account' }).click();
      await page.waitForLoadState();
      assert.equal(await page.locator('h1').innerText(), 'Your organisation’s sign-in service cannot be reached');
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, 'sso-unreachable');
      await page.setViewportSize({ width: 320, height: 640 });
      await reflows(page, 'sso-unreachable');
      await screenshot(page, 'sso-unreachable-320');
    } finally {
      await down.close();
    }
  });
});
