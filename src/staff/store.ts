/**
 * The staff table's one reader and writer. Every other module asks here, in
 * the domain's words, inside the caller's transaction (`db` may be one); the
 * row's shape and its mapping to `Staff` live nowhere else.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB, StaffRow } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { Role, Staff } from './model.js';

export function rowToStaff(r: StaffRow): Staff {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    employment: r.employment,
    access: { from: r.access_from, until: r.access_until },
    offboardedAt: r.offboarded_at,
    createdAt: r.created_at,
  };
}

/** The person with this id, or undefined. */
export async function findStaff(db: Db, id: string): Promise<Staff | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToStaff(row) : undefined;
}

/** The person with this id; not_found if there is none. */
export async function staffById(db: Db, id: string): Promise<Staff> {
  const s = await findStaff(db, id);
  if (!s) throw notFound('staff', id);
  return s;
}

/** The people with these ids that exist, in no particular order (callers chunk long lists). */
export async function staffWithIds(db: Db, ids: readonly string[]): Promise<Staff[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('staff').selectAll().where('id', 'in', ids).execute();
  return rows.map(rowToStaff);
}

/** Everyone, by name. */
export async function allStaff(db: Db): Promise<Staff[]> {
  const rows = await db.selectFrom('staff').selectAll().orderBy('name').execute();
  return rows.map(rowToStaff);
}

/** Is there anyone on the store at all? */
export async function anyStaff(db: Db): Promise<boolean> {
  return (await db.selectFrom('staff').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The record holding exactly this address (addresses are unique in the store). */
export async function staffIdWithEmail(db: Db, email: string): Promise<string | undefined> {
  return (await db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirst())?.id;
}

/** The earliest record whose address is this one, compared in lower case (`email` already normalised). */
export async function staffByNormalisedEmail(db: Db, email: string): Promise<Staff | null> {
  const row = await db
    .selectFrom('staff')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .orderBy('created_at')
    .executeTakeFirst();
  return row ? rowToStaff(row) : null;
}

/** The person behind a live (unrevoked) API token, by the token's hash. */
export async function staffByTokenHash(db: Db, tokenHash: string): Promise<Staff | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('staff', 'staff.id', 'api_tokens.staff_id')
    .selectAll('staff')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? rowToStaff(row) : null;
}

export async function insertStaff(tx: Db, row: StaffRow): Promise<void> {
  await tx.insertInto('staff').values(row).execute();
}

/** Who made each part of a person's record: read by the independence rules (src/staff/independence.ts). */
export interface StaffProvenance {
  role: Role;
  createdBy: string | null;
  createdAt: number;
  /** the grant_role that set the current role, if any */
  roleActionId: string | null;
  /** the set_access that set the current access window, if any */
  accessActionId: string | null;
}

export async function staffProvenance(db: Db, staffId: string): Promise<StaffProvenance | undefined> {
  const s = await db
    .selectFrom('staff')
    .select(['role', 'created_by', 'created_at', 'role_action_id', 'access_action_id'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  return (
    s && {
      role: s.role,
      createdBy: s.created_by,
      createdAt: s.created_at,
      roleActionId: s.role_action_id,
      accessActionId: s.access_action_id,
    }
  );
}

/** An approved grant_role takes effect: the role, and the action that gave it (its provenance). */
export async function setRole(tx: Db, staffId: string, role: Role, actionId: string): Promise<void> {
  await tx.updateTable('staff').set({ role, role_action_id: actionId }).where('id', '=', staffId).execute();
}

/** An approved set_access takes effect; an end still ahead is swept again when it comes. */
export async function setAccessUntil(tx: Db, staffId: string, until: number, actionId: string, now: number): Promise<void> {
  await tx
    .updateTable('staff')
    .set({ access_until: until, access_action_id: actionId, ...(until > now ? { access_end_processed_at: null } : {}) })
    .where('id', '=', staffId)
    .execute();
}

/** Offboarded at `now`: access ends at `until`, and the end is already handled (the sweep passes it over). */
export async function recordOffboarding(tx: Db, staffId: string, now: number, until: number): Promise<void> {
  await tx
    .updateTable('staff')
    .set({ offboarded_at: now, access_until: until, access_end_processed_at: now })
    .where('id', '=', staffId)
    .execute();
}

/** People whose access window has closed by `now` and whose end nobody has handled yet. */
export async function unprocessedAccessEnds(tx: Db, now: number): Promise<{ id: string; accessUntil: number }[]> {
  const rows = await tx
    .selectFrom('staff')
    .select(['id', 'access_until'])
    .where('access_until', '<=', now)
    .where('access_end_processed_at', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.access_until === null ? [] : [{ id: r.id, accessUntil: r.access_until }]));
}

/** Take the handling of this person's access end: false if someone else already took it. */
export async function takeAccessEnd(tx: Db, staffId: string, now: number): Promise<boolean> {
  const taken = await tx
    .updateTable('staff')
    .set({ access_end_processed_at: now })
    .where('id', '=', staffId)
    .where('access_end_processed_at', 'is', null)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

/** How many records hold one of these roles, whatever their access. */
export async function countWithRoles(db: Db, roles: readonly Role[]): Promise<number> {
  // `in ()` is never written: no roles, nobody
  if (roles.length === 0) return 0;
  const r = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', 'in', roles)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const openAccess =
  (now: number) =>
  (eb: ExpressionBuilder<DB, 'staff'>): Expression<SqlBool> =>
    eb.and([
      eb('staff.offboarded_at', 'is', null),
      eb('staff.access_from', '<=', now),
      eb.or([eb('staff.access_until', 'is', null), eb('staff.access_until', '>', now)]),
    ]);

/** People holding one of these roles, with open access and a live API token: those who can act from the CLI. */
export async function countOpenWithTokens(db: Db, roles: readonly Role[], now: number): Promise<number> {
  if (roles.length === 0) return 0;
  const r = await db
    .selectFrom('staff')
    .innerJoin('api_tokens', 'api_tokens.staff_id', 'staff.id')
    .select((eb) => eb.fn.count<number>('staff.id').distinct().as('n'))
    .where('staff.role', 'in', roles)
    .where('api_tokens.revoked_at', 'is', null)
    .where(openAccess(now))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
