/** The `Idempotency-Key` header of a state-changing request, as the store keeps it. */
import type { Context } from 'hono';
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
