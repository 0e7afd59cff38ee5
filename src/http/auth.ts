/**
 * Who is calling, and may they call this? Authentication runs once for every
 * /v1 route; each route names the roles it admits when it is declared
 * (see route.ts), and the check is the first thing that runs for it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { type Grantee, type Principal, type Staff, accessState, granteeOf } from '../staff/model.js';

export interface AuthEnv {
  Variables: { principal: Principal };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function authenticate(ctx: AppContext): MiddlewareHandler<AuthEnv> {
  const serviceHash = sha256(ctx.config.serviceToken);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('unauthenticated', 'missing bearer token (Authorization: Bearer <token>)');
    const token = m[1]!;
    if (timingSafeEqual(sha256(token), serviceHash)) {
      c.set('principal', { kind: 'service', id: 'platform' });
      return next();
    }
    const staff = await ctx.staff.byToken(ctx.db, token);
    if (!staff) throw new DomainError('unauthenticated', 'unknown or revoked token');
    // Access is judged on every request: a window that ended a millisecond ago is closed.
    const state = accessState(staff, ctx.clock.now());
    if (state !== 'active') throw new DomainError('unauthenticated', `access ${state.replace('_', ' ')} for ${staff.id}`, { accessState: state });
    c.set('principal', { kind: 'staff', staff });
    return next();
  };
}

export function requireRoles(roles: readonly Grantee[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    const who = granteeOf(p);
    if (!roles.includes(who)) {
      throw new DomainError('forbidden', `role ${who} may not call this endpoint; allowed: ${roles.join(', ')}`, { role: who, allowed: roles });
    }
    return next();
  };
}

/** The signed-in staff member; service callers are refused where a person is required. */
export function staffOf(p: Principal): Staff {
  if (p.kind !== 'staff') throw new DomainError('forbidden', 'this endpoint needs a staff member, not a service token');
  return p.staff;
}

export const actorOf = (p: Principal) => (p.kind === 'staff' ? { kind: 'staff' as const, id: p.staff.id } : { kind: 'service' as const, id: p.id });
