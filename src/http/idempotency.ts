/** The `Idempotency-Key` header of a state-changing request, as the store keeps it. */
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../errors.js';
import { IDEMPOTENCY_HEADER, type IdempotentRequest, checkIdempotencyKey } from '../idempotency.js';
import type { AuthEnv } from './auth.js';

/** Null when the request carries no key; a malformed key is refused with a 400 naming the header. */
export async function idempotencyOf(c: Context<AuthEnv>): Promise<IdempotentRequest | null> {
  const value = c.req.header(IDEMPOTENCY_HEADER);
  if (value === undefined) return null;
  const key = checkIdempotencyKey(value);
  const p = c.get('principal');
  const principal = p.kind === 'staff' ? `staff:${p.staff.id}` : `service:${p.id}`;
  // the body as sent (parsed once by the validator, cached); empty for a body-less POST
  const body: unknown = c.req.header('content-type')?.includes('json') ? await c.req.json().catch(() => null) : null;
  return { principal, key, operation: `${c.req.method} ${c.req.path}`, body };
}

/**
 * The operations that keep an answer under `Idempotency-Key` (each calls
 * idempotencyOf and runs its change through ctx.idempotent).
 */
export const IDEMPOTENT_OPERATIONS = [
  'POST /v1/actions',
  'POST /v1/actions/{id}/approve',
  'POST /v1/actions/{id}/execute',
  'POST /v1/actions/{id}/reject',
  'POST /v1/reports',
  'POST /v1/reports/batch',
  'POST /v1/accounts/import',
  'POST /v1/cases/{id}/resolve',
  'POST /v1/cases/{id}/reroute',
  'POST /v1/cases/{id}/comments',
  'POST /v1/staff',
  'POST /v1/staff/{id}/offboard',
] as const;

const SUPPORTED = IDEMPOTENT_OPERATIONS.map((op) => new RegExp(`^${op.replace(/\{[^}]+\}/g, '[^/]+')}$`));

/**
 * A key on any other operation is refused before it runs: a client that sent
 * one believes a retry is safe, and there it would not be.
 */
export const refuseUnkeyedOperations: MiddlewareHandler = async (c, next) => {
  // reads are safe to retry as they are; the header is only judged where something could change
  const changes = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
  if (changes && c.req.header(IDEMPOTENCY_HEADER) !== undefined && !SUPPORTED.some((re) => re.test(`${c.req.method} ${c.req.path}`))) {
    throw new DomainError('invalid_input', `${IDEMPOTENCY_HEADER}: not supported on ${c.req.method} ${c.req.path}; a retry of it is not answered from the store`, {
      fields: [{ path: `header.${IDEMPOTENCY_HEADER}`, message: `not supported on this operation (supported: ${IDEMPOTENT_OPERATIONS.join(', ')})` }],
    });
  }
  return next();
};
