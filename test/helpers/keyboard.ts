// Keyboard-only steps for the browser tests: move focus with Tab until the wanted control has it,
// then act with Enter, Space, arrow keys or typing, as a person without a mouse would.
import type { Page } from 'playwright-core';

interface Focused {
  tag: string;
  type: string;
  name: string;
  value: string;
  text: string;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', type: el?.type ?? '', name: el?.name ?? '', value: el?.value ?? '', text: (el?.textContent ?? '').trim() };
  });

/** Presses Tab until the focused element matches; fails after 120 presses. */
export async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`could not reach ${what} with the Tab key on ${page.url()}`);
}

/** Tabs to a link or button by its text and presses Enter, waiting for the next page. */
export async function activate(page: Page, text: string | RegExp): Promise<void> {
  const hit = (t: string) => (typeof text === 'string' ? t === text : text.test(t));
  await tabTo(page, (f) => (f.tag === 'a' || f.tag === 'button') && hit(f.text), `“${String(text)}”`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Tabs into a radio group and moves with the arrow keys until the radio with `value` is chosen. */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, (f) => f.type === 'radio' && f.name === name, `the ${name} radios`);
  for (let i = 0; i < 12; i++) {
    const now = await focused(page);
    if (now.value === value) {
      if (!(await page.evaluate(() => document.activeElement?.checked === true))) await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${name}=${value} with the arrow keys`);
}

/** Tabs to a text field by name and types into it. */
export async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, (f) => (f.tag === 'textarea' || f.tag === 'input') && f.name === name, `the ${name} field`);
  await page.keyboard.type(text);
}
