/**
 * The guard, through the API, on both stores: who may propose, how many
 * approvals count, re-checks at execution, offboarding and access ending by
 * the clock, suspensions that end by themselves, exact restore.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchedulerOnce } from '../src/workers/scheduler.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const JUST = 'repeated credible threats reported by many users';

describe.each(STORES)('guarded enforcement on %s', (kind) => {
  let h: ApiHarness;
  let crew: Crew;
  let lead3: { token: string; id: string };
  const as = (m: { token: string }) => h.api(m.token);
  const account = async (id: string) => (await as(crew.lead).get(`/v1/accounts/${id}`)).body.account;

  beforeAll(async () => {
    h = await makeApiHarness(kind);
    crew = await seedCrew(h.ctx);
    await seedAccounts(h.ctx);
    // a third lead, so two distinct approvers besides the proposer exist
    const created = await h.ctx.transaction(async (tx) => {
      const s = await h.ctx.staff.seed(tx, { id: 'stf_lead3', name: 'lead3', email: 'lead3@warden.test', role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { id: s.id, token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, s.id, 't')).token };
    });
    lead3 = created;
  });
  afterAll(() => h.cleanup());

  it('refuses a contractor proposing to deactivate a critical account, naming the rule', async () => {
    const res = await as(crew.contractor).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('contractor-no-destructive-on-protected');
    expect(res.body.error.decision.rules.map((r: { id: string }) => r.id)).toContain('contractor-no-destructive-on-protected');
    expect((await account('acct_vip')).status).toBe('active');
    const preview = await as(crew.contractor).post('/v1/actions/preview', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST });
    expect(preview.body.decision.allowed).toBe(false);
  });

  it('tells the proposer beforehand what a critical deactivation needs, from the policy', async () => {
    const preview = await as(crew.lead).post('/v1/actions/preview', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST });
    expect(preview.status).toBe(200);
    expect(preview.body.decision.allowed).toBe(true);
    expect(preview.body.requirements[0].count).toBe(2);
    expect(preview.body.requirements[0].roles).toEqual(expect.arrayContaining(['lead', 'admin']));
    expect(preview.body.summary).toMatch(/2 approvals/);
  });

  it('needs a justification for destructive actions (400 naming the field, nothing written)', async () => {
    const before = await h.ctx.audit.size(h.ctx.db);
    const res = await as(crew.lead).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('justification');
    expect(await h.ctx.audit.size(h.ctx.db)).toBe(before);
  });

  it('executes a critical deactivation only with two distinct valid leads, never the proposer', async () => {
    const proposed = await as(crew.lead).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST });
    expect(proposed.status).toBe(201);
    const id = proposed.body.action.id;
    expect(proposed.body.action.state).toBe('awaiting_approval');

    // 0 approvals: cannot execute, and the 409 says what is missing
    const early = await as(crew.lead).post(`/v1/actions/${id}/execute`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/needs 2 more approvals from lead or admin.*proposer cannot approve/);

    // the proposer's own approval is refused
    const own = await as(crew.lead).post(`/v1/actions/${id}/approve`, { comment: 'me' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('proposer-cannot-approve');

    // the contractor's approval is refused
    const contractor = await as(crew.contractor).post(`/v1/actions/${id}/approve`, { comment: 'ok' });
    expect(contractor.status).toBe(403);

    // one approval: still waiting
    const one = await as(crew.lead2).post(`/v1/actions/${id}/approve`, { comment: 'seen the threats' });
    expect(one.status).toBe(200);
    expect(one.body.action.state).toBe('awaiting_approval');
    // the same person twice is one approval
    const twice = await as(crew.lead2).post(`/v1/actions/${id}/approve`, { comment: 'again' });
    expect(twice.status).toBe(409);
    const still = await as(crew.lead).get(`/v1/actions/${id}`);
    expect(still.body.now.missing).toMatch(/needs 1 more approval from lead or admin/);
    expect((await account('acct_vip')).status).toBe('active');

    // second distinct lead: executes
    const two = await as(lead3).post(`/v1/actions/${id}/approve`, { comment: 'agreed' });
    expect(two.status).toBe(200);
    expect(two.body.action.state).toBe('executed');
    expect(two.body.action.priorState).toEqual({ status: 'active', statusUntil: null });
    expect((await account('acct_vip')).status).toBe('deactivated');
    const entries = await h.ctx.audit.list(h.ctx.db, { subjectType: 'action', subjectId: id });
    const executed = entries.find((e) => e.action === 'action.executed')!;
    expect((executed.after as { approvals: unknown[] }).approvals).toHaveLength(2);

    // restore returns the exact prior state, in one step
    const restore = await as(crew.lead).post('/v1/actions', { kind: 'restore', targetId: 'acct_vip', reasonCode: 'error_correction', justification: 'undo' });
    expect(restore.status).toBe(201);
    expect(restore.body.action.state).toBe('executed');
    expect((await account('acct_vip')).status).toBe('active');
  });

  it('does not count an approval whose approver lost access before execution', async () => {
    const proposed = await as(crew.admin).post('/v1/actions', { kind: 'suspend', targetId: 'acct_vip', reasonCode: 'harassment', justification: JUST, durationMs: 3_600_000, scheduledFor: h.clock.now() + 600_000 });
    const id = proposed.body.action.id;
    expect((await as(crew.lead2).post(`/v1/actions/${id}/approve`, { comment: 'ok' })).status).toBe(200);
    expect((await as(lead3).post(`/v1/actions/${id}/approve`, { comment: 'ok' })).body.action.state).toBe('scheduled');
    // lead3's access ends before the scheduled time: their approval no longer counts
    await h.ctx.db.updateTable('staff').set({ access_until: h.clock.now() + 60_000 }).where('id', '=', lead3.id).execute();
    h.clock.advance(700_000);
    // before any sweep: the re-check alone refuses to count it
    const check = await h.ctx.executor.check(h.ctx.db, await h.ctx.actions.get(h.ctx.db, id));
    const verdicts = Object.fromEntries(check.approvals.map((a) => [a.approval.approverId, a]));
    expect(verdicts[lead3.id]!.counts).toBe(false);
    expect(verdicts[lead3.id]!.why).toContain('access-window');
    expect(check.allowed).toBe(false);
    await runSchedulerOnce(h.ctx);
    const after = await as(crew.lead).get(`/v1/actions/${id}`);
    expect(after.body.action.state).toBe('awaiting_approval');
    expect(after.body.now.missing).toMatch(/needs 1 more approval/);
    expect((await account('acct_vip')).status).toBe('active');
  });

  it('lets only an admin approve an elevation to lead or admin, and a lead one below', async () => {
    const toAdmin = await as(crew.agent).post('/v1/actions', { kind: 'elevate', targetId: crew.agent.staff.id, reasonCode: 'access_management', justification: 'on call tonight', role: 'admin', hours: 2 });
    expect(toAdmin.status).toBe(201);
    const refused = await as(crew.lead).post(`/v1/actions/${toAdmin.body.action.id}/approve`, { comment: 'sure' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.decision.rules.map((r: { id: string }) => r.id)).toContain('privileged-access-needs-admin');
    expect((await as(crew.lead).get(`/v1/actions/${toAdmin.body.action.id}`)).body.action.state).toBe('awaiting_approval');
    const byAdmin = await as(crew.admin).post(`/v1/actions/${toAdmin.body.action.id}/approve`, { comment: 'approved for the incident' });
    expect(byAdmin.body.action.state).toBe('executed');

    const toLead = await as(crew.contractor).post('/v1/actions', { kind: 'elevate', targetId: crew.contractor.staff.id, reasonCode: 'access_management', justification: 'on call tonight', role: 'lead', hours: 2 });
    expect(toLead.status).toBe(403); // contractors may not ask at all
    const triageToLead = await as(crew.triage).post('/v1/actions', { kind: 'elevate', targetId: crew.triage.staff.id, reasonCode: 'access_management', justification: 'covering the queue tonight', role: 'lead', hours: 1 });
    expect(triageToLead.status).toBe(201);
    // lead carries approvals: an elevation to it needs an admin, as a grant of it does
    const byLead = await as(crew.lead).post(`/v1/actions/${triageToLead.body.action.id}/approve`, { comment: 'ok' });
    expect(byLead.status).toBe(403);
    expect(byLead.body.error.decision.rules.map((r: { id: string }) => r.id)).toContain('privileged-access-needs-admin');
    const triageToAgent = await as(crew.triage).post('/v1/actions', { kind: 'elevate', targetId: crew.triage.staff.id, reasonCode: 'access_management', justification: 'covering the queue tonight', role: 'agent', hours: 1 });
    const lowByLead = await as(crew.lead).post(`/v1/actions/${triageToAgent.body.action.id}/approve`, { comment: 'ok' });
    expect(lowByLead.status).toBe(200);
    expect(lowByLead.body.action.state).toBe('executed');
  });
});
