/**
 * The only reader of process.env. Every setting is typed, validated and has a
 * default that makes `npm start` work on a fresh machine.
 */
import { APPEALABLE_KINDS, DEFAULT_APPEAL_WINDOW_MS } from './appeals/window.js';
import { type Config, ConfigSchema, appealWindowVar } from './config-schema.js';
import { EEA_COUNTRIES } from './statements/model.js';

export { type Config, TRIPWIRE_RESPONSES } from './config-schema.js';

const DEMO_SERVICE_TOKEN = 'demo-service-token-change-me';

/**
 * Runs a build of the console with NODE_ENV=production, then puts NODE_ENV
 * back. Vite and its React plugin take NODE_ENV over `mode`, and a test run
 * sets it to `test`: the bundle (and its JSX runtime) would be development's.
 */
export async function asProductionBuild<T>(build: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await build();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Operator commands other than `start` keep the console quiet: logs at warn unless WARDEN_LOG_LEVEL says otherwise. */
export function loadCommandConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({ ...env, WARDEN_LOG_LEVEL: env.WARDEN_LOG_LEVEL ?? 'warn' });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = env.WARDEN_PORT ?? '8080';
  const platformPort = env.WARDEN_PLATFORM_PORT ?? '8081';
  const bool = (v: string | undefined, dflt: boolean) => (v === undefined ? dflt : v === '1' || v === 'true');
  const list = (v: string | undefined) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
  // a send's own timeout, unless set, stays well inside the claim that holds its row (half of it, 5 s at most)
  const lockMs = Number(env.WARDEN_DELIVERY_LOCK_MS ?? 10_000);
  const sendTimeoutMs = Number.isFinite(lockMs) ? Math.max(100, Math.min(5_000, Math.floor(lockMs / 2))) : 5_000;
  const raw = {
    databaseUrl: env.WARDEN_DATABASE_URL ?? './data/warden.db',
    databaseSchema: env.WARDEN_DATABASE_SCHEMA || undefined,
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
      timeoutMs: env.WARDEN_PLATFORM_TIMEOUT_MS ?? 5_000,
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
    policyDir: env.WARDEN_POLICY_DIR ?? 'policies',
    scheduler: { intervalMs: env.WARDEN_SCHEDULER_INTERVAL_MS ?? 1000 },
    workers: { leaseMs: env.WARDEN_WORKER_LEASE_MS ?? 15_000 },
    shutdownTimeoutMs: env.WARDEN_SHUTDOWN_TIMEOUT_MS ?? 10_000,
    delivery: {
      intervalMs: env.WARDEN_DELIVERY_INTERVAL_MS ?? 1000,
      baseMs: env.WARDEN_DELIVERY_BACKOFF_MS ?? 1000,
      maxMs: env.WARDEN_DELIVERY_BACKOFF_MAX_MS ?? 60_000,
      // with 1 s doubling to a 60 s cap, 40 attempts is about half an hour of outage
      maxAttempts: env.WARDEN_DELIVERY_MAX_ATTEMPTS ?? 40,
      concurrency: env.WARDEN_DELIVERY_CONCURRENCY ?? 16,
      lockMs: env.WARDEN_DELIVERY_LOCK_MS ?? 10_000,
      outageAfterMs: env.WARDEN_DELIVERY_OUTAGE_AFTER_MS ?? 15_000,
      channelTimeoutMs: env.WARDEN_DELIVERY_CHANNEL_TIMEOUT_MS ?? sendTimeoutMs,
    },
    audit: {
      // beside the SQLite file by default (each store its own key); ./data for PostgreSQL
      signingKeyPath:
        env.WARDEN_AUDIT_SIGNING_KEY ??
        (/^postgres(ql)?:\/\/|^:memory:$/.test(env.WARDEN_DATABASE_URL ?? '')
          ? './data/audit-signing-key.pem'
          : `${(env.WARDEN_DATABASE_URL ?? './data/warden.db').replace(/[^/\\]*$/, '')}audit-signing-key.pem`),
      treeHeadIntervalMs: env.WARDEN_AUDIT_TREE_HEAD_INTERVAL_MS ?? 60_000,
      headWebhookUrls: (env.WARDEN_AUDIT_HEAD_WEBHOOK_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
      headWebhookSecret: env.WARDEN_AUDIT_HEAD_WEBHOOK_SECRET ?? 'whsec_ZGVtby10cmVlLWhlYWQtd2ViaG9vay1zZWNyZXQ=',
    },
    tripwires: {
      reconcileIntervalMs: env.WARDEN_TRIPWIRE_RECONCILE_INTERVAL_MS ?? 5_000,
      response: {
        standard: env.WARDEN_TRIPWIRE_STANDARD ?? 'alert',
        elevated: env.WARDEN_TRIPWIRE_ELEVATED ?? 'revert',
        critical: env.WARDEN_TRIPWIRE_CRITICAL ?? 'revert',
      },
      webhookToleranceMs: env.WARDEN_TRIPWIRE_WEBHOOK_TOLERANCE_MS ?? 5 * 60_000,
    },
    alerts: {
      webhookUrl: env.WARDEN_ALERT_WEBHOOK_URL || undefined,
      webhookSecret: env.WARDEN_ALERT_WEBHOOK_SECRET || undefined,
      slackUrl: env.WARDEN_ALERT_SLACK_URL || undefined,
      renotifyMs: env.WARDEN_ALERT_RENOTIFY_MS ?? 5 * 60_000,
    },
    rateLimits: {
      windowMs: env.WARDEN_RATE_LIMIT_WINDOW_MS ?? 60_000,
      perToken: env.WARDEN_RATE_LIMIT_PER_TOKEN ?? 3_000,
      perService: env.WARDEN_RATE_LIMIT_PER_SERVICE ?? 120_000,
      perAddress: env.WARDEN_RATE_LIMIT_PER_ADDRESS ?? 100,
    },
    session: {
      idleMs: env.WARDEN_SESSION_IDLE_MS ?? 30 * 60_000,
      absoluteMs: env.WARDEN_SESSION_ABSOLUTE_MS ?? 12 * 3600_000,
      stepUpMs: env.WARDEN_STEP_UP_MS ?? 5 * 60_000,
      cookieSecure: bool(env.WARDEN_COOKIE_SECURE, (env.WARDEN_PUBLIC_URL ?? '').startsWith('https:')),
      loginWindowMs: env.WARDEN_LOGIN_WINDOW_MS ?? 15 * 60_000,
      maxFailuresPerAccount: env.WARDEN_LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5,
      maxFailuresPerAddressAccount: env.WARDEN_LOGIN_MAX_FAILURES_PER_ADDRESS_ACCOUNT ?? 5,
      maxFailuresPerAddress: env.WARDEN_LOGIN_MAX_FAILURES_PER_ADDRESS ?? 100,
      trustProxy: bool(env.WARDEN_TRUST_PROXY, false),
      totpKey: env.WARDEN_TOTP_KEY,
      totpIssuer: env.WARDEN_TOTP_ISSUER ?? 'Warden',
    },
    enrolment: {
      webhookUrl: env.WARDEN_ENROLMENT_WEBHOOK_URL || undefined,
      webhookSecret: env.WARDEN_ENROLMENT_WEBHOOK_SECRET || undefined,
      ttlMs: env.WARDEN_ENROLMENT_TTL_MS ?? 72 * 3_600_000,
    },
    appeals: {
      windowMs: Object.fromEntries(
        APPEALABLE_KINDS.map((k) => [k, env[appealWindowVar(k)] ?? env.WARDEN_APPEAL_WINDOW_MS ?? DEFAULT_APPEAL_WINDOW_MS]),
      ),
      decideWithinMs: env.WARDEN_APPEAL_DECIDE_WITHIN_MS ?? 7 * 86_400_000,
      overdueCheckIntervalMs: env.WARDEN_APPEAL_OVERDUE_CHECK_INTERVAL_MS ?? 60_000,
    },
    strikes: {
      suggestSuspensionAt: env.WARDEN_STRIKES_SUGGEST_SUSPENSION_AT ?? 3,
      suggestedSuspensionMs: env.WARDEN_STRIKES_SUGGESTED_SUSPENSION_MS ?? 7 * 86_400_000,
    },
    notices: { reporterBatchMs: env.WARDEN_REPORTER_OUTCOME_BATCH_MS ?? 60_000 },
    dsa: {
      tdbUrl: env.WARDEN_DSA_TDB_URL || undefined,
      tdbToken: env.WARDEN_DSA_TDB_TOKEN || undefined,
      territorialScope: list(env.WARDEN_DSA_TERRITORIAL_SCOPE) ?? [...EEA_COUNTRIES],
      contentTypes: list(env.WARDEN_DSA_CONTENT_TYPES) ?? ['CONTENT_TYPE_OTHER'],
      contentTypeOther: env.WARDEN_DSA_CONTENT_TYPE_OTHER || 'the account as a whole',
      batchMs: env.WARDEN_DSA_BATCH_MS ?? 5_000,
      timeoutMs: env.WARDEN_DSA_TDB_TIMEOUT_MS ?? sendTimeoutMs,
    },
    staffNotifications: { digestEveryMs: env.WARDEN_STAFF_DIGEST_EVERY_MS ?? 15 * 60_000 },
    cliToken: env.WARDEN_TOKEN || undefined,
    oidc: env.WARDEN_OIDC_ISSUER
      ? { issuer: env.WARDEN_OIDC_ISSUER, clientId: env.WARDEN_OIDC_CLIENT_ID, clientSecret: env.WARDEN_OIDC_CLIENT_SECRET, redirectUri: env.WARDEN_OIDC_REDIRECT_URI }
      : undefined,
  };
  const parsed = ConfigSchema.safeParse({ ...raw, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** The PostgreSQL server the test suite and benchmarks use (CI provides it); read here, with the rest of the environment. */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.WARDEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}
