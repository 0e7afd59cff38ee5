/**
 * Who is calling, and may they call this? Authentication runs once for every
 * /v1 route — a bearer token (API tokens, the service token) or the console's
 * session cookie; each route names who may call it and the operation it
 * performs when it is declared (see route.ts), and the check, asked of the
 * policy, is the first thing that runs for it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { RateScope } from '../rate-limits.js';
import { clientAddress } from './address.js';
import { type Session, endReasonAt, sessionEnded } from '../sessions/model.js';
import { type Principal, type Staff, accessState } from '../staff/model.js';
import { type Authorizer, type Caller, callerOf } from '../policy/authorizer.js';
import type { Operation } from '../policy/operations.js';

export interface AuthEnv {
  /**
   * `session` is set when the caller came in with the console's cookie;
   * `caller` is what the policy judges of the principal, `authorizer` what asks it
   */
  Variables: { principal: Principal; session?: Session; caller: Caller; authorizer: Authorizer };
}

/** Who a route is written for, and the operation it performs (src/policy/operations.ts). */
export interface RouteAccess {
  caller: 'staff' | 'staff-or-service';
  operation: Operation;
}

export const SESSION_COOKIE = 'warden_session';
export const CSRF_HEADER = 'x-csrf-token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function authenticate(ctx: AppContext): MiddlewareHandler<AuthEnv> {
  const serviceHash = sha256(ctx.config.serviceToken);
  return async (c, next) => {
    let charge: { scope: RateScope; key: string; after?: () => Promise<void> };
    try {
      charge = await identify(ctx, c, serviceHash);
    } catch (err) {
      // No valid credential: counted per client address, so a stream of wrong tokens ends in 429. A holder of
      // a valid credential is judged by its own count (API tokens carry 192 random bits, sessions 256: the lockout
      // bounds the cost of guessing, not its odds), so someone else's guessing from a shared address does not lock them out.
      if (err instanceof DomainError && (err.code === 'unauthenticated' || err.code === 'session_ended')) {
        await ctx.requestLimits.charge(ctx.db, 'address', clientAddress(c, ctx.config.session.trustProxy));
      }
      throw err;
    }
    c.set('caller', callerOf(c.get('principal'), ctx.clock.now()));
    c.set('authorizer', ctx.policy.authorizer);
    // counted before anything the request itself writes (a session's idle timeout included)
    await ctx.requestLimits.charge(ctx.db, charge.scope, charge.key);
    await charge.after?.();
    return next();
  };
}

/** Sets the principal; answers what its requests are counted against. Throws when the credential is no good. */
async function identify(ctx: AppContext, c: Context<AuthEnv>, serviceHash: Buffer) {
  const header = c.req.header('authorization');
  const cookie = getCookie(c, SESSION_COOKIE);
  if (header === undefined && cookie) return signedIn(ctx, c, cookie);
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) throw new DomainError('unauthenticated', 'missing bearer token (Authorization: Bearer <token>) or session cookie');
  const token = m[1]!;
  const hash = sha256(token);
  if (timingSafeEqual(hash, serviceHash)) {
    c.set('principal', { kind: 'service', id: 'platform' });
    return { scope: 'service' as const, key: 'platform' };
  }
  const staff = await ctx.staff.byToken(ctx.db, token);
  if (!staff) throw new DomainError('unauthenticated', 'unknown or revoked token');
  // Access is judged on every request: a window that ended a millisecond ago is closed.
  const state = accessState(staff, ctx.clock.now());
  if (state !== 'active') throw new DomainError('unauthenticated', `access ${state.replace('_', ' ')} for ${staff.id}`, { accessState: state });
  c.set('principal', { kind: 'staff', staff });
  return { scope: 'token' as const, key: `token:${hash.toString('hex')}` };
}

/**
 * The console's session: ended the moment access ends or a timeout passes
 * (judged on every request); a state-changing request must also echo the
 * session's CSRF token, which a page on another site cannot read.
 */
async function signedIn(ctx: AppContext, c: Context<AuthEnv>, token: string) {
  const found = await ctx.sessions.find(ctx.db, token);
  // a cookie that names no live session is dropped from the browser with the refusal
  const drop = () => deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: ctx.config.session.cookieSecure });
  if (!found) {
    drop();
    throw new DomainError('unauthenticated', 'unknown session; sign in again');
  }
  const { session, staff } = found;
  const reason = endReasonAt(session, staff, ctx.clock.now(), ctx.config.session.idleMs);
  if (reason) {
    if (session.endedAt === null) await ctx.transaction((tx) => ctx.sessions.end(tx, session, reason, { kind: 'system', id: 'warden' }));
    drop();
    throw sessionEnded(reason);
  }
  c.set('principal', { kind: 'staff', staff });
  // after the request is counted against the session: a stream of forged requests on it is limited too
  const after = async () => {
    if (STATE_CHANGING.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER) ?? '';
      if (!timingSafeEqual(sha256(sent), sha256(session.csrfToken))) {
        throw new DomainError('csrf_failed', `missing or wrong ${CSRF_HEADER} header: send the csrfToken of GET /v1/session`);
      }
    }
    c.set('session', await ctx.sessions.touch(ctx.db, session));
  };
  return { scope: 'token' as const, key: `session:${session.id}`, after };
}

/**
 * The route's check: a service token where the route is for staff is refused
 * as such; otherwise the policy is asked whether this caller may perform the
 * operation, and a refusal names the rule that answered.
 */
export function requireOperation(access: RouteAccess): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (access.caller === 'staff') staffOf(c.get('principal'), access.operation);
    c.get('authorizer').requireCall(c.get('caller'), access.operation);
    return next();
  };
}

/** The signed-in staff member; service callers are refused where a person is required. */
export function staffOf(p: Principal, operation?: Operation): Staff {
  if (p.kind !== 'staff') throw new DomainError('forbidden', 'this endpoint needs a staff member, not a service token', operation ? { operation } : {});
  return p.staff;
}

export const actorOf = (p: Principal) => (p.kind === 'staff' ? { kind: 'staff' as const, id: p.staff.id } : { kind: 'service' as const, id: p.id });
