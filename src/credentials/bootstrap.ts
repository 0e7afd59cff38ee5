/**
 * Bootstrapping a fresh store from the CLI, before anyone holds a token: the
 * first admins may be created (and enrolled) without a credential, and only
 * while the store has fewer than two admins. After that, every such command
 * needs an admin's own token.
 *
 * "Fewer than two" counts every admin record, whatever its access, and every
 * bootstrap ever done: otherwise an insider holding one admin could offboard
 * the other and bootstrap themselves a second identity.
 */
import type { Actor } from '../audit/model.js';
import type { Db } from '../db/database.js';
import type { Role } from '../staff/model.js';

export const BOOTSTRAP_ACTOR = { kind: 'system', id: 'bootstrap' } as const satisfies Actor;

/** Bootstrap lasts while fewer admins than this have open access. */
export const BOOTSTRAP_ADMINS = 2;

const openAccess = (now: number) => (eb: any) =>
  eb.and([eb('staff.offboarded_at', 'is', null), eb('staff.access_from', '<=', now), eb.or([eb('staff.access_until', 'is', null), eb('staff.access_until', '>', now)])]);

/**
 * How far bootstrap has gone: admin records (any access state), and admins
 * created by bootstrap. `administrators` are the roles the policy lets
 * administer (src/policy/authorizer.ts `rolesPermitted`): who counts as an admin.
 */
export async function bootstrapState(db: Db, administrators: readonly Role[]): Promise<{ admins: number; bootstrapped: number; open: boolean }> {
  // should the policy let no role administer, nobody counts (and `in ()` is never written)
  const a = administrators.length === 0 ? { n: 0 } : await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).where('role', 'in', administrators).executeTakeFirstOrThrow();
  const b = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'staff.bootstrapped')
    .executeTakeFirstOrThrow();
  const admins = Number(a.n);
  const bootstrapped = Number(b.n);
  return { admins, bootstrapped, open: admins < BOOTSTRAP_ADMINS && bootstrapped < BOOTSTRAP_ADMINS };
}

/** Admins with open access who hold a live API token: those who can act from the CLI at all. */
export async function adminsHoldingTokens(db: Db, administrators: readonly Role[], now: number): Promise<number> {
  if (administrators.length === 0) return 0;
  const r = await db
    .selectFrom('staff')
    .innerJoin('api_tokens', 'api_tokens.staff_id', 'staff.id')
    .select((eb) => eb.fn.count<number>('staff.id').distinct().as('n'))
    .where('staff.role', 'in', administrators)
    .where('api_tokens.revoked_at', 'is', null)
    .where(openAccess(now))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
