/**
 * The leads' metrics page in a real browser: a lead opens it from the
 * navigation and sees the charts drawn (chart.js canvases) and a row per
 * member of staff who worked in the period; an agent is offered no such page.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsoleWorld, type Person, contains, screenshot, signIn, startWorld, visible } from './support.js';

let world: ConsoleWorld;
const people: Person[] = [];

beforeAll(async () => {
  world = await startWorld();
  // some work in the period: an agent and a lead each claim a case and resolve it a while later
  for (const [token, resolution] of [['demo-agent-sam', 'no_violation'], ['demo-lead-lee', 'duplicate']] as const) {
    const api = world.h.api(token);
    const claimed = await api.post('/v1/cases/claim', {});
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    world.h.clock.advance(7 * 60_000);
    const resolved = await api.post(`/v1/cases/${claimed.body.case.id}/resolve`, { resolution });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  for (const p of people) await p.context.close().catch(() => {});
  await world?.close();
});

describe('the leads’ metrics page', () => {
  test('a lead sees the charts and a row per member of staff', async () => {
    const lee = await signIn(world, 'stf_lee');
    people.push(lee);
    const { page } = lee;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Metrics' }).click();
    await visible(page.getByRole('heading', { name: 'Metrics', level: 1 }));
    await visible(page.getByRole('img', { name: /Time to decision per reason code/ }).locator('canvas'));
    await visible(page.getByRole('img', { name: /Age of unresolved cases per queue/ }).locator('canvas'));
    const table = page.getByRole('table', { name: 'Figures per member of staff' });
    await contains(table.locator('tr[data-staff="stf_sam"]'), 'Sam Lindqvist');
    await contains(table.locator('tr[data-staff="stf_lee"]'), 'Lee Marchetti');
    // sorted by name on request
    await table.getByRole('button', { name: /Member of staff/ }).click();
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-staff')))).toEqual(['stf_lee', 'stf_sam']);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '40-lead-metrics', { fullPage: true });
  });

  test('an agent is offered no metrics page', async () => {
    const sam = await signIn(world, 'stf_sam');
    people.push(sam);
    await visible(sam.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }));
    expect(await sam.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Metrics' }).count()).toBe(0);
    await sam.page.goto(`${world.url}/lead-metrics`);
    await contains(sam.page.locator('main'), 'Your access does not open this page.');
  });
});
