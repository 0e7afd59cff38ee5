import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuditAppender } from '../audit/service.js';
import { type StaffAuditEvent, staffCreated, tokenIssued } from './events.js';
import type { Actor } from '../audit/model.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { StaffRow } from '../db/schema.js';
import { DomainError, conflict } from '../errors.js';
import type { Authorizer } from '../policy/authorizer.js';
import { type AccessState, type Employment, type Role, type Staff, accessState } from './model.js';
import { SYSTEM } from '../audit/model.js';
import { issuerOf } from '../credentials/model.js';
import { allStaff, insertStaff, rowToStaff, staffById, staffByTokenHash, staffIdWithEmail } from './store.js';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface NewStaff {
  id?: string;
  name: string;
  email: string;
  role: Role;
  employment: Employment;
  accessFrom?: number;
  accessUntil?: number | null;
}

export class StaffService {
  constructor(
    private readonly audit: AuditAppender<StaffAuditEvent>,
    private readonly clock: Clock,
    private readonly authorizer: Authorizer,
  ) {}

  /**
   * A new staff record, by a person or by the CLI. Roles that carry approvals
   * are not handed out by creating a record: the policy says which roles a
   * record may carry (policies/operations/staff.cedar); the others are given
   * only by an approved grant_role (or elevate), through the guard.
   */
  async create(tx: Db, actor: Actor, input: NewStaff): Promise<Staff> {
    const d = this.authorizer.createStaffAs(input.role);
    if (!d.allowed) {
      const why = d.rules.map((r) => r.reason).join('; ');
      throw new DomainError('invalid_input', `a new staff record cannot be ${input.role}: ${why}`, {
        fields: [{ path: 'role', message: why }],
        decision: d,
      });
    }
    return this.insert(tx, actor, input);
  }

  /**
   * Warden itself making a record of any role: the demo and test seeds, and
   * (the hook for it) the CLI's bootstrap of the first admins on an empty
   * store. Never reachable from the HTTP API; `created_by` is 'warden'.
   */
  async seed(tx: Db, input: NewStaff): Promise<Staff> {
    return this.insert(tx, SYSTEM, input);
  }

  /**
   * The CLI's bootstrap of the first admins of an empty store (see
   * src/credentials/bootstrap.ts, which decides whether it is still open):
   * any role, recorded as made by the bootstrap actor, never by a person.
   */
  async bootstrap(tx: Db, actor: Actor & { kind: 'system' }, input: NewStaff): Promise<Staff> {
    return this.insert(tx, actor, input);
  }

  private async insert(tx: Db, actor: Actor, input: NewStaff): Promise<Staff> {
    const now = this.clock.now();
    if ((await staffIdWithEmail(tx, input.email)) !== undefined) throw conflict(`staff with email ${input.email} already exists`, { field: 'email' });
    const row: StaffRow = {
      id: input.id ?? `stf_${randomUUID().slice(0, 8)}`,
      name: input.name,
      email: input.email,
      role: input.role,
      employment: input.employment,
      access_from: input.accessFrom ?? now,
      access_until: input.accessUntil ?? null,
      offboarded_at: null,
      created_at: now,
      access_end_processed_at: null,
      // provenance: an approval later counts only from people independent of whoever made this record
      created_by: actor.id,
      role_action_id: null,
      access_action_id: null,
    };
    await insertStaff(tx, row);
    const staff = rowToStaff(row);
    await this.audit.append(tx, staffCreated(actor, staff));
    return staff;
  }

  get(db: Db, id: string): Promise<Staff> {
    return staffById(db, id);
  }

  async list(db: Db): Promise<(Staff & { accessState: AccessState })[]> {
    const now = this.clock.now();
    return (await allStaff(db)).map((s) => ({ ...s, accessState: accessState(s, now) }));
  }

  /**
   * A new API token; only its hash is stored, the token is returned once.
   * An internal service call: the holder's own request (`/v1/me/tokens`), the
   * holder's redeemed enrolment, and seeds. No route or command hands its
   * result to anyone but the holder. `issuedBy` is the provenance the guard
   * reads (default: the actor).
   */
  async issueToken(
    tx: Db,
    actor: Actor,
    staffId: string,
    label: string,
    token?: string,
    provenance: { issuedBy?: string; enrolmentId?: string } = {},
  ): Promise<{ id: string; token: string }> {
    const staff = await this.get(tx, staffId);
    if (staff.offboardedAt !== null) throw new DomainError('conflict', `staff ${staffId} is offboarded`);
    const plain = token ?? `wdn_${randomBytes(24).toString('base64url')}`;
    const id = `tok_${randomUUID().slice(0, 8)}`;
    const issuedBy = provenance.issuedBy ?? issuerOf(actor);
    const enrolmentId = provenance.enrolmentId ?? null;
    await tx
      .insertInto('api_tokens')
      .values({
        id,
        staff_id: staffId,
        token_hash: hashToken(plain),
        label,
        created_at: this.clock.now(),
        revoked_at: null,
        issued_by: issuedBy,
        enrolment_id: enrolmentId,
      })
      .execute();
    await this.audit.append(tx, tokenIssued(actor, staffId, { id, label, issuedBy, enrolmentId }));
    return { id, token: plain };
  }

  /** The staff member behind a token, if the token is live. Access is judged by the caller. */
  async byToken(db: Db, token: string): Promise<Staff | null> {
    return staffByTokenHash(db, hashToken(token));
  }
}

/** The role a person acts with now: a live, approved elevation outranks their own. */
export async function effectiveRole(db: Db, staff: Staff, now: number): Promise<Role> {
  const elevation = await db
    .selectFrom('elevations')
    .select('role')
    .where('staff_id', '=', staff.id)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .where('revoked_at', 'is', null)
    .orderBy('ends_at', 'desc')
    .executeTakeFirst();
  return (elevation?.role as Role | undefined) ?? staff.role;
}
