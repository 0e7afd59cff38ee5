/**
 * Staff lifecycle and time: offboarding and access ending by the clock void
 * everything of that person's that could still take effect; suspensions end
 * by themselves and are re-checked when they do; the guard guards itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerPolicyCommands } from '../src/cli/policy.js';
import { runSchedulerOnce } from '../src/workers/scheduler.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'coordinated harassment campaign, see case notes';
const HOUR = 3_600_000;

describe.each(STORES)('staff lifecycle and scheduled work on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  const as = (m: { token: string }) => h.api(m.token);
  const account = async (id: string) => (await as(crew.lead).get(`/v1/accounts/${id}`)).body.account;
  const action = async (id: string) => (await as(crew.lead).get(`/v1/actions/${id}`)).body.action;

  beforeEach(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
  });
  afterEach(() => h.cleanup());

  /** A contractor's pending work: a scheduled limit, an approval given, a claimed case. */
  async function contractorWork() {
    const scheduled = await as(crew.contractor).post('/v1/actions', { kind: 'limit', targetId: 'acct_0001', reasonCode: 'spam', scheduledFor: h.clock.now() + 2 * HOUR });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.action.state).toBe('scheduled');
    const byLead = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_0002', reasonCode: 'harassment', justification: JUST, durationMs: HOUR, scheduledFor: h.clock.now() + 2 * HOUR });
    // on a standard account a suspension needs no approval; approvals are still recorded if given
    const protectedAction = await as(crew.lead).post('/v1/actions', { kind: 'lock', targetId: 'acct_press', reasonCode: 'compromised_account', justification: 'credentials leaked publicly' });
    expect(protectedAction.body.action.state).toBe('awaiting_approval');
    await h.ctx.transaction((tx) => h.ctx.intake.submit(tx, { kind: 'service', id: 'platform' }, [{ reporterId: 'r', accountId: 'acct_0003', category: 'spam', text: '', evidence: [] }]));
    const claim = await as(crew.contractor).post('/v1/cases/claim', {});
    expect(claim.body.case).not.toBeNull();
    return { scheduledId: scheduled.body.action.id, leadActionId: byLead.body.action.id, caseId: claim.body.case.id };
  }

  it('offboarding ends access and voids proposals, scheduled actions, approvals and claims in one step', async () => {
    const work = await contractorWork();
    // a pending proposal by the agent that the lead approved, then the lead is offboarded
    const agentProp = await as(crew.agent).post('/v1/actions', { kind: 'lock', targetId: 'acct_press', reasonCode: 'compromised_account', justification: 'credentials leaked publicly', scheduledFor: h.clock.now() + HOUR });
    expect((await as(crew.lead2).post(`/v1/actions/${agentProp.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('scheduled');

    const off = await as(crew.admin).post(`/v1/staff/${crew.contractor.staff.id}/offboard`, { reason: 'contract ended' });
    expect(off.status).toBe(200);
    expect(off.body.actionsVoided).toEqual([work.scheduledId]);
    expect(off.body.claimsReleased).toEqual([work.caseId]);
    expect(off.body.tokensRevoked).toBe(1);
    expect((await action(work.scheduledId)).state).toBe('voided');
    expect((await as(crew.contractor).get('/v1/me')).status).toBe(401);
    const kase = await as(crew.lead).get(`/v1/cases/${work.caseId}`);
    expect(kase.body.case.status).toBe('open');

    const offLead = await as(crew.admin).post(`/v1/staff/${crew.lead2.staff.id}/offboard`, { reason: 'left the company' });
    expect(offLead.body.approvalsVoided).toHaveLength(1);
    // the agent's action lost its only approval: back to waiting, and it does not run when due
    expect((await action(agentProp.body.action.id)).state).toBe('awaiting_approval');
    h.clock.advance(2 * HOUR);
    await runSchedulerOnce(h.ctx);
    expect((await account('acct_press')).status).toBe('active');
    expect((await account('acct_0001')).status).toBe('active');

    const entries = await h.ctx.audit.list(h.ctx.db, { limit: 1000 });
    const voided = entries.filter((e) => e.action === 'action.voided' || e.action === 'approval.voided' || e.action === 'case.claim_voided');
    expect(voided.length).toBeGreaterThanOrEqual(3);
    expect(voided.every((e) => (e.reason ?? '').includes('offboarded'))).toBe(true);
  });

  it('access ending by the clock has the same effect, with no human step', async () => {
    const work = await contractorWork();
    // the contractor's window (seeded) ends one hour from the start; the limit was due in two
    h.clock.advance(HOUR);
    const run = await runSchedulerOnce(h.ctx);
    expect(run.accessEnded).toEqual([crew.contractor.staff.id]);
    expect((await action(work.scheduledId)).state).toBe('voided');
    expect((await action(work.scheduledId)).closedReason).toMatch(/access window ended/);
    expect((await as(crew.lead).get(`/v1/cases/${work.caseId}`)).body.case.status).toBe('open');
    const tokens = await h.ctx.db.selectFrom('api_tokens').select('revoked_at').where('staff_id', '=', crew.contractor.staff.id).execute();
    expect(tokens.every((t) => t.revoked_at !== null)).toBe(true);
    h.clock.advance(2 * HOUR);
    await runSchedulerOnce(h.ctx);
    expect((await account('acct_0001')).status).toBe('active');
  });

  it('a scheduled action whose proposer left does not execute, even if the sweep has not run', async () => {
    const prop = await as(crew.contractor).post('/v1/actions', { kind: 'limit', targetId: 'acct_0004', reasonCode: 'spam', scheduledFor: h.clock.now() + 2 * HOUR });
    const id = prop.body.action.id;
    h.clock.advance(2 * HOUR + 1);
    // run the action directly, before any access sweep: the re-check alone stops it
    const after = await h.ctx.transaction((tx) => h.ctx.executor.advance(tx, id, 'schedule'));
    expect(after.state).toBe('voided');
    expect(after.closedReason).toContain('access-window');
    expect((await account('acct_0004')).status).toBe('active');
  });

  it('a suspension reverses itself at its end, re-checked when it does, to the exact prior state', async () => {
    // the account starts limited: restore must return to limited, not to active
    const limit = await as(crew.lead).post('/v1/actions', { kind: 'limit', targetId: 'acct_0005', reasonCode: 'spam' });
    expect(limit.body.action.state).toBe('executed');
    const suspend = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_0005', reasonCode: 'harassment', justification: JUST, durationMs: 2 * HOUR });
    expect(suspend.body.action.state).toBe('executed');
    expect((await account('acct_0005')).status).toBe('suspended');
    const reversal = (await as(crew.lead).get(`/v1/actions?targetId=acct_0005&state=scheduled`)).body.actions[0];
    expect(reversal.reversesActionId).toBe(suspend.body.action.id);
    h.clock.advance(HOUR);
    await runSchedulerOnce(h.ctx);
    expect((await account('acct_0005')).status).toBe('suspended');
    h.clock.advance(HOUR);
    await runSchedulerOnce(h.ctx);
    expect((await account('acct_0005')).status).toBe('limited');
    const executed = await action(reversal.id);
    expect(executed.state).toBe('executed');
    expect(executed.lastDecision.rules.map((r: { id: string }) => r.id)).toContain('system-restores-on-schedule');
  });

  it('a suspension on top of a suspension ends, at the later end, in the state before both', async () => {
    await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_0009', reasonCode: 'harassment', justification: JUST, durationMs: HOUR });
    h.clock.advance(HOUR / 2);
    const second = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_0009', reasonCode: 'harassment', justification: JUST, durationMs: 2 * HOUR });
    expect(second.body.action.priorState.status).toBe('suspended');
    h.clock.advance(HOUR);
    await runSchedulerOnce(h.ctx);
    expect((await account('acct_0009')).status).toBe('suspended');
    h.clock.advance(2 * HOUR);
    await runSchedulerOnce(h.ctx);
    expect((await account('acct_0009')).status).toBe('active');
  });

  it('a suspension whose account changed since is not blindly reversed', async () => {
    const suspend = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_0006', reasonCode: 'harassment', justification: JUST, durationMs: HOUR });
    const deactivate = await as(crew.lead).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_0006', reasonCode: 'harassment', justification: JUST });
    expect(deactivate.body.action.state).toBe('executed');
    h.clock.advance(HOUR);
    await runSchedulerOnce(h.ctx);
    expect((await account('acct_0006')).status).toBe('deactivated');
    const reversal = (await as(crew.lead).get(`/v1/actions?targetId=acct_0006`)).body.actions.find((a: { reversesActionId: string }) => a.reversesActionId === suspend.body.action.id);
    expect(reversal.state).toBe('voided');
  });

  it("a tier change and a policy change need someone else's approval", async () => {
    const tier = await as(crew.admin).post('/v1/actions', { kind: 'set_tier', targetId: 'acct_0007', reasonCode: 'policy_maintenance', tier: 'critical' });
    expect(tier.body.action.state).toBe('awaiting_approval');
    expect((await as(crew.admin).post(`/v1/actions/${tier.body.action.id}/approve`, { comment: 'mine' })).status).toBe(403);
    expect((await as(crew.lead).post('/v1/actions', { kind: 'set_tier', targetId: 'acct_0008', reasonCode: 'policy_maintenance', tier: 'standard' })).status).toBe(403);
    expect((await account('acct_0007')).tier).toBe('standard');

    const policy = (await as(crew.admin).get('/v1/policy')).body;
    const files = { ...policy.files };
    // loosen nothing, just add a comment: still a change of the guard
    const first = Object.keys(files)[0]!;
    files[first] = `// reviewed\n${files[first]}`;
    const change = await as(crew.admin).post('/v1/actions', { kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', policyFiles: files });
    expect(change.status).toBe(201);
    expect(change.body.action.state).toBe('awaiting_approval');
    expect((await as(crew.admin).post(`/v1/actions/${change.body.action.id}/approve`, { comment: 'mine' })).status).toBe(403);
    expect((await as(crew.admin).get('/v1/policy')).body.version).toBe(policy.version);

    // a second admin approves (granted through the same path would need a third; create one directly for the test)
    const admin2 = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.seed(tx, { id: 'stf_admin2', name: 'admin2', email: 'admin2@warden.test', role: 'admin', employment: 'employee', accessFrom: h.clock.now() - 1 });
      return (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, s.id, 't')).token;
    });
    expect((await h.api(admin2).post(`/v1/actions/${tier.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('executed');
    expect((await account('acct_0007')).tier).toBe('critical');
    expect((await h.api(admin2).post(`/v1/actions/${change.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('executed');
    expect((await as(crew.admin).get('/v1/policy')).body.version).not.toBe(policy.version);

    // a broken policy is refused at proposal, naming file and line
    const broken = await as(crew.admin).post('/v1/actions', { kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', policyFiles: { 'x.cedar': '@id("x")\n@reason("y")\npermit (principal, action, resource) when { resource.nope };' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields[0].message).toMatch(/line \d+/);
  });

  it("a contract is extended or cut short only by an admin's proposal that another admin approves, and the new end is swept when it comes", async () => {
    const originalEnd = crew.contractor.staff.access.until!;
    const admin2 = await h.ctx.transaction(async (tx) => {
      const staff = await h.ctx.staff.seed(tx, { id: 'stf_admin2', name: 'admin2', email: 'admin2@warden.test', role: 'admin', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { staff, token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, staff.id, 't')).token };
    });
    const extend = { kind: 'set_access', targetId: crew.contractor.staff.id, reasonCode: 'access_management', justification: 'contract renewed for a month', accessUntil: originalEnd + 30 * 24 * HOUR };
    // something the contractor did under the original contract, for the timeline below
    expect((await as(crew.contractor).post('/v1/actions', { kind: 'warn', targetId: 'acct_0001', reasonCode: 'spam' })).status).toBe(201);

    // nobody moves their own end, and a lead or the contractor may not propose it at all
    expect((await as(crew.contractor).post('/v1/actions', extend)).status).toBe(403);
    expect((await as(crew.lead).post('/v1/actions', extend)).status).toBe(403);
    const self = await as(crew.admin).post('/v1/actions', { ...extend, targetId: crew.admin.staff.id });
    expect(self.status).toBe(403);
    expect(self.body.error.decision.rules.map((r: { id: string }) => r.id)).toContain('no-self-grant');
    expect((await as(crew.admin).post('/v1/actions', { ...extend, accessUntil: undefined })).status).toBe(400);

    const proposed = await as(crew.admin).post('/v1/actions', extend);
    expect(proposed.status).toBe(201);
    expect(proposed.body.action.state).toBe('awaiting_approval');
    expect((await as(crew.lead).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'ok' })).status).toBe(403);
    const approved = await as(admin2).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'renewal signed' });
    expect(approved.body.action.state).toBe('executed');

    // past the old end the contractor still works; the sweep leaves them be
    h.clock.set(originalEnd + HOUR);
    expect((await runSchedulerOnce(h.ctx)).accessEnded).toEqual([]);
    expect((await as(crew.contractor).get('/v1/queues')).status).toBe(200);

    // cut short: the new end comes, and is swept like any other
    const cut = await as(crew.admin).post('/v1/actions', { ...extend, accessUntil: h.clock.now() + HOUR, justification: 'contract terminated early' });
    expect((await as(admin2).post(`/v1/actions/${cut.body.action.id}/approve`, { comment: 'confirmed with vendor' })).body.action.state).toBe('executed');
    h.clock.advance(HOUR);
    expect((await as(crew.contractor).get('/v1/queues')).status).toBe(401);
    const swept = await runSchedulerOnce(h.ctx);
    expect(swept.accessEnded).toEqual([crew.contractor.staff.id]);

    // taken back on after that end was swept: the next end is swept again
    const again = await as(crew.admin).post('/v1/actions', { ...extend, accessUntil: h.clock.now() + HOUR, justification: 'contract renewed after it lapsed' });
    expect((await as(admin2).post(`/v1/actions/${again.body.action.id}/approve`, { comment: 'renewed' })).body.action.state).toBe('executed');
    expect((await runSchedulerOnce(h.ctx)).accessEnded).toEqual([]);
    h.clock.advance(HOUR);
    expect((await runSchedulerOnce(h.ctx)).accessEnded).toEqual([crew.contractor.staff.id]);

    // the access review says so, from the policy and the window as it now stands
    const review = (await as(crew.auditor).get(`/v1/staff/${crew.contractor.staff.id}/access-review`)).body;
    expect(review.staff.accessState).toBe('ended');
    // and the timeline shows the window as it stood when the contractor acted, not as it was moved later
    const events = (await as(crew.auditor).get('/v1/accounts/acct_0001/timeline')).body.events;
    const warned = events.find((e: { event: string; actor: { id: string } }) => e.event === 'action.proposed' && e.actor.id === crew.contractor.staff.id);
    expect(warned.actor).toMatchObject({ accessOpen: true, access: { until: originalEnd } });
  });

  it('adopting a policy set from the CLI is a change_policy proposal that another admin must approve', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      const program = new Command().exitOverride();
      registerPolicyCommands(program, async (fn) => fn(h.ctx));
      const tokenFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warden-token-')), 'token');
      fs.writeFileSync(tokenFile, `${crew.admin.token}\n`);
      await program.parseAsync(['node', 'warden', 'policy', 'propose', '--as', crew.admin.staff.id, '--token-file', tokenFile, '--justification', 'adopt the shipped set after an upgrade']);
      await program.parseAsync(['node', 'warden', 'policy', 'status']);
    } finally {
      log.mockRestore();
    }
    const proposed = /^(act_\w+): change_policy to (\w+), awaiting approval$/.exec(out[0]!);
    expect(proposed, out.join('\n')).not.toBeNull();
    const action = (await as(crew.lead).get(`/v1/actions/${proposed![1]}`)).body.action;
    expect(action).toMatchObject({ kind: 'change_policy', state: 'awaiting_approval', proposer: { id: crew.admin.staff.id } });
    expect(out[1]).toMatch(/^in force: policy set \w+/);
  });
});
