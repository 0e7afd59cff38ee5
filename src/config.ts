/**
 * The only reader of process.env. Every setting is typed, validated and has a
 * default that makes `npm start` work on a fresh machine.
 */
import { z } from 'zod';

const ConfigSchema = z.object({
  databaseUrl: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  publicUrl: z.string().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** token the platform uses to call Warden (report intake, account sync); hashed before use */
  serviceToken: z.string().min(16),
  platform: z.object({
    url: z.string().url(),
    adminToken: z.string().min(8),
    webhookSecret: z.string().min(8),
    /** run the reference platform in-process beside Warden (demo) */
    embedded: z.boolean(),
    port: z.coerce.number().int().min(0).max(65535),
    dbPath: z.string(),
  }),
  intake: z.object({
    dedupWindowMs: z.coerce.number().int().positive(),
    brigadeWindowMs: z.coerce.number().int().positive(),
    brigadeThreshold: z.coerce.number().int().positive(),
  }),
  queues: z.object({
    leaseMs: z.coerce.number().int().positive(),
    reapIntervalMs: z.coerce.number().int().positive(),
  }),
  sqlite: z.object({
    /** FULL fsyncs the WAL on each commit (group commit keeps that cheap) */
    synchronous: z.enum(['FULL', 'NORMAL']),
  }),
  seedDemo: z.boolean(),
});

export type Config = z.infer<typeof ConfigSchema>;

const DEMO_SERVICE_TOKEN = 'demo-service-token-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = env.WARDEN_PORT ?? '8080';
  const platformPort = env.WARDEN_PLATFORM_PORT ?? '8081';
  const bool = (v: string | undefined, dflt: boolean) => (v === undefined ? dflt : v === '1' || v === 'true');
  const raw = {
    databaseUrl: env.WARDEN_DATABASE_URL ?? './data/warden.db',
    host: env.WARDEN_HOST ?? '127.0.0.1',
    port,
    publicUrl: env.WARDEN_PUBLIC_URL,
    logLevel: env.WARDEN_LOG_LEVEL ?? 'info',
    serviceToken: env.WARDEN_SERVICE_TOKEN ?? DEMO_SERVICE_TOKEN,
    platform: {
      url: env.WARDEN_PLATFORM_URL ?? `http://127.0.0.1:${platformPort}`,
      adminToken: env.WARDEN_PLATFORM_ADMIN_TOKEN ?? 'demo-platform-admin-token',
      webhookSecret: env.WARDEN_PLATFORM_WEBHOOK_SECRET ?? 'whsec_ZGVtby1wbGF0Zm9ybS13ZWJob29rLXNlY3JldA==',
      embedded: bool(env.WARDEN_PLATFORM_EMBEDDED, env.WARDEN_PLATFORM_URL === undefined),
      port: platformPort,
      dbPath: env.WARDEN_PLATFORM_DB ?? './data/platform.db',
    },
    intake: {
      dedupWindowMs: env.WARDEN_DEDUP_WINDOW_MS ?? 24 * 3600_000,
      brigadeWindowMs: env.WARDEN_BRIGADE_WINDOW_MS ?? 5 * 60_000,
      brigadeThreshold: env.WARDEN_BRIGADE_THRESHOLD ?? 500,
    },
    queues: {
      leaseMs: env.WARDEN_LEASE_MS ?? 15 * 60_000,
      reapIntervalMs: env.WARDEN_REAP_INTERVAL_MS ?? 5_000,
    },
    sqlite: { synchronous: env.WARDEN_SQLITE_SYNCHRONOUS ?? 'FULL' },
    seedDemo: bool(env.WARDEN_SEED_DEMO, true),
  };
  const parsed = ConfigSchema.safeParse({ ...raw, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** Defaults for tests: everything but the store, which each test picks. */
export function testConfig(databaseUrl: string, overrides: Partial<Config> = {}): Config {
  return loadConfig({ WARDEN_DATABASE_URL: databaseUrl, WARDEN_LOG_LEVEL: 'silent', WARDEN_SEED_DEMO: '0', WARDEN_PLATFORM_EMBEDDED: '0' }, overrides);
}

/** The PostgreSQL server the test suite and benchmarks use (CI provides it). */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.WARDEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}
