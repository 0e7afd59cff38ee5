/**
 * Request rate limits, counted in the store so that every Warden instance on
 * it sees the same count: one fixed-window counter per (scope, key, window
 * start), incremented by a single upsert that returns the new count — the
 * whole per-request cost. The HTTP layer charges each /v1 request
 * (src/http/auth.ts); a request over its limit is refused before its
 * handler runs, so it writes nothing but the count.
 */
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { DomainError } from './errors.js';

/**
 * - token: one staff API token or console session
 * - service: the platform's service token (its own, higher limit)
 * - address: requests from one client address that carried no valid credential
 * - public: requests from one client address to the routes that need none (sign-in)
 */
export type RateScope = 'token' | 'service' | 'address' | 'public';

export class RequestLimiter {
  constructor(
    private readonly clock: Clock,
    private readonly limits: Config['rateLimits'],
  ) {}

  private limitOf(scope: RateScope): number {
    if (scope === 'service') return this.limits.perService;
    if (scope === 'token') return this.limits.perToken;
    return this.limits.perAddress;
  }

  /** Counts one request; refused with rate_limited (and Retry-After: the window's end) once over the limit. */
  async charge(db: Db, scope: RateScope, key: string): Promise<void> {
    const now = this.clock.now();
    const { windowMs } = this.limits;
    const windowStart = now - (now % windowMs);
    const row = await db
      .insertInto('rate_limit_counters')
      .values({ scope, key, window_start: windowStart, hits: 1 })
      .onConflict((oc) => oc.columns(['scope', 'key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limit_counters.hits', '+', 1) })))
      .returning('hits')
      .executeTakeFirstOrThrow();
    const limit = this.limitOf(scope);
    if (Number(row.hits) <= limit) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    const what = scope === 'address' ? 'requests without a valid credential from this address' : scope === 'public' ? 'requests from this address' : 'requests with this credential';
    throw new DomainError('rate_limited', `too many ${what}: ${limit} per ${windowMs / 1000} s; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      limitedBy: scope,
      limit,
      windowMs,
    });
  }

  /** Housekeeping: windows that have ended count for nothing. */
  async purgeEnded(db: Db): Promise<number> {
    const now = this.clock.now();
    const current = now - (now % this.limits.windowMs);
    const r = await db.deleteFrom('rate_limit_counters').where('window_start', '<', current).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
