/**
 * The reference platform's HTTP API: public account reads, the admin API that
 * Warden enforces through, a "direct change" path that bypasses Warden, and a
 * fault switch so tests can take the platform down over real HTTP.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { ACCOUNT_STATES_MAX, PLATFORM_ACCOUNT_STATUSES, PLATFORM_ACTION_KINDS } from '../adapter.js';
import { ReferencePlatformError, ReferenceStore, type FieldProblem, type ReferenceErrorCode } from './store.js';
import { WebhookDispatcher } from './webhooks.js';

const Status = z.enum(PLATFORM_ACCOUNT_STATUSES);
const EpochMs = z.number().int().nonnegative();

const ListQuery = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const ImportBody = z.object({
  accounts: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -, at most 64'),
        handle: z.string().regex(/^[A-Za-z0-9_]{1,30}$/, 'letters, digits or _, at most 30'),
        displayName: z.string().min(1).max(100),
        followers: z.number().int().nonnegative(),
        verified: z.boolean(),
        status: Status.optional(),
        statusUntil: EpochMs.nullable().optional(),
        language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag, e.g. de or pt-BR').max(35).optional(),
      }),
    )
    .max(10_000),
});

const NoticeBody = z.object({
  recipient: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('owner'), accountId: z.string().min(1).max(128) }),
    z.object({ kind: z.literal('reporter'), reporterId: z.string().min(1).max(128) }),
  ]),
  notices: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        subject: z.enum(['enforcement', 'report_outcome', 'appeal_outcome']),
        language: z.string().min(2).max(35),
        title: z.string().min(1).max(1000),
        body: z.string().min(1).max(20_000),
        statement: z.record(z.string(), z.unknown()),
      }),
    )
    .min(1)
    .max(1000),
});

/** PlatformActionRequest minus accountId, which comes from the path. */
const ActionBody = z.object({
  kind: z.enum(PLATFORM_ACTION_KINDS),
  until: EpochMs.nullable().optional(),
  status: Status.optional(),
  reason: z.string().min(1).max(2000),
  expectedVersion: z.number().int().nonnegative().optional(),
});

const StatesBody = z.object({
  ids: z.array(z.string().min(1).max(64)).max(ACCOUNT_STATES_MAX, `at most ${ACCOUNT_STATES_MAX} ids a request`),
});

const DirectBody = z.object({ status: Status, statusUntil: EpochMs.nullable().optional() });
/**
 * `down`: every call answers 503; `latencyMs`: every call is answered that much
 * later (a slow or overloaded platform); `refuse`: every call is refused with
 * this status (a 409 of the moment, a 401 while a token is rotated …)
 */
const FaultBody = z.object({
  down: z.boolean(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  refuse: z.number().int().min(400).max(599).optional(),
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

const HTTP_STATUS: Record<ReferenceErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unknown_account: 404,
  idempotency_conflict: 409,
  handle_taken: 409,
  version_conflict: 412,
};

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw ReferencePlatformError.invalid(
    result.error.issues.map((i): FieldProblem => ({ path: i.path.join('.') || 'body', message: i.message })),
  );
}

async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw ReferencePlatformError.invalid([{ path: 'body', message: 'must be a JSON document' }]);
  }
  return parse(schema, raw);
}

/** Compares digests so neither length nor content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface ReferencePlatformAppOptions {
  store: ReferenceStore;
  adminToken: string;
  /** when given, every committed change of `store` is announced through it */
  webhooks?: WebhookDispatcher;
  now?: () => number;
}

export function createReferencePlatformApp({ store, adminToken, webhooks, now = Date.now }: ReferencePlatformAppOptions): Hono {
  const app = new Hono();
  let down = false;
  let latencyMs = 0;
  let refuse: number | null = null;

  if (webhooks) store.onChange((event) => webhooks.publish(event));

  // Fault mode answers before anything else: a platform that is down does not
  // authenticate either. The switch itself and the health check stay up.
  app.use('*', async (c, next) => {
    const faultable = c.req.path !== '/healthz' && c.req.path !== '/admin/fault';
    if (latencyMs > 0 && faultable) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (down && faultable) {
      return c.json({ error: { code: 'unavailable', message: 'platform is down' } }, 503, { 'retry-after': '1' });
    }
    if (refuse !== null && faultable) {
      return c.json({ error: { code: 'refused', message: `refused by the fault switch (${refuse})` } }, refuse as ContentfulStatusCode);
    }
    await next();
  });

  const requireAdmin: MiddlewareHandler = async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!token || !sameSecret(token, adminToken)) {
      return c.json({ error: { code: 'unauthenticated', message: 'admin bearer token required' } }, 401, {
        'www-authenticate': 'Bearer',
      });
    }
    await next();
  };
  app.use('/admin/*', requireAdmin);
  app.use('/v1/accounts', requireAdmin);

  app.get('/healthz', (c) => c.json({ ok: true, down, latencyMs }));

  // listing the whole user base is a privileged read; one profile is public
  app.get('/v1/accounts', (c) => {
    const { cursor, limit } = parse(ListQuery, c.req.query());
    return c.json(store.listAccounts(cursor ?? null, limit));
  });

  app.get('/v1/accounts/:id', (c) => {
    const account = store.getAccount(c.req.param('id'));
    if (!account) throw new ReferencePlatformError('unknown_account', `account ${c.req.param('id')} not found`, 'id');
    return c.json(account);
  });

  // the bulk read reconciliation runs on: many accounts' states in one request
  app.post('/admin/accounts/states', async (c) => {
    const { ids } = await readBody(c, StatesBody);
    // rows as arrays: at 100k accounts a pass, the field names would be most of the bytes
    const states = store.statesOf(ids).map((a) => [a.id, a.status, a.statusUntil, a.version, a.updatedAt]);
    return c.json({ fields: ['id', 'status', 'statusUntil', 'version', 'updatedAt'], states });
  });

  app.post('/admin/accounts/import', async (c) => {
    const { accounts } = await readBody(c, ImportBody);
    store.upsertAccounts(accounts, now());
    return c.json({ imported: accounts.length });
  });

  app.post('/admin/accounts/:id/actions', async (c) => {
    const key = c.req.header('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw ReferencePlatformError.invalid([{ path: 'Idempotency-Key', message: 'header required: 1-255 visible ASCII characters' }]);
    }
    const body = await readBody(c, ActionBody);
    return c.json(store.applyAction({ accountId: c.req.param('id'), ...body }, key, now()));
  });

  // notices for the platform to show their recipients: a batch at most once per key
  app.post('/admin/notices', async (c) => {
    const key = c.req.header('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw ReferencePlatformError.invalid([{ path: 'Idempotency-Key', message: 'header required: 1-255 visible ASCII characters' }]);
    }
    return c.json(store.notices.receive(await readBody(c, NoticeBody), key, now()));
  });
  app.get('/admin/notices', (c) => c.json({ notices: store.notices.all() }));
  app.get('/admin/accounts/:id/notices', (c) => c.json({ notices: store.notices.of('owner', c.req.param('id')) }));
  app.get('/admin/reporters/:id/notices', (c) => c.json({ notices: store.notices.of('reporter', c.req.param('id')) }));

  app.post('/admin/accounts/:id/direct', async (c) => {
    const change = await readBody(c, DirectBody);
    return c.json(store.directChange(c.req.param('id'), change, now()));
  });

  app.get('/admin/accounts/:id/events', (c) => c.json({ events: store.eventsOf(c.req.param('id')) }));

  // every action applied, in the order applied (a repeated key is listed once): what tests hold deliveries to
  app.get('/admin/actions', (c) => c.json({ actions: store.appliedActions() }));

  app.post('/admin/fault', async (c) => {
    const fault = await readBody(c, FaultBody);
    down = fault.down;
    latencyMs = fault.latencyMs ?? 0;
    refuse = fault.refuse ?? null;
    return c.json({ down, latencyMs, refuse });
  });

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  app.onError((err, c) => {
    if (err instanceof ReferencePlatformError) {
      return c.json({ error: { code: err.code, message: err.message, fields: err.fields } }, HTTP_STATUS[err.code]);
    }
    console.error('reference platform: unexpected error', err);
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });

  return app;
}

export interface ReferencePlatformConfig {
  /** 0 picks a free port; `url` reports the real one */
  port: number;
  /** a file path, or ':memory:' */
  dbPath: string;
  adminToken: string;
  webhookSecret: string;
  webhookUrls?: readonly string[];
  host?: string;
  now?: () => number;
  /** retry tuning for outgoing webhooks (tests shorten the backoff) */
  webhookRetry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

export interface RunningReferencePlatform {
  url: string;
  store: ReferenceStore;
  webhooks: WebhookDispatcher;
  close(): Promise<void>;
}

export async function startReferencePlatform(config: ReferencePlatformConfig): Promise<RunningReferencePlatform> {
  const host = config.host ?? '127.0.0.1';
  const now = config.now ?? Date.now;
  const store = new ReferenceStore(config.dbPath);
  const webhooks = new WebhookDispatcher({
    secret: config.webhookSecret,
    urls: config.webhookUrls ?? [],
    now,
    ...config.webhookRetry,
  });
  const app = createReferencePlatformApp({ store, adminToken: config.adminToken, webhooks, now });

  let server: ServerType;
  let address: AddressInfo;
  try {
    [server, address] = await new Promise<[ServerType, AddressInfo]>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: host }, (info) => resolve([s, info]));
      s.once('error', reject);
    });
  } catch (err) {
    store.close();
    throw err;
  }

  const shutdown = async () => {
    await webhooks.close();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    store.close();
  };
  let closing: Promise<void> | undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${address.port}`,
    store,
    webhooks,
    // safe to call twice: a test may stop the platform and its teardown again
    close: () => (closing ??= shutdown()),
  };
}
