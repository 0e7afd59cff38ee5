/**
 * What becomes of executed actions on their way to the platform (issue 11,
 * item 7), end to end through the API on both stores, with the reference
 * platform as a real service on loopback: a suspension whose end passed while
 * it waited lapses instead of failing, and its restore follows it; a late
 * signed webhook for a version before Warden's last delivery is no drift; an
 * outage is alerted once with what is queued, shown in /readyz and /metrics,
 * and its end is told; recording a delivery keeps the store's lock order, so
 * it waits for an execution on the same account instead of deadlocking with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockAccount } from '../src/accounts/lock.js';
import { SYSTEM } from '../src/audit/model.js';
import { PLATFORM_WEBHOOK_PATH } from '../src/http/routes/tripwires.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import type { Observation } from '../src/tripwires/model.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { runSchedulerOnce } from '../src/workers/scheduler.js';
import { auditByAction, uncatalogued } from './support/db.js';
import { type ApiHarness, STORES, makeApiHarness } from './support/harness.js';
import { type Crew, seedAccounts, seedCrew } from './support/seed.js';
import { makeWorld, until } from './support/world.js';

const ADMIN = 'outcomes-test-admin';
const SECRET = 'whsec_dGVzdC1zZWNyZXQtZm9yLW91dGNvbWVz';
const JUST = 'bulk spam from a bot network, many reports';

describe.each(STORES)('delivery outcomes on %s', (kind) => {
  let platform: RunningReferencePlatform;
  let h: ApiHarness;
  let crew: Crew;
  let dir: string;
  let port: number;

  const startPlatform = async () => {
    // the platform keeps Warden's (test) time: a suspension's end has passed for both or for neither
    platform = await startReferencePlatform({ port, dbPath: join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: SECRET, now: () => h.clock.now() });
  };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-outcomes-'));
    port = 0;
    await startPlatform();
    port = Number(new URL(platform.url).port);
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 2000 });
    h = await makeApiHarness(kind, {}, { platform: adapter });
    crew = await seedCrew(h.ctx);
    const accounts = await seedAccounts(h.ctx, 8);
    platform.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), h.clock.now());
  });
  afterEach(async () => {
    await h.cleanup();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setDown = (down: boolean) =>
    fetch(`${platform.url}/admin/fault`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ down }) });
  const execute = async (body: Record<string, unknown>) => {
    const res = await h.api(crew.lead.token).post('/v1/actions', { reasonCode: 'spam', justification: JUST, ...body });
    expect(res.body.action?.state, JSON.stringify(res.body)).toBe('executed');
    return res.body.action.id as string;
  };
  const sighting = (accountId: string): Observation => {
    const a = platform.store.getAccount(accountId)!;
    return { accountId, status: a.status, statusUntil: a.statusUntil, version: a.version, changedAt: a.updatedAt, via: 'reconciliation', evidence: { source: 'test' } };
  };
  const alertsOf = async (k: string) => (await h.ctx.alerts.list(h.ctx.db)).filter((a) => a.kind === k);

  it('a suspension whose end passed before its turn lapses: refused by the platform (which never had it), audited, its restore delivered after it, no drift', async () => {
    await setDown(true);
    const id = await execute({ kind: 'suspend', targetId: 'acct_0004', durationMs: 60_000 });
    const d = createDispatcher(h.ctx);
    await d.runOnce();
    // the outage outlasts the suspension
    h.clock.advance(61_000);
    await setDown(false);
    await d.runOnce();

    expect((await h.ctx.actions.get(h.ctx.db, id)).state).toBe('lapsed');
    const lapsed = (await auditByAction(h.ctx.db, 'action.lapsed')).filter((e) => e.subject.id === id);
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]!.reason).toMatch(/the suspension ended at .* before it could be delivered/);
    expect(await alertsOf('delivery_failed')).toEqual([]);
    expect(platform.store.eventsOf('acct_0004')).toEqual([]);
    // the platform never had it: the state from before it is what Warden expects there
    expect(await h.ctx.tripwires.observe([sighting('acct_0004')])).toEqual([]);

    // the scheduler ends the suspension as usual; its restore reaches the platform after it
    const run = await runSchedulerOnce(h.ctx);
    expect(run.executed).toHaveLength(1);
    await d.runOnce();
    expect((await h.ctx.actions.get(h.ctx.db, run.executed[0]!)).state).toBe('delivered');
    expect((await h.ctx.accounts.get(h.ctx.db, 'acct_0004')).status).toBe('active');
    expect(platform.store.getAccount('acct_0004')!.status).toBe('active');
    expect(await h.ctx.tripwires.observe([sighting('acct_0004')])).toEqual([]);
    expect(await h.ctx.tripwires.list(h.ctx.db, { accountId: 'acct_0004' })).toEqual([]);
  });

  it('recording a delivery waits for an execution holding its account, and never deadlocks with it (the store lock order)', async () => {
    const id = await execute({ kind: 'lock', targetId: 'acct_0003' });
    const d = createDispatcher(h.ctx);
    let delivering: ReturnType<typeof d.runOnce> | undefined;
    // an execution on the same account, between taking the account's row and appending its audit entry
    await h.ctx.transaction(async (tx) => {
      await lockAccount(tx, 'acct_0003');
      delivering = d.runOnce();
      if (kind === 'postgres') {
        // the delivery is sent and its recording waits on a lock this transaction holds
        await until('the delivery waits on a lock', async () => {
          const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = current_setting('application_name') and wait_event_type = 'Lock'`.execute(h.ctx.db);
          return r.rows[0]!.n > 0;
        }, 15_000);
      } else {
        await sleep(300); // SQLite: the dispatcher waits for the store's write lock
      }
      await uncatalogued(h.ctx).append(tx, { actor: SYSTEM, action: 'test.execution_holding_the_account', subject: { type: 'account', id: 'acct_0003' } });
    });
    const r = await delivering!;
    // the action, and the notice to its owner
    expect(r).toMatchObject({ sent: 2, retried: 0, dead: 0 });
    expect((await h.ctx.actions.get(h.ctx.db, id)).state).toBe('delivered');
    const rows = await h.ctx.db.selectFrom('outbox').select(['state', 'last_error']).where('idempotency_key', '=', id).execute();
    expect(rows).toEqual([{ state: 'done', last_error: null }]);
    expect((await h.ctx.audit.verifyChain(h.ctx.db)).problems).toEqual([]);
  });

  it('an outage is alerted once with what is queued, said in /readyz and /metrics, and its end is told', async () => {
    const ids = [await execute({ kind: 'deactivate', targetId: 'acct_0005' }), await execute({ kind: 'lock', targetId: 'acct_0006' }), await execute({ kind: 'limit', targetId: 'acct_0007' })];
    const d = createDispatcher(h.ctx);
    const readyz = async () => {
      const res = await fetch(`${h.server.url}/readyz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const gauge = async (name: string) => {
      const text = await (await fetch(`${h.server.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line === undefined ? undefined : Number(line.split(' ')[1]);
    };

    // failing: 503s. The first failures are a blip, not yet an outage
    await setDown(true);
    await d.runOnce();
    expect(await alertsOf('platform_unreachable')).toEqual([]);
    expect((await readyz()).body).toMatchObject({ ok: true, platform: 'reachable', queued: 3 });

    // failing past delivery.outageAfterMs: one alert, with the backlog
    h.clock.advance(h.ctx.config.delivery.outageAfterMs + 1_000);
    await d.runOnce();
    const [outage, ...more] = await alertsOf('platform_unreachable');
    expect(more).toEqual([]);
    expect(outage).toMatchObject({ severity: 'critical', subject: { type: 'platform', id: 'platform' }, details: expect.objectContaining({ queued: 3 }) });
    expect(outage!.summary).toMatch(/platform is unreachable.*3 actions queued/);

    // then gone altogether (connections refused), for minutes: still that one alert
    await platform.close();
    for (let minute = 0; minute < 3; minute++) {
      h.clock.advance(60_000);
      await d.runOnce();
    }
    expect(await alertsOf('platform_unreachable')).toHaveLength(1);
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true, degraded: true, platform: 'unreachable', queued: 3 });
    expect(ready.body.detail).toMatch(/^platform: unreachable since \d{4}-.*, queued: 3$/);
    expect(await gauge('warden_platform_reachable')).toBe(0);
    expect(await gauge('warden_outbox_platform_actions_queued')).toBe(3);
    expect(await gauge('warden_outbox_oldest_queued_age_seconds')).toBeGreaterThan(180);
    for (const id of ids) expect((await h.ctx.actions.get(h.ctx.db, id)).state).toBe('executed');

    // back: everything is delivered, and the end of the outage is told once
    await startPlatform();
    h.clock.advance(120_000);
    await d.runOnce();
    for (const id of ids) expect((await h.ctx.actions.get(h.ctx.db, id)).state).toBe('delivered');
    const [back, ...again] = await alertsOf('platform_reachable');
    expect(again).toEqual([]);
    expect(back).toMatchObject({ severity: 'info', details: expect.objectContaining({ outageAlertId: outage!.id }) });
    expect(await alertsOf('platform_unreachable')).toHaveLength(1);
    expect(await alertsOf('delivery_failed')).toEqual([]);
    expect((await readyz()).body).toMatchObject({ ok: true, platform: 'reachable', queued: 0 });
    expect(await gauge('warden_platform_reachable')).toBe(1);
    expect(await gauge('warden_outbox_platform_actions_queued')).toBe(0);
  });
});

/** Holds the platform's signed webhooks and forwards them untouched, when told: a late delivery. */
async function startHoldingRelay(target: string) {
  const held: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      held.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = 200;
      res.end('held');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    held,
    async release(): Promise<number[]> {
      const statuses: number[] = [];
      for (const m of held.splice(0)) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        for (const k of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) headers[k] = String(m.headers[k]);
        const res = await fetch(target, { method: 'POST', headers, body: m.body });
        await res.body?.cancel();
        statuses.push(res.status);
      }
      return statuses;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(STORES)('late platform webhooks on %s', (kind) => {
  it('a signed webhook for a version before the last delivery arrives late: stale, no drift, no alert', async () => {
    const w = await makeWorld(kind);
    const relay = await startHoldingRelay(w.h.server.url + PLATFORM_WEBHOOK_PATH);
    try {
      w.platform.webhooks.unsubscribe(w.h.server.url + PLATFORM_WEBHOOK_PATH);
      w.platform.webhooks.subscribe(relay.url);
      const d = createDispatcher(w.h.ctx);
      const api = w.h.api(w.crew.lead.token);

      const suspend = await api.post('/v1/actions', { kind: 'suspend', targetId: 'acct_0001', reasonCode: 'spam', justification: JUST, durationMs: 3_600_000 });
      expect(suspend.body.action.state).toBe('executed');
      await d.runOnce();
      await until('the suspension webhook', () => relay.held.length >= 1);
      const restore = await api.post('/v1/actions', { kind: 'restore', targetId: 'acct_0001', reasonCode: 'error_correction', justification: 'wrong account, lifted' });
      expect(restore.body.action.state).toBe('executed');
      await d.runOnce();
      await until('the restore webhook', () => relay.held.length >= 2);
      expect((await w.h.ctx.actions.get(w.h.ctx.db, restore.body.action.id)).state).toBe('delivered');
      // the version the restore's delivery returned is Warden's now
      expect((await w.h.ctx.accounts.get(w.h.ctx.db, 'acct_0001')).platformVersion).toBe(w.platform.store.getAccount('acct_0001')!.version);

      // both arrive now, the suspension's first: it shows `suspended`, which Warden no longer expects
      expect(await relay.release()).toEqual([200, 200]);
      expect(await w.h.ctx.tripwires.list(w.h.ctx.db, { accountId: 'acct_0001' })).toEqual([]);
      expect((await w.h.ctx.alerts.list(w.h.ctx.db)).filter((a) => a.kind === 'unauthorized_change')).toEqual([]);
      expect(w.platform.store.getAccount('acct_0001')!.status).toBe('active');
    } finally {
      await relay.close();
      await w.close();
    }
  });
});
