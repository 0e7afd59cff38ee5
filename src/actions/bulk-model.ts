/**
 * Bulk enforcement (a spam wave): one proposal over many accounts, with one
 * reason and one justification. Pure: what a bulk proposal is on the wire,
 * and what became of each target. Each target is still judged by the policy
 * on its own, as its own action (src/actions/bulk.ts): a protected account
 * hidden in the list, or one past the proposer's blast-radius budget, becomes
 * a proposal that waits for the approvals the policy demands.
 */
import { z } from 'zod';
import { id, text } from '../bounds.js';
import { PARAMS } from './kinds.js';
import { REASON_CODES, type ReasonCode } from './model.js';

/** The kinds a bulk may take: enforcement on accounts (a restore of a bulk is its own route). */
export const BULK_KINDS = ['warn', 'limit', 'lock', 'suspend', 'deactivate'] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

/** At most this many accounts in one bulk proposal. */
export const MAX_BULK_TARGETS = 100_000;
/** Targets proposed in one transaction: a crash loses at most one chunk's work, never half of one target's. */
export const BULK_CHUNK = 500;
/** At most this many waiting or refused targets are listed in an answer; the rest are counted (GET …/targets pages them). */
export const MAX_LISTED = 1_000;

const targetIds = z
  .array(id(128))
  .min(1, 'a bulk needs at least one account in targetIds')
  .max(MAX_BULK_TARGETS, `a bulk takes at most ${MAX_BULK_TARGETS} accounts`)
  .describe('the accounts, each judged and proposed on its own');

const COMMON = {
  targetIds,
  reasonCode: z.enum(REASON_CODES),
  justification: text(8000, 10).describe('one written justification for every target (at least 10 characters)'),
};

const variant = <K extends BulkKind>(kind: K) => z.object({ kind: z.literal(kind), ...COMMON, ...PARAMS[kind] });

export const BulkProposalSchema = z
  .discriminatedUnion('kind', [variant('warn'), variant('limit'), variant('lock'), variant('suspend'), variant('deactivate')], {
    error: (iss) => (iss.code === 'invalid_union' ? `a bulk's kind must be one of ${BULK_KINDS.join(', ')}` : undefined),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.targetIds.forEach((t, i) => {
      const first = seen.get(t);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['targetIds', i], message: `${t} is listed twice (also at ${first})` });
      else seen.set(t, i);
    });
  })
  .meta({ id: 'BulkProposal' });
export type BulkProposal = z.infer<typeof BulkProposalSchema>;

export const BulkRestoreSchema = z
  .object({
    reasonCode: z.enum(REASON_CODES).default('error_correction'),
    justification: text(8000, 10).describe('why the bulk is undone (at least 10 characters)'),
  })
  .meta({ id: 'BulkRestore' });
export type BulkRestore = z.infer<typeof BulkRestoreSchema>;

export type BulkOutcome = 'executed' | 'waiting' | 'refused';

/** What became of one target. */
export interface BulkTarget {
  accountId: string;
  actionId: string | null;
  outcome: BulkOutcome;
  /** waiting: what the policy still demands; refused: the rule or the problem */
  why: string | null;
}

export interface Bulk {
  id: string;
  kind: BulkKind | 'restore';
  reasonCode: ReasonCode;
  justification: string;
  proposerId: string;
  proposedAt: number;
  restoresBulkId: string | null;
  targets: number;
  executed: number;
  waiting: number;
  refused: number;
}

/** The counts of each outcome among targets. */
export function tally(targets: readonly Pick<BulkTarget, 'outcome'>[]): Record<BulkOutcome, number> {
  const out: Record<BulkOutcome, number> = { executed: 0, waiting: 0, refused: 0 };
  for (const t of targets) out[t.outcome] += 1;
  return out;
}
