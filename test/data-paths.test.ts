/**
 * Issue 10, class 2: data paths outside the guard. Import and sync (the API
 * with the service token or an admin's, `warden accounts import`, the platform
 * sync) create accounts and update descriptive fields only; the tripwire
 * defends only what executed actions set; a protected account's fall in reach
 * is audited and does not lower what the policy asks. On both stores, against
 * the reference platform as a real service on loopback.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/audit/model.js';
import { importAccountsFile } from '../src/cli/accounts.js';
import type { ManualClock } from '../src/clock.js';
import { PLATFORM_WEBHOOK_PATH } from '../src/http/routes/tripwires.js';
import type { RunningReferencePlatform } from '../src/platform/reference/server.js';
import { reconcileOnce } from '../src/tripwires/reconcile.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { auditByAction, snapshot } from './support/db.js';
import { type ApiHarness, STORES } from './support/harness.js';
import type { Crew } from './support/seed.js';
import { type World, makeWorld, until } from './support/world.js';

const JUST = 'repeated credible threats reported by many users';
const dir = mkdtempSync(join(tmpdir(), 'warden-data-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(STORES)('data paths outside the guard on %s', (kind) => {
  let world: World;
  let h: ApiHarness;
  let crew: Crew;
  let platform: RunningReferencePlatform;
  let clock: ManualClock;
  const service = () => h.api(h.ctx.config.serviceToken);
  const admin = () => h.api(crew.admin.token);
  const account = async (id: string) => (await h.api(crew.auditor.token).get(`/v1/accounts/${id}`)).body.account;
  const platformView = () => JSON.stringify(platform.store.listAccounts(null, 1000).accounts);
  const direct = async (id: string, status: string) => {
    const res = await fetch(`${platform.url}/admin/accounts/${id}/direct`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status, statusUntil: null }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { version: number };
  };
  /** A refused request: 400 naming exactly these fields, and not a row of Warden's store nor the platform changed. */
  const refusedUnchanged = async (send: () => Promise<{ status: number; body: any }>, fields: string[]) => {
    const before = await snapshot(h.ctx.db, kind);
    const onPlatform = platformView();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(fields);
    expect(await snapshot(h.ctx.db, kind)).toEqual(before);
    expect(platformView()).toBe(onPlatform);
    return res.body.error.fields as { path: string; message: string }[];
  };

  beforeAll(async () => {
    world = await makeWorld(kind, { accounts: 5 });
    ({ h, crew, platform, clock } = world);
  });
  afterAll(() => world?.close());

  it("refuses an import that changes an existing account's tier: 400 naming the field, nothing written", async () => {
    const fields = await refusedUnchanged(
      () =>
        service().post('/v1/accounts/import', {
          accounts: [
            { id: 'acct_fresh', handle: 'fresh', followers: 10 },
            { id: 'acct_vip', handle: 'head_of_state', displayName: 'President Avery Quill', followers: 40_000_000, tier: 'standard' },
          ],
        }),
      ['accounts.1.tier'],
    );
    expect(fields[0]!.message).toMatch(/critical.*only through an approved set_tier/);
    // an admin's token is no different, nor is raising a tier
    await refusedUnchanged(() => admin().post('/v1/accounts/import', { accounts: [{ id: 'acct_vip', handle: 'head_of_state', followers: 40_000_000, tier: 'elevated' }] }), ['accounts.0.tier']);
    await refusedUnchanged(() => admin().post('/v1/accounts/import', { accounts: [{ id: 'acct_0001', handle: 'user1', followers: 200, tier: 'critical' }] }), ['accounts.0.tier']);
    expect((await h.api(crew.auditor.token).get('/v1/accounts/acct_fresh')).status).toBe(404);
    expect(await account('acct_vip')).toMatchObject({ tier: 'critical', status: 'active' });

    // the tier it already has is no change: the descriptive fields are updated
    const same = await service().post('/v1/accounts/import', { accounts: [{ id: 'acct_vip', handle: 'head_of_state', displayName: 'President A. Quill', followers: 40_000_000, verified: true, tier: 'critical' }] });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ updated: 1, tierChanges: 0 });
    expect(await account('acct_vip')).toMatchObject({ tier: 'critical', displayName: 'President A. Quill' });
  });

  it('never adopts a status an import or a sync gives for an existing account, of any tier', async () => {
    const onPlatform = platformView();
    const res = await service().post('/v1/accounts/import', {
      accounts: [
        { id: 'acct_press', handle: 'daily_reporter', displayName: 'A Journalist', followers: 800_000, verified: true, status: 'deactivated' },
        { id: 'acct_0002', handle: 'user2', displayName: 'User 2', followers: 300, status: 'suspended', statusUntil: clock.now() + 86_400_000 },
        { id: 'acct_0003', handle: 'user3', displayName: 'User 3 renamed', followers: 400 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated: 1, unchanged: 2, statusChanges: 0, statusesNotAdopted: 2 });
    expect(await account('acct_press')).toMatchObject({ status: 'active', statusUntil: null });
    expect(await account('acct_0002')).toMatchObject({ status: 'active', statusUntil: null });
    expect(await account('acct_0003')).toMatchObject({ status: 'active', displayName: 'User 3 renamed' });
    const history = (await h.api(crew.auditor.token).get('/v1/accounts/acct_0002/history')).body.history as { field: string }[];
    expect(history.filter((e) => e.field === 'status')).toHaveLength(1); // the creation only
    expect(platformView()).toBe(onPlatform);

    // the platform's own view, pulled by a sync with an admin's token: counted, not adopted
    await direct('acct_0004', 'locked');
    await platform.webhooks.idle();
    const synced = await admin().post('/v1/accounts/sync');
    expect(synced.status).toBe(200);
    expect(synced.body.statusesNotAdopted).toBeGreaterThanOrEqual(1);
    expect(await account('acct_0004')).toMatchObject({ status: 'active' });
  });

  it('refuses a new protected account that arrives other than active; a new standard one may arrive in any status', async () => {
    const fields = await refusedUnchanged(
      () =>
        service().post('/v1/accounts/import', {
          accounts: [
            { id: 'acct_new_plain', handle: 'plain', followers: 5, status: 'deactivated' },
            { id: 'acct_new_vip', handle: 'new_vip', followers: 9_000_000, tier: 'critical', status: 'deactivated' },
          ],
        }),
      ['accounts.1.status'],
    );
    expect(fields[0]!.message).toMatch(/status is set only by actions/);
    await refusedUnchanged(() => admin().post('/v1/accounts/import', { accounts: [{ id: 'acct_new_vip', handle: 'new_vip', followers: 9, tier: 'elevated', status: 'suspended', statusUntil: clock.now() + 3_600_000 }] }), ['accounts.0.status']);
    await refusedUnchanged(() => admin().post('/v1/accounts/import', { accounts: [{ id: 'acct_new_vip', handle: 'new_vip', followers: 9, tier: 'elevated', statusUntil: clock.now() + 3_600_000 }] }), ['accounts.0.statusUntil']);

    const created = await service().post('/v1/accounts/import', {
      accounts: [
        { id: 'acct_new_plain', handle: 'plain', followers: 5, status: 'deactivated' },
        { id: 'acct_new_vip', handle: 'new_vip', followers: 9, tier: 'critical' },
      ],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ created: 2, tierChanges: 1 });
    expect(await account('acct_new_plain')).toMatchObject({ tier: 'standard', status: 'deactivated' });
    expect(await account('acct_new_vip')).toMatchObject({ tier: 'critical', status: 'active' });
  });

  it('never defends a status no executed action set: a deactivation written into the store is not pushed to the platform', async () => {
    // a status that reached Warden's row some other way than an action (an old import, a direct write)
    await h.ctx.db.updateTable('accounts').set({ status: 'deactivated' }).where('id', '=', 'acct_vip').execute();
    const onPlatform = platform.store.getAccount('acct_vip')!;
    expect(onPlatform.status).toBe('active');
    // an authorized warn carries the status it found into its result; it sets none, so it does not launder that one
    const warn = await h.api(crew.lead.token).post('/v1/actions', { kind: 'warn', targetId: 'acct_vip', reasonCode: 'spam', justification: JUST });
    expect(warn.body.action).toMatchObject({ state: 'executed', resultState: { status: 'deactivated' } });
    await createDispatcher(h.ctx).runOnce();
    expect((await h.api(crew.lead.token).get(`/v1/actions/${warn.body.action.id}`)).body.action.state).toBe('delivered');

    // a reconciliation pass sees the platform active: that is what Warden defends, nothing to revert
    const pass = await reconcileOnce(h.ctx);
    expect(pass.drifts.filter((d) => d.accountId === 'acct_vip')).toEqual([]);
    // nor does a webhook showing it active (a direct change that leaves it active)
    const touched = await direct('acct_vip', 'active');
    await platform.webhooks.idle();
    await reconcileOnce(h.ctx);
    expect(platform.store.getAccount('acct_vip')).toMatchObject({ status: 'active', version: touched.version });
    expect(await h.ctx.tripwires.list(h.ctx.db, { accountId: 'acct_vip' })).toEqual([]);
    // Warden sent the platform the warn, and nothing that darkens it
    expect(platform.store.eventsOf('acct_vip').filter((e) => e.source === 'admin_api').map((e) => e.after.status)).toEqual(['active']);

    // a change on the platform to deactivated is reverted to active, by webhook ...
    const darkened = await direct('acct_vip', 'deactivated');
    const drift = await until('the drift to be settled', async () => {
      const [d] = await h.ctx.tripwires.list(h.ctx.db, { accountId: 'acct_vip' });
      return d && d.state !== 'detected' && d;
    });
    expect(platform.store.getAccount('acct_vip')).toMatchObject({ status: 'active' });
    expect(drift).toMatchObject({ state: 'reverted', platformVersion: darkened.version, expected: { status: 'active', statusUntil: null } });

    // ... and by reconciliation, when no webhook came
    const hook = h.server.url + PLATFORM_WEBHOOK_PATH;
    platform.webhooks.unsubscribe(hook);
    try {
      await h.ctx.db.updateTable('accounts').set({ status: 'deactivated' }).where('id', '=', 'acct_press').execute();
      const missed = await direct('acct_press', 'deactivated');
      const r = await reconcileOnce(h.ctx);
      expect(r.drifts).toEqual([expect.objectContaining({ accountId: 'acct_press', state: 'reverted', version: missed.version })]);
      expect(platform.store.getAccount('acct_press')!.status).toBe('active');
    } finally {
      platform.webhooks.subscribe(hook);
    }
  });

  it("keeps a protected account's peak reach: a dropped count is audited and does not lower the blast-radius budget", async () => {
    const created = await service().post('/v1/accounts/import', { accounts: [{ id: 'acct_star', handle: 'star', followers: 6_000_000, verified: true, tier: 'elevated' }] });
    expect(created.status).toBe(200);
    platform.store.upsertAccounts([{ id: 'acct_star', handle: 'star', displayName: 'Star', followers: 6_000_000, verified: true }], clock.now());

    // an import drops the count, and so does the platform (pulled by a sync): the peak stays
    const dropped = await service().post('/v1/accounts/import', { accounts: [{ id: 'acct_star', handle: 'star', followers: 2_000_000, verified: true }] });
    expect(dropped.body).toMatchObject({ updated: 1, reachFalls: 1 });
    platform.store.upsertAccounts([{ id: 'acct_star', handle: 'star', displayName: 'Star', followers: 100, verified: true }], clock.now());
    expect((await admin().post('/v1/accounts/sync')).status).toBe(200);
    expect(await account('acct_star')).toMatchObject({ followers: 100, followersPeak: 6_000_000 });
    const fell = (await auditByAction(h.ctx.db, 'account.reach_fell')).filter((e) => e.subject.id === 'acct_star');
    expect(fell).toHaveLength(1); // audited when it crossed below half the peak, not again on every import
    expect(fell[0]).toMatchObject({ before: { followers: 6_000_000, followersPeak: 6_000_000 }, after: { followers: 2_000_000, followersPeak: 6_000_000 } });

    // the policy reads the peak: a lead's limit on it counts 6,000,000 against the hourly budget ...
    const first = await h.api(crew.lead.token).post('/v1/actions', { kind: 'limit', targetId: 'acct_star', reasonCode: 'spam', justification: JUST });
    expect(first.status).toBe(201);
    expect(first.body.action.followers).toBe(6_000_000);
    // ... so the next action of that lead, on a small standard account, is past the budget and waits for an approval
    const next = await h.api(crew.lead.token).post('/v1/actions', { kind: 'limit', targetId: 'acct_0001', reasonCode: 'spam', justification: JUST });
    expect(next.status).toBe(201);
    expect(next.body.action.state).toBe('awaiting_approval');
    const why = (await h.api(crew.lead.token).get(`/v1/actions/${next.body.action.id}`)).body.now;
    expect(why.execute.rules.map((r: { id: string }) => r.id)).toContain('blast-radius');
  });

  it('refuses the same through `warden accounts import`: the file is checked against the store, nothing written', async () => {
    const file = join(dir, `import-${kind}.jsonl`);
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'acct_cli_new', handle: 'cli_new', followers: 1 }),
        JSON.stringify({ id: 'acct_vip', handle: 'head_of_state', followers: 40_000_000, tier: 'standard' }),
        JSON.stringify({ id: 'acct_cli_vip', handle: 'cli_vip', followers: 1, tier: 'critical', status: 'locked' }),
      ].join('\n'),
    );
    const before = await snapshot(h.ctx.db, kind);
    await expect(importAccountsFile(h.ctx, SYSTEM, file, false)).rejects.toThrow(/line 2: account\.tier: .*set_tier[\s\S]*line 3: account\.status/);
    expect(await snapshot(h.ctx.db, kind)).toEqual(before);
    expect(await account('acct_vip')).toMatchObject({ tier: 'critical' });

    // and a status in the file is not adopted either
    writeFileSync(file, JSON.stringify({ id: 'acct_0000', handle: 'user0', displayName: 'User 0', followers: 100, status: 'deactivated' }));
    expect(await importAccountsFile(h.ctx, SYSTEM, file, false)).toMatchObject({ statusesNotAdopted: 1, statusChanges: 0 });
    expect(await account('acct_0000')).toMatchObject({ status: 'active' });
  });
});
