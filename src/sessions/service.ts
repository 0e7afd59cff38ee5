/**
 * Signing in and out, and the life of a session: two factors checked
 * (argon2id password, TOTP code good once), failures counted for rate limits,
 * sessions kept server-side and ended — by the person, by a timeout, or the
 * instant their access ends. Every outcome is audited with the change.
 *
 * Checking credentials (argon2 takes tens of milliseconds) reads only; the
 * writes that follow run in the caller's transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { type SessionAuditEvent, loggedIn, loginFailed, loginRefused, sessionEnded, sessionSteppedUp, stepUpFailed } from './events.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { SessionRow } from '../db/schema.js';
import { DomainError } from '../errors.js';
import type { ActionKind } from '../policy/model.js';
import { type Staff, accessState } from '../staff/model.js';
import { staffByNormalisedEmail, staffById } from '../staff/store.js';
import { findAccount } from '../accounts/store.js';
import { type TotpVault, checkTotp, passwordMatches } from './credentials.js';
import {
  type EndReason,
  type FailureCount,
  type Session,
  type SignInMethod,
  idleExpiresAt,
  invalidCredentials,
  needsStepUp,
  rateLimit,
  steppedUp,
} from './model.js';

/** An OpenID Connect round trip must come back within this long. */
export const OIDC_PENDING_MS = 10 * 60_000;

export const hashSessionToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function rowToSession(r: SessionRow): Session {
  return {
    id: r.id,
    staffId: r.staff_id,
    csrfToken: r.csrf_token,
    method: r.method,
    address: r.address,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    stepUpUntil: r.step_up_until,
    endedAt: r.ended_at,
    endReason: r.end_reason,
  };
}

/** What the console sees of its session: the same body for login, GET /v1/session and OIDC. */
export interface SessionView {
  staff: { id: string; name: string; email: string; role: Staff['role']; employment: Staff['employment']; accessUntil: number | null };
  csrfToken: string;
  expiresAt: number;
  idleExpiresAt: number;
  stepUpUntil: number | null;
}

export interface SignInAttempt {
  email: string;
  password: string;
  totp: string;
  address: string;
  userAgent: string;
}

export type FailureWhy = 'unknown_email' | 'no_credentials' | 'wrong_password' | 'wrong_totp' | 'totp_replayed' | 'oidc_refused';

/** The verdict on the credentials, before anything is written. */
export interface CredentialCheck {
  email: string;
  address: string;
  userAgent: string;
  staff: Staff | null;
  failure: FailureWhy | null;
  step: number | null;
}

export interface SignedIn {
  /** the cookie's value: shown once, only its hash is stored */
  token: string;
  session: Session;
  staff: Staff;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

type SessionConfig = Config['session'];

/** how long an ended or expired session row is kept before the clean-up job deletes it */
export const ENDED_SESSION_RETENTION_MS = 7 * 24 * 3_600_000;

export class SessionService {
  constructor(
    private readonly audit: AuditAppender<SessionAuditEvent>,
    private readonly clock: Clock,
    private readonly config: SessionConfig,
    private readonly vault: TotpVault,
  ) {}

  async staffByEmail(db: Db, email: string): Promise<Staff | null> {
    return staffByNormalisedEmail(db, normaliseEmail(email));
  }

  // --- signing in

  /** Rate limits first (refused with rate_limited), then both factors; writes nothing. */
  async checkSignIn(db: Db, attempt: SignInAttempt): Promise<CredentialCheck> {
    const email = normaliseEmail(attempt.email);
    await this.assertNotRateLimited(db, email, attempt.address);
    const staff = await this.staffByEmail(db, email);
    const creds = staff
      ? await db.selectFrom('staff_credentials').selectAll().where('staff_id', '=', staff.id).executeTakeFirst()
      : undefined;
    // the password is checked whatever else is wrong, so every failure costs the same
    const passwordOk = await passwordMatches(creds?.password_hash ?? null, attempt.password);
    const base = { email, address: attempt.address, userAgent: attempt.userAgent, staff: staff ?? null, step: null };
    if (!staff) return { ...base, failure: 'unknown_email' };
    if (!creds?.password_hash || !creds.totp_secret) return { ...base, failure: 'no_credentials' };
    if (!passwordOk) return { ...base, failure: 'wrong_password' };
    const totp = await checkTotp(this.vault.open(creds.totp_secret), attempt.totp, this.clock.now(), creds.totp_last_step);
    if (!totp.ok) return { ...base, failure: totp.why };
    return { ...base, failure: null, step: totp.step };
  }

  /**
   * Writes what the check decided: a failure (counted, audited), or a new
   * session. The TOTP step is consumed here, conditionally, so two requests
   * racing with one code cannot both sign in.
   */
  async completeSignIn(tx: Db, check: CredentialCheck): Promise<Outcome<SignedIn>> {
    const now = this.clock.now();
    let failure = check.failure;
    if (failure === null && !(await this.consumeStep(tx, check.staff!.id, check.step!))) failure = 'totp_replayed';
    if (failure !== null || !check.staff) return { ok: false, error: await this.recordFailure(tx, check, failure ?? 'unknown_email') };
    // the code just entered is a fresh second factor: it counts as a step-up
    return this.admit(tx, check.staff, 'password', check.address, check.userAgent, now + this.config.stepUpMs);
  }

  /** Identity proven: a session if the person's access is open now, else a refusal naming why (they proved who they are). */
  async admit(tx: Db, staff: Staff, method: SignInMethod, address: string, userAgent: string, stepUpUntil: number | null): Promise<Outcome<SignedIn>> {
    const now = this.clock.now();
    const access = accessState(staff, now);
    if (access !== 'active') {
      await this.audit.append(tx, loginRefused(staff, access, method, address));
      return { ok: false, error: new DomainError('unauthenticated', `access ${access.replace('_', ' ')} for ${staff.id}`, { accessState: access }) };
    }
    await tx.insertInto('login_attempts').values({ at: now, email: normaliseEmail(staff.email), address, ok: 1 }).execute();
    return { ok: true, value: await this.open(tx, staff, method, address, userAgent, stepUpUntil) };
  }

  /** A failed sign-in: counted for the rate limits, audited; the one answer is returned to throw. */
  async recordFailure(tx: Db, who: Pick<CredentialCheck, 'email' | 'address' | 'userAgent' | 'staff'>, why: FailureWhy, detail?: string): Promise<DomainError> {
    await tx.insertInto('login_attempts').values({ at: this.clock.now(), email: who.email, address: who.address, ok: 0 }).execute();
    await this.audit.append(tx, loginFailed(who, why, detail));
    return invalidCredentials(why === 'oidc_refused' ? `sign-in through the identity provider refused${detail ? `: ${detail}` : ''}` : undefined);
  }

  private async open(tx: Db, staff: Staff, method: SignInMethod, address: string, userAgent: string, stepUpUntil: number | null): Promise<SignedIn> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const session: Session = {
      id: `ses_${randomBytes(8).toString('hex')}`,
      staffId: staff.id,
      csrfToken: randomBytes(32).toString('base64url'),
      method,
      address,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.config.absoluteMs,
      stepUpUntil,
      endedAt: null,
      endReason: null,
    };
    await tx
      .insertInto('staff_sessions')
      .values({
        id: session.id,
        token_hash: hashSessionToken(token),
        staff_id: staff.id,
        csrf_token: session.csrfToken,
        method,
        address,
        user_agent: userAgent.slice(0, 400),
        created_at: now,
        last_seen_at: now,
        expires_at: session.expiresAt,
        step_up_until: stepUpUntil,
        ended_at: null,
        end_reason: null,
      })
      .execute();
    await this.audit.append(tx, loggedIn(staff, session, userAgent.slice(0, 400)));
    return { token, session, staff };
  }

  // --- the life of a session

  /** The session behind a cookie and its person, ended or not; null for a token never issued. */
  async find(db: Db, token: string): Promise<{ session: Session; staff: Staff } | null> {
    const row = await db.selectFrom('staff_sessions').selectAll().where('token_hash', '=', hashSessionToken(token)).executeTakeFirst();
    if (!row) return null;
    return { session: rowToSession(row), staff: await staffById(db, row.staff_id) };
  }

  /** Activity: the idle timeout starts again. */
  async touch(db: Db, session: Session): Promise<Session> {
    const now = this.clock.now();
    await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', session.id).where('ended_at', 'is', null).execute();
    return { ...session, lastSeenAt: now };
  }

  /** Ends a session once (a race ends it once, audited once); false when it had already ended. */
  async end(tx: Db, session: Session, reason: EndReason, actor: Actor): Promise<boolean> {
    const now = this.clock.now();
    const r = await tx.updateTable('staff_sessions').set({ ended_at: now, end_reason: reason }).where('id', '=', session.id).where('ended_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await this.audit.append(tx, sessionEnded(actor, session, reason));
    return true;
  }

  /** Every open session of a person, ended (offboarding, access window closed); audited by the caller with the rest. */
  async endAllOf(tx: Db, staffId: string, reason: EndReason): Promise<string[]> {
    const now = this.clock.now();
    const open = await tx.selectFrom('staff_sessions').select('id').where('staff_id', '=', staffId).where('ended_at', 'is', null).execute();
    if (open.length === 0) return [];
    await tx.updateTable('staff_sessions').set({ ended_at: now, end_reason: reason }).where('staff_id', '=', staffId).where('ended_at', 'is', null).execute();
    return open.map((s) => s.id);
  }

  // --- step-up

  async checkStepUp(db: Db, staff: Staff, code: string, address: string): Promise<CredentialCheck> {
    await this.assertNotRateLimited(db, normaliseEmail(staff.email), address);
    const creds = await db.selectFrom('staff_credentials').selectAll().where('staff_id', '=', staff.id).executeTakeFirst();
    const base = { email: normaliseEmail(staff.email), address, userAgent: '', staff, step: null };
    if (!creds?.totp_secret) return { ...base, failure: 'no_credentials' };
    const totp = await checkTotp(this.vault.open(creds.totp_secret), code, this.clock.now(), creds.totp_last_step);
    return totp.ok ? { ...base, failure: null, step: totp.step } : { ...base, failure: totp.why };
  }

  async completeStepUp(tx: Db, session: Session, check: CredentialCheck): Promise<Outcome<Session>> {
    const now = this.clock.now();
    let failure = check.failure;
    if (failure === null && !(await this.consumeStep(tx, session.staffId, check.step!))) failure = 'totp_replayed';
    if (failure !== null) {
      await tx.insertInto('login_attempts').values({ at: now, email: check.email, address: check.address, ok: 0 }).execute();
      await this.audit.append(tx, stepUpFailed(session, failure, check.address));
      // 403, not 401: the session is fine, only the step-up is still owed
      return { ok: false, error: new DomainError('step_up_required', 'wrong or already used TOTP code; the step-up is still required', { reason: failure }) };
    }
    const until = now + this.config.stepUpMs;
    await tx.updateTable('staff_sessions').set({ step_up_until: until }).where('id', '=', session.id).execute();
    await this.audit.append(tx, sessionSteppedUp(session, until));
    return { ok: true, value: { ...session, stepUpUntil: until } };
  }

  /**
   * Proposing or approving a destructive action on a protected account from a
   * console session needs a TOTP code entered within the step-up window.
   */
  async requireStepUp(db: Db, session: Session, step: { kind: ActionKind; destructive: boolean; targetType: string; targetId: string }): Promise<void> {
    const { kind, destructive, targetType, targetId } = step;
    if (targetType !== 'account') return;
    const account = await findAccount(db, targetId);
    if (!account || !needsStepUp(destructive, account.tier)) return;
    if (steppedUp(session, this.clock.now())) return;
    throw new DomainError('step_up_required', `${kind} on a ${account.tier} account needs a fresh TOTP code: POST /v1/session/step-up`, {
      kind,
      tier: account.tier,
      stepUpUntil: session.stepUpUntil,
    });
  }

  view(session: Session, staff: Staff): SessionView {
    return {
      staff: { id: staff.id, name: staff.name, email: staff.email, role: staff.role, employment: staff.employment, accessUntil: staff.access.until },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
      idleExpiresAt: idleExpiresAt(session, this.config.idleMs),
      stepUpUntil: session.stepUpUntil,
    };
  }

  /** Housekeeping: login attempts past the rate-limit window count for nothing (the audit log keeps them), nor do abandoned OIDC round trips. */
  async purgeExpired(tx: Db): Promise<{ attempts: number; oidc: number; sessions: number }> {
    const now = this.clock.now();
    const attempts = await tx.deleteFrom('login_attempts').where('at', '<=', now - this.config.loginWindowMs).executeTakeFirst();
    const oidc = await tx.deleteFrom('oidc_logins').where('created_at', '<=', now - OIDC_PENDING_MS).executeTakeFirst();
    // an ended or expired session is kept a while, so an old cookie is told why it ended; then forgotten
    // (its sign-in and its end are in the audit log for good)
    const cutoff = now - ENDED_SESSION_RETENTION_MS;
    const sessions = await tx
      .deleteFrom('staff_sessions')
      .where((eb) => eb.or([eb('ended_at', '<=', cutoff), eb('expires_at', '<=', cutoff)]))
      .executeTakeFirst();
    return { attempts: Number(attempts.numDeletedRows), oidc: Number(oidc.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
  }

  /**
   * An OpenID Connect callback is limited by the client's address: until the
   * provider has answered there is no account to count against.
   */
  async assertAddressNotRateLimited(db: Db, address: string): Promise<void> {
    const refusal = rateLimit({ account: { failures: 0, oldestAt: null }, address: await this.failures(db, { address }) }, this.config, this.clock.now());
    if (refusal) throw refusal;
  }

  // --- internals

  private async assertNotRateLimited(db: Db, email: string, address: string): Promise<void> {
    const counts = {
      account: await this.failures(db, { email }),
      addressAccount: await this.failures(db, { email, address }),
      address: await this.failures(db, { address }),
    };
    const refusal = rateLimit(counts, this.config, this.clock.now());
    if (refusal) throw refusal;
  }

  /** Failed sign-ins of one account, one address, or one account from one address, inside the window. */
  private async failures(db: Db, of: { email?: string; address?: string }): Promise<FailureCount> {
    let q = db.selectFrom('login_attempts').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('at').as('oldest')]);
    if (of.email !== undefined) q = q.where('email', '=', of.email);
    if (of.address !== undefined) q = q.where('address', '=', of.address);
    const r = await q
      .where('ok', '=', 0)
      .where('at', '>', this.clock.now() - this.config.loginWindowMs)
      .executeTakeFirstOrThrow();
    return { failures: Number(r.n), oldestAt: r.oldest === null ? null : Number(r.oldest) };
  }

  /** Marks a TOTP step used; false if it (or a later one) already was. */
  private async consumeStep(tx: Db, staffId: string, step: number): Promise<boolean> {
    const r = await tx
      .updateTable('staff_credentials')
      .set({ totp_last_step: step })
      .where('staff_id', '=', staffId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
