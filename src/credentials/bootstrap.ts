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
import { countOpenWithTokens, countWithRoles } from '../staff/store.js';

export const BOOTSTRAP_ACTOR = { kind: 'system', id: 'bootstrap' } as const satisfies Actor;

/** Bootstrap lasts while fewer admins than this have open access. */
export const BOOTSTRAP_ADMINS = 2;

/**
 * How far bootstrap has gone: admin records (any access state), and admins
 * created by bootstrap. `administrators` are the roles the policy lets
 * administer (src/policy/authorizer.ts `rolesPermitted`): who counts as an admin.
 */
export async function bootstrapState(db: Db, administrators: readonly Role[]): Promise<{ admins: number; bootstrapped: number; open: boolean }> {
  // should the policy let no role administer, nobody counts
  const admins = await countWithRoles(db, administrators);
  const b = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'staff.bootstrapped')
    .executeTakeFirstOrThrow();
  const bootstrapped = Number(b.n);
  return { admins, bootstrapped, open: admins < BOOTSTRAP_ADMINS && bootstrapped < BOOTSTRAP_ADMINS };
}

/** Admins with open access who hold a live API token: those who can act from the CLI at all. */
export async function adminsHoldingTokens(db: Db, administrators: readonly Role[], now: number): Promise<number> {
  return countOpenWithTokens(db, administrators, now);
}
