/** The platform's accounts as Warden sees them. Pure. */
import { z } from 'zod';
import { MAX_FOLLOWERS, count, epochMs, id, serial, text } from '../bounds.js';
import type { FieldProblem } from '../errors.js';

export const TIERS = ['standard', 'elevated', 'critical'] as const;
export type Tier = (typeof TIERS)[number];
export const PROTECTED_TIERS: readonly Tier[] = ['elevated', 'critical'];
export const isProtected = (tier: Tier) => tier !== 'standard';

export const ACCOUNT_STATUSES = ['active', 'limited', 'locked', 'suspended', 'deactivated'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Account {
  id: string;
  handle: string;
  displayName: string;
  followers: number;
  verified: boolean;
  tier: Tier;
  status: AccountStatus;
  statusUntil: number | null;
  platformVersion: number;
  /** the most followers Warden has seen the account have: what the policy reads for a protected account */
  followersPeak: number;
  createdAt: number;
  updatedAt: number;
}

/** How many accounts one import may carry. */
export const MAX_IMPORT = 10_000;

const counted = z.number().int();
/** What an import did: the answer to the caller, and its `accounts.imported` audit entry. */
export const ImportResultSchema = z.object({
  created: counted,
  updated: counted,
  unchanged: counted,
  tierChanges: counted.describe('new accounts brought in with a protected tier; an existing tier never changes here'),
  statusChanges: counted.describe('always 0: an import never changes a status; kept for the shape clients know'),
  statusesNotAdopted: counted.describe("existing accounts whose status in the batch differed from Warden's, not adopted"),
  reachFalls: counted.describe('protected accounts whose count fell below half their peak (each audited: account.reach_fell)'),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** One account in an import or sync: what the platform knows, and optionally Warden's tier. */
export const AccountImportSchema = z.object({
  id: id(128),
  handle: id(64),
  displayName: text(256).default(''),
  followers: count(MAX_FOLLOWERS),
  verified: z.boolean().default(false),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  statusUntil: epochMs().nullable().default(null),
  version: serial().default(0),
  tier: z.enum(TIERS).optional(),
});
export type AccountImport = z.infer<typeof AccountImportSchema>;

/**
 * Import and sync describe accounts; they never decide them. What a batch may
 * not do, each problem named by the field (`accounts.<i>.tier`), so nothing of
 * it is written:
 * - change an existing account's tier (only an approved set_tier does);
 * - bring in a new protected account other than active (its status is set only by actions);
 * - name one account twice.
 * A status given for an existing account is not a problem: it is not adopted.
 */
export function importProblems(
  batch: readonly AccountImport[],
  existing: ReadonlyMap<string, Pick<Account, 'tier'>>,
  pathOf: (i: number) => string = (i) => `accounts.${i}`,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  for (const [i, a] of batch.entries()) {
    const first = seen.get(a.id);
    if (first !== undefined) {
      problems.push({ path: `${pathOf(i)}.id`, message: `account ${a.id} appears twice in the batch (also at ${first})` });
    }
    seen.set(a.id, first ?? i);
    const prev = existing.get(a.id);
    if (prev) {
      if (a.tier !== undefined && a.tier !== prev.tier) {
        problems.push({
          path: `${pathOf(i)}.tier`,
          message:
            `account ${a.id} is ${prev.tier}: an import never changes a tier (${prev.tier} → ${a.tier}); ` +
            'a tier changes only through an approved set_tier',
        });
      }
    } else if (isProtected(a.tier ?? 'standard') && (a.status !== 'active' || a.statusUntil !== null)) {
      const field = a.status !== 'active' ? 'status' : 'statusUntil';
      problems.push({
        path: `${pathOf(i)}.${field}`,
        message: `a new ${a.tier} account arrives active: a protected account's status is set only by actions`,
      });
    }
  }
  return problems;
}

/** Below this share of its peak, a protected account's reach has fallen suddenly: audited. */
export const REACH_FALL_SHARE = 0.5;

/**
 * The reach the policy reads: for a protected account the larger of the current
 * count and the peak, so a count dropped by an import does not lower what an action asks.
 */
export const reachOf = (a: { tier: Tier; followers: number; followersPeak: number }) =>
  isProtected(a.tier) ? Math.max(a.followers, a.followersPeak) : a.followers;
