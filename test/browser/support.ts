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

/** Saves what the person sees (1280×800) under test-results/console, after checking every control has a name and all text has contrast. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await assertLabelled(page);
  await assertContrast(page);
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

/**
 * WCAG 2 contrast of every visible piece of text against the background it sits on
 * (4.5:1, or 3:1 for large text); disabled controls are exempt. A small stand-in for axe.
 */
export async function assertContrast(page: Page): Promise<void> {
  const failures = await page.evaluate(() => {
    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): number[] => {
      // composite the element's ancestors' backgrounds, nearest last
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3]! > 0) layers.push(bg);
        if (bg[3] === 1) break;
      }
      let out = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) out = [r! * a! + out[0]! * (1 - a!), g! * a! + out[1]! * (1 - a!), b! * a! + out[2]! * (1 - a!)];
      return out;
    };
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      if (el.closest('[disabled], dialog:not([open]), .sr-only, option, noscript')) continue;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const fg = parse(cs.color);
      const bg = background(el);
      const blended = [fg[0]! * fg[3]! + bg[0]! * (1 - fg[3]!), fg[1]! * fg[3]! + bg[1]! * (1 - fg[3]!), fg[2]! * fg[3]! + bg[2]! * (1 - fg[3]!)];
      const [a, b] = [lum(blended), lum(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)}:1 "${n.textContent.trim().slice(0, 40)}" (${cs.color} on rgb(${bg.map(Math.round).join(',')}))`);
    }
    return bad;
  });
  if (failures.length > 0) throw new Error(`text below WCAG AA contrast:\n${[...new Set(failures)].join('\n')}`);
}
