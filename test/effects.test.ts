/**
 * Issue 10, class 1: the policy judges what an action does to the account,
 * not what the action is called. Through the API, on both stores, against the
 * reference platform over loopback: a contractor's limit on a critical account
 * waits for two approvals from leads or admins; a restore that would take an
 * account back to deactivated is judged as a deactivation (refused to a
 * contractor, two approvals for anyone else); a restore to active stays the
 * one-step undo; and nothing reaches the platform that the effect's approvals
 * did not allow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { drainOutbox } from './support/world.js';
import { type Crew, type Member, seedAccounts, seedCrew } from './support/seed.js';

const ADMIN = 'platform-admin-token-effects';
const JUST = 'repeated credible threats reported by many users';

describe.each(STORES)('the policy judges effects, not labels, on %s', (kind) => {
  let platform: RunningReferencePlatform;
  let h: ApiHarness;
  let crew: Crew;
  let lead3: Member;
  let dir: string;
  const as = (m: { token: string }) => h.api(m.token);
  const warden = async (id: string) => (await as(crew.lead).get(`/v1/accounts/${id}`)).body.account;
  const onPlatform = (id: string) => platform.store.getAccount(id)!.status;
  const deliver = () => drainOutbox(createDispatcher(h.ctx));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-effects-'));
    platform = await startReferencePlatform({ port: 0, dbPath: join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: 'whsec_dGVzdC1zZWNyZXQtZm9yLWVmZmVjdHM=' });
    h = await makeApiHarness(kind, {}, { platform: new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 2000 }) });
    crew = await seedCrew(h.ctx);
    const accounts = await seedAccounts(h.ctx, 4, { acct_0001: 'critical', acct_0002: 'critical', acct_0003: 'elevated' });
    platform.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), h.clock.now());
    lead3 = await h.ctx.transaction(async (tx) => {
      const staff = await h.ctx.staff.seed(tx, { id: 'stf_lead3', name: 'lead3', email: 'lead3@warden.test', role: 'lead', employment: 'employee', accessFrom: h.clock.now() - 1000 });
      return { staff, token: (await h.ctx.staff.issueToken(tx, SYSTEM, staff.id, 't')).token };
    });
  });
  afterAll(async () => {
    await h.cleanup();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a contractor's limit on a critical account waits for two approvals from leads or admins", async () => {
    const preview = await as(crew.contractor).post('/v1/actions/preview', { kind: 'limit', targetId: 'acct_0001', reasonCode: 'spam' });
    expect(preview.body.requirements[0]).toMatchObject({ count: 2 });
    expect(preview.body.requirements[0].rules.map((r: { id: string }) => r.id)).toContain('critical-two-approvals');

    const proposed = await as(crew.contractor).post('/v1/actions', { kind: 'limit', targetId: 'acct_0001', reasonCode: 'spam' });
    expect(proposed.status).toBe(201);
    expect(proposed.body.action.state).toBe('awaiting_approval');
    await deliver();
    expect((await warden('acct_0001')).status).toBe('active');
    expect(onPlatform('acct_0001')).toBe('active');

    // one lead is not enough: the effect (active -> limited on a critical account) demands two
    expect((await as(crew.lead).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('awaiting_approval');
    await deliver();
    expect(onPlatform('acct_0001')).toBe('active');
    const explain = (await as(crew.lead).get(`/v1/actions/${proposed.body.action.id}/explain`)).body;
    expect(JSON.stringify(explain)).toContain('critical-two-approvals');

    expect((await as(crew.lead2).post(`/v1/actions/${proposed.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('executed');
    await deliver();
    expect(onPlatform('acct_0001')).toBe('limited');
  });

  it('a limit on an elevated account needs an approval; on a standard account none', async () => {
    const elevated = await as(crew.agent).post('/v1/actions', { kind: 'limit', targetId: 'acct_0003', reasonCode: 'spam' });
    expect(elevated.body.action.state).toBe('awaiting_approval');
    const standard = await as(crew.agent).post('/v1/actions', { kind: 'limit', targetId: 'acct_0000', reasonCode: 'spam' });
    expect(standard.body.action.state).toBe('executed');
    await deliver();
    expect(onPlatform('acct_0003')).toBe('active');
    expect(onPlatform('acct_0000')).toBe('limited');
  });

  it('a restore that would re-darken a critical account is judged as what it does', async () => {
    // deactivated with two leads' approval
    const off = await as(crew.lead).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_0002', reasonCode: 'violent_threat', justification: JUST });
    await as(crew.lead2).post(`/v1/actions/${off.body.action.id}/approve`, { comment: 'ok' });
    expect((await as(lead3).post(`/v1/actions/${off.body.action.id}/approve`, { comment: 'ok' })).body.action.state).toBe('executed');
    // a limit taken while it was deactivated: less restrictive, so it takes effect at once; its prior state is `deactivated`
    h.clock.advance(1000);
    const limit = await as(crew.agent).post('/v1/actions', { kind: 'limit', targetId: 'acct_0002', reasonCode: 'spam' });
    expect(limit.body.action.state).toBe('executed');
    // the one-step undo of the deactivation: back to active, no approval needed, even from a contractor
    h.clock.advance(1000);
    const undo = await as(crew.contractor).post('/v1/actions', { kind: 'restore', targetId: 'acct_0002', reasonCode: 'error_correction', restoresActionId: off.body.action.id });
    expect(undo.body.action.state).toBe('executed');
    await deliver();
    expect(onPlatform('acct_0002')).toBe('active');

    // now "restoring" the limit would re-apply its prior state: deactivated
    const sneak = { kind: 'restore', targetId: 'acct_0002', reasonCode: 'error_correction', restoresActionId: limit.body.action.id, justification: JUST };
    const byContractor = await as(crew.contractor).post('/v1/actions', sneak);
    expect(byContractor.status).toBe(403);
    expect(byContractor.body.error.message).toContain('contractor-no-destructive-on-protected');

    const byAgent = await as(crew.agent).post('/v1/actions', sneak);
    expect(byAgent.status).toBe(201);
    expect(byAgent.body.action.state).toBe('awaiting_approval');
    expect((await as(crew.lead).post(`/v1/actions/${byAgent.body.action.id}/approve`, { comment: 'hm' })).body.action.state).toBe('awaiting_approval');
    await deliver();
    expect((await warden('acct_0002')).status).toBe('active');
    expect(onPlatform('acct_0002')).toBe('active');

    // without a justification it is refused as the deactivation it is
    const bare = await as(crew.agent).post('/v1/actions', { ...sneak, justification: '' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.fields[0].path).toBe('justification');
  });

  it('the executed entry records the effect the rules judged', async () => {
    const rows = await h.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'action.executed').execute();
    const limited = rows.map((r) => JSON.parse(r.after!)).find((a) => a.target.id === 'acct_0001');
    expect(limited.effect).toEqual({ fromStatus: 'active', toStatus: 'limited', restricts: true, durationMs: 0 });
  });
});
