// The browser tier: Debian's Chromium driven by playwright-core (no browser download), the app
// served on a free port, and axe-core checking each page against WCAG 2.2 AA.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './paths';
import type { Express } from 'express';
import { currentCode, PASSWORD, testApp, type TestApp } from './web';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface BrowserRun {
  t: TestApp;
  browser: Browser;
  server: Server;
  base: string;
  close(): Promise<void>;
}

export async function startBrowserRun(env: Record<string, string> = {}): Promise<BrowserRun> {
  const t = await testApp({ env });
  const server = await new Promise<Server>((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  served.set(base, t.app);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    t,
    browser,
    server,
    base,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

/** Runs axe on the page and returns the violations, described one per line. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? ''}): ${v.help} at ${n.target.join(' ')}`));
}

/** 320 px wide (WCAG reflow) with nothing scrolling sideways; fails naming the page and the widths. */
export async function reflows(page: Page, name: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (widths.scroll > widths.client) throw new Error(`${name}: ${widths.scroll}px of content in a ${widths.client}px window`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The app served at each base address, so signing in can work out the code from the app. */
const served = new Map<string, Express>();

/** Signs in as a person would: email and password, then the code their authenticator app shows. */
export async function signInAs(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  const app = served.get(base);
  if (!app) throw new Error(`no test app is served at ${base}`);
  await page.getByLabel('Code', { exact: true }).fill(await currentCode(app, email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export interface PageCheck {
  name: string;
  path: string;
  /** Something the page must show, to be sure the right page was checked. */
  shows: RegExp;
  /** Steps after loading (an error state, say). */
  then?: (page: Page) => Promise<void>;
}

/**
 * Visits each page in one browser context (signed in as `signIn` if given, or after `start`),
 * checks it shows what it should, runs axe, and takes a screenshot. Fails listing every violation.
 */
export async function checkPages(run: BrowserRun, checks: PageCheck[], signIn?: string, start?: (page: Page) => Promise<void>): Promise<void> {
  const context = await run.browser.newContext();
  const page = await context.newPage();
  if (signIn) await signInAs(page, run.base, signIn, PASSWORD);
  if (start) await start(page);
  const failures: string[] = [];
  for (const check of checks) {
    await page.goto(`${run.base}${check.path}`);
    if (check.then) await check.then(page);
    assert.match(await page.locator('main').innerText(), check.shows, `${check.name} shows the expected content`);
    const violations = await axeViolations(page);
    if (violations.length > 0) failures.push(`${check.name}:\n  ${violations.join('\n  ')}`);
    await screenshot(page, check.name);
  }
  await context.close();
  assert.deepEqual(failures, [], `axe found violations:\n${failures.join('\n')}`);
}
