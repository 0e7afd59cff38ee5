/**
 * End to end through the API: an executed action reaches the reference
 * platform (real HTTP on loopback) exactly once, even when the platform is
 * down for minutes and Warden restarts in between.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';

const ADMIN = 'delivery-test-admin';

describe.each(STORES)('delivery to the platform on %s', (kind) => {
  let platform: RunningReferencePlatform;
  let h: ApiHarness;
  let crew: Crew;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-delivery-'));
    platform = await startReferencePlatform({ port: 0, dbPath: join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: 'whsec_dGVzdC1zZWNyZXQtZm9yLWRlbGl2ZXJ5' });
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 2000 });
    h = await makeApiHarness(kind, {}, { platform: adapter });
    crew = await seedCrew(h.ctx);
    const accounts = await seedAccounts(h.ctx);
    platform.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), h.clock.now());
  });
  afterEach(async () => {
    await h.cleanup();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setDown = (down: boolean) => fetch(`${platform.url}/admin/fault`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ down }) });

  it('is applied exactly once after a platform outage of minutes spanning a Warden restart', async () => {
    await setDown(true);
    const res = await h.api(crew.lead.token).post('/v1/actions', { kind: 'deactivate', targetId: 'acct_0003', reasonCode: 'spam', justification: 'bulk spam from a bot network' });
    expect(res.body.action.state).toBe('executed');
    const id = res.body.action.id;

    const first = createDispatcher(h.ctx);
    for (let minute = 0; minute < 4; minute++) {
      await first.runOnce();
      h.clock.advance(60_000);
    }
    expect((await h.ctx.actions.get(h.ctx.db, id)).state).toBe('executed');
    const row = await h.ctx.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    expect(row.state).toBe('pending');

    // Warden restarts (a second process on the same store); the platform comes back
    const again = await h.reopen();
    await setDown(false);
    h.clock.advance(10 * 60_000);
    const second = createDispatcher(again);
    await second.runOnce();
    await first.runOnce();
    await second.runOnce();

    const action = await h.ctx.actions.get(h.ctx.db, id);
    expect(action.state).toBe('delivered');
    expect(platform.store.getAccount('acct_0003')!.status).toBe('deactivated');
    expect(platform.store.eventsOf('acct_0003')).toHaveLength(1);
    const delivered = await h.ctx.audit.list(h.ctx.db, { subjectType: 'action', subjectId: id });
    expect(delivered.filter((e) => e.action === 'action.delivered')).toHaveLength(1);

    // a restore goes out after it, to the exact prior state
    const restore = await h.api(crew.lead.token).post('/v1/actions', { kind: 'restore', targetId: 'acct_0003', reasonCode: 'error_correction', justification: 'wrong account' });
    expect(restore.body.action.state).toBe('executed');
    await second.runOnce();
    expect(platform.store.getAccount('acct_0003')!.status).toBe('active');
    expect(platform.store.eventsOf('acct_0003')).toHaveLength(2);
  });
});
