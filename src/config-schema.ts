/**
 * What Warden's configuration is: every setting's type, bound and the rules
 * between settings. src/config.ts reads the environment into it (the only
 * reader of process.env); this file reads nothing.
 */
import { z } from 'zod';
import { decimalInt } from './bounds.js';
import { CONTENT_TYPES, EEA_COUNTRIES } from './statements/model.js';
import { APPEALABLE_KINDS, type AppealableKind, MIN_APPEAL_WINDOW_MS } from './appeals/window.js';

/** WARDEN_APPEAL_WINDOW_SUSPEND_MS, … (WARDEN_APPEAL_WINDOW_MS sets every kind not named on its own) */
export const appealWindowVar = (kind: AppealableKind) => `WARDEN_APPEAL_WINDOW_${kind.toUpperCase()}_MS`;

/** What drift on an account gets (src/tripwires). */
export const TRIPWIRE_RESPONSES = ['revert', 'alert', 'ignore'] as const;

export const ConfigSchema = z
  .object({
  databaseUrl: z.string().min(1),
  /** PostgreSQL: the schema the store lives in (default: public); several stores can share one server */
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier').optional(),
  host: z.string().min(1),
  port: decimalInt(0, 65535),
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
    port: decimalInt(0, 65535),
    dbPath: z.string(),
    /** one call to the platform, reading the answer included; shorter than an outbox claim (delivery.lockMs) */
    timeoutMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
  }),
  intake: z.object({
    dedupWindowMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    brigadeWindowMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    brigadeThreshold: decimalInt(1, Number.MAX_SAFE_INTEGER),
  }),
  queues: z.object({
    leaseMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    reapIntervalMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
  }),
  sqlite: z.object({
    /** FULL fsyncs the WAL on each commit (group commit keeps that cheap) */
    synchronous: z.enum(['FULL', 'NORMAL']),
  }),
  seedDemo: z.boolean(),
  /** the shipped Cedar policy set and schema, loaded and validated at start */
  policyDir: z.string(),
  scheduler: z.object({ intervalMs: decimalInt(1, Number.MAX_SAFE_INTEGER) }),
  /**
   * Singleton work (sweeps, reconciliation, tree-head signing) is done by one
   * instance at a time under a lease in the store; a dead holder's work is
   * taken over this long after its last renewal.
   */
  workers: z.object({ leaseMs: decimalInt(100, Number.MAX_SAFE_INTEGER) }),
  /** `warden start` exits within this long of SIGTERM, whatever still hangs (requests, sends, the store) */
  shutdownTimeoutMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
  delivery: z.object({
    intervalMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    baseMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    maxMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    maxAttempts: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** sends in flight at once, each to a different ordering key (account); one key's rows still go one at a time */
    concurrency: decimalInt(1, 256),
    /** how long a claim holds an outbox row; renewed while its send is in flight, so a crashed holder's rows are free within this */
    lockMs: decimalInt(1000, Number.MAX_SAFE_INTEGER),
    /** sends failing to reach the platform this long (network, timeouts, 5xx) are an outage: alerted once, shown in /readyz and /metrics */
    outageAfterMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** how long a send to a person's channel (alerts, staff notifications: webhook, Slack) may take; shorter than lockMs */
    channelTimeoutMs: decimalInt(100, 120_000),
  }),
  audit: z.object({
    /** Ed25519 private key (PKCS#8 PEM) that signs tree heads; generated there on first use when absent (demo) */
    signingKeyPath: z.string().min(1),
    /** how often a new tree head is signed when the log has grown */
    treeHeadIntervalMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** each signed head is published to these URLs as a Standard Webhooks message (`audit.tree_head`) */
    headWebhookUrls: z.array(z.string().url()),
    /** Standard Webhooks secret for those messages (`whsec_` + base64) */
    headWebhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be whsec_ followed by base64'),
  }),
  tripwires: z.object({
    /** a reconciliation pass over every protected account starts this often */
    reconcileIntervalMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** what drift on an account of each tier gets: reverted and alerted, alerted only, or nothing */
    response: z.object({
      standard: z.enum(TRIPWIRE_RESPONSES),
      elevated: z.enum(TRIPWIRE_RESPONSES),
      critical: z.enum(TRIPWIRE_RESPONSES),
    }),
    /** incoming platform webhooks signed further from now than this are refused (replay protection) */
    webhookToleranceMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
  }),
  alerts: z.object({
    /** a generic receiver: each alert POSTed as JSON, signed the Standard Webhooks way */
    webhookUrl: z.string().url().optional(),
    /** `whsec_` + base64; required with webhookUrl */
    webhookSecret: z.string().min(8).optional(),
    /** a Slack-compatible incoming webhook */
    slackUrl: z.string().url().optional(),
    /** an alert nobody acknowledged is sent again this often */
    renotifyMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
  }),
  /**
   * Request rate limits on /v1, fixed windows counted in the store (every
   * instance on it shares them): per credential (API token, console session),
   * the platform's service token on its own higher limit, and per client
   * address for requests without a valid credential (wrong or missing tokens,
   * sign-in and the other public routes).
   */
  rateLimits: z.object({
    windowMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    perToken: decimalInt(1, Number.MAX_SAFE_INTEGER),
    perService: decimalInt(1, Number.MAX_SAFE_INTEGER),
    perAddress: decimalInt(1, Number.MAX_SAFE_INTEGER),
  }),
  /** staff sign-in: sessions, their timeouts, step-up and login rate limits */
  session: z.object({
    idleMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    absoluteMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** how long a re-entered TOTP code lets a person propose or approve a destructive action on a protected account */
    stepUpMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** set the cookie's Secure flag (on whenever the public URL is https) */
    cookieSecure: z.boolean(),
    /** failed logins counted over this window, per account and per client address */
    loginWindowMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
    maxFailuresPerAccount: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** per (client address, account): someone else's failures from a shared address (an office NAT) do not lock you out */
    maxFailuresPerAddressAccount: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** per client address, whatever the account: much higher, it bounds spraying many accounts from one place */
    maxFailuresPerAddress: decimalInt(1, Number.MAX_SAFE_INTEGER),
    /** take the client address from X-Forwarded-For, its last entry (only behind a proxy that appends to it) */
    trustProxy: z.boolean(),
    /** 32 bytes, base64: TOTP secrets are stored AES-256-GCM encrypted with it; absent, they are stored as is */
    totpKey: z
      .string()
      .refine((k) => Buffer.from(k, 'base64').length === 32, 'must be 32 bytes, base64')
      .optional(),
    /** the issuer name authenticator apps show */
    totpIssuer: z.string().min(1),
  }),
  /**
   * Staff enrolments: the one-time code travels only towards its holder,
   * through this channel (the company's mail relay, which mails it to the
   * holder's address). Without it, no enrolment can be started.
   */
  enrolment: z.object({
    /** a receiver of signed Standard Webhooks messages (`staff.enrolment`) */
    webhookUrl: z.string().url().optional(),
    /** `whsec_` + base64; required with webhookUrl */
    webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be whsec_ followed by base64').optional(),
    /** a code not redeemed within this long stops working */
    ttlMs: decimalInt(1, 30 * 24 * 3_600_000),
  }),
  /**
   * How long a decision can be contested, per kind of enforcement and for a
   * decision not to act (src/appeals/window.ts): six months at least (DSA Art. 20).
   */
  appeals: z.object({
    windowMs: z.object(
      Object.fromEntries(APPEALABLE_KINDS.map((k) => [k, decimalInt(1, 100 * 366 * 86_400_000)])) as Record<AppealableKind, ReturnType<typeof decimalInt>>,
    ),
    /** an appeal not decided within this long of being filed raises an alert, once (src/appeals/overdue.ts) */
    decideWithinMs: decimalInt(60_000, 366 * 86_400_000),
    /** how often undecided appeals are looked at */
    overdueCheckIntervalMs: decimalInt(1, Number.MAX_SAFE_INTEGER),
  }),
  /** Strikes (src/strikes): at this many live strikes Warden suggests suspending a standard account, for a person to approve */
  strikes: z.object({
    suggestSuspensionAt: decimalInt(1, 1000),
    /** how long the suspension it suggests lasts */
    suggestedSuspensionMs: decimalInt(60_000, 365 * 86_400_000),
  }),
  notices: z.object({
    /** reporters' outcomes wait this long at most, to go out to each reporter in one batch */
    reporterBatchMs: decimalInt(1, 24 * 3_600_000),
  }),
  /**
   * Statements of reasons for the EU's DSA Transparency Database (src/statements):
   * where to send them and what they say of every decision. Without a URL they
   * are recorded, and sent once one is configured.
   */
  dsa: z.object({
    /** the database's base URL (its API is under /api/v1) */
    tdbUrl: z.string().url().optional(),
    /** the platform's API token there; required with tdbUrl */
    tdbToken: z.string().min(1).optional(),
    /** where decisions apply: EEA country codes (default: all of them) */
    territorialScope: z.array(z.enum(EEA_COUNTRIES)).min(1),
    /** what a restricted account's content is, in the database's content types */
    contentTypes: z.array(z.enum(CONTENT_TYPES)).min(1),
    /** said with CONTENT_TYPE_OTHER */
    contentTypeOther: z.string().min(1).max(500).optional(),
    /** statements wait this long at most, to leave in batches of up to 100 */
    batchMs: decimalInt(1, 24 * 3_600_000),
    timeoutMs: decimalInt(100, 120_000),
  }),
  /** staff notifications (src/notifications): what a person chose to hear of in a digest is sent at most this often, as one message */
  staffNotifications: z.object({ digestEveryMs: decimalInt(60_000, 7 * 86_400_000) }),
  /** the CLI's caller: a staff member's own API token (`--token-file` overrides it) */
  cliToken: z.string().min(1).optional(),
  /** optional OpenID Connect sign-in; off unless an issuer is set */
  oidc: z
    .object({
      issuer: z.string().url(),
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      redirectUri: z.string().url(),
    })
    .optional(),
})
  .superRefine((c, ctx) => {
    // a send must end (or be abandoned) while its claim on the outbox row still holds, heartbeat or not
    const sends = [
      { path: ['platform', 'timeoutMs'], ms: c.platform.timeoutMs, env: 'WARDEN_PLATFORM_TIMEOUT_MS' },
      { path: ['delivery', 'channelTimeoutMs'], ms: c.delivery.channelTimeoutMs, env: 'WARDEN_DELIVERY_CHANNEL_TIMEOUT_MS' },
      // statements are sent only when a Transparency Database is configured
      { path: ['dsa', 'timeoutMs'], ms: c.dsa.tdbUrl ? c.dsa.timeoutMs : 0, env: 'WARDEN_DSA_TDB_TIMEOUT_MS' },
    ];
    for (const send of sends) {
      if (send.ms >= c.delivery.lockMs) ctx.addIssue({ code: 'custom', path: send.path, message: `${send.env} must be shorter than WARDEN_DELIVERY_LOCK_MS` });
    }
    if (c.dsa.tdbUrl && !c.dsa.tdbToken) {
      ctx.addIssue({ code: 'custom', path: ['dsa', 'tdbToken'], message: 'WARDEN_DSA_TDB_TOKEN is required with WARDEN_DSA_TDB_URL' });
    }
    if (c.alerts.webhookUrl && !c.alerts.webhookSecret) {
      ctx.addIssue({ code: 'custom', path: ['alerts', 'webhookSecret'], message: 'WARDEN_ALERT_WEBHOOK_SECRET is required with WARDEN_ALERT_WEBHOOK_URL' });
    }
    for (const kind of APPEALABLE_KINDS) {
      if (c.appeals.windowMs[kind] < MIN_APPEAL_WINDOW_MS) {
        ctx.addIssue({
          code: 'custom',
          path: ['appeals', 'windowMs', kind],
          message: `${appealWindowVar(kind)} must be at least ${MIN_APPEAL_WINDOW_MS} (183 days: the DSA gives at least six months to appeal)`,
        });
      }
    }
    if (c.enrolment.webhookUrl && !c.enrolment.webhookSecret) {
      ctx.addIssue({ code: 'custom', path: ['enrolment', 'webhookSecret'], message: 'WARDEN_ENROLMENT_WEBHOOK_SECRET is required with WARDEN_ENROLMENT_WEBHOOK_URL' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;
