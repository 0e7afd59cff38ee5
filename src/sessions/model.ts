/**
 * Staff sessions: when one ends, and when a destructive step needs a fresh
 * second factor. Pure: no I/O, time is passed in.
 */
import { PROTECTED_TIERS, type Tier } from '../accounts/model.js';
import { DomainError } from '../errors.js';
import { type Staff, accessState } from '../staff/model.js';

export const END_REASONS = ['idle', 'expired', 'access_ended', 'offboarded', 'logged_out'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const SIGN_IN_METHODS = ['password', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export interface Session {
  id: string;
  staffId: string;
  csrfToken: string;
  method: SignInMethod;
  address: string;
  createdAt: number;
  lastSeenAt: number;
  /** absolute end, fixed at sign-in */
  expiresAt: number;
  /** a TOTP code was entered within the step-up window until this instant */
  stepUpUntil: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
}

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
  stepUpMs: number;
}

/**
 * Why this session is over at `now`, or null while it lives. The person's
 * access is judged first: a session never outlives the access window or an
 * offboarding, whatever its own timeouts say.
 */
export function endReasonAt(session: Session, staff: Pick<Staff, 'access' | 'offboardedAt'>, now: number, idleMs: number): EndReason | null {
  if (session.endedAt !== null) return session.endReason ?? 'logged_out';
  const access = accessState(staff, now);
  if (access === 'offboarded') return 'offboarded';
  if (access !== 'active') return 'access_ended';
  if (now >= session.expiresAt) return 'expired';
  if (now >= session.lastSeenAt + idleMs) return 'idle';
  return null;
}

export const idleExpiresAt = (s: Pick<Session, 'lastSeenAt' | 'expiresAt'>, idleMs: number) => Math.min(s.lastSeenAt + idleMs, s.expiresAt);

/**
 * Proposing or approving this needs a fresh TOTP code when signed in through
 * the console: it takes a protected account out of service (judged by its
 * effect, so a restore to a locked state counts as much as a lock).
 */
export const needsStepUp = (destructive: boolean, tier: Tier) => destructive && PROTECTED_TIERS.includes(tier);

export const steppedUp = (s: Pick<Session, 'stepUpUntil'>, now: number) => s.stepUpUntil !== null && s.stepUpUntil > now;

/** Wrong email, password or code: one answer, so the response tells an attacker nothing. */
export const invalidCredentials = (message = 'wrong email, password or code') => new DomainError('invalid_credentials', message);

export const sessionEnded = (reason: EndReason) =>
  new DomainError('session_ended', `the session has ended (${reason.replace('_', ' ')}); sign in again`, { reason });

/** Failures counted for rate limiting, and the instant the oldest of them stops counting. */
export interface FailureCount {
  failures: number;
  oldestAt: number | null;
}

/**
 * Refused when any counter is at its limit; Retry-After says when the oldest counted failure lapses. The
 * address is judged per (address, account) — so the right person behind a shared address (an office NAT) is
 * not locked out by someone else's failures on another account — and, at a much higher limit, as a whole.
 */
export function rateLimit(
  counts: { account: FailureCount; address: FailureCount; addressAccount?: FailureCount },
  limits: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; maxFailuresPerAddressAccount: number; loginWindowMs: number },
  now: number,
): DomainError | null {
  const over = [
    counts.account.failures >= limits.maxFailuresPerAccount ? { what: 'account', c: counts.account } : null,
    counts.addressAccount && counts.addressAccount.failures >= limits.maxFailuresPerAddressAccount
      ? { what: 'account from this address', c: counts.addressAccount }
      : null,
    counts.address.failures >= limits.maxFailuresPerAddress ? { what: 'address', c: counts.address } : null,
  ].filter((x) => x !== null);
  if (over.length === 0) return null;
  const until = Math.max(...over.map((o) => (o.c.oldestAt ?? now) + limits.loginWindowMs));
  const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new DomainError('rate_limited', `too many failed sign-ins for this ${over.map((o) => o.what).join(' and ')}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    limitedBy: over.map((o) => o.what),
  });
}
