/**
 * The browser suite's world: the console built, a real Warden server on
 * loopback over a seeded SQLite store (time on a manual clock the test moves),
 * and Debian's chromium driven by playwright-core — never a downloaded browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import { ensureConsoleBuilt } from '../../src/console/build.js';
import { DEMO_PASSWORD, demoEmail, demoTotpSecret, demoWardenAccounts, seedDemo } from '../../src/demo/seed.js';
import { type ApiHarness, makeApiHarness } from '../support/harness.js';

export const SCREENSHOTS = path.resolve('test-results/console');
export const VIEWPORT = { width: 1280, height: 800 };

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]) {
    if (fs.existsSync(p)) return p;
  }
  throw new Error('Debian chromium not found: apt-get install -y chromium (.ci/run does)');
}

export interface ConsoleWorld {
  h: ApiHarness;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorld(): Promise<ConsoleWorld> {
  await ensureConsoleBuilt();
  const h = await makeApiHarness('sqlite');
  // the browser's clock and the server's agree, so countdowns read true
  h.clock.set(Date.now());
  await seedDemo(h.ctx, demoWardenAccounts(200));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    h,
    url: h.server.url,
    browser,
    async close() {
      await browser.close();
      await h.cleanup();
    },
  };
}

/** The current TOTP code of a demo person, at the server's time. */
export async function totpFor(world: ConsoleWorld, staffId: string): Promise<string> {
  return generate({ secret: demoTotpSecret(demoEmail(staffId)), epoch: Math.floor(world.h.clock.now() / 1000) });
}

/** A TOTP step not used before (each code is accepted once): move the server's clock past the last one. */
export async function freshTotpFor(world: ConsoleWorld, staffId: string): Promise<string> {
  world.h.clock.advance(31_000);
  return totpFor(world, staffId);
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A person in their own browser profile (own cookies), signed in through the sign-in screen. */
export async function signIn(world: ConsoleWorld, staffId: string, opts: { landing?: string } = {}): Promise<Person> {
  const context = await world.browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${staffId}] page error: ${e.message}`));
  await page.goto(world.url + (opts.landing ?? '/'));
  await page.getByLabel('Work email').fill(demoEmail(staffId));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByLabel('Authenticator code').fill(await freshTotpFor(world, staffId));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
  return { context, page };
}

/** The console asks for a fresh code (step-up): give it one. */
export async function answerStepUp(world: ConsoleWorld, page: Page, staffId: string, shot?: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByLabel('Authenticator code').fill(await freshTotpFor(world, staffId));
  if (shot) await screenshot(page, shot);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Saves what the person sees (1280×800) under test-results/console, after checking every control on it has a name. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await assertLabelled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? false });
}

/** Every form control and button has an accessible name: a label, aria-label(ledby), or text. */
export async function assertLabelled(page: Page): Promise<void> {
  const unnamed = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]'))) {
      if (el.closest('dialog:not([open])') || (el as HTMLInputElement).type === 'hidden') continue;
      const labelled =
        ((el as HTMLInputElement).labels?.length ?? 0) > 0 ||
        !!el.getAttribute('aria-label') ||
        !!el.getAttribute('aria-labelledby') ||
        (el.tagName !== 'INPUT' && el.tagName !== 'SELECT' && el.tagName !== 'TEXTAREA' && (el.textContent ?? '').trim() !== '');
      if (!labelled) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
  if (unnamed.length > 0) throw new Error(`controls without an accessible name:\n${unnamed.join('\n')}`);
}

/** Waits until the locator shows this text (playwright-core has no expect of its own). */
export async function contains(locator: Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
  } catch (e) {
    const seen = await locator.first().textContent({ timeout: 500 }).catch(() => '(nothing)');
    throw new Error(`expected ${String(locator)} to contain ${String(text)}; it shows: ${seen?.slice(0, 500)}`, { cause: e });
  }
}

export async function visible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}
