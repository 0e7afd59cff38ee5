/**
 * The console in a real browser against a real server: the flows of issue 6.
 * One server and one browser for the file; each person gets their own profile.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsoleWorld, type Person, VIEWPORT, answerStepUp, contains, freshTotpFor, screenshot, signIn, startWorld, visible } from './support.js';

const CRITICAL = 'acct_0001'; // the head of state's account in the demo seed

let world: ConsoleWorld;
const people: Person[] = [];
const as = async (staffId: string, landing?: string) => {
  const p = await signIn(world, staffId, { landing });
  people.push(p);
  return p;
};

beforeAll(async () => {
  world = await startWorld();
}, 120_000);

afterAll(async () => {
  for (const p of people) await p.context.close().catch(() => {});
  await world?.close();
});

describe('the web console', () => {
  test('signs in with password and TOTP; a wrong code is refused in words', async () => {
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(world.url + '/');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
    await page.getByLabel('Work email').fill('lee@demo.warden.example');
    await page.getByLabel('Password').fill('warden-demo');
    await page.getByLabel('Authenticator code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await contains(page.getByRole('alert'), /wrong email, password or code/i);
    await screenshot(page, '01-sign-in-refused');
    await context.close();

    const lee = await as('stf_lee');
    await contains(lee.page.getByTestId('whoami'), 'Lee Marchetti');
    await visible(lee.page.getByRole('heading', { name: 'Queue' }));
    // a lead sees the critical queue, where the head of state's case waits
    await contains(lee.page.locator('tr', { hasText: '@POTUS_Quill' }), 'CRITICAL');
    await screenshot(lee.page, '02-queue-lead');
  });

  test('an agent claims a case from the queue and sees the lease run', async () => {
    const sam = await as('stf_sam');
    const { page } = sam;
    const row = page.locator('tbody tr').filter({ has: page.getByRole('button', { name: 'Claim' }) }).first();
    const caseId = await row.getAttribute('data-case');
    await row.getByRole('button', { name: 'Claim' }).click();
    const claimed = page.locator(`tr[data-case="${caseId}"]`);
    await contains(claimed, 'you');
    await contains(claimed.getByRole('timer'), 'left');
    await claimed.getByRole('link', { name: `Case ${caseId}` }).click();
    await visible(page.getByRole('heading', { name: new RegExp(`Case ${caseId}`) }));
    await visible(page.getByText('Your claim'));
    await contains(page.getByTestId('policy-preview'), 'No approval needed');
    await screenshot(page, '03-case', { fullPage: true });
    await page.getByLabel('Add a comment').fill('Two reporters, same post; checking the evidence.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await contains(page.locator('.comments'), 'checking the evidence');
    await page.getByRole('button', { name: 'Release' }).click();
    await contains(page.getByRole('heading', { level: 1 }), 'open');
  });

  test("a contractor's attempt to deactivate a critical account is refused with the policy's reason", async () => {
    const casey = await as('stf_casey', '/accounts?tier=critical');
    const { page } = casey;
    // the last day of the contract is on every screen
    await contains(page.getByTestId('access-end'), 'Your contract ends');
    await screenshot(page, '04a-accounts-contractor');
    await page.getByRole('link', { name: '@POTUS_Quill' }).click();
    await contains(page.getByTestId('access-end'), 'Your contract ends');
    await visible(page.getByTestId('critical-banner'));
    await page.getByRole('radio', { name: 'Deactivate' }).check();
    await page.getByLabel('Reason', { exact: true }).selectOption('harassment');
    await page.getByLabel(/Justification/).fill('reported for harassment by one user');
    await contains(page.getByTestId('policy-preview'), 'contractors may not propose anything that takes an elevated or critical account out of service');
    await page.getByRole('button', { name: /deactivate/i }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Refused by policy' });
    await contains(refusal, 'contractors may not propose anything that takes an elevated or critical account out of service');
    await refusal.scrollIntoViewIfNeeded();
    await screenshot(page, '04-account-critical-contractor-refused');
    // nothing changed
    await contains(page.getByTestId('account-status').first(), 'active');
  });

  test("the approvals inbox shows the case the proposer claimed, its reports, and the suspension's length", async () => {
    // the usual path: a lead claims the reported case and proposes a suspension from it (through the API, as a script would)
    const lee = world.h.api('demo-lead-lee');
    const [kase] = (await lee.get(`/v1/cases?accountId=${CRITICAL}`)).body.cases;
    expect((await lee.post(`/v1/cases/${kase.id}/claim`)).status).toBe(200);
    const proposed = await lee.post('/v1/actions', {
      kind: 'suspend',
      targetId: CRITICAL,
      caseId: kase.id,
      reasonCode: 'harassment',
      justification: 'Reported for harassment; a week off while the safety team reviews the thread.',
      durationMs: 7 * 86_400_000,
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.action.id;
    try {
      const { page } = await as('stf_lou', '/approvals');
      const item = page.locator(`article[data-action="${id}"]`);
      // what it does, in words, with its exact end
      await contains(item.getByTestId('brief-effect'), /Suspend for 7 days, until \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC/);
      await contains(item.getByTestId('brief-effect'), 'CRITICAL');
      // the case behind it, claimed by the proposer, with its report's category and words
      const reports = item.getByTestId('brief-case');
      await contains(reports, `Case ${kase.id}`);
      await contains(reports, 'claimed');
      await contains(reports, 'by the proposer');
      await contains(reports, '1 report from 1 reporter');
      await contains(reports, 'harassment ×1');
      await contains(reports, 'please remove this account');
      // who asks, and until when they may
      await contains(item.getByTestId('brief-staff'), 'Lee Marchetti');
      await contains(item.getByTestId('brief-staff'), 'lead, employee');
      await screenshot(page, '05-approvals-brief');
    } finally {
      await world.h.api('demo-lead-lou').post(`/v1/actions/${id}/reject`, { comment: 'not on one report' });
      await lee.post(`/v1/cases/${kase.id}/release`);
    }
  });

  test('a lead proposes, a second and a third lead approve, the action executes and the account shows it', async () => {
    const lee = await as('stf_lee', `/accounts/${CRITICAL}`);
    await lee.page.getByRole('radio', { name: 'Deactivate' }).check();
    // the server says a deactivation needs a justification, and the form says so before anything is sent
    await contains(lee.page.locator('.action-form .help'), 'needs a written justification');
    await visible(lee.page.getByRole('button', { name: 'Propose deactivate for approval', disabled: true }));
    await lee.page.getByLabel('Reason', { exact: true }).selectOption('violent_threat');
    await lee.page.getByLabel(/Justification/).fill('Credible violent threat posted from the account; escalated by the safety team.');
    await contains(lee.page.getByTestId('policy-preview'), 'needs 2 approvals from distinct leads or admins; the proposer cannot approve');
    // the code entered at sign-in counts as a step-up for a few minutes; past that, the console asks again
    world.h.clock.advance(6 * 60_000);
    await lee.page.getByRole('button', { name: 'Propose deactivate for approval' }).click();
    await answerStepUp(world, lee.page, 'stf_lee', '05a-step-up');
    await visible(lee.page.getByRole('status').filter({ hasText: 'waiting for approval' }));
    await contains(lee.page.locator('tr[data-action]').first(), 'awaiting approval');

    for (const [i, approver] of (['stf_lou', 'stf_kim'] as const).entries()) {
      const { page } = await as(approver, '/approvals');
      const item = page.locator('article', { hasText: CRITICAL });
      await contains(item, 'Credible violent threat');
      await contains(item, 'Lee Marchetti');
      if (i === 0) await screenshot(page, '05-approvals-inbox');
      await item.getByRole('button', { name: 'Approve' }).click();
      // signed in moments ago: the code entered then still counts as a step-up
      await contains(page.getByRole('status').filter({ hasText: 'Approved deactivate' }), i === 0 ? 'awaiting approval' : 'executed');
    }

    await lee.page.reload();
    await contains(lee.page.getByTestId('account-status').first(), 'deactivated');
    await contains(lee.page.locator('tr[data-action]').first(), 'executed');
    await contains(lee.page.getByTestId('status-banner'), 'This account is deactivated');
    // the forensic timeline: the proposal, each approval by a lead as they were then, the execution with its rules
    const timeline = lee.page.getByRole('table', { name: 'Account timeline' });
    await contains(timeline.locator('tr[data-event="action.proposed"]').first(), 'Lee');
    await contains(timeline.locator('tr[data-event="approval.given"]').first(), 'lead');
    await contains(timeline.locator('tr[data-event="action.executed"]').first(), 'execute-after-propose');
    await screenshot(lee.page, '06-account-after-deactivation', { fullPage: true });
    await lee.page.locator('tr[data-action]').first().getByRole('link', { name: 'deactivate' }).click();
    await contains(lee.page.getByRole('heading', { level: 1 }), 'executed');
    await contains(lee.page.locator('section', { hasText: 'Approvals' }), 'Kim Adebayo');
    await screenshot(lee.page, '06b-action');
  });

  test("an offboarded person's open session ends on their next click", async () => {
    const tri = await as('stf_tri');
    const dana = await as('stf_dana', '/staff');
    const row = dana.page.locator('tr[data-staff="stf_tri"]');
    await row.getByRole('button', { name: 'Offboard Tri Nguyen' }).click();
    await row.getByLabel('Reason for offboarding Tri Nguyen').fill('contract terminated early');
    await screenshot(dana.page, '07-staff-admin', { fullPage: true });
    await row.getByRole('button', { name: 'End access now' }).click();
    await visible(dana.page.getByRole('status').filter({ hasText: 'Tri Nguyen offboarded' }));

    // Tri's page is still open; the next thing they do finds the session over
    await tri.page.getByRole('link', { name: 'Accounts' }).click();
    await contains(tri.page.getByTestId('signin-notice'), 'Your access ended');
    await expect.poll(() => new URL(tri.page.url()).pathname).toBe('/signin');
    await screenshot(tri.page, '08-signed-out-offboarded');
  });

  test("a contractor's session ends the instant the contract does", async () => {
    const until = (await world.h.ctx.staff.list(world.h.ctx.db)).find((s) => s.id === 'stf_casey')!.access.until!;
    // signed in with the keyboard alone: Tab from field to field, Enter to submit
    const context = await world.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    people.push({ context, page });
    await page.goto(world.url + '/');
    await page.getByLabel('Work email').focus();
    await page.keyboard.type('casey@demo.warden.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('warden-demo');
    await page.keyboard.press('Tab');
    await page.keyboard.type(await freshTotpFor(world, 'stf_casey'));
    await page.keyboard.press('Enter');
    await contains(page.getByTestId('whoami'), 'Casey Harrow');

    world.h.clock.set(until); // 18:00:00.000, the first instant without access
    // coming back to the console (a reload) finds the session over, and says why
    await page.reload();
    await contains(page.getByTestId('signin-notice'), 'Your access ended');
  });

  test('the audit screen shows the log intact, the timeline and the alerts; a lead acknowledges one', async () => {
    // what the tripwire raises when a protected account changes with no authorized action behind it
    await world.h.ctx.transaction((tx) =>
      world.h.ctx.alerts.raise(tx, { kind: 'unauthorized_change', severity: 'critical', subject: { type: 'account', id: 'acct_0002' }, summary: 'acct_0002 became deactivated with no authorized action; reverted' }),
    );
    const audrey = await as('stf_audrey', '/audit');
    await contains(audrey.page.locator('[data-alert]'), 'no authorized action');
    await contains(audrey.page.getByTestId('verify-status'), 'Intact');
    await contains(audrey.page.getByRole('table', { name: 'Audit entries' }), 'session.login');
    await screenshot(audrey.page, '09-audit');
    // auditors read alerts; leads and admins acknowledge them
    expect(await audrey.page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

    const kim = await as('stf_kim', '/audit');
    const alert = kim.page.locator('[data-alert]', { hasText: 'acct_0002' });
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await contains(kim.page.locator('#audit-alerts-h').locator('xpath=../..'), 'No unacknowledged alerts');
    await kim.page.getByLabel('include acknowledged').check();
    await contains(kim.page.locator('[data-alert]'), 'Acknowledged by stf_kim');
  });
});
