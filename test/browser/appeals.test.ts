/**
 * Appeals in the console, in a real browser against a real server: a lead's
 * suspension of a standard account is appealed by the account's owner (the
 * platform files it with its service token). The proposer sees they may not
 * decide it, by the policy's independence rule; another lead finds it in the
 * appeals queue, claims it, reads the record and grants it; the restore it
 * proposes takes effect and the outcome shows. A second appeal, against a
 * suspension of an elevated account that a second lead approved, shows the
 * approvals and refuses the approver too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsoleWorld, type Person, contains, screenshot, signIn, startWorld, visible } from './support.js';

const DAY = 86_400_000;
const STATEMENT = 'I posted the screenshot to warn my followers about the scam, not to spread it. Please look at the thread again.';
const JUSTIFICATION = 'Spam links posted repeatedly after a warning; a week off to stop the run.';

let world: ConsoleWorld;
const people: Person[] = [];
const as = async (staffId: string, landing?: string) => {
  const p = await signIn(world, staffId, { landing });
  people.push(p);
  return p;
};

let accountId: string;
let handle: string;
let appealId: string;
let approvedAppealId: string;

/** Lee suspends the account for a week, with Lou's approval where the policy asks for one; the owner appeals. */
async function appealedSuspension(id: string): Promise<{ appealId: string; state: string }> {
  const lee = world.h.api('demo-lead-lee');
  const proposed = await lee.post('/v1/actions', { kind: 'suspend', targetId: id, reasonCode: 'spam', justification: JUSTIFICATION, durationMs: 7 * DAY });
  expect(proposed.status).toBe(201);
  const actionId = proposed.body.action.id;
  const proposedState = proposed.body.action.state;
  if (proposedState === 'awaiting_approval') {
    const approved = await world.h.api('demo-lead-lou').post(`/v1/actions/${actionId}/approve`, { comment: 'links checked: spam' });
    expect(approved.status).toBe(200);
  }
  expect((await lee.get(`/v1/actions/${actionId}`)).body.action.state).toMatch(/executed|delivered/);
  const platform = world.h.api(world.h.ctx.config.serviceToken);
  const filed = await platform.post('/v1/appeals', { actionId, appellant: { kind: 'owner', accountId: id }, statement: STATEMENT });
  expect(filed.status).toBe(201);
  return { appealId: filed.body.appeal.id, state: proposedState };
}

beforeAll(async () => {
  world = await startWorld();
  const lee = world.h.api('demo-lead-lee');
  const active = async (tier: string) => (await lee.get(`/v1/accounts?tier=${tier}&limit=100`)).body.accounts.find((a: { status: string }) => a.status === 'active');
  ({ id: accountId, handle } = await active('standard'));
  const standard = await appealedSuspension(accountId);
  expect(standard.state).toBe('executed'); // a standard account: the policy asks for no approval
  appealId = standard.appealId;
  const elevated = await appealedSuspension((await active('elevated')).id);
  expect(elevated.state).toBe('awaiting_approval');
  approvedAppealId = elevated.appealId;
}, 120_000);

afterAll(async () => {
  for (const p of people) await p.context.close().catch(() => {});
  await world?.close();
});

describe('appeals in the console', () => {
  test('the proposer of the action contested sees that they may not decide the appeal, and by which rule', async () => {
    const { page } = await as('stf_lee', '/appeals');
    const row = page.locator(`tr[data-appeal="${appealId}"]`);
    await contains(row, `@${handle}`);
    await row.getByRole('link', { name: `Appeal ${appealId}` }).click();
    const independence = page.getByTestId('appeal-independence');
    await contains(independence, 'You may not decide this appeal.');
    await contains(independence, 'appeal-decided-independently');
    await contains(independence, 'not whoever proposed the action, approved it, or resolved the case');
    await contains(page.getByRole('list', { name: 'Who may not decide' }), 'proposed the action contested');
    // no claim, no form: the policy has answered
    expect(await page.getByRole('button', { name: 'Claim to decide' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Grant appeal|Deny appeal/ }).count()).toBe(0);
    await screenshot(page, '20-appeal-proposer-may-not-decide');
  });

  test('an approver of the action contested may not decide its appeal either; the approvals are in view', async () => {
    const { page } = await as('stf_lou', `/appeals/${approvedAppealId}`);
    const approvals = page.getByRole('list', { name: 'Approvals of the action contested' });
    await contains(approvals, 'Lou Brennan');
    await contains(approvals, 'links checked: spam');
    await contains(page.getByTestId('appeal-independence'), 'You may not decide this appeal.');
    await contains(page.getByRole('list', { name: 'Who may not decide' }), 'approved the action contested');
    await screenshot(page, '20b-appeal-approver-may-not-decide', { fullPage: true });
  });

  test('an independent lead decides an appeal from the appeals queue, and the outcome shows', async () => {
    const { page } = await as('stf_kim');
    // the appeals queue's case in the ordinary queue opens on the appeal
    await page.goto(`${world.url}/?queue=appeals`);
    await visible(page.getByRole('link', { name: `Appeal ${appealId}` }));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appeals' }).click();
    const row = page.locator(`tr[data-appeal="${appealId}"]`);
    await contains(row, 'Account owner');
    await contains(row, `@${handle}`);
    await contains(row, 'suspend');
    await contains(row, 'spam');
    await contains(row.getByTestId('decide-by'), 'left');
    await contains(row, 'unclaimed');
    await screenshot(page, '21-appeals-queue');

    await row.getByRole('button', { name: `Claim appeal ${appealId}` }).click();
    await visible(page.getByRole('heading', { name: new RegExp(`Appeal ${appealId}`) }));
    await visible(page.getByText('Your claim'));
    // everything the decision is taken on
    await contains(page.getByTestId('appeal-statement'), 'to warn my followers');
    const contested = page.getByTestId('contested-action');
    await contains(contested, 'Lee Marchetti');
    await contains(contested, JUSTIFICATION);
    await contains(contested, 'None: the policy asked for none.');
    await contains(page.locator('[data-subject="enforcement"]'), 'Statement of reasons');
    await contains(page.getByTestId('appeal-independence'), 'You may decide this appeal.');
    await screenshot(page, '22-appeal-view', { fullPage: true });

    // nothing is decided by default
    await visible(page.getByRole('button', { name: 'Decide', exact: true, disabled: true }));
    await page.getByRole('radio', { name: 'Grant' }).check();
    const reasons = page.getByLabel(/^Reasons/);
    await reasons.fill('too short');
    await visible(page.getByRole('button', { name: 'Grant appeal', disabled: true }));
    await reasons.fill('The screenshot was posted as a warning about the scam, with the link broken; that is not spam.');
    await page.getByRole('button', { name: 'Grant appeal' }).click();

    await contains(page.getByRole('status').filter({ hasText: 'Appeal granted' }), 'The appellant is told');
    const outcome = page.getByTestId('appeal-outcome');
    await contains(outcome, 'granted');
    await contains(outcome, 'Kim Adebayo');
    await contains(outcome, 'that is not spam');
    await contains(page.getByTestId('appeal-reversal'), 'restore');
    await contains(page.getByTestId('appeal-reversal'), /The account is restored|It still needs/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '23-appeal-granted', { fullPage: true });

    // the queue no longer holds it; the decided list does
    await page.getByRole('link', { name: 'Appeals', exact: true }).first().click();
    await visible(page.getByRole('link', { name: `Appeal ${approvedAppealId}` }));
    expect(await page.locator(`tr[data-appeal="${appealId}"]`).count()).toBe(0);
    await page.getByLabel('State').selectOption('granted');
    await contains(page.locator(`tr[data-appeal="${appealId}"]`), 'granted');

    // the account shows what its owner was told
    await page.goto(`${world.url}/accounts/${encodeURIComponent(accountId)}`);
    await contains(page.getByRole('region', { name: 'Notices sent' }), 'Statement of reasons');
    await contains(page.getByRole('region', { name: 'Notices sent' }), 'Outcome of an appeal');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '24-account-notices', { fullPage: true });
  });
});
