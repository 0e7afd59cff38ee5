/**
 * A live deployment for the crash and outage suites: a store (an SQLite file
 * or a PostgreSQL schema), the reference platform as a real service on its
 * own port and file, and `warden start` as a real process beside it
 * (test/support/warden-start.ts), configured the way an operator would,
 * through WARDEN_* variables. The suites drive it with mixed load
 * (test/support/live-load.ts) and then hold what was acknowledged to the store
 * and to what the platform received (test/support/live-verify.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { SYSTEM } from '../../src/audit/model.js';
import { testConfig, testPostgresUrl } from '../../src/test-config.js';
import { AppContext } from '../../src/context.js';
import { type Store, dropPostgresSchema, openStore } from '../../src/db/database.js';
import { PLATFORM_WEBHOOK_PATH } from '../../src/http/routes/tripwires.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../../src/platform/reference/server.js';
import type { StoreKind } from './harness.js';
import { type Crew, seedAccounts, seedCrew } from './seed.js';
import { type StartedWarden, freePort, startWarden } from './warden-start.js';

/** Accounts the load acts on: standard ones, and a few elevated ones whose restrictions need a lead's approval. */
export const ELEVATED = ['acct_0000', 'acct_0001', 'acct_0002', 'acct_0003'];

export interface LiveOptions {
  /** standard accounts besides the elevated ones (acct_0004 …) */
  accounts?: number;
  /** accounts Warden knows and the platform does not: every action on them is refused by the platform (a give-up) */
  unknownToPlatform?: string[];
  /** WARDEN_* settings over the suite defaults */
  env?: Record<string, string>;
}

export interface Live {
  kind: StoreKind;
  crew: Crew;
  /** every account id both sides know */
  accounts: string[];
  env: Record<string, string>;
  wardenPort: number;
  platformPort: number;
  platform: RunningReferencePlatform;
  adminToken: string;
  serviceToken: string;
  /** the running Warden process, if any */
  warden: StartedWarden | null;
  start(): Promise<StartedWarden>;
  /** the platform's port closed (its store kept), and opened again on the same port */
  platformDown(): Promise<void>;
  platformUp(): Promise<void>;
  /** the platform's fault switches (src/platform/reference/server.ts) */
  fault(f: { down: boolean; latencyMs?: number }): Promise<void>;
  /** the store, opened beside the running process (reads for waiting and verifying) */
  openStore(): Promise<Store>;
  close(): Promise<void>;
}

export async function makeLive(kind: StoreKind, opts: LiveOptions = {}): Promise<Live> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `warden-live-${kind}-`));
  const url = kind === 'sqlite' ? path.join(dir, 'warden.db') : testPostgresUrl();
  const schema = kind === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const adminToken = `live-admin-${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const serviceToken = `live-service-${randomBytes(12).toString('hex')}`;
  const wardenPort = await freePort();
  const platformPort = await freePort();
  const platformDb = path.join(dir, 'platform.db');
  const unlimited = '1000000000';

  const env: Record<string, string> = {
    WARDEN_DATABASE_URL: url,
    ...(schema ? { WARDEN_DATABASE_SCHEMA: schema } : {}),
    WARDEN_LOG_LEVEL: process.env.WARDEN_TEST_LOG ?? 'error',
    WARDEN_SEED_DEMO: '0',
    WARDEN_PLATFORM_EMBEDDED: '0',
    WARDEN_PLATFORM_URL: `http://127.0.0.1:${platformPort}`,
    WARDEN_PLATFORM_ADMIN_TOKEN: adminToken,
    WARDEN_PLATFORM_WEBHOOK_SECRET: webhookSecret,
    WARDEN_SERVICE_TOKEN: serviceToken,
    WARDEN_AUDIT_SIGNING_KEY: path.join(dir, 'audit-signing-key.pem'),
    WARDEN_RATE_LIMIT_PER_TOKEN: unlimited,
    WARDEN_RATE_LIMIT_PER_SERVICE: unlimited,
    WARDEN_RATE_LIMIT_PER_ADDRESS: unlimited,
    // the workers at a brisk pace, so a few minutes hold many of their runs
    WARDEN_SCHEDULER_INTERVAL_MS: '250',
    WARDEN_DELIVERY_INTERVAL_MS: '250',
    WARDEN_DELIVERY_BACKOFF_MS: '200',
    WARDEN_DELIVERY_BACKOFF_MAX_MS: '2000',
    WARDEN_TRIPWIRE_RECONCILE_INTERVAL_MS: '1000',
    WARDEN_AUDIT_TREE_HEAD_INTERVAL_MS: '2000',
    WARDEN_SHUTDOWN_TIMEOUT_MS: '10000',
    ...opts.env,
  };

  // seed through the services, as an import and the staff tools would
  const seedCtx = await AppContext.create(testConfig(url), { schema, logger: pino({ level: 'silent' }) });
  let crew: Crew;
  let accounts: string[];
  let imported: Awaited<ReturnType<typeof seedAccounts>>;
  try {
    crew = await seedCrew(seedCtx);
    imported = await seedAccounts(seedCtx, ELEVATED.length + (opts.accounts ?? 24), Object.fromEntries(ELEVATED.map((id) => [id, 'elevated' as const])));
    // the famous ones are left out of the load: their followers would spend the blast-radius budget
    imported = imported.filter((a) => a.id !== 'acct_vip' && a.id !== 'acct_press');
    accounts = imported.map((a) => a.id);
    const unknown = opts.unknownToPlatform ?? [];
    if (unknown.length) {
      await seedCtx.transaction((tx) =>
        seedCtx.accounts.importBatch(
          tx,
          SYSTEM,
          unknown.map((id, i) => ({ id, handle: `ghost${i}`, displayName: `Ghost ${i}`, followers: 10, verified: false, status: 'active' as const, statusUntil: null, version: 1 })),
        ),
      );
    }
  } finally {
    await seedCtx.close();
  }

  const platformConfig = {
    port: platformPort,
    dbPath: platformDb,
    adminToken,
    webhookSecret,
    webhookUrls: [`http://127.0.0.1:${wardenPort}${PLATFORM_WEBHOOK_PATH}`],
    // a platform retries its webhooks for a while: long enough to find Warden started again (about 25 s)
    webhookRetry: { baseDelayMs: 200, maxAttempts: 8, maxDelayMs: 8000 },
  };
  let platform = await startReferencePlatform(platformConfig);
  platform.store.upsertAccounts(
    imported.map((a) => ({ id: a.id, handle: a.handle, displayName: a.displayName, followers: a.followers, verified: a.verified })),
    Date.now(),
  );
  {
    const store = await openStore(url, { schema });
    try {
      for (const a of imported) await store.db.updateTable('accounts').set({ platform_version: platform.store.getAccount(a.id)!.version }).where('id', '=', a.id).execute();
    } finally {
      await store.close();
    }
  }

  /** whether the platform's port is open */
  let listening = true;
  const live: Live = {
    kind,
    crew,
    accounts,
    env,
    wardenPort,
    platformPort,
    get platform() {
      return platform;
    },
    adminToken,
    serviceToken,
    warden: null,
    async start() {
      live.warden = await startWarden(env, wardenPort);
      return live.warden;
    },
    async platformDown() {
      if (!listening) return;
      listening = false;
      await platform.close();
    },
    async platformUp() {
      if (listening) return;
      platform = await startReferencePlatform(platformConfig);
      listening = true;
    },
    async fault(f) {
      const res = await fetch(`http://127.0.0.1:${platformPort}/admin/fault`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(f),
      });
      if (!res.ok) throw new Error(`fault switch answered ${res.status}`);
    },
    openStore: () => openStore(url, { schema }),
    async close() {
      await live.warden?.kill9();
      if (listening) await live.fault({ down: false }).catch(() => {});
      if (listening) await platform.close();
      if (schema) await dropPostgresSchema(url, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return live;
}
