/** Domain errors to HTTP, in one table. 4xx bodies name the problem; 5xx bodies leak nothing. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { findUnstorableText } from '../bounds.js';
import { DomainError, type ErrorCode, type FieldProblem } from '../errors.js';
import { PlatformUnavailableError } from '../platform/adapter.js';
import { isStoreUnavailable } from '../db/database.js';

export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  lease_expired: 409,
  too_large: 413,
  unavailable: 503,
  invalid_credentials: 401,
  rate_limited: 429,
  session_ended: 401,
  csrf_failed: 403,
  step_up_required: 403,
};

export interface ErrorBody {
  error: { code: ErrorCode | 'internal'; message: string; fields?: FieldProblem[]; [k: string]: unknown };
}

export function fieldsOf(err: ZodError, prefix: string[] = []): FieldProblem[] {
  return err.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.') || '(body)', message: i.message }));
}

/** At most this many fields are named in one error body; the rest are counted. */
export const MAX_ERROR_FIELDS = 50;
/** …and this many of them spelled out in its message. */
const MAX_MESSAGE_FIELDS = 10;

/**
 * An error body no larger than needed, whatever the request: each field named
 * once (its distinct messages joined), the first `MAX_ERROR_FIELDS` of them,
 * and how many more there are. A 10,000-item batch with a bad field in every
 * item answers a few KB, not megabytes.
 */
export function cappedFields(all: FieldProblem[]): { fields: FieldProblem[]; moreFields: number; message: string } {
  const byPath = new Map<string, string[]>();
  for (const f of all) {
    const messages = byPath.get(f.path);
    if (!messages) {
      // past the cap only the count is needed
      byPath.set(f.path, byPath.size < MAX_ERROR_FIELDS ? [f.message] : []);
    } else if (messages.length > 0 && messages.length < 3 && !messages.includes(f.message)) messages.push(f.message);
  }
  const fields = [...byPath].slice(0, MAX_ERROR_FIELDS).map(([path, messages]) => ({ path, message: messages.join('; ') }));
  const moreFields = byPath.size - fields.length;
  const shown = fields.slice(0, MAX_MESSAGE_FIELDS).map((f) => `${f.path}: ${f.message}`);
  const rest = byPath.size - shown.length;
  const message = shown.join('; ') + (rest > 0 ? `; and ${rest} more field${rest === 1 ? '' : 's'}` : '');
  return { fields, moreFields, message };
}

export function validationErrorBody(err: ZodError, target: string): ErrorBody {
  // The body's fields are named as they are; query and path parameters by where they came from.
  const prefix = target === 'json' ? [] : [target === 'param' ? 'path' : target];
  const { fields, moreFields, message } = cappedFields(fieldsOf(err, prefix));
  return { error: { code: 'invalid_input', message, fields, ...(moreFields > 0 ? { moreFields } : {}) } };
}

/**
 * A request part that passed its schema but holds text no store can keep
 * exactly (a NUL, a lone surrogate — in a free-form record, a key, anything a
 * schema does not spell out): refused like any bad field. Null when clean.
 */
export function unstorableTextBody(data: unknown, target: string): ErrorBody | null {
  const prefix = target === 'json' ? [] : [target === 'param' ? 'path' : target];
  const bad = findUnstorableText(data, prefix);
  if (!bad) return null;
  return { error: { code: 'invalid_input', message: `${bad.path}: ${bad.message}`, fields: [bad] } };
}

export function toErrorResponse(err: unknown, c: Context, log: (e: unknown) => void): Response {
  if (err instanceof DomainError) {
    const { fields, ...rest } = err.details;
    const capped = fields && cappedFields(fields);
    // a service's message may list every field: past the cap, the capped list's message says it instead
    const message = capped && capped.moreFields > 0 ? capped.message : err.message;
    const listed = capped ? { fields: capped.fields, ...(capped.moreFields > 0 ? { moreFields: capped.moreFields } : {}) } : {};
    const body: ErrorBody = { error: { ...rest, code: err.code, message, ...listed } };
    // the rest of an oversized body is never read: the client must not send its next request on this connection
    if (err.code === 'too_large') c.header('Connection', 'close');
    if (typeof rest.retryAfterSeconds === 'number') c.header('Retry-After', String(rest.retryAfterSeconds));
    return c.json(body, STATUS_OF[err.code]);
  }
  if (err instanceof PlatformUnavailableError) {
    return c.json({ error: { code: 'unavailable', message: `the platform is unreachable: ${err.message}` } } satisfies ErrorBody, 503);
  }
  if (isStoreUnavailable(err)) {
    // the store went away mid-request (a terminated backend, a restart): logged, answered as a retryable 503
    log(err);
    c.header('Retry-After', '1');
    return c.json({ error: { code: 'unavailable', message: 'the store is unavailable; try again' } } satisfies ErrorBody, 503);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code: ErrorCode = err.status === 413 ? 'too_large' : err.status === 401 ? 'unauthenticated' : 'invalid_input';
    const message = err.message || 'bad request';
    const body: ErrorBody = { error: { code, message, ...(code === 'invalid_input' ? { fields: [{ path: '(body)', message }] } : {}) } };
    return c.json(body, err.status as ContentfulStatusCode);
  }
  log(err);
  return c.json({ error: { code: 'internal', message: 'internal error' } } satisfies ErrorBody, 500);
}
