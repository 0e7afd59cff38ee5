/**
 * Issue 10, class 3 (one admin acting as several people), on both stores,
 * through the HTTP API against the reference platform: an approval counts
 * only from someone independent of the proposer — not anyone whose staff
 * record, role, elevation or access window the proposer created, granted,
 * approved or proposed, directly or through someone else they made. Lead and
 * admin are given only through the guard, with the same admin approval by
 * grant or by elevation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { createDispatcher } from '../src/workers/delivery.js';
import type { Role } from '../src/staff/model.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const ADMIN = 'independence-test-admin';
const JUST = 'credible threats of violence reported by many users';
const HOUR = 3_600_000;

interface Person {
  id: string;
  token: string;
}

const ruleIds = (body: any): string[] => (body?.error?.decision?.rules ?? []).map((r: { id: string }) => r.id);

describe.each(STORES)('independence of approvers on %s', (kind) => {
  let platform: RunningReferencePlatform;
  let h: ApiHarness;
  let crew: Crew;
  let admin2: Person;
  let dir: string;
  let n = 0;
  const as = (m: { token: string }) => h.api(m.token);
  const A = () => crew.admin;

  /** A token the holder has for themselves (how they got it is the credentials part's business). */
  const tokenFor = (id: string) => h.ctx.transaction(async (tx) => (await h.ctx.staff.issueToken(tx, SYSTEM, id, 'own')).token);

  /** Admin A adds a person through the API. */
  const hire = async (role: Role = 'agent'): Promise<Person> => {
    const res = await as(A()).post('/v1/staff', { name: `hire ${n}`, email: `hire${n++}@warden.test`, role, employment: 'employee' });
    expect(res.status).toBe(201);
    return { id: res.body.staff.id, token: await tokenFor(res.body.staff.id) };
  };

  /** Someone nobody on staff made: a seeded record. */
  const outsider = async (role: Role): Promise<Person> => {
    const key = `out${n++}`;
    const s = await h.ctx.transaction((tx) => h.ctx.staff.seed(tx, { id: `stf_${key}`, name: key, email: `${key}@warden.test`, role, employment: 'employee', accessFrom: h.clock.now() - 1000 }));
    return { id: s.id, token: await tokenFor(s.id) };
  };

  const elevate = async (who: Person, role: Role, approver: { token: string }) => {
    const asked = await as(who).post('/v1/actions', { kind: 'elevate', targetId: who.id, reasonCode: 'access_management', justification: 'on call tonight', role, hours: 8 });
    expect(asked.status).toBe(201);
    const approved = await as(approver).post(`/v1/actions/${asked.body.action.id}/approve`, { comment: 'ok' });
    expect(approved.status).toBe(200);
    expect(approved.body.action.state).toBe('executed');
  };

  const suspend = async (by: { token: string }, accountId: string): Promise<string> => {
    const res = await as(by).post('/v1/actions', { kind: 'suspend', targetId: accountId, reasonCode: 'violent_threat', justification: JUST, durationMs: 24 * HOUR });
    expect(res.status).toBe(201);
    expect(res.body.action.state).toBe('awaiting_approval');
    return res.body.action.id;
  };

  const platformStatus = async (accountId: string) => {
    await createDispatcher(h.ctx).runOnce();
    return platform.store.getAccount(accountId)!.status;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-independence-'));
    platform = await startReferencePlatform({ port: 0, dbPath: join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: 'whsec_aW5kZXBlbmRlbmNlLXRlc3Qtc2VjcmV0' });
    h = await makeApiHarness(kind, {}, { platform: new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 2000 }) });
    crew = await seedCrew(h.ctx);
    const critical = { acct_0001: 'critical', acct_0002: 'critical', acct_0003: 'critical', acct_0004: 'critical', acct_0005: 'critical' } as const;
    const accounts = await seedAccounts(h.ctx, 10, critical);
    platform.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), h.clock.now());
    admin2 = await outsider('admin');
  });
  afterAll(async () => {
    await h.cleanup();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records who created each staff record', async () => {
    const b = await hire();
    const row = await h.ctx.db.selectFrom('staff').select('created_by').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe(A().staff.id);
    const seeded = await h.ctx.db.selectFrom('staff').select('created_by').where('id', '=', crew.lead.staff.id).executeTakeFirstOrThrow();
    expect(seeded.created_by).toBe('warden');
  });

  it("refuses the approval of someone the proposer created and elevated to lead, on her suspension of a critical account; nothing changes on the platform", async () => {
    const b = await hire();
    await elevate(b, 'lead', A());
    const id = await suspend(A(), 'acct_0001');

    // B does not see it as something to approve
    const inbox = async (m: { token: string }) => (await as(m).get('/v1/approvals/inbox')).body.items.map((i: { action: { id: string } }) => i.action.id);
    expect(await inbox(b)).not.toContain(id);
    expect(await inbox(crew.lead2)).toContain(id);

    const refused = await as(b).post(`/v1/actions/${id}/approve`, { comment: 'of course' });
    expect(refused.status).toBe(403);
    expect(ruleIds(refused.body)).toContain('approver-independent');
    expect(refused.body.error.message).toContain('approver-independent');
    expect(refused.body.error.message).toContain(`${b.id}'s staff record was created by the proposer on`);

    // one real lead besides: still not the two a critical suspension needs
    expect((await as(crew.lead).post(`/v1/actions/${id}/approve`, { comment: 'agreed' })).body.action.state).toBe('awaiting_approval');
    expect((await as(crew.lead).get(`/v1/accounts/acct_0001`)).body.account.status).toBe('active');
    expect(await platformStatus('acct_0001')).toBe('active');

    // explain and the timeline say why B's attempt did not count
    const explained = (await as(crew.auditor).get(`/v1/actions/${id}/explain`)).body;
    const refusal = explained.refusals.find((r: { by: { id: string } }) => r.by.id === b.id);
    expect(refusal.rules.map((r: { id: string }) => r.id)).toContain('approver-independent');
    expect(refusal.dependence).toContain('staff record was created by the proposer');
    const timeline = (await as(crew.auditor).get('/v1/accounts/acct_0001/timeline')).body.events as { event: string; summary: string }[];
    expect(timeline.find((e) => e.event === 'approval.refused')!.summary).toMatch(/approver-independent.*staff record was created by the proposer/);
  });

  it("refuses an approval of her change_policy by someone she created and elevated to admin; the policy stays", async () => {
    const c = await hire();
    await elevate(c, 'admin', A());
    const policy = (await as(A()).get('/v1/policy')).body;
    const files = { ...policy.files };
    const first = Object.keys(files).find((f) => f.endsWith('approvals.cedar'))!;
    // what an attacker would want, the independence rule gone, breaks an invariant: refused before anyone can approve it
    const stripped = { ...files, [first]: files[first].replace(/@id\("approver-independent"\)[\s\S]*?context\.approverDependent \};/, '') };
    expect(stripped[first]).not.toContain('approver-independent');
    const gone = await as(A()).post('/v1/actions', { kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', policyFiles: stripped });
    expect(gone.status).toBe(400);
    expect(gone.body.error.fields[0].message).toMatch(/breaks proposer-never-counts/);
    // a change that keeps every invariant is still hers alone to propose, not her creation's to approve
    files[first] = `// reviewed\n${files[first]}`;
    const change = await as(A()).post('/v1/actions', { kind: 'change_policy', targetId: 'active', reasonCode: 'policy_maintenance', policyFiles: files });
    expect(change.status).toBe(201);
    const refused = await as(c).post(`/v1/actions/${change.body.action.id}/approve`, { comment: 'fine' });
    expect(refused.status).toBe(403);
    expect(ruleIds(refused.body)).toContain('approver-independent');
    expect(refused.body.error.message).toMatch(/elevation to admin was granted by action act_\w+, which the proposer approved on|staff record was created by the proposer/);
    expect((await as(A()).get(`/v1/actions/${change.body.action.id}`)).body.action.state).toBe('awaiting_approval');
    expect((await as(A()).get('/v1/policy')).body.version).toBe(policy.version);
  });

  it('follows dependence through someone else the proposer made: her elevated admin elevating another', async () => {
    const d = await hire();
    await elevate(d, 'admin', A());
    const e = await outsider('agent');
    await elevate(e, 'lead', d);
    const id = await suspend(A(), 'acct_0002');
    const refused = await as(e).post(`/v1/actions/${id}/approve`, { comment: 'yes' });
    expect(refused.status).toBe(403);
    expect(ruleIds(refused.body)).toContain('approver-independent');
    expect(refused.body.error.message).toContain(`${e.id}'s elevation to lead was granted by action`);
    expect(refused.body.error.message).toContain(`which ${d.id} approved on`);
    expect(refused.body.error.message).toMatch(new RegExp(`${d.id}'s (staff record was created by the proposer|elevation to admin was granted by action act_\\w+, which the proposer approved)`));
    expect(await platformStatus('acct_0002')).toBe('active');
  });

  it('does not count at execution an approval given before the dependence arose, and explain and the timeline say why', async () => {
    const lead = await outsider('lead');
    const lead2 = await outsider('lead');
    const id = await suspend(A(), 'acct_0003');
    // an independent lead approves while independent
    expect((await as(lead).post(`/v1/actions/${id}/approve`, { comment: 'agreed' })).status).toBe(200);
    // then the proposer sets that lead's access window (another admin approves it): the lead now owes her their access
    const window = await as(A()).post('/v1/actions', { kind: 'set_access', targetId: lead.id, reasonCode: 'access_management', justification: 'fixed-term contract', accessUntil: h.clock.now() + 90 * 24 * HOUR });
    expect(window.status).toBe(201);
    expect((await as(admin2).post(`/v1/actions/${window.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('executed');
    // a second approval arrives: the first no longer counts, so nothing executes
    expect((await as(lead2).post(`/v1/actions/${id}/approve`, { comment: 'agreed' })).body.action.state).toBe('awaiting_approval');
    expect(await platformStatus('acct_0003')).toBe('active');

    const explained = (await as(crew.auditor).get(`/v1/actions/${id}/explain`)).body;
    const first = explained.approvals.find((a: { approver: { id: string } }) => a.approver.id === lead.id);
    expect(first.counted).toBe(false);
    expect(first.why).toContain('approver-independent');
    expect(first.why).toContain(`${lead.id}'s access window was set by action ${window.body.action.id}, which the proposer proposed on`);
    expect(explained.now.allowed).toBe(false);

    // a second independent approver: it executes, and the execution records the one that did not count
    expect((await as(admin2).post(`/v1/actions/${id}/approve`, { comment: 'agreed' })).body.action.state).toBe('executed');
    const settled = (await as(crew.auditor).get(`/v1/actions/${id}/explain`)).body;
    expect(settled.approvals.find((a: { approver: { id: string } }) => a.approver.id === lead.id).why).toContain('access window was set by action');
    const timeline = (await as(crew.auditor).get('/v1/accounts/acct_0003/timeline')).body.events as { event: string; summary: string }[];
    expect(timeline.find((e) => e.event === 'action.executed')!.summary).toContain(`not counted: ${lead.id}'s approval (approver-independent`);
  });

  it("refuses a grant of lead approved by an admin of the proposer's own making", async () => {
    const f = await hire();
    await elevate(f, 'admin', A());
    const target = await outsider('agent');
    const grant = await as(A()).post('/v1/actions', { kind: 'grant_role', targetId: target.id, reasonCode: 'access_management', justification: 'promotion', role: 'lead' });
    expect(grant.status).toBe(201);
    const refused = await as(f).post(`/v1/actions/${grant.body.action.id}/approve`, { comment: 'ok' });
    expect(refused.status).toBe(403);
    expect(ruleIds(refused.body)).toContain('approver-independent');
    expect((await as(A()).get(`/v1/staff`)).body.staff.find((s: { id: string }) => s.id === target.id).role).toBe('agent');
    // an independent admin may
    expect((await as(admin2).post(`/v1/actions/${grant.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('executed');
    // and the role it gave is recorded with its provenance: the new lead is not independent of A
    const row = await h.ctx.db.selectFrom('staff').select(['role', 'role_action_id']).where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'lead', role_action_id: grant.body.action.id });
    const id = await suspend(A(), 'acct_0004');
    const byNewLead = await as(target).post(`/v1/actions/${id}/approve`, { comment: 'yes' });
    expect(byNewLead.status).toBe(403);
    expect(byNewLead.body.error.message).toContain(`${target.id}'s lead role was granted by action ${grant.body.action.id}, which the proposer proposed on`);
  });

  it("counts an admin and the lead she made as one approver, whoever proposed", async () => {
    const b = await hire();
    await elevate(b, 'lead', A());
    // neither depends on the proposer: only on each other
    const id = await suspend(crew.lead, 'acct_0005');
    expect((await as(A()).post(`/v1/actions/${id}/approve`, { comment: 'yes' })).body.action.state).toBe('awaiting_approval');
    expect((await as(b).post(`/v1/actions/${id}/approve`, { comment: 'yes' })).body.action.state).toBe('awaiting_approval');
    expect(await platformStatus('acct_0005')).toBe('active');
    const explained = (await as(crew.auditor).get(`/v1/actions/${id}/explain`)).body;
    expect(JSON.stringify(explained)).toContain(`not independent of ${A().staff.id}, whose approval already counts`);
    // a second person who is really someone else completes it
    expect((await as(crew.lead2).post(`/v1/actions/${id}/approve`, { comment: 'agreed' })).body.action.state).toBe('executed');
    expect((await as(crew.lead).get('/v1/accounts/acct_0005')).body.account.status).toBe('suspended');
  });

  it('needs the same admin approval to make someone a lead or an admin, by elevation or by grant', async () => {
    const asker = await outsider('agent');
    const need = async (who: { token: string }, body: object) => {
      const res = await as(who).post('/v1/actions/preview', { reasonCode: 'access_management', justification: 'needed', ...body });
      expect(res.status).toBe(200);
      return res.body.requirements.map((r: { count: number; roles: string[] }) => ({ count: r.count, roles: r.roles }));
    };
    for (const role of ['lead', 'admin'] as const) {
      const byGrant = await need(A(), { kind: 'grant_role', targetId: asker.id, role });
      const byElevation = await need(asker, { kind: 'elevate', targetId: asker.id, role, hours: 2 });
      expect(byElevation).toEqual(byGrant);
      expect(byElevation).toEqual([{ count: 1, roles: ['admin'] }]);
    }
    // a lead can no longer make someone a lead for a night
    const asked = await as(asker).post('/v1/actions', { kind: 'elevate', targetId: asker.id, reasonCode: 'access_management', justification: 'on call', role: 'lead', hours: 2 });
    const byLead = await as(crew.lead).post(`/v1/actions/${asked.body.action.id}/approve`, { comment: 'ok' });
    expect(byLead.status).toBe(403);
    expect(ruleIds(byLead.body)).toContain('privileged-access-needs-admin');
    expect((await as(crew.lead).get(`/v1/actions/${asked.body.action.id}`)).body.action.state).toBe('awaiting_approval');
    // an elevation below lead keeps today's rule: a lead may approve it
    const low = await outsider('triage');
    const toAgent = await as(low).post('/v1/actions', { kind: 'elevate', targetId: low.id, reasonCode: 'access_management', justification: 'covering', role: 'agent', hours: 2 });
    expect((await as(crew.lead).post(`/v1/actions/${toAgent.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('executed');
  });

  it('never creates a lead or an admin directly, through the API or the service the CLI calls', async () => {
    const before = await h.ctx.audit.size(h.ctx.db);
    for (const role of ['lead', 'admin']) {
      const res = await as(A()).post('/v1/staff', { name: 'Boss', email: `boss-${role}@warden.test`, role, employment: 'employee' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].path).toBe('role');
      await expect(
        h.ctx.transaction((tx) => h.ctx.staff.create(tx, SYSTEM, { name: 'Boss', email: `cli-${role}@warden.test`, role: role as Role, employment: 'employee' })),
      ).rejects.toMatchObject({ code: 'invalid_input', details: { fields: [{ path: 'role' }] } });
    }
    expect(await h.ctx.audit.size(h.ctx.db)).toBe(before);
    expect(await h.ctx.db.selectFrom('staff').select('id').where('email', 'like', '%boss%').execute()).toEqual([]);
  });
});
