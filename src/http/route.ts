/**
 * Every /v1 route is declared through `guarded`, which names who may call it
 * (staff, the platform's service token, or either) and the operation it
 * performs (src/policy/operations.ts); the check runs first and is recorded,
 * so a test can walk every route and prove it. Whether this caller may
 * perform that operation is asked of the policy (src/policy/authorizer.ts),
 * never of a role list here. The few routes that must answer before anyone
 * is signed in (login, the OIDC round trip) are declared through
 * `unguarded`, recorded as public.
 */
import { type RouteConfig, createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Operation } from '../policy/operations.js';
import { type AuthEnv, type RouteAccess, requireOperation } from './auth.js';
import { IDEMPOTENCY_HEADER } from '../idempotency.js';
import { IDEMPOTENT_OPERATIONS } from './idempotency.js';
import { requireJsonBody } from './methods.js';

export type { RouteAccess };

/** A route as declared: the operation it performs and who may call it, or public. */
export type RouteRule = { method: string; path: string } & ({ access: RouteAccess; public?: never } | { access?: never; public: true });

export const ROUTE_RULES: RouteRule[] = [];

export const isPublicRoute = (method: string, path: string) => ROUTE_RULES.some((r) => r.public && r.method === method && r.path === path);

/** A route for staff, performing `operation`. */
export const forStaff = (operation: Operation): RouteAccess => ({ caller: 'staff', operation });
/** A route for staff and for the platform's service token, performing `operation`. */
export const forStaffOrService = (operation: Operation): RouteAccess => ({ caller: 'staff-or-service', operation });

/** A bearer token, or the console's session cookie (with x-csrf-token on state-changing requests). */
export const SECURITY = [{ bearer: [] }, { session: [] }];

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      moreFields: z.number().int().optional().describe('how many more fields are wrong than `fields` names (it names at most 50)'),
    }),
  })
  .meta({ id: 'Error' });

const errorResponses = {
  400: { description: 'invalid input; each bad field is named', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'missing, unknown or revoked token, or access ended', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'the policy does not let this caller perform the operation; the body names the rule that answered', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'not found', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: 'conflict with the current state', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

/** Only where a route reads a body. */
const unsupportedType = {
  413: { description: 'the body is over this route\'s size limit', content: { 'application/json': { schema: ErrorSchema } } },
  415: { description: 'the body is not JSON (Content-Type must be application/json)', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

const RETRY_AFTER = {
  'Retry-After': { description: 'seconds until the window that refused this request ends', schema: { type: 'integer', minimum: 1 } },
} as const;

/** Every /v1 request is counted (src/rate-limits.ts): per credential, or per client address without one. */
const rateLimited = {
  description: 'too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds',
  headers: RETRY_AFTER,
  content: {
    'application/json': {
      schema: ErrorSchema.extend({ error: ErrorSchema.shape.error.extend({ retryAfterSeconds: z.number().int() }) }).meta({ id: 'RateLimited' }),
    },
  },
};

/**
 * The error answers every operation can give, what its body adds (415), and
 * 429 with Retry-After; a route's own answers win, a 429 of its own keeps the
 * header.
 */
function responsesOf(route: Pick<RouteConfig, 'request' | 'responses'>) {
  const own429 = route.responses[429];
  return {
    ...errorResponses,
    ...(route.request?.body ? unsupportedType : {}),
    ...route.responses,
    429: own429 && !('$ref' in own429) ? { ...own429, headers: { ...RETRY_AFTER, ...own429.headers } } : rateLimited,
  };
}

/** A state-changing operation that keeps its answer under Idempotency-Key (src/http/idempotency.ts) declares the header. */
function parametersOf(route: Pick<RouteConfig, 'method' | 'path' | 'parameters'>) {
  const keyed = (IDEMPOTENT_OPERATIONS as readonly string[]).includes(`${route.method.toUpperCase()} ${route.path}`);
  if (!keyed) return route.parameters;
  const header = {
    name: IDEMPOTENCY_HEADER,
    in: 'header' as const,
    required: false,
    description: 'a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409',
    schema: { type: 'string' as const, minLength: 1, maxLength: 128, pattern: '^[\\x20-\\x7e]{1,128}$' },
  };
  return [...(route.parameters ?? []), header];
}

export function guarded<R extends Omit<RouteConfig, 'middleware' | 'security'>>(access: RouteAccess, route: R) {
  const openApiPath = route.path;
  ROUTE_RULES.push({ method: route.method.toUpperCase(), path: openApiPath, access });
  const callers = access.caller === 'staff' ? 'staff' : 'staff or the platform service token';
  return createRoute({
    ...route,
    security: SECURITY,
    description: `${route.description ?? ''}\n\nOperation: ${access.operation} (${callers}; who may call it is decided by the policy)`.trim(),
    parameters: parametersOf(route),
    responses: responsesOf(route),
    middleware: [operationThenBody(access, route)] as const,
  } as R & { middleware: [ReturnType<typeof requireOperation>]; security: { bearer: string[] }[] });
}

/** A route that answers without authentication: no principal is set for it. */
export function unguarded<R extends Omit<RouteConfig, 'middleware' | 'security'>>(route: R) {
  ROUTE_RULES.push({ method: route.method.toUpperCase(), path: route.path, public: true });
  return createRoute({
    ...route,
    security: [],
    middleware: bodyType(route) ?? [],
    parameters: parametersOf(route),
    responses: responsesOf(route),
  } as R & { security: never[] });
}

/** A route with a JSON body refuses other types with 415, after the operation check (an outsider learns nothing of the route). */
function bodyType(route: Pick<RouteConfig, 'request'>): [MiddlewareHandler] | undefined {
  const b = route.request?.body;
  return b ? [requireJsonBody(b.required === true)] : undefined;
}

/** The operation check first, then the body's type: one middleware, so the handler's typing sees one. */
function operationThenBody(access: RouteAccess, route: Pick<RouteConfig, 'request'>): MiddlewareHandler<AuthEnv> {
  const check = requireOperation(access);
  const typed = bodyType(route)?.[0];
  return typed ? (c, next) => check(c, () => typed(c, next) as Promise<void>) : check;
}

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export type { AuthEnv };
