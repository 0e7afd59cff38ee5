/**
 * Warden beside the reference platform, each a real service on loopback: the
 * platform's webhooks reach Warden's receiver, Warden's adapter calls the
 * platform, and both share one manual clock (set to real time, since the
 * platform's webhooks are signed with the library's own clock).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import { PLATFORM_WEBHOOK_PATH } from '../../src/http/routes/tripwires.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../../src/platform/reference/server.js';
import type { DispatchResult, OutboxDispatcher } from '../../src/workers/dispatcher.js';
import { type ApiHarness, type StoreKind, makeApiHarness } from './harness.js';
import { type Crew, seedAccounts, seedCrew } from './seed.js';

export interface World {
  h: ApiHarness;
  crew: Crew;
  platform: RunningReferencePlatform;
  clock: ManualClock;
  adminToken: string;
  close(): Promise<void>;
}

/** A crew, `accounts` standard accounts plus the critical and elevated ones, known to both sides at the same versions. */
export async function makeWorld(kind: StoreKind, opts: { accounts?: number; config?: Partial<Config> } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-world-'));
  const clock = new ManualClock(Date.now());
  const adminToken = `world-admin-${randomBytes(8).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const platform = await startReferencePlatform({
    port: 0,
    dbPath: join(dir, 'platform.db'),
    adminToken,
    webhookSecret,
    now: () => clock.now(),
    webhookRetry: { baseDelayMs: 10, maxAttempts: 3 },
  });
  const h = await makeApiHarness(
    kind,
    { platform: { url: platform.url, adminToken, webhookSecret, embedded: false, port: 0, dbPath: ':memory:', timeoutMs: 5_000 }, ...opts.config },
    { clock },
  );
  const crew = await seedCrew(h.ctx);
  const accounts = await seedAccounts(h.ctx, opts.accounts ?? 3);
  platform.store.upsertAccounts(accounts.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })), clock.now());
  for (const a of accounts) await h.ctx.db.updateTable('accounts').set({ platform_version: platform.store.getAccount(a.id)!.version }).where('id', '=', a.id).execute();
  platform.webhooks.subscribe(h.server.url + PLATFORM_WEBHOOK_PATH);
  return {
    h,
    crew,
    platform,
    clock,
    adminToken,
    async close() {
      await platform.close();
      await h.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for asynchronous I/O (a webhook on its way), not for the clock. */
export async function until<T>(what: string, probe: () => T | false | undefined | Promise<T | false | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * Delivers everything that is due now: one dispatch run takes only the head
 * row of each account (order per account is kept by the claim), so a test
 * that queued several rows for one account runs it until nothing moves.
 */
export async function drainOutbox(d: Pick<OutboxDispatcher, 'runOnce'>, maxRounds = 100): Promise<DispatchResult> {
  const total: DispatchResult = { sent: 0, retried: 0, dead: 0, deferred: 0, lapsed: 0 };
  for (let i = 0; i < maxRounds; i++) {
    const r = await d.runOnce();
    for (const k of Object.keys(total) as (keyof DispatchResult)[]) total[k] += r[k];
    if (r.sent + r.dead + r.lapsed === 0) return total;
  }
  throw new Error(`the outbox did not drain in ${maxRounds} rounds`);
}
