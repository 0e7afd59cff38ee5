/**
 * Loading a policy set means holding it to the invariants (invariants.ts):
 * once per process for each version, and once per store — a store remembers
 * the sets it has seen pass, so a CLI command or a second instance opening it
 * does not ask the whole space again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/database.js';
import type { PolicyEngine } from './engine.js';
import { type Verification, describeBreach, verifyPolicy } from './invariants.js';

/**
 * What a recorded verification was made with: the invariants module's text, so a
 * verification made by an older or newer statement of the invariants is
 * never taken for one made by this one.
 */
export const INVARIANTS_VERSION = createHash('sha256')
  .update(readFileSync(fileURLToPath(new URL('./invariants.ts', import.meta.url))))
  .digest('hex')
  .slice(0, 16);

/** Verifications already made in this process, by policy version: a set's answers never change. */
const verified = new Map<string, Verification>();

export function verifyPolicyOnce(engine: PolicyEngine): Verification {
  let v = verified.get(engine.version);
  if (!v) verified.set(engine.version, (v = verifyPolicy(engine)));
  return v;
}

/** A verification made elsewhere (the compile worker) of a set this process will build. */
export function rememberVerification(v: Verification): void {
  verified.set(v.policyVersion, v);
}

/** A policy set that breaks an invariant: it does not load, and no change_policy may adopt it. */
export class PolicyInvariantError extends Error {
  constructor(readonly verification: Verification) {
    super(`policy set ${verification.policyVersion} breaks Warden's invariants:\n${describeBreach(verification)}`);
    this.name = 'PolicyInvariantError';
  }
}

/** `engine`, once it is known to keep every invariant; else PolicyInvariantError with the counterexamples. */
export function requireInvariants(engine: PolicyEngine): PolicyEngine {
  const v = verifyPolicyOnce(engine);
  if (v.counterexamples.length > 0) throw new PolicyInvariantError(v);
  return engine;
}

/**
 * `engine`, held to the invariants once per store: a set this store has seen
 * verified by these invariants (its record is written only after a passing
 * verification) is not asked the whole space again by every process that
 * opens the store — a CLI command, a second instance. Anyone who can write
 * that record can write the policy itself; the database is below the guard.
 */
export async function requireInvariantsIn(db: Db, engine: PolicyEngine, now: number): Promise<PolicyEngine> {
  const key = `policy_verified:${engine.version}`;
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (row && (JSON.parse(row.value) as { invariants?: string }).invariants === INVARIANTS_VERSION) return engine;
  requireInvariants(engine);
  const value = JSON.stringify({ invariants: INVARIANTS_VERSION });
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
  return engine;
}
