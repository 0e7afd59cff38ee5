/**
 * Enrolments and tokens. An admin starts an enrolment; its code leaves only
 * through the outbox, towards the holder's address (the staff-invitation
 * channel); the holder redeems it, unauthenticated, for their own token (and
 * sets their own password and TOTP). Staff issue themselves further tokens;
 * admins revoke. Every change is audited in its transaction; a code is kept
 * only as a hash.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { type CredentialAuditEvent, type RedeemFailure, enrolmentRedeemed, enrolmentRevoked, enrolmentStarted, redeemFailed, tokenRevoked } from './events.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Selectable } from 'kysely';
import type { StaffEnrolmentsTable } from '../db/schema.js';
import { DomainError, conflict, invalidInput, notFound } from '../errors.js';
import { enqueue } from '../platform/outbox.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../sessions/credentials.js';
import type { CredentialEnrolment } from '../sessions/enrolment.js';
import { type Staff, accessState } from '../staff/model.js';
import type { StaffService } from '../staff/service.js';
import {
  type Enrolment,
  type EnrolmentMessage,
  enrolmentState,
  issuerOf,
  newEnrolmentCode,
  parseEnrolmentCode,
  secretMatches,
} from './model.js';

export interface Redemption {
  code: string;
  password?: string;
  label?: string;
  address: string;
}

export interface Redeemed {
  staffId: string;
  /** the holder's own token, shown once */
  token: { id: string; token: string };
  /** a fresh TOTP secret, when the holder set a password with this redemption */
  totp: { secret: string; uri: string } | null;
}

export interface TokenInfo {
  id: string;
  label: string;
  issuedBy: string;
  enrolmentId: string | null;
  createdAt: number;
  revokedAt: number | null;
}

/**
 * A failed redemption counts against its client address with failed sign-ins
 * (SessionService.assertAddressNotRateLimited reads the same rows).
 */
const REDEEM_ATTEMPT_EMAIL = '(enrolment)';

function rowToEnrolment(r: Selectable<StaffEnrolmentsTable>): Enrolment {
  return {
    id: r.id,
    staffId: r.staff_id,
    issuedBy: r.issued_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    redeemedAt: r.redeemed_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}

export class EnrolmentService {
  constructor(
    private readonly audit: AuditAppender<CredentialAuditEvent>,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly credentials: CredentialEnrolment,
    private readonly config: Config['enrolment'],
    /** where the holder redeems a code (named in the message) */
    private readonly redeemUrl: string,
  ) {}

  /** Is there a channel that reaches holders? Without one, an enrolment cannot be started. */
  get channelConfigured(): boolean {
    return !!(this.config.webhookUrl && this.config.webhookSecret);
  }

  /**
   * Start an enrolment for a staff member: the code goes into the outbox
   * towards the holder, never into the answer. An older pending enrolment of
   * theirs is revoked: one code at a time.
   */
  async start(tx: Db, actor: Actor, staffId: string): Promise<Enrolment> {
    if (!this.channelConfigured) {
      throw conflict(
        'no channel reaches the holder: an enrolment code is only ever sent towards its holder; ' +
          'configure WARDEN_ENROLMENT_WEBHOOK_URL and WARDEN_ENROLMENT_WEBHOOK_SECRET (the staff-invitation relay)',
        { reason: 'no_enrolment_channel' },
      );
    }
    const staff = await this.staff.get(tx, staffId);
    const now = this.clock.now();
    const access = accessState(staff, now);
    if (access === 'offboarded' || access === 'ended') throw conflict(`staff ${staffId}: access ${access.replace('_', ' ')}`, { accessState: access });
    const issuedBy = issuerOf(actor);
    const superseded = await tx
      .updateTable('staff_enrolments')
      .set({ revoked_at: now, revoked_by: issuedBy })
      .where('staff_id', '=', staffId)
      .where('redeemed_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('id')
      .execute();
    for (const s of superseded) {
      await this.audit.append(tx, enrolmentRevoked(actor, staffId, s.id, 'superseded by a new enrolment'));
    }
    const id = `enr_${randomBytes(8).toString('hex')}`;
    const { code, codeHash } = newEnrolmentCode(id);
    const row = {
      id,
      staff_id: staffId,
      code_hash: codeHash,
      issued_by: issuedBy,
      created_at: now,
      expires_at: now + this.config.ttlMs,
      redeemed_at: null,
      token_id: null,
      revoked_at: null,
      revoked_by: null,
    };
    await tx.insertInto('staff_enrolments').values(row).execute();
    const message: EnrolmentMessage = {
      enrolmentId: id,
      staffId,
      name: staff.name,
      email: staff.email,
      code,
      redeemUrl: this.redeemUrl,
      expiresAt: row.expires_at,
      issuedBy,
    };
    await enqueue(tx, now, { kind: 'staff_enrolment', key: `enrolment:${id}`, payload: message });
    const enrolment = rowToEnrolment(row);
    await this.audit.append(tx, enrolmentStarted(actor, staff, { id, issuedBy, expiresAt: row.expires_at }));
    return enrolment;
  }

  /**
   * The holder redeems their code. A wrong, expired, used or revoked code gets
   * one answer and writes no credential (the failure is counted and audited,
   * as a failed sign-in is). Two redemptions racing with one code: one wins.
   */
  async redeem(tx: Db, input: Redemption): Promise<{ ok: true; value: Redeemed } | { ok: false; error: DomainError }> {
    if (input.password !== undefined && (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX)) {
      throw invalidInput([{ path: 'password', message: `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters` }]);
    }
    const now = this.clock.now();
    const parsed = parseEnrolmentCode(input.code);
    const row = parsed ? await tx.selectFrom('staff_enrolments').selectAll().where('id', '=', parsed.id).executeTakeFirst() : undefined;
    // the secret is compared even when there is no row, so timing does not say whether the id exists
    const secretOk = secretMatches(parsed?.secret ?? '', row?.code_hash ?? '0'.repeat(64)) && row !== undefined;
    const fail = (why: RedeemFailure) => this.recordFailure(tx, input.address, why, row?.id ?? null, row?.staff_id ?? null);
    if (!parsed) return fail('malformed');
    if (!row) return fail('unknown');
    if (!secretOk) return fail('wrong_secret');
    const state = enrolmentState(rowToEnrolment(row), now);
    if (state !== 'pending') return fail(state);
    const holder = await this.staff.get(tx, row.staff_id);
    const access = accessState(holder, now);
    if (access === 'offboarded' || access === 'ended') return fail('no_access');

    const used = await tx
      .updateTable('staff_enrolments')
      .set({ redeemed_at: now })
      .where('id', '=', row.id)
      .where('redeemed_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return fail('raced');

    const self: Actor = { kind: 'staff', id: holder.id };
    // the credential's provenance is the enrolment's: who started it issued it
    const token = await this.staff.issueToken(tx, self, holder.id, input.label ?? 'enrolment', undefined, { issuedBy: row.issued_by, enrolmentId: row.id });
    await tx.updateTable('staff_enrolments').set({ token_id: token.id }).where('id', '=', row.id).execute();
    let totp: Redeemed['totp'] = null;
    if (input.password !== undefined) {
      await this.credentials.setPassword(tx, self, holder.id, input.password);
      totp = await this.credentials.enrolTotp(tx, self, holder.id);
    }
    await this.audit.append(
      tx,
      enrolmentRedeemed(self, holder.id, {
        enrolmentId: row.id,
        issuedBy: row.issued_by,
        tokenId: token.id,
        passwordSet: input.password !== undefined,
        totpEnrolled: totp !== null,
        address: input.address,
      }),
    );
    return { ok: true, value: { staffId: holder.id, token, totp } };
  }

  async revoke(tx: Db, actor: Actor, staffId: string, enrolmentId: string): Promise<Enrolment> {
    const row = await tx.selectFrom('staff_enrolments').selectAll().where('id', '=', enrolmentId).where('staff_id', '=', staffId).executeTakeFirst();
    if (!row) throw notFound('enrolment', enrolmentId);
    const now = this.clock.now();
    const state = enrolmentState(rowToEnrolment(row), now);
    if (state !== 'pending') throw new DomainError('invalid_transition', `enrolment ${enrolmentId} is ${state}; only a pending one can be revoked`, { state });
    const by = issuerOf(actor);
    const r = await tx
      .updateTable('staff_enrolments')
      .set({ revoked_at: now, revoked_by: by })
      .where('id', '=', enrolmentId)
      .where('redeemed_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new DomainError('invalid_transition', `enrolment ${enrolmentId} is no longer pending`);
    await this.audit.append(tx, enrolmentRevoked(actor, staffId, enrolmentId));
    return rowToEnrolment({ ...row, revoked_at: now, revoked_by: by });
  }

  async list(db: Db, staffId: string): Promise<(Enrolment & { state: ReturnType<typeof enrolmentState> })[]> {
    const now = this.clock.now();
    const rows = await db.selectFrom('staff_enrolments').selectAll().where('staff_id', '=', staffId).orderBy('created_at', 'desc').execute();
    return rows.map(rowToEnrolment).map((e) => ({ ...e, state: enrolmentState(e, now) }));
  }

  /** A further token for the person asking, for themselves only. */
  async issueOwnToken(tx: Db, holder: Staff, label: string): Promise<{ id: string; token: string }> {
    return this.staff.issueToken(tx, { kind: 'staff', id: holder.id }, holder.id, label);
  }

  async revokeToken(tx: Db, actor: Actor, staffId: string, tokenId: string): Promise<TokenInfo> {
    const row = await tx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('staff_id', '=', staffId).executeTakeFirst();
    if (!row) throw notFound('token', tokenId);
    if (row.revoked_at !== null) throw new DomainError('invalid_transition', `token ${tokenId} was revoked at ${new Date(row.revoked_at).toISOString()}`);
    const now = this.clock.now();
    await tx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute();
    await this.audit.append(tx, tokenRevoked(actor, staffId, row));
    return { id: row.id, label: row.label, issuedBy: row.issued_by, enrolmentId: row.enrolment_id, createdAt: row.created_at, revokedAt: now };
  }

  /** A person's tokens, without their secrets (only hashes are kept anyway). */
  async tokens(db: Db, staffId: string): Promise<TokenInfo[]> {
    const rows = await db.selectFrom('api_tokens').selectAll().where('staff_id', '=', staffId).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, label: r.label, issuedBy: r.issued_by, enrolmentId: r.enrolment_id, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }

  // --- internals

  private async recordFailure(tx: Db, address: string, why: RedeemFailure, enrolmentId: string | null, staffId: string | null) {
    await tx.insertInto('login_attempts').values({ at: this.clock.now(), email: REDEEM_ATTEMPT_EMAIL, address, ok: 0 }).execute();
    await this.audit.append(tx, redeemFailed(why, address, enrolmentId, staffId));
    return { ok: false as const, error: new DomainError('invalid_credentials', 'unknown, expired, used or revoked enrolment code') };
  }
}
