/**
 * PlatformAdapter over the reference platform's HTTP API. Failures are sorted
 * into the two kinds Warden acts on: worth retrying (PlatformUnavailableError)
 * and refused for good (PlatformRejectedError).
 */
import { z } from 'zod';
import {
  ACCOUNT_STATES_MAX,
  PLATFORM_ACCOUNT_SHAPE,
  PLATFORM_ACCOUNT_STATUSES,
  PlatformRejectedError,
  PlatformUnavailableError,
  PlatformVersionConflictError,
  type AccountPage,
  type PlatformAccount,
  type PlatformAccountState,
  type PlatformAccountStatus,
  type PlatformActionRequest,
  type PlatformActionResult,
  type PlatformAdapter,
  type PlatformNoticeBatch,
  type PlatformNoticeReceipt,
} from './adapter.js';

const Account = z.object(PLATFORM_ACCOUNT_SHAPE) satisfies z.ZodType<PlatformAccount>;

const Page = z.object({ accounts: z.array(Account), nextCursor: z.string().nullable() }) satisfies z.ZodType<AccountPage>;
const STATE_FIELDS = ['id', 'status', 'statusUntil', 'version', 'updatedAt'] as const;
const STATUSES: ReadonlySet<string> = new Set(PLATFORM_ACCOUNT_STATUSES);

/**
 * The bulk state answer, `{ fields, states: [[id, status, statusUntil, version, updatedAt], …] }`,
 * checked by hand: a reconciliation pass reads 100k of these, and a schema
 * library's per-object cost would be most of the pass.
 */
function readStates(raw: unknown): PlatformAccountState[] {
  const shaped = typeof raw === 'object' && raw !== null && 'fields' in raw && 'states' in raw ? raw : null;
  if (!shaped || !Array.isArray(shaped.fields) || shaped.fields.join(',') !== STATE_FIELDS.join(',') || !Array.isArray(shaped.states)) {
    throw new PlatformUnavailableError(`unexpected response shape: account states must be { fields: [${STATE_FIELDS.join(', ')}], states: [...] }`);
  }
  return shaped.states.map((row: unknown, i: number) => {
    if (!isStateRow(row)) throw new PlatformUnavailableError(`unexpected response shape: account state ${i} is not [id, status, statusUntil, version, updatedAt]`);
    const [id, status, statusUntil, version, updatedAt] = row;
    return { id, status, statusUntil, version, updatedAt };
  });
}

const isStatus = (v: unknown): v is PlatformAccountStatus => typeof v === 'string' && STATUSES.has(v);

function isStateRow(r: unknown): r is [string, PlatformAccountStatus, number | null, number, number] {
  return Array.isArray(r) && typeof r[0] === 'string' && isStatus(r[1]) && (r[2] === null || typeof r[2] === 'number') && typeof r[3] === 'number' && typeof r[4] === 'number';
}
const NoticeReceipt = z.object({ received: z.number(), stored: z.boolean(), receivedAt: z.number() }) satisfies z.ZodType<PlatformNoticeReceipt>;
const ActionResult = z.object({ account: Account, applied: z.boolean() }) satisfies z.ZodType<PlatformActionResult>;

export interface HttpPlatformAdapterOptions {
  baseUrl: string;
  adminToken: string;
  /** per request, including reading the body; defaults to 10 s */
  timeoutMs?: number;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export class HttpPlatformAdapter implements PlatformAdapter {
  private readonly baseUrl: string;
  private readonly adminToken: string;
  private readonly timeoutMs: number;

  constructor(opts: HttpPlatformAdapterOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.adminToken = opts.adminToken;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async getAccount(id: string): Promise<PlatformAccount | null> {
    const res = await this.send({ method: 'GET', path: `/v1/accounts/${encodeURIComponent(id)}` }, [404]);
    return res.status === 404 ? null : this.read(res, Account);
  }

  async listAccounts(opts: { cursor?: string | null; limit?: number }): Promise<AccountPage> {
    const query: Record<string, string> = {};
    if (opts.cursor) query.cursor = opts.cursor;
    if (opts.limit !== undefined) query.limit = String(opts.limit);
    return this.read(await this.send({ method: 'GET', path: '/v1/accounts', query }), Page);
  }

  async getAccountStates(ids: readonly string[]): Promise<PlatformAccountState[]> {
    const out: PlatformAccountState[] = [];
    for (let i = 0; i < ids.length; i += ACCOUNT_STATES_MAX) {
      const res = await this.send({ method: 'POST', path: '/admin/accounts/states', body: { ids: ids.slice(i, i + ACCOUNT_STATES_MAX) } });
      let raw: unknown;
      try {
        raw = await res.json();
      } catch (err) {
        throw new PlatformUnavailableError(`unreadable response: ${err instanceof Error ? err.message : String(err)}`, res.status);
      }
      for (const s of readStates(raw)) out.push(s);
    }
    return out;
  }

  async applyAction(req: PlatformActionRequest, idempotencyKey: string): Promise<PlatformActionResult> {
    const { accountId, ...body } = req;
    const res = await this.send({
      method: 'POST',
      path: `/admin/accounts/${encodeURIComponent(accountId)}/actions`,
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
    return this.read(res, ActionResult);
  }

  async sendNotices(batch: PlatformNoticeBatch, idempotencyKey: string): Promise<PlatformNoticeReceipt> {
    const res = await this.send({ method: 'POST', path: '/admin/notices', body: batch, headers: { 'idempotency-key': idempotencyKey } });
    return this.read(res, NoticeReceipt);
  }

  /** Sends one request; statuses in `expected` come back instead of throwing. */
  private async send(call: Call, expected: number[] = []): Promise<Response> {
    const url = new URL(this.baseUrl + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const what = `${call.method} ${call.path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${this.adminToken}`,
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // refused connection, reset, DNS, timeout: the request may or may not
      // have arrived, which idempotency keys make safe to retry
      throw new PlatformUnavailableError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (res.ok || expected.includes(res.status)) return res;
    const reason = await errorMessage(res);
    if (res.status === 412) throw new PlatformVersionConflictError(`${what}: ${reason}`);
    if (res.status >= 500 || res.status === 429) {
      throw new PlatformUnavailableError(`${what}: HTTP ${res.status} ${reason}`, res.status);
    }
    throw new PlatformRejectedError(`${what}: HTTP ${res.status} ${reason}`, res.status);
  }

  /**
   * Parses a successful response. A body that cannot be read or does not fit
   * counts as unavailable: for an action the platform may have applied it, and
   * a retry under the same idempotency key is the safe way to find out.
   */
  private async read<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
    let raw: unknown;
    try {
      raw = await res.json();
    } catch (err) {
      throw new PlatformUnavailableError(`unreadable response: ${err instanceof Error ? err.message : String(err)}`, res.status);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new PlatformUnavailableError(`unexpected response shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`, res.status);
    }
    return parsed.data;
  }
}

/** The platform's own explanation, when it gave one. */
async function errorMessage(res: Response): Promise<string> {
  try {
    const body: unknown = await res.json();
    const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : null;
    const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : null;
    return typeof message === 'string' ? message : '';
  } catch {
    return '';
  }
}
