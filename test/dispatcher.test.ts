/**
 * The outbox dispatcher against the reference platform over real HTTP on
 * loopback, on both stores: delivered once, through outages, across a crash
 * between applying and recording, with a spent retry budget, with several
 * dispatchers at once, and in order per account.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertService } from '../src/alerts/service.js';
import { SYSTEM } from '../src/audit/model.js';
import type { AppContext } from '../src/context.js';
import type { Db } from '../src/db/database.js';
import type { OutboxRow } from '../src/db/schema.js';
import { PlatformUnavailableError, type PlatformActionKind, type PlatformActionResult, type PlatformAdapter } from '../src/platform/adapter.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { enqueue, type PlatformActionPayload } from '../src/platform/outbox.js';
import { startReferencePlatform, type RunningReferencePlatform } from '../src/platform/reference/server.js';
import type { OutboxHandler } from '../src/platform/outbox.js';
import { OutboxDispatcher } from '../src/workers/dispatcher.js';
import { type RetryPolicy, backoffDelay } from '../src/workers/retry.js';
import { auditByAction, uncatalogued } from './support/db.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';

const ADMIN_TOKEN = 'test-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'warden-dispatcher-'));
let platformCount = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 20 };
const LOCK_MS = 30_000;

const accountIds = (n: number) => Array.from({ length: n }, (_, i) => `acct_${String(i).padStart(4, '0')}`);

/** What the handler saw: sends per key, and each onDone / onGiveUp. */
interface Record_ {
  sends: Map<string, number>;
  results: PlatformActionResult[];
  done: number[];
  gaveUp: { id: number; error: string }[];
}

const newRecord = (): Record_ => ({ sends: new Map(), results: [], done: [], gaveUp: [] });

/**
 * The platform_action handler the actions service will install, reduced to
 * what the dispatcher relies on. Its bookkeeping writes an audit entry in the
 * dispatcher's transaction, so "ran once" is checked in the store too.
 */
function platformHandler(
  ctx: AppContext,
  adapter: PlatformAdapter,
  rec: Record_,
  send?: (payload: PlatformActionPayload, key: string) => Promise<PlatformActionResult>,
): OutboxHandler<'platform_action'> {
  return {
    async send(payload, key) {
      rec.sends.set(key, (rec.sends.get(key) ?? 0) + 1);
      const result = await (send ? send(payload, key) : adapter.applyAction(payload.request, key));
      rec.results.push(result);
      return result;
    },
    async onDone(tx: Db, row, result) {
      rec.done.push(row.id);
      await uncatalogued(ctx).append(tx, {
        actor: SYSTEM,
        action: 'test.delivered',
        subject: { type: 'action', id: row.payload.actionId },
        after: { applied: (result as PlatformActionResult).applied, attempts: row.attempts },
      });
    },
    async onGiveUp(_tx, row, error) {
      rec.gaveUp.push({ id: row.id, error });
    },
    describe: (p) => ({ subject: { type: 'action', id: p.actionId }, summary: `action ${p.actionId} (${p.request.kind} ${p.request.accountId})` }),
  };
}

describe.each(STORES)('outbox dispatcher on %s', (kind) => {
  let h: Harness;
  let platform: RunningReferencePlatform;
  let adapter: HttpPlatformAdapter;
  let alerts: AlertService;
  const started: OutboxDispatcher[] = [];
  let dispatchers = 0;

  beforeEach(async () => {
    h = await makeHarness(kind);
    platform = await startReferencePlatform({
      port: 0,
      dbPath: join(dir, `platform-${kind}-${++platformCount}.db`),
      adminToken: ADMIN_TOKEN,
      webhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
    });
    platform.store.upsertAccounts(
      accountIds(200).map((id, i) => ({ id, handle: `user${i}`, displayName: `User ${i}`, followers: 10 * i, verified: false })),
      Date.now(),
    );
    adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN_TOKEN, timeoutMs: 5_000 });
    alerts = new AlertService(h.ctx.audit, h.clock);
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((d) => d.stop()));
    await platform.close();
    await h.cleanup();
  });

  const dispatcher = (ctx: AppContext, handlers: ConstructorParameters<typeof OutboxDispatcher>[0]['handlers'], extra: Partial<ConstructorParameters<typeof OutboxDispatcher>[0]> = {}) =>
    new OutboxDispatcher({
      db: ctx.db,
      dialect: ctx.store.dialect,
      clock: ctx.clock,
      logger: ctx.logger,
      workerId: `test-${++dispatchers}`,
      handlers,
      retry: RETRY,
      lockMs: LOCK_MS,
      alerts: new AlertService(ctx.audit, ctx.clock),
      ...extra,
    });

  const enqueueAction = (actionId: string, accountId: string, actionKind: PlatformActionKind = 'deactivate', extra: Partial<PlatformActionPayload['request']> = {}) =>
    h.ctx.transaction((tx) =>
      enqueue(tx, h.clock.now(), {
        kind: 'platform_action',
        key: `action:${actionId}`,
        payload: { actionId, request: { accountId, kind: actionKind, reason: `test ${actionId}`, ...extra } },
      }),
    );

  const setDown = async (down: boolean) => {
    const res = await fetch(`${platform.url}/admin/fault`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ down }),
    });
    expect(res.status).toBe(200);
  };

  const events = async (accountId: string) => {
    const res = await fetch(`${platform.url}/admin/accounts/${accountId}/events`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { events: { after: { status: string } }[] }).events;
  };

  const outboxRow = (id: number): Promise<OutboxRow> => h.ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('(a) delivers a row once and runs onDone once', async () => {
    const rec = newRecord();
    const d = dispatcher(h.ctx, { platform_action: platformHandler(h.ctx, adapter, rec) });
    const id = await enqueueAction('act_a', 'acct_0001');

    expect(await d.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0, deferred: 0, lapsed: 0 });
    expect(await d.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 });

    expect(rec.sends.get('action:act_a')).toBe(1);
    expect(rec.results.map((r) => r.applied)).toEqual([true]);
    expect(rec.done).toEqual([id]);
    expect(await outboxRow(id)).toMatchObject({ state: 'done', attempts: 1, done_at: h.clock.now(), locked_by: null, locked_until: null });
    expect(await auditByAction(h.ctx.db, 'test.delivered')).toHaveLength(1);
    const evs = await events('acct_0001');
    expect(evs).toHaveLength(1);
    expect(evs[0]!.after.status).toBe('deactivated');
  });

  it('(b) rides out an outage of minutes with backoff, then delivers exactly once', async () => {
    const rec = newRecord();
    const d = dispatcher(h.ctx, { platform_action: platformHandler(h.ctx, adapter, rec) }, { random: () => 0.5 });
    const id = await enqueueAction('act_b', 'acct_0002');
    await setDown(true);

    const start = h.clock.now();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect(await d.runOnce()).toMatchObject({ sent: 0, retried: 1 });
      const row = await outboxRow(id);
      expect(row).toMatchObject({ state: 'pending', attempts: attempt, locked_by: null });
      expect(row.last_error).toMatch(/503/);
      const wait = row.next_attempt_at - h.clock.now();
      waits.push(wait);
      // not due a millisecond early
      h.clock.advance(wait - 1);
      expect(await d.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 });
      h.clock.advance(1);
    }
    // full jitter pinned at one half: half of 1 s, 2 s, 4 s … capped at 60 s
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
    expect(h.clock.now() - start).toBeGreaterThan(30_000);
    expect(platform.store.eventsOf('acct_0002')).toHaveLength(0);

    h.clock.advance(5 * 60_000); // still down for minutes more
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    expect((await outboxRow(id)).next_attempt_at - h.clock.now()).toBe(30_000); // half of min(60 s, 64 s)

    await setDown(false);
    h.clock.advance(60_000);
    expect(await d.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0, deferred: 0, lapsed: 0 });
    expect(await outboxRow(id)).toMatchObject({ state: 'done', attempts: 8 });
    expect(rec.sends.get('action:act_b')).toBe(8);
    expect(rec.done).toEqual([id]);
    expect(await events('acct_0002')).toHaveLength(1);
  });

  it('(c) a failure after the platform applied: the resend is recognised, applied once, finished once', async () => {
    const rec = newRecord();
    let crashes = 1;
    const d = dispatcher(h.ctx, {
      platform_action: platformHandler(h.ctx, adapter, rec, async (payload, key) => {
        const result = await adapter.applyAction(payload.request, key);
        if (crashes-- > 0) throw new PlatformUnavailableError('connection reset after the platform applied');
        return result;
      }),
    });
    const id = await enqueueAction('act_c', 'acct_0003');

    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    expect(await events('acct_0003')).toHaveLength(1);
    expect(rec.done).toEqual([]);

    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(rec.sends.get('action:act_c')).toBe(2);
    // the first send's result never reached us; the resend's says it was already applied
    expect(rec.results.map((r) => r.applied)).toEqual([false]);
    expect(rec.done).toEqual([id]);
    expect((await auditByAction(h.ctx.db, 'test.delivered'))[0]!.after).toEqual({ applied: false, attempts: 2 });
    expect(await events('acct_0003')).toHaveLength(1);
  });

  it('(c2) a dispatcher that stalls past its claim: another takes over, the stalled one cannot finish the row again', async () => {
    const recA = newRecord();
    const recB = newRecord();
    let resume!: () => void;
    const stalled = new Promise<void>((r) => (resume = r));
    let applied!: () => void;
    const appliedOnce = new Promise<void>((r) => (applied = r));
    const a = dispatcher(h.ctx, {
      platform_action: platformHandler(h.ctx, adapter, recA, async (payload, key) => {
        const result = await adapter.applyAction(payload.request, key);
        applied();
        await stalled; // a GC pause, a frozen VM: the process comes back much later
        return result;
      }),
    });
    const other = await h.reopen();
    const b = dispatcher(other, { platform_action: platformHandler(other, adapter, recB) });
    const id = await enqueueAction('act_c2', 'acct_0004');

    const runA = a.runOnce();
    await appliedOnce;
    expect(await b.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 }); // claimed by A
    h.clock.advance(LOCK_MS + 1);
    expect(await b.runOnce()).toMatchObject({ sent: 1 });
    resume();
    expect(await runA).toMatchObject({ sent: 1 });

    expect(recB.results.map((r) => r.applied)).toEqual([false]);
    expect(recB.done).toEqual([id]);
    expect(recA.done).toEqual([]);
    expect(await auditByAction(h.ctx.db, 'test.delivered')).toHaveLength(1);
    expect(await events('acct_0004')).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('(c3) a slow batch renews its claim, so no other dispatcher sends its later rows meanwhile', async () => {
    const rec = newRecord();
    const other = await h.reopen();
    const b = dispatcher(other, { platform_action: platformHandler(other, adapter, newRecord()) });
    const duringLast: unknown[] = [];
    // one send at a time: the rows of a batch longer than the pool wait their turn, as these do
    const a = dispatcher(h.ctx, {
      platform_action: platformHandler(h.ctx, adapter, rec, async (payload, key) => {
        h.clock.advance(0.6 * LOCK_MS); // each send is slow
        if (key === 'action:act_s3') duringLast.push(await b.runOnce());
        return adapter.applyAction(payload.request, key);
      }),
    }, { concurrency: 1 });
    for (const n of [1, 2, 3]) await enqueueAction(`act_s${n}`, `acct_002${n}`);

    expect(await a.runOnce()).toMatchObject({ sent: 3 });
    expect(duringLast).toEqual([{ sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 }]);
    expect([...rec.sends.values()]).toEqual([1, 1, 1]);
    for (const n of [1, 2, 3]) expect(await events(`acct_002${n}`)).toHaveLength(1);
  });

  it('(c4) recording a delivery fails: the row is resent, applied once, and never given up on for it', async () => {
    const rec = newRecord();
    const base = platformHandler(h.ctx, adapter, rec);
    let failures = 2;
    const d = dispatcher(
      h.ctx,
      {
        platform_action: {
          ...base,
          async onDone(tx, row, result) {
            if (failures-- > 0) throw new Error('store hiccup while recording');
            await base.onDone(tx, row, result);
          },
        },
      },
      { retry: { ...RETRY, maxAttempts: 2 } },
    );
    const id = await enqueueAction('act_c4', 'acct_0030');

    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toMatchObject({ retried: 1, dead: 0 }); // over budget, but delivered: keep going
    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(await outboxRow(id)).toMatchObject({ state: 'done', attempts: 3 });
    expect(rec.results.map((r) => r.applied)).toEqual([true, false, false]);
    expect(rec.done).toEqual([id]);
    expect(await alerts.list(h.ctx.db)).toEqual([]);
    expect(await events('acct_0030')).toHaveLength(1);
  });

  it('(d) a spent retry budget: the row goes dead, onGiveUp runs, an alert is raised and queued', async () => {
    const rec = newRecord();
    const d = dispatcher(h.ctx, { platform_action: platformHandler(h.ctx, adapter, rec) }, { retry: { ...RETRY, maxAttempts: 3 } });
    const id = await enqueueAction('act_d', 'acct_0005');
    await setDown(true);

    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toMatchObject({ dead: 1, retried: 0 });
    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 });

    const row = await outboxRow(id);
    expect(row).toMatchObject({ state: 'dead', attempts: 3, locked_by: null, done_at: null });
    expect(row.last_error).toMatch(/503/);
    expect(rec.gaveUp).toEqual([{ id, error: row.last_error }]);
    expect(rec.done).toEqual([]);

    const raised = await alerts.list(h.ctx.db, { unacknowledged: true });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      kind: 'delivery_failed',
      severity: 'critical',
      subject: { type: 'action', id: 'act_d' },
      details: { outboxId: id, outboxKind: 'platform_action', key: 'action:act_d', attempts: 3, permanent: false },
    });
    expect(raised[0]!.summary).toMatch(/^action act_d \(deactivate acct_0005\) was not delivered: failed 3 times: .*503/);
    const alertRow = await h.ctx.db.selectFrom('outbox').selectAll().where('kind', '=', 'alert').executeTakeFirstOrThrow();
    expect(alertRow).toMatchObject({ idempotency_key: `alert:${raised[0]!.id}`, state: 'pending' });
    expect(await auditByAction(h.ctx.db, 'alert.raised')).toHaveLength(1);
    await setDown(false);
    expect(await events('acct_0005')).toHaveLength(0);

    // the alert row goes out through the alert handler; with no channel it is logged and done
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (s: string) => lines.push(s) });
    const ad = dispatcher(h.ctx, { alert: alerts.deliveryHandler([], logger) });
    expect(await ad.runOnce()).toMatchObject({ sent: 1 });
    expect((await outboxRow(alertRow.id)).state).toBe('done');
    const warned = lines.map((l) => JSON.parse(l) as { msg: string; summary: string });
    expect(warned).toEqual([expect.objectContaining({ msg: 'no alert channel configured', summary: raised[0]!.summary })]);
  });

  it('(e) three dispatchers over one store send each of 200 rows exactly once', async () => {
    const contexts = [h.ctx, await h.reopen(), await h.reopen()];
    const rec = newRecord();
    const ds = contexts.map((ctx) => dispatcher(ctx, { platform_action: platformHandler(ctx, adapter, rec) }));
    const ids = accountIds(200);
    await h.ctx.transaction(async (tx) => {
      for (const [i, accountId] of ids.entries()) {
        await enqueue(tx, h.clock.now(), {
          kind: 'platform_action',
          key: `action:act_e${i}`,
          payload: { actionId: `act_e${i}`, request: { accountId, kind: 'lock', reason: 'concurrency' } },
        });
      }
    });

    const perDispatcher = [0, 0, 0];
    for (let round = 0; round < 50; round++) {
      const results = await Promise.all(ds.map((d) => d.runOnce(15)));
      results.forEach((r, i) => (perDispatcher[i]! += r.sent));
      const pending = await h.ctx.db.selectFrom('outbox').select('id').where('state', '=', 'pending').execute();
      if (pending.length === 0) break;
    }

    expect(perDispatcher.reduce((a, b) => a + b, 0)).toBe(200);
    expect(rec.sends.size).toBe(200);
    expect([...rec.sends.values()].every((n) => n === 1)).toBe(true);
    expect(rec.results.every((r) => r.applied)).toBe(true);
    expect(rec.done).toHaveLength(200);
    expect(new Set(rec.done).size).toBe(200);
    expect(await auditByAction(h.ctx.db, 'test.delivered')).toHaveLength(200);
    for (const accountId of ids) expect(await events(accountId), accountId).toHaveLength(1);
    if (kind === 'postgres') expect(perDispatcher.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('(f) a permanent rejection goes dead at once, with an alert', async () => {
    const rec = newRecord();
    const d = dispatcher(h.ctx, { platform_action: platformHandler(h.ctx, adapter, rec) });
    const id = await enqueueAction('act_f', 'acct_nobody');

    expect(await d.runOnce()).toEqual({ sent: 0, retried: 0, dead: 1, deferred: 0, lapsed: 0 });
    const row = await outboxRow(id);
    expect(row).toMatchObject({ state: 'dead', attempts: 1 });
    expect(row.last_error).toMatch(/PlatformRejectedError: .*404/);
    expect(rec.sends.get('action:act_f')).toBe(1);
    expect(rec.gaveUp).toHaveLength(1);
    const [alert] = await alerts.list(h.ctx.db);
    expect(alert).toMatchObject({ kind: 'delivery_failed', subject: { type: 'action', id: 'act_f' }, details: { permanent: true, attempts: 1 } });
    expect(alert!.summary).toMatch(/was not delivered: refused: /);
  });

  it('(g) keeps per-account order: a later action waits while an earlier one for the same account is pending', async () => {
    const rec = newRecord();
    const d = dispatcher(h.ctx, { platform_action: platformHandler(h.ctx, adapter, rec) }, { random: () => 0.5 });
    const first = await enqueueAction('act_g1', 'acct_0007', 'suspend', { until: Math.max(Date.now(), h.clock.now()) + 86_400_000 }); // ahead of both clocks
    const second = await enqueueAction('act_g2', 'acct_0007', 'restore', { status: 'active' });
    const elsewhere = await enqueueAction('act_g3', 'acct_0008', 'warn');
    await setDown(true);

    // only the head row of each account is claimed: the restore is not even tried
    expect(await d.runOnce()).toEqual({ sent: 0, retried: 2, dead: 0, deferred: 0, lapsed: 0 });
    expect(rec.sends.has('action:act_g2')).toBe(false);
    expect(await outboxRow(second)).toMatchObject({ attempts: 0, locked_by: null });

    // while the first is in backoff, the restore (due all along) and a row queued meanwhile wait for it
    const third = await enqueueAction('act_g4', 'acct_0007', 'warn');
    expect(await d.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 });
    expect(rec.sends.has('action:act_g2') || rec.sends.has('action:act_g4')).toBe(false);

    await setDown(false);
    h.clock.set((await outboxRow(first)).next_attempt_at);
    for (let i = 0; i < 10 && (await h.ctx.db.selectFrom('outbox').select('id').where('state', '=', 'pending').execute()).length > 0; i++) {
      await d.runOnce();
      h.clock.advance(RETRY.baseMs);
    }
    for (const id of [first, second, third, elsewhere]) expect((await outboxRow(id)).state).toBe('done');
    expect((await events('acct_0007')).map((e) => e.after.status)).toEqual(['suspended', 'active', 'active']);
    expect(rec.done.filter((id) => id !== elsewhere)).toEqual([first, second, third]);
  });

  it('gives up on a row whose payload cannot be read, with an alert', async () => {
    const rec = newRecord();
    const d = dispatcher(h.ctx, { platform_action: platformHandler(h.ctx, adapter, rec) });
    const { id } = await h.ctx.db
      .insertInto('outbox')
      .values({ kind: 'platform_action', idempotency_key: 'action:broken', payload: '{not json', state: 'pending', attempts: 0, created_at: h.clock.now(), next_attempt_at: h.clock.now(), locked_by: null, locked_until: null, last_error: null, done_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await d.runOnce()).toMatchObject({ dead: 1 });
    expect((await outboxRow(id)).last_error).toMatch(/unreadable payload/);
    expect(rec.sends.size).toBe(0);
    expect(await alerts.list(h.ctx.db)).toEqual([expect.objectContaining({ subject: { type: 'outbox', id: String(id) } })]);
  });

  it('leaves rows of kinds it has no handler for', async () => {
    const d = dispatcher(h.ctx, { alert: alerts.deliveryHandler([], h.ctx.logger) });
    const id = await enqueueAction('act_h', 'acct_0009');
    expect(await d.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 });
    expect(await outboxRow(id)).toMatchObject({ state: 'pending', attempts: 0, locked_by: null });
  });

  it('a kick after commit delivers without waiting for the interval; stop waits for the run', async () => {
    const rec = newRecord();
    const d = dispatcher(h.ctx, { platform_action: platformHandler(h.ctx, adapter, rec) });
    const id = await enqueueAction('act_k0', 'acct_0010');
    d.kick(); // not started: a no-op
    await new Promise((r) => setTimeout(r, 50));
    expect((await outboxRow(id)).state).toBe('pending');

    d.start(60_000);
    started.push(d);
    d.kick();
    await vi.waitFor(async () => expect((await outboxRow(id)).state).toBe('done'), { timeout: 5_000, interval: 20 });

    const more = await Promise.all([enqueueAction('act_k1', 'acct_0011'), enqueueAction('act_k2', 'acct_0012')]);
    d.kick();
    d.kick();
    await vi.waitFor(async () => {
      for (const m of more) expect((await outboxRow(m)).state).toBe('done');
    }, { timeout: 5_000, interval: 20 });
    await d.stop();
    expect([...rec.sends.values()]).toEqual([1, 1, 1]);
  });
});

describe('backoff', () => {
  it('grows exponentially under full jitter and is capped', () => {
    const retry = { baseMs: 1000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 7, 8, 30, 1000].map((n) => backoffDelay(n, retry, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 59_999, 59_999, 59_999, 59_999]);
    expect(backoffDelay(5, retry, () => 0)).toBe(0);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(4, retry);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(8000);
    }
  });
});
