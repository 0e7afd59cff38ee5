/**
 * Every /v1 route is declared through `guarded`, which puts the role check
 * first and records it, so a test can walk every route and prove it. The few
 * that must answer before anyone is signed in (login, the OIDC round trip)
 * are declared through `unguarded`, recorded as public.
 */
import { type RouteConfig, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Grantee, Role } from '../staff/model.js';
import { type AuthEnv, requireRoles } from './auth.js';

export const ALL_STAFF: readonly Role[] = ['triage', 'agent', 'lead', 'admin', 'auditor'];
export const CASE_WORKERS: readonly Role[] = ['triage', 'agent', 'lead', 'admin'];

export interface RoleRule {
  method: string;
  path: string;
  roles: readonly Grantee[];
  /** answers without authentication: signing in */
  public?: true;
}

export const ROUTE_ROLES: RoleRule[] = [];

export const isPublicRoute = (method: string, path: string) => ROUTE_ROLES.some((r) => r.public && r.method === method && r.path === path);

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
  403: { description: 'role not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'not found', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: 'conflict with the current state', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export function guarded<R extends Omit<RouteConfig, 'middleware' | 'security'>>(roles: readonly Grantee[], route: R) {
  const openApiPath = route.path;
  ROUTE_ROLES.push({ method: route.method.toUpperCase(), path: openApiPath, roles });
  return createRoute({
    ...route,
    security: SECURITY,
    description: `${route.description ?? ''}\n\nRoles: ${roles.join(', ')}`.trim(),
    responses: { ...errorResponses, ...route.responses },
    middleware: [requireRoles(roles)] as const,
  } as R & { middleware: [ReturnType<typeof requireRoles>]; security: { bearer: string[] }[] });
}

/** A route that answers without authentication: no principal is set for it. */
export function unguarded<R extends Omit<RouteConfig, 'middleware' | 'security'>>(route: R) {
  ROUTE_ROLES.push({ method: route.method.toUpperCase(), path: route.path, roles: [], public: true });
  return createRoute({ ...route, security: [], responses: { ...errorResponses, ...route.responses } } as R & { security: never[] });
}

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export type { AuthEnv };
