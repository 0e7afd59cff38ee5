/**
 * Delivery under crashes and several dispatchers (issue 11, item 7), on both
 * stores, against the reference platform over real HTTP on loopback:
 * per-account order across every dispatcher (live, dead, or holding a row in
 * backoff), claims that a dead holder frees within seconds and a live one keeps
 * by heartbeat, and refusals retried unless the platform would repeat them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertService } from '../src/alerts/service.js';
import type { AppContext } from '../src/context.js';
import type { OutboxRow } from '../src/db/schema.js';
import { isDeterministicRefusal, type PlatformActionKind } from '../src/platform/adapter.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { type OutboxHandler, type PlatformActionPayload, enqueue } from '../src/platform/outbox.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { OutboxDispatcher } from '../src/workers/dispatcher.js';
import { type Harness, STORES, makeHarness } from './support/harness.js';

const ADMIN_TOKEN = 'order-test-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'warden-delivery-order-'));
let platforms = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RETRY = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 20 };
const LOCK_MS = 30_000;
const ACCOUNTS = ['acct_k', 'acct_x', 'acct_y'];

describe.each(STORES)('delivery order and claims on %s', (kind) => {
  let h: Harness;
  let platform: RunningReferencePlatform;
  let adapter: HttpPlatformAdapter;
  let workers = 0;
  /** what reached the platform, in the order it arrived: "account:kind" */
  let sent: string[];

  beforeEach(async () => {
    platform = await startReferencePlatform({ port: 0, dbPath: join(dir, `p-${kind}-${++platforms}.db`), adminToken: ADMIN_TOKEN, webhookSecret: `whsec_${randomBytes(24).toString('base64')}` });
    platform.store.upsertAccounts(ACCOUNTS.map((id, i) => ({ id, handle: `u${i}`, displayName: `U ${i}`, followers: 1, verified: false })), Date.now());
    adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN_TOKEN, timeoutMs: 5_000 });
    h = await makeHarness(kind, {}, { platform: adapter });
    sent = [];
    platform.store.onChange((e) => sent.push(`${e.accountId}:${e.after.status}`));
  });
  afterEach(async () => {
    await platform.close();
    await h.cleanup();
  });

  /** the platform handler reduced to what ordering needs; `hook` runs as each send starts */
  const handler = (hook?: (p: PlatformActionPayload) => Promise<void> | void): OutboxHandler<'platform_action'> => ({
    async send(p, key) {
      await hook?.(p);
      return adapter.applyAction(p.request, key);
    },
    onDone: async () => {},
    onGiveUp: async () => {},
  });
  const dispatcher = (ctx: AppContext, extra: Partial<ConstructorParameters<typeof OutboxDispatcher>[0]> = {}) =>
    new OutboxDispatcher({
      db: ctx.db, dialect: ctx.store.dialect, clock: ctx.clock, logger: ctx.logger, workerId: `order-${++workers}`,
      handlers: { platform_action: handler() }, retry: RETRY, lockMs: LOCK_MS, alerts: new AlertService(ctx.audit, ctx.clock), random: () => 0.5, ...extra,
    });
  const enqueueAction = (n: number, accountId: string, actionKind: PlatformActionKind) =>
    h.ctx.transaction((tx) => enqueue(tx, h.clock.now(), { kind: 'platform_action', key: `act_${n}`, payload: { actionId: `act_${n}`, request: { accountId, kind: actionKind, reason: `test ${n}` } } }));
  const row = (id: number): Promise<OutboxRow> => h.ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** a claim left by a process that died: nothing will renew or finish it */
  const claimAsDead = (id: number, lockedUntil: number) => h.ctx.db.updateTable('outbox').set({ locked_by: 'dead-process#1', locked_until: lockedUntil }).where('id', '=', id).execute();
  const setFault = async (fault: { down: boolean; latencyMs?: number; refuse?: number }) => {
    const res = await fetch(`${platform.url}/admin/fault`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(fault) });
    expect(res.status).toBe(200);
  };

  it('keeps one account in order across two live dispatchers and a dead one holding an earlier row', async () => {
    const a = dispatcher(h.ctx);
    const b = dispatcher(await h.reopen());
    const first = await enqueueAction(1, 'acct_k', 'lock');
    const second = await enqueueAction(2, 'acct_k', 'deactivate');
    const other = await enqueueAction(3, 'acct_x', 'limit');
    await claimAsDead(first, h.clock.now() + LOCK_MS);

    // neither live dispatcher sends the later row while the dead one holds the earlier
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect(sent).toEqual(['acct_x:limited']);
    expect(await row(second)).toMatchObject({ state: 'pending', attempts: 0 });
    h.clock.advance(LOCK_MS / 2);
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect(sent).toEqual(['acct_x:limited']);

    // the dead claim runs out: the earlier row goes first, then the later one
    h.clock.advance(LOCK_MS / 2 + 1);
    for (let i = 0; i < 4; i++) await Promise.all([a.runOnce(), b.runOnce()]);
    expect(sent).toEqual(['acct_x:limited', 'acct_k:locked', 'acct_k:deactivated']);
    for (const id of [first, second, other]) expect((await row(id)).state).toBe('done');
  });

  it('keeps order when an earlier row of a batch is taken over mid-batch by a dispatcher that then dies', async () => {
    const first = await enqueueAction(1, 'acct_k', 'lock');
    const second = await enqueueAction(2, 'acct_k', 'deactivate');
    const slow = await enqueueAction(3, 'acct_x', 'limit');
    // the batch is [first?, slow, second?]: while the row for acct_x is being sent, this dispatcher's
    // claim runs out, another takes the earlier acct_k row over and dies holding it
    await h.ctx.db.updateTable('outbox').set({ id: 0 }).where('id', '=', slow).execute();
    const a = dispatcher(h.ctx, {
      concurrency: 1,
      handlers: {
        platform_action: handler(async (p) => {
          if (p.request.accountId !== 'acct_x') return;
          h.clock.advance(LOCK_MS + 1);
          await claimAsDead(first, h.clock.now() + LOCK_MS);
        }),
      },
    });
    await a.runOnce();
    await dispatcher(await h.reopen()).runOnce();
    // the later deactivate never overtakes the lock the dead dispatcher still holds
    expect(sent).toEqual(['acct_x:limited']);
    expect(await row(second)).toMatchObject({ state: 'pending' });

    h.clock.advance(LOCK_MS + 1);
    for (let i = 0; i < 3; i++) await a.runOnce();
    expect(sent).toEqual(['acct_x:limited', 'acct_k:locked', 'acct_k:deactivated']);
  });

  it('a row in backoff holds back the later rows of its account, whoever claims', async () => {
    const a = dispatcher(h.ctx);
    const b = dispatcher(await h.reopen());
    await setFault({ down: true });
    const first = await enqueueAction(1, 'acct_k', 'lock');
    expect(await a.runOnce()).toMatchObject({ retried: 1 });
    await setFault({ down: false });
    const second = await enqueueAction(2, 'acct_k', 'deactivate');
    expect(await b.runOnce()).toMatchObject({ sent: 0 });
    expect(sent).toEqual([]);
    h.clock.set((await row(first)).next_attempt_at);
    for (let i = 0; i < 3; i++) await b.runOnce();
    expect(sent).toEqual(['acct_k:locked', 'acct_k:deactivated']);
    expect((await row(second)).state).toBe('done');
  });

  it("a crashed process's claim is taken up by another within seconds (the configured lock)", async () => {
    expect(h.ctx.config.delivery.lockMs).toBe(10_000);
    expect(h.ctx.config.platform.timeoutMs).toBeLessThan(h.ctx.config.delivery.lockMs);
    const id = await enqueueAction(1, 'acct_k', 'lock');
    // the first process claims the row, its send hangs, and it is never heard from again
    await setFault({ down: false, latencyMs: 4_000 }); // long enough that a loaded machine claims and takes over before it answers, short of the adapter's 5 s timeout
    // as a Warden process configures its dispatcher (src/workers/delivery.ts)
    const crashed = dispatcher(h.ctx, { lockMs: h.ctx.config.delivery.lockMs });
    const hung = crashed.runOnce();
    const claimed = await (async () => {
      for (let i = 0; i < 200; i++) {
        const r = await row(id);
        if (r.locked_by !== null) return r;
        await sleep(10);
      }
      throw new Error('never claimed');
    })();
    expect(claimed.locked_until).toBe(h.clock.now() + 10_000);

    h.clock.advance(10_001);
    await setFault({ down: false });
    const survivor = dispatcher(await h.reopen(), { lockMs: h.ctx.config.delivery.lockMs });
    expect(await survivor.runOnce()).toMatchObject({ sent: 1 });
    await hung; // its late answer finds the row taken over and finishes nothing
    expect(await row(id)).toMatchObject({ state: 'done' });
    expect(platform.store.eventsOf('acct_k')).toHaveLength(1);
  });

  it('a live dispatcher keeps its claim by heartbeat while a send takes longer than the lock', async () => {
    const lockMs = 300;
    const id = await enqueueAction(1, 'acct_k', 'lock');
    await setFault({ down: false, latencyMs: 1_200 });
    const a = dispatcher(h.ctx, { lockMs });
    const b = dispatcher(await h.reopen(), { lockMs });
    const running = a.runOnce();
    // time passes for both at the pace of the wall clock, four locks' worth during the one send
    const ticking = setInterval(() => h.clock.advance(50), 50);
    try {
      await sleep(900);
      expect(await b.runOnce()).toMatchObject({ sent: 0, retried: 0 });
      expect(await running).toMatchObject({ sent: 1 });
    } finally {
      clearInterval(ticking);
    }
    expect(await row(id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(platform.store.eventsOf('acct_k')).toHaveLength(1);
  });

  it('retries a refusal the platform might not repeat; gives up at once only on a deterministic one', async () => {
    const alerts = new AlertService(h.ctx.audit, h.clock);
    const d = dispatcher(h.ctx);
    const conflicted = await enqueueAction(1, 'acct_k', 'lock');
    await setFault({ down: false, refuse: 409 });
    expect(await d.runOnce()).toMatchObject({ retried: 1, dead: 0 });
    await setFault({ down: false, refuse: 401 });
    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toMatchObject({ retried: 1, dead: 0 });
    expect(await row(conflicted)).toMatchObject({ state: 'pending', attempts: 2 });
    await setFault({ down: false });
    h.clock.advance(RETRY.maxMs);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(await alerts.list(h.ctx.db)).toEqual([]);

    const invalid = await enqueueAction(2, 'acct_x', 'lock');
    await setFault({ down: false, refuse: 400 });
    expect(await d.runOnce()).toMatchObject({ dead: 1 });
    expect((await row(invalid)).state).toBe('dead');
    expect(await alerts.list(h.ctx.db)).toEqual([expect.objectContaining({ kind: 'delivery_failed', details: expect.objectContaining({ permanent: true }) })]);
  });
});

describe('refusal classes', () => {
  it('only validation-like refusals are deterministic', () => {
    for (const s of [400, 404, 410, 413, 414, 415, 422]) expect(isDeterministicRefusal(s), String(s)).toBe(true);
    for (const s of [401, 403, 408, 409, 412, 423, 425, 451]) expect(isDeterministicRefusal(s), String(s)).toBe(false);
  });
});
