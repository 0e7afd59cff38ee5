/**
 * Enrolling a staff member's console credentials: a password (kept as an
 * argon2id hash) and a TOTP secret (kept encrypted when a key is configured).
 * Each change is audited; neither secret ever enters the log.
 */
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { type SessionAuditEvent, passwordSet, totpEnrolled } from './events.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { DomainError, invalidInput } from '../errors.js';
import { staffById } from '../staff/store.js';
import { PASSWORD_MAX, PASSWORD_MIN, type TotpVault, hashPassword, newTotpSecret, totpCode, totpUri } from './credentials.js';

export class CredentialEnrolment {
  constructor(
    private readonly audit: AuditAppender<SessionAuditEvent>,
    private readonly clock: Clock,
    private readonly vault: TotpVault,
    /** the issuer name authenticator apps show */
    private readonly totpIssuer: string,
  ) {}

  async setPassword(tx: Db, actor: Actor, staffId: string, password: string): Promise<void> {
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
      throw invalidInput([{ path: 'password', message: `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters` }]);
    }
    await staffById(tx, staffId);
    const now = this.clock.now();
    await this.upsertCredentials(tx, staffId, { password_hash: await hashPassword(password), password_set_at: now });
    await this.audit.append(tx, passwordSet(actor, staffId));
  }

  /** A new TOTP secret (or the one given: the demo's fixed ones); the old one stops working. */
  async enrolTotp(tx: Db, actor: Actor, staffId: string, secret = newTotpSecret()): Promise<{ secret: string; uri: string }> {
    const staff = await staffById(tx, staffId);
    const now = this.clock.now();
    await this.upsertCredentials(tx, staffId, { totp_secret: this.vault.seal(secret), totp_enrolled_at: now, totp_last_step: null });
    await this.audit.append(tx, totpEnrolled(actor, staffId));
    return { secret, uri: totpUri(secret, this.totpIssuer, staff.email) };
  }

  /** The code an enrolled person's authenticator shows now (demo and operators' tests). */
  async currentCode(db: Db, staffId: string): Promise<string> {
    const creds = await db.selectFrom('staff_credentials').select('totp_secret').where('staff_id', '=', staffId).executeTakeFirst();
    if (!creds?.totp_secret) throw new DomainError('conflict', `staff ${staffId} has no TOTP secret enrolled`);
    return totpCode(this.vault.open(creds.totp_secret), this.clock.now());
  }

  async hasCredentials(db: Db, staffId: string): Promise<boolean> {
    const c = await db.selectFrom('staff_credentials').select(['password_hash', 'totp_secret']).where('staff_id', '=', staffId).executeTakeFirst();
    return !!c?.password_hash && !!c.totp_secret;
  }

  private async upsertCredentials(tx: Db, staffId: string, values: Partial<{ password_hash: string; password_set_at: number; totp_secret: string; totp_enrolled_at: number; totp_last_step: number | null }>): Promise<void> {
    const exists = await tx.selectFrom('staff_credentials').select('staff_id').where('staff_id', '=', staffId).executeTakeFirst();
    if (exists) await tx.updateTable('staff_credentials').set(values).where('staff_id', '=', staffId).execute();
    else
      await tx
        .insertInto('staff_credentials')
        .values({ staff_id: staffId, password_hash: null, password_set_at: null, totp_secret: null, totp_enrolled_at: null, totp_last_step: null, ...values })
        .execute();
  }
}
