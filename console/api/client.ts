/**
 * The typed API client: paths and bodies come from schema.d.ts, generated from
 * the server's own OpenAPI document (see src/console/openapi.ts). Sessions ride
 * on the httpOnly cookie; every state-changing request carries the CSRF token.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Case = Schemas['Case'];
export type Account = Schemas['Account'];
export type Action = Schemas['Action'];
export type Staff = Schemas['Staff'];
export type Alert = Schemas['Alert'];
export type Decision = Schemas['Decision'];
export type RuleHit = Schemas['RuleHit'];
export type Tier = Account['tier'];

export interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[]; details?: Record<string, unknown>; [k: string]: unknown };
}

/** A refusal from the server, with its own words: policy reasons are shown to the person as they are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: ErrorBody['error'] | undefined,
  ) {
    super(message);
  }
  /** a detail of the error, whether the server put it beside the code or under `details` */
  detail<T = unknown>(key: string): T | undefined {
    const b = this.body;
    return (b?.details?.[key] ?? b?.[key]) as T | undefined;
  }
  get rules(): RuleHit[] {
    const d = this.detail<Decision>('decision');
    return d?.rules ?? [];
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null) => {
  csrfToken = t;
};

type EndedListener = (err: ApiError) => void;
let onSessionEnded: EndedListener = () => {};
/** Called when any request finds the session over (idle, expired, access ended, offboarded). */
export const setSessionEndedListener = (fn: EndedListener) => {
  onSessionEnded = fn;
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const NOT_A_SESSION_END = new Set(['/v1/session/login', '/v1/session']);

const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status === 401 && !NOT_A_SESSION_END.has(new URL(request.url).pathname)) {
      onSessionEnded(await toApiError(response.clone()));
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

export async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    /* not JSON */
  }
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, e);
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's words. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const r = await p;
  if (r.response.ok && r.data !== undefined) return r.data;
  if (r.response.ok) return undefined as T;
  const e = r.error as ErrorBody | undefined;
  const err = e?.error;
  throw new ApiError(r.response.status, err?.code ?? `http_${r.response.status}`, err?.message ?? `${r.response.status} ${r.response.statusText}`, err);
}

/** A page of the audit log (GET /v1/audit), newest first. */
export const auditPage = (query: NonNullable<paths['/v1/audit']['get']['parameters']['query']>) => call(api.GET('/v1/audit', { params: { query } }));

/**
 * An audit entry as the client reads it: the typed event when `catalogued`
 * (switch over `action`), else as stored. openapi-fetch leaves out of its
 * types a member that can only be null, such as the `before` of an event that
 * records none: read such members with `in`.
 */
export type AuditEvent = Awaited<ReturnType<typeof auditPage>>['entries'][number];
