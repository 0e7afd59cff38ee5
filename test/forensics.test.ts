/**
 * Forensics on both stores, over the API and the CLI functions: the timeline
 * of a seeded incident on a critical account shows every step in order, with
 * the rules that decided each and every actor's role and access window at
 * that instant; "explain" says which approvals counted and which did not and
 * why; the access review answers "what could this person do right now?" from
 * the policy in force.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInclusion } from '../src/audit/verify-proofs.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, type Member, seedAccounts, seedCrew } from './support/seed.js';

const ADMIN = 'forensics-test-admin';
const JUST = 'credible threats of violence reported by many users';
const SERVICE = 'forensics-service-token';

describe.each(STORES)('forensics on %s', (kind) => {
  let platform: RunningReferencePlatform;
  let h: ApiHarness;
  let crew: Crew;
  let lead3: Member;
  let dir: string;
  let actionId: string;
  const as = (m: { token: string }) => h.api(m.token);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-forensics-'));
    platform = await startReferencePlatform({ port: 0, dbPath: join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: 'whsec_dGVzdC1zZWNyZXQtZm9yLWZvcmVuc2ljcw==' });
    h = await makeApiHarness(kind, { serviceToken: SERVICE }, { platform: new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 2000 }) });
    crew = await seedCrew(h.ctx);
    const accounts = await seedAccounts(h.ctx);
    platform.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), h.clock.now());
    lead3 = await h.ctx.transaction(async (tx) => {
      const staff = await h.ctx.staff.seed(tx, { id: 'stf_lead3', name: 'lead3', email: 'lead3@warden.test', role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { staff, token: (await h.ctx.staff.issueToken(tx, { kind: 'system', id: 'warden' }, staff.id, 't')).token };
    });

    // The incident, step by step, a minute apart.
    const step = () => h.clock.advance(60_000);
    step();
    expect((await h.api(SERVICE).post('/v1/reports', { reporterId: 'rep_1', accountId: 'acct_vip', category: 'violent_threat', text: 'threatening posts' })).status).toBe(202);
    step();
    expect((await as(crew.contractor).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'violent_threat', justification: JUST })).status).toBe(403);
    step();
    const proposed = await as(crew.lead).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_vip', reasonCode: 'violent_threat', justification: JUST });
    expect(proposed.body.action.state).toBe('awaiting_approval');
    actionId = proposed.body.action.id;
    step();
    expect((await as(crew.contractor).post(`/v1/actions/${actionId}/approve`, { comment: 'ok' })).status).toBe(403);
    step();
    expect((await as(crew.lead2).post(`/v1/actions/${actionId}/approve`, { comment: 'agreed' })).status).toBe(200);
    step();
    // lead2 is offboarded before the action executes: their approval stops counting
    expect((await as(crew.admin).post(`/v1/staff/${crew.lead2.staff.id}/offboard`, { reason: 'left the company' })).status).toBe(200);
    step();
    expect((await as(lead3).post(`/v1/actions/${actionId}/approve`, { comment: 'agreed' })).status).toBe(200);
    step();
    expect((await as(crew.admin).post(`/v1/actions/${actionId}/approve`, { comment: 'agreed' })).status).toBe(200);
    step();
    await createDispatcher(h.ctx).runOnce();
  });
  afterAll(async () => {
    await h.cleanup();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows every step of the incident in order, with the deciding rules and each actor as they were then', async () => {
    const res = await as(crew.auditor).get('/v1/accounts/acct_vip/timeline');
    expect(res.status).toBe(200);
    const events = res.body.events as { at: number; seq: number | null; event: string; actor: any; decision?: { rules: { id: string }[]; policyVersion?: string } }[];
    const names = events.map((e) => e.event);
    const order = ['account.tier_set', 'report.received', 'case.opened', 'action.refused', 'action.proposed', 'approval.refused', 'approval.given', 'approval.voided', 'approval.given', 'approval.given', 'action.executed', 'action.delivered'];
    let from = 0;
    for (const name of order) {
      const at = names.indexOf(name, from);
      expect(at, `${name} after position ${from} in ${names.join(', ')}`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);

    const refused = events.find((e) => e.event === 'action.refused')!;
    expect(refused.actor).toMatchObject({ id: crew.contractor.staff.id, role: 'agent', employment: 'contractor', accessOpen: true, access: { until: crew.contractor.staff.access.until } });
    expect(refused.decision!.rules.length).toBeGreaterThan(0);
    const approvalRefused = events.find((e) => e.event === 'approval.refused')!;
    expect(approvalRefused.decision!.rules.length).toBeGreaterThan(0);

    // lead2 approved while employed: the timeline shows their window as it was then, not as the offboarding cut it
    const given = events.find((e) => e.event === 'approval.given')!;
    expect(given.actor).toMatchObject({ id: crew.lead2.staff.id, role: 'lead', accessOpen: true, access: { until: null } });
    const executed = events.find((e) => e.event === 'action.executed')!;
    expect(executed.decision!.policyVersion).toMatch(/\S/);
    expect(executed.decision!.rules.length).toBeGreaterThan(0);

    // every entry on the timeline is provable against the log
    const head = (await as(crew.auditor).post('/v1/audit/heads')).body.head;
    const proof = (await as(crew.auditor).get(`/v1/audit/proofs/inclusion?seq=${executed.seq}&treeSize=${head.treeSize}`)).body;
    expect(verifyInclusion(proof.leafHash, executed.seq!, head.treeSize, proof.proof, head.rootHash)).toBe(true);
  });

  it('explains the action: the deciding policy and rules, which approvals counted, which did not and why', async () => {
    const res = await as(crew.auditor).get(`/v1/actions/${actionId}/explain`);
    expect(res.status).toBe(200);
    const x = res.body;
    expect(x.action.state).toBe('delivered');
    expect(x.outcome).toMatchObject({ state: 'executed' });
    expect(x.outcome.policyVersion).toBe(x.action.policyVersion);
    expect(x.outcome.rules.length).toBeGreaterThan(0);
    expect(x.proposal.by).toMatchObject({ id: crew.lead.staff.id, role: 'lead' });
    expect(x.proposal.requirements.join(' ')).toMatch(/approval/);
    const byApprover = Object.fromEntries(x.approvals.map((a: any) => [a.approver.id, a]));
    expect(byApprover[lead3.staff.id]).toMatchObject({ counted: true });
    expect(byApprover[crew.admin.staff.id]).toMatchObject({ counted: true });
    expect(byApprover[crew.lead2.staff.id]).toMatchObject({ counted: false });
    expect(byApprover[crew.lead2.staff.id].why).toMatch(/void/);
    expect(x.refusals).toHaveLength(1);
    expect(x.refusals[0].by).toMatchObject({ id: crew.contractor.staff.id, employment: 'contractor' });
    expect(x.now).toBeNull();
  });

  it('explains a pending action with what the policy in force says now', async () => {
    const proposed = await as(crew.lead).post('/v1/actions', { kind: 'suspend', targetId: 'acct_press', reasonCode: 'harassment', justification: JUST, durationMs: 3_600_000 });
    // a suspension of an elevated account waits for an approval
    expect(proposed.body.action.state).toBe('awaiting_approval');
    const x = (await as(crew.lead).get(`/v1/actions/${proposed.body.action.id}/explain`)).body;
    expect(x.outcome).toBeNull();
    expect(x.now).toMatchObject({ allowed: false });
    expect(x.now.missing).toMatch(/approval/);
    expect(x.now.policyVersion).toBe(x.action.policyVersion);
    expect((await as(crew.lead).get('/v1/actions/act_nope/explain')).status).toBe(404);
  });

  it("reviews a person's access from the policy: a contractor may take no critical account down nor approve there; a lead may", async () => {
    const contractor = (await as(crew.admin).get(`/v1/staff/${crew.contractor.staff.id}/access-review`)).body;
    const critical = contractor.entries.filter((e: any) => e.target.tier === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((e: any) => !e.approve.allowed)).toBe(true);
    for (const k of ['lock', 'suspend', 'deactivate', 'set_tier']) {
      const e = critical.find((x: any) => x.kind === k);
      expect(e.propose.allowed, k).toBe(false);
      expect(e.propose.rules.map((r: any) => r.id).join(' '), k).toMatch(/contractor/);
    }
    expect(critical.find((x: any) => x.kind === 'warn').propose.allowed).toBe(true);
    expect(contractor.summary.find((l: string) => l.startsWith('critical:'))).toMatch(/; may approve nothing$/);
    expect(contractor.staff).toMatchObject({ employment: 'contractor', accessState: 'active' });

    const lead = (await as(crew.admin).get(`/v1/staff/${crew.lead.staff.id}/access-review`)).body;
    const deactivateCritical = lead.entries.find((e: any) => e.kind === 'deactivate' && e.target.tier === 'critical');
    expect(deactivateCritical.approve.allowed).toBe(true);
    expect(deactivateCritical.propose.allowed).toBe(true);
    expect(deactivateCritical.propose.needs.join(' ')).toMatch(/approval/);

    // the offboarded lead may do nothing at all
    const gone = (await as(crew.admin).get(`/v1/staff/${crew.lead2.staff.id}/access-review`)).body;
    expect(gone.entries.every((e: any) => !e.propose.allowed && !e.approve.allowed)).toBe(true);
    expect((await as(crew.agent).get(`/v1/staff/${crew.lead.staff.id}/access-review`)).status).toBe(403);
  });
});
